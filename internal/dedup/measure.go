package dedup

import (
	"bufio"
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"

	"rasd/internal/event"
)

// Group is one labelled occurrence of testdata/groups.jsonl: the articles
// that report it, each with the sentences that do. Labels name sentences,
// not system events, so that they stay true whatever the extractor does.
type Group struct {
	ID         string   `json:"group"`
	EventType  string   `json:"event_type"`
	Date       string   `json:"date"`
	Place      string   `json:"place"`
	Note       string   `json:"note"`
	NearMisses []string `json:"near_misses"`
	Reports    []Report `json:"members"`
}

// Report is one article's account of a labelled occurrence.
type Report struct {
	DocID     string  `json:"doc_id"`
	Source    string  `json:"source"`
	Published string  `json:"published"`
	Spans     []Range `json:"spans"`
	// Background marks an article that recalls the occurrence (a funeral
	// report, a follow-up) rather than reporting it as news. Whether it
	// joins the event is left open: its pairs within the group are not
	// scored; with other groups' reports it must not merge, as any report.
	Background bool `json:"background,omitempty"`
}

// Range is a sentence of the article text in code points, end exclusive.
type Range struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// ReadGroups reads labelled groups, one JSON object a line, and checks that
// they hang together: unique ids, near misses that exist, reports with
// spans, no article twice in one group.
func ReadGroups(r io.Reader) ([]Group, error) {
	var groups []Group
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<16), 1<<22)
	for line := 1; sc.Scan(); line++ {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var g Group
		if err := json.Unmarshal(sc.Bytes(), &g); err != nil {
			return nil, fmt.Errorf("line %d: %v", line, err)
		}
		groups = append(groups, g)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(groups) == 0 {
		return nil, ErrNoGroups
	}
	ids := map[string]bool{}
	for _, g := range groups {
		if g.ID == "" || ids[g.ID] {
			return nil, fmt.Errorf("group id %q missing or repeated", g.ID)
		}
		ids[g.ID] = true
	}
	for _, g := range groups {
		if len(g.Reports) == 0 {
			return nil, fmt.Errorf("group %s has no reports", g.ID)
		}
		for _, n := range g.NearMisses {
			if !ids[n] || n == g.ID {
				return nil, fmt.Errorf("group %s: near miss %q is not another group", g.ID, n)
			}
		}
		docs := map[string]bool{}
		for _, r := range g.Reports {
			if docs[r.DocID] {
				return nil, fmt.Errorf("group %s lists %s twice", g.ID, r.DocID)
			}
			docs[r.DocID] = true
			if len(r.Spans) == 0 {
				return nil, fmt.Errorf("group %s: %s has no spans", g.ID, r.DocID)
			}
			for _, s := range r.Spans {
				if s.Start < 0 || s.End <= s.Start {
					return nil, fmt.Errorf("group %s: %s has a bad span %d..%d", g.ID, r.DocID, s.Start, s.End)
				}
			}
		}
	}
	return groups, nil
}

//go:embed testdata/groups.jsonl
var labelled []byte

// Labelled returns the labelled duplicate groups shipped with the package
// (testdata/README.md says where they come from).
func Labelled() ([]Group, error) { return ReadGroups(bytes.NewReader(labelled)) }

// reportKey names one (article, occurrence) report.
type reportKey struct {
	doc, group string
	background bool
}

// Pair is one labelled article pair the system got wrong.
type Pair struct {
	A, B   reportKey
	Reason string
}

func (p Pair) String() string {
	return fmt.Sprintf("%s (%s) / %s (%s): %s", p.A.doc, p.A.group, p.B.doc, p.B.group, p.Reason)
}

// Score is pairwise precision and recall over labelled article pairs: a
// pair is predicted the same occurrence when some system event mapped to
// one report shares a cluster with some event mapped to the other.
type Score struct {
	Reports, Mapped           int // labelled reports; those with a system event mapped to them
	Events, Clusters          int // system events clustered; clusters formed
	Positives, Found          int // pairs of reports of one occurrence; those predicted the same
	BothMapped, FoundOfMapped int // the positive pairs whose two reports have a mapped event; those found
	Negatives, Merged         int // pairs of reports of different occurrences; those predicted the same
	Hard, HardMerged          int // the negatives between near-miss groups; those predicted the same
	Missed, FalseMerges       []Pair
	Unmapped                  []string // reports no system event maps to, with what the article's events were
	// Elsewhere lists the missed pairs one of whose reports has no
	// mapped event but whose article has an event, outside the labelled
	// sentences, in a cluster with the other report's mapped event: the
	// extractor read the occurrence from a later sentence (a detail, a
	// second account) and merging joined it. They stay missed: a report
	// is scored by the sentences its label names.
	Elsewhere []Pair
}

// Precision is Found / (Found + Merged); 0 when nothing was predicted.
func (s Score) Precision() float64 { return ratio(s.Found, s.Found+s.Merged) }

// Recall is Found / Positives.
func (s Score) Recall() float64 { return ratio(s.Found, s.Positives) }

// MappedRecall is recall over the positive pairs whose two reports the
// extractor produced an event for: how well dedup does with what it is
// given.
func (s Score) MappedRecall() float64 { return ratio(s.FoundOfMapped, s.BothMapped) }

// HardPrecision counts only the near-miss negatives against what was found.
func (s Score) HardPrecision() float64 { return ratio(s.Found, s.Found+s.HardMerged) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func (s Score) String() string {
	return fmt.Sprintf("reports %d (mapped %d), events %d in %d clusters; positive pairs %d, found %d: recall %.3f "+
		"(of the %d pairs with both reports mapped, %d found: %.3f); "+
		"negative pairs %d, merged %d: precision %.3f; hard negatives %d, merged %d: precision against them %.3f",
		s.Reports, s.Mapped, s.Events, s.Clusters, s.Positives, s.Found, s.Recall(), s.BothMapped, s.FoundOfMapped, s.MappedRecall(),
		s.Negatives, s.Merged, s.Precision(), s.Hard, s.HardMerged, s.HardPrecision())
}

// Evaluate clusters the events of results (in their order, as a store
// would ingest them) and scores the clusters against the labelled groups.
// results may hold unlabelled documents too: their events take part in the
// clustering, as they would in a store, but no pair is scored on them. Each
// system event is mapped to the labelled report of its document whose
// sentences its evidence overlaps, when the event type agrees.
func Evaluate(groups []Group, results []event.Result) (Score, error) {
	var sc Score
	byDoc := map[string][]*Group{}
	for i := range groups {
		g := &groups[i]
		for _, r := range g.Reports {
			byDoc[r.DocID] = append(byDoc[r.DocID], g)
		}
		sc.Reports += len(g.Reports)
	}
	var members []Member
	mapped := map[reportKey][]int{}
	articleEvents := map[string][]int{} // an article's events, mapped or not
	seenDoc := map[string]bool{}
	for _, res := range results {
		if seenDoc[res.Doc.ID] {
			return sc, fmt.Errorf("document %s given twice", res.Doc.ID)
		}
		seenDoc[res.Doc.ID] = true
		first := len(members)
		for _, ev := range res.Events {
			articleEvents[res.Doc.ID] = append(articleEvents[res.Doc.ID], len(members))
			members = append(members, Member{Doc: res.Doc, Event: ev})
		}
		for _, g := range byDoc[res.Doc.ID] {
			r := g.report(res.Doc.ID)
			k := reportKey{res.Doc.ID, g.ID, r.Background}
			mapped[k] = mapReport(members[first:], first, g, r)
		}
	}
	for doc := range byDoc {
		if !seenDoc[doc] {
			return sc, fmt.Errorf("labelled document %s is not among the results", doc)
		}
	}
	sc.Events = len(members)
	clusters := Cluster(members)
	sc.Clusters = len(clusters)
	clusterOf := make([]int, len(members))
	for c, ms := range clusters {
		for _, m := range ms {
			clusterOf[m] = c
		}
	}
	records := make([]event.Stored, len(clusters))
	for c, ms := range clusters {
		group := make([]Member, len(ms))
		for j, m := range ms {
			group[j] = members[m]
		}
		records[c] = Merge(fmt.Sprint(c), group)
	}

	var keys []reportKey
	for _, g := range groups {
		for _, r := range g.Reports {
			k := reportKey{r.DocID, g.ID, r.Background}
			keys = append(keys, k)
			if len(mapped[k]) > 0 {
				sc.Mapped++
			} else {
				sc.Unmapped = append(sc.Unmapped, fmt.Sprintf("%s (%s, %s): %s", k.doc, k.group, g.EventType, eventsOf(members, k.doc)))
			}
		}
	}
	near := map[[2]string]bool{}
	for _, g := range groups {
		for _, n := range g.NearMisses {
			near[[2]string{g.ID, n}] = true
		}
	}
	for i, a := range keys {
		for _, b := range keys[i+1:] {
			if a.doc == b.doc {
				continue
			}
			same := sharesCluster(mapped[a], mapped[b], clusterOf)
			switch {
			case a.group == b.group && (a.background || b.background):
				continue
			case a.group == b.group:
				sc.Positives++
				both := len(mapped[a]) > 0 && len(mapped[b]) > 0
				if both {
					sc.BothMapped++
				}
				if same {
					sc.Found++
					if both {
						sc.FoundOfMapped++
					}
				} else {
					sc.Missed = append(sc.Missed, Pair{a, b, whyApart(mapped[a], mapped[b], members, clusterOf, records)})
					if len(mapped[a]) == 0 && sharesCluster(articleEvents[a.doc], mapped[b], clusterOf) ||
						len(mapped[b]) == 0 && sharesCluster(mapped[a], articleEvents[b.doc], clusterOf) {
						sc.Elsewhere = append(sc.Elsewhere, sc.Missed[len(sc.Missed)-1])
					}
				}
			default:
				sc.Negatives++
				hard := near[[2]string{a.group, b.group}]
				if hard {
					sc.Hard++
				}
				if same {
					sc.Merged++
					if hard {
						sc.HardMerged++
					}
					sc.FalseMerges = append(sc.FalseMerges, Pair{a, b, "merged: " + howJoined(mapped[a], mapped[b], clusterOf, records)})
				}
			}
		}
	}
	return sc, nil
}

// mapReport returns the indices (offset by first) of the events of one
// article that stand for its labelled report: those of the labelled event
// type whose evidence overlaps the labelled sentences, or failing any,
// those of the type's family. The extractor often reads a raid as a battle
// or an attack on civilians and the matcher may merge across the family;
// but an article that has an event of the labelled type there is mapped
// by it alone, as its other events are more often other occurrences the
// same sentence mentions.
func mapReport(events []Member, first int, g *Group, r *Report) []int {
	var same, family []int
	for i := range events {
		ev := &events[i].Event
		if !overlaps(ev.Evidence, r.Spans) {
			continue
		}
		if ev.EventType == g.EventType {
			same = append(same, first+i)
		}
		if labelFamily(g.EventType) == Family(ev.EventType, ev.SubEventType) {
			family = append(family, first+i)
		}
	}
	if len(same) > 0 {
		return same
	}
	return family
}

func (g *Group) report(doc string) *Report {
	for i := range g.Reports {
		if g.Reports[i].DocID == doc {
			return &g.Reports[i]
		}
	}
	return nil
}

func overlaps(evidence []event.Span, spans []Range) bool {
	for _, e := range evidence {
		for _, s := range spans {
			if e.Start < s.End && s.Start < e.End {
				return true
			}
		}
	}
	return false
}

func sharesCluster(a, b []int, clusterOf []int) bool {
	for _, i := range a {
		for _, j := range b {
			if clusterOf[i] == clusterOf[j] {
				return true
			}
		}
	}
	return false
}

// whyApart explains a missed pair: an unmapped side, or the rule that kept
// the second report's event out of the first one's cluster.
func whyApart(a, b []int, members []Member, clusterOf []int, records []event.Stored) string {
	switch {
	case len(a) == 0 && len(b) == 0:
		return "neither article has a mapped event"
	case len(a) == 0:
		return "first article has no mapped event"
	case len(b) == 0:
		return "second article has no mapped event"
	}
	var reasons []string
	for _, i := range a {
		for _, j := range b {
			c := &records[clusterOf[i]]
			why := "would match, but joined a better cluster"
			if v := judge(c, members[j].Doc, &members[j].Event, true); v.rule != fits {
				why = v.rule.explain(c, &members[j].Event)
				if v.words >= 0 {
					why += fmt.Sprintf(" (wording %.2f, names %d, toll %.1f)", v.words, v.names, v.toll)
				}
			}
			reasons = append(reasons, why)
		}
	}
	sort.Strings(reasons)
	return strings.Join(slices.Compact(reasons), "; ")
}

func eventsOf(members []Member, doc string) string {
	var parts []string
	for _, m := range members {
		if m.Doc.ID == doc {
			e := m.Event
			parts = append(parts, fmt.Sprintf("%s@%v", e.SubEventType, evidenceStarts(e.Evidence)))
		}
	}
	if len(parts) == 0 {
		return "no events"
	}
	return strings.Join(parts, ", ")
}

func evidenceStarts(spans []event.Span) []int {
	out := make([]int, len(spans))
	for i, s := range spans {
		out[i] = s.Start
	}
	return out
}

// ErrNoGroups is returned when a groups file holds none.
var ErrNoGroups = errors.New("no labelled groups")

// labelFamily is the family of a labelled occurrence's type. Labels give
// no sub type; every labelled strategic development is an intercepted
// missile or drone (Disrupted weapons use), which outlets report as the
// attack it was meant to be.
func labelFamily(eventType string) string { return Family(eventType, disruptedWeapon) }

// howJoined shows the decisions that put two reports' events in one
// cluster: each source of the cluster with the signals that joined it.
func howJoined(a, b []int, clusterOf []int, records []event.Stored) string {
	for _, i := range a {
		for _, j := range b {
			if clusterOf[i] != clusterOf[j] {
				continue
			}
			var parts []string
			for _, s := range records[clusterOf[i]].Sources {
				p := s.DocID
				if s.Why != nil {
					p += fmt.Sprintf(" joined at %.2f (", s.Why.Score)
					for _, sg := range s.Why.Signals {
						p += fmt.Sprintf("%s %.2f [%s] ", sg.Name, sg.Value, sg.Note)
					}
					p += ")"
				}
				parts = append(parts, p)
			}
			return strings.Join(parts, "\n\t\t")
		}
	}
	return ""
}
