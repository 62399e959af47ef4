package dedup

// The measurement on real articles: the labelled groups of testdata read
// against the bench corpus in ../shared. It skips, saying so, when ../shared
// is absent.

import (
	"compress/gzip"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"rasd/internal/document"
	"sort"
	"strings"
	"testing"

	"rasd/internal/event"
	"rasd/internal/extract"
	"rasd/internal/ingest"
	"rasd/internal/mention"
)

const benchFile = "data/bench/ant-2018-news.jsonl.gz"

// readBench returns the bench documents keep accepts, in the order a store
// fed by date would see them: by publication time, then id.
func readBench(t *testing.T, keep func(*document.Document) bool) []*document.Document {
	t.Helper()
	path := filepath.Join("..", "..", "..", "shared", benchFile)
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		t.Skipf("%s is absent (../shared beside the repository holds the bench corpus): skipping", path)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	var docs []*document.Document
	err = ingest.ReadJSONL(zr, func(d *document.Document, err error) error {
		if err == nil && keep(d) {
			docs = append(docs, d)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.SliceStable(docs, func(i, j int) bool {
		if !docs[i].Published.Equal(docs[j].Published) {
			return docs[i].Published.Before(docs[j].Published)
		}
		return docs[i].ID < docs[j].ID
	})
	return docs
}

// TestMeasureOnLabelledGroups reports pairwise precision and recall of
// Cluster over the labelled articles, and fails below floors of both
// (go test -run Measure -v prints the figures and every error).
//
// RASD_DEDUP_DISTRACTORS=1 adds every other article of the corpus to the
// clustering, as a store holding the whole corpus would see them.
func TestMeasureOnLabelledGroups(t *testing.T) {
	groups, err := Labelled()
	if err != nil {
		t.Fatal(err)
	}
	labelled := map[string]bool{}
	for _, g := range groups {
		for _, r := range g.Reports {
			labelled[r.DocID] = true
		}
	}
	all := os.Getenv("RASD_DEDUP_DISTRACTORS") == "1"
	docs := readBench(t, func(d *document.Document) bool { return all || labelled[d.ID] })

	lex, err := mention.Load()
	if err != nil {
		t.Fatal(err)
	}
	x := extract.New(lex)
	results := make([]event.Result, len(docs))
	found := map[string]bool{}
	for i, d := range docs {
		results[i] = x.Extract(d)
		found[d.ID] = true
		if labelled[d.ID] {
			checkSpans(t, groups, d)
		}
	}
	for id := range labelled {
		if !found[id] {
			t.Fatalf("labelled article %s is not in the bench corpus", id)
		}
	}

	sc, err := Evaluate(groups, results)
	if err != nil {
		t.Fatal(err)
	}
	t.Log(sc)
	for _, u := range sc.Unmapped {
		t.Log("unmapped: ", u)
	}
	for _, p := range sc.Missed {
		t.Log("missed:   ", p)
	}
	for _, p := range sc.FalseMerges {
		t.Log("merged:   ", p)
	}
	t.Log("missed pairs by the first rule that keeps them apart:", missedByRule(sc.Missed))
	for _, p := range sc.Elsewhere {
		t.Log("missed, but the article's event outside the labelled sentences joined: ", p.A.doc, "/", p.B.doc, "(", p.A.group, ")")
	}

	// True by construction, whatever the rules and the extractor do.
	if sc.Found+len(sc.Missed) != sc.Positives || sc.FoundOfMapped > sc.BothMapped || sc.BothMapped > sc.Positives || sc.Merged != len(sc.FalseMerges) || sc.HardMerged > sc.Merged || sc.Hard > sc.Negatives {
		t.Errorf("pair counts do not add up: %+v", sc)
	}
	if sc.Mapped+len(sc.Unmapped) != sc.Reports {
		t.Errorf("%d mapped + %d unmapped reports, want %d", sc.Mapped, len(sc.Unmapped), sc.Reports)
	}
	if sc.Positives < 100 {
		t.Errorf("the labelled set has %d positive pairs, want at least 100", sc.Positives)
	}
	if len(groups) < 80 {
		t.Errorf("the labelled set has %d occurrences, want at least 80", len(groups))
	}
	// Floors a little under the figures of the extractor and rules this
	// test was last tuned with (docs/design.md): a change that loses more
	// fails here. Issue 10 asks for 0.90 and 0.85. What recall misses is
	// mostly extraction's: no event over the labelled sentences of 10 of
	// the reports (16 of the 33 pairs still missed), and the wrong place,
	// type or date for most of the rest.
	if all {
		return // the floors are for the labelled articles alone
	}
	if p := sc.Precision(); p < minPrecision {
		t.Errorf("pairwise precision %.3f, below the floor of %.2f", p, minPrecision)
	}
	if r := sc.Recall(); r < minRecall {
		t.Errorf("pairwise recall %.3f, below the floor of %.2f", r, minRecall)
	}
}

// The floors of TestMeasureOnLabelledGroups, on the labelled articles alone,
// just under what the merging rules reach with the extraction they run on
// (P 0.958, R 0.861 when set, branch dedup5 on main's extraction at
// 8afc5da: two known look-alike groups, Eastern Ghouta's fronts of 19–20
// March and Alexandria's of 24–25 March, merge). Recall 0.85 is two pairs
// under it.
const (
	minPrecision = 0.95
	minRecall    = 0.85
)

// checkSpans makes sure every labelled span of d lies inside its text and
// starts and ends a sentence, so that labels keep pointing at what they say.
func checkSpans(t *testing.T, groups []Group, d *document.Document) {
	t.Helper()
	text := []rune(d.Text)
	for _, g := range groups {
		r := g.report(d.ID)
		if r == nil {
			continue
		}
		for _, s := range r.Spans {
			if s.End > len(text) {
				t.Errorf("%s (%s): span %d..%d beyond the text (%d code points)", d.ID, g.ID, s.Start, s.End, len(text))
				continue
			}
			sentence := string(text[s.Start:s.End])
			if strings.TrimSpace(sentence) != sentence || sentence == "" {
				t.Errorf("%s (%s): span %d..%d is not a trimmed sentence: %q", d.ID, g.ID, s.Start, s.End, abbreviate(sentence))
			}
		}
	}
}

func abbreviate(s string) string {
	r := []rune(s)
	if len(r) > 40 {
		return fmt.Sprintf("%s…", string(r[:40]))
	}
	return s
}

// afrin are the four bench reports of the Turkish army's eight soldiers
// killed in Afrin on Thursday 1 March 2018 (issue 10): one misdates it to
// the offensive's start in January, one also gives the Observatory's
// higher toll of the next day.
var afrin = []string{"SK-middleEast-175-20180301", "BB-middleEast-124-20180302", "SK-middleEast-166-20180302", "SK-middleEast-165-20180302"}

// TestAfrinIsOneEvent clusters the four reports with the rest of the
// bench articles of their days and wants one event with the four, the
// army's toll as the count and the Observatory's as the top of the range.
func TestAfrinIsOneEvent(t *testing.T) {
	docs := readBench(t, func(d *document.Document) bool {
		day := d.Published.UTC().Format("2006-01-02")
		return day >= "2018-02-27" && day <= "2018-03-04"
	})
	lex, err := mention.Load()
	if err != nil {
		t.Fatal(err)
	}
	x := extract.New(lex)
	var members []Member
	for _, d := range docs {
		res := x.Extract(d)
		for _, e := range res.Events {
			members = append(members, Member{Doc: res.Doc, Event: e})
		}
	}
	want := map[string]bool{}
	for _, id := range afrin {
		want[id] = true
	}
	for _, g := range Cluster(members) {
		ms := make([]Member, len(g))
		docs := map[string]bool{}
		for i, k := range g {
			ms[i] = members[k]
			docs[members[k].Doc.ID] = true
		}
		if !docs[afrin[0]] || ms[0].Event.Location == nil || ms[0].Event.Location.NameEN != "‘Afrīn" {
			continue
		}
		st := Merge("afrin", ms)
		for _, s := range st.Sources {
			t.Logf("%s %s %+v", s.DocID, s.EventID, s.Why)
		}
		for id := range want {
			if !docs[id] {
				t.Errorf("the Afrin event lacks %s", id)
			}
		}
		// Known, and left to the extractor: a seminar report with an
		// undated Turkish "operation in Afrin" and the Turkish strikes on
		// pro-government forces of the same Thursday join it too.
		if len(docs) != len(want) {
			t.Logf("the Afrin event has %d documents, %d of them the labelled reports", len(docs), len(want))
		}
		if f := st.Fatalities; f == nil {
			t.Error("no fatalities")
		} else if f.Count != 8 || f.Max == nil || *f.Max < 15 {
			t.Errorf("fatalities %d up to %d, want 8 up to 15 or more", f.Count, deref(f.Max))
		}
		return
	}
	t.Errorf("no event of %s in Afrin", afrin[0])
}

func deref(p *int) int {
	if p == nil {
		return -1
	}
	return *p
}

// missedByRule counts missed pairs by the first rule their reason names
// (a chemical attack read against a strike apart from the other fields in
// doubt, since it is extraction's), for docs/design.md's why-apart table.
func missedByRule(missed []Pair) string {
	counts := map[string]int{}
	for _, p := range missed {
		r := p.Reason
		if i := strings.IndexAny(r, ":;("); i > 0 {
			r = strings.TrimSpace(r[:i])
		}
		if strings.HasPrefix(r, "fields in doubt") && strings.Contains(p.Reason, chemical) {
			r += ", a chemical attack"
		}
		counts[r]++
	}
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		fmt.Fprintf(&b, "\n\t%3d %s", counts[k], k)
	}
	return b.String()
}
