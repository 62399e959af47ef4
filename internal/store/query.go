package store

import (
	"slices"
	"strconv"
	"strings"

	"rasd/internal/event"
)

// dialect is what differs between the two databases in the queries that
// select merged events: both build them here, from the same Filter, so a
// filter means the same in each.
type dialect struct {
	// placeholder is the n-th (1-based) parameter.
	placeholder func(n int) string
	// date turns a YYYY-MM-DD string into the value the driver binds.
	date func(s string) any
	// boolean is the value a boolean column is compared with.
	boolean func(b bool) any
	// textMatch is the condition that some document of cluster c contains
	// every one of words.
	textMatch func(q *query, words []string) string
	// limit is the LIMIT/OFFSET clause; limit 0 means none.
	limit func(q *query, limit, offset int) string
}

// query accumulates the conditions and parameters of one statement.
type query struct {
	d     *dialect
	args  []any
	conds []string
}

// arg binds v and returns its placeholder.
func (q *query) arg(v any) string {
	q.args = append(q.args, v)
	return q.d.placeholder(len(q.args))
}

func (q *query) where() string {
	if len(q.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(q.conds, " AND ")
}

// filter returns the conditions on clusters c that f asks for; f must be
// normalized.
func (d *dialect) filter(f Filter) *query {
	q := &query{d: d}
	add := func(c string) { q.conds = append(q.conds, c) }
	if !f.Since.IsZero() {
		add("c.event_date >= " + q.arg(d.date(day(f.Since))))
	}
	if !f.Until.IsZero() {
		add("c.event_date <= " + q.arg(d.date(day(f.Until))))
	}
	if len(f.Types) > 0 {
		// Event types are compared with event_type only and sub-event
		// types with sub_event_type only (no name is both), so that each
		// side can be read from its own index.
		var types, subTypes []string
		for _, t := range f.Types {
			if isEventType(t) {
				types = append(types, t)
			} else {
				subTypes = append(subTypes, t)
			}
		}
		var either []string
		if len(types) > 0 {
			either = append(either, "c.event_type"+q.in(types))
		}
		if len(subTypes) > 0 {
			either = append(either, "c.sub_event_type"+q.in(subTypes))
		}
		if len(either) == 1 {
			add(either[0])
		} else {
			add("(" + strings.Join(either, " OR ") + ")")
		}
	}
	if f.Actor != "" {
		// IN rather than EXISTS per row: the actor's clusters are one range
		// of cluster_actors' key, read once.
		add("c.seq IN (SELECT a.cluster FROM cluster_actors a WHERE a.actor_id = " + q.arg(f.Actor) + ")")
	}
	switch len(f.admin1Codes) {
	case 0:
	case 1:
		// A province is compared by its code alone: every event the
		// gazetteer places in one carries both, and the code is indexed.
		add("c.admin1_code = " + q.arg(f.admin1Codes[0]))
	default:
		add("c.admin1_code" + q.in(f.admin1Codes))
	}
	if f.Country != "" {
		add("c.country = " + q.arg(f.Country))
	}
	if b := f.BBox; b != nil {
		add("c.lon >= " + q.arg(b.MinLon) + " AND c.lon <= " + q.arg(b.MaxLon) +
			" AND c.lat >= " + q.arg(b.MinLat) + " AND c.lat <= " + q.arg(b.MaxLat))
	}
	if f.Background != nil {
		add("c.background = " + q.arg(d.boolean(*f.Background)))
	}
	if f.Text != "" {
		add(d.textMatch(q, queryWords(f.Text)))
	}
	return q
}

// isEventType tells an event type from a sub-event type, both canonical.
func isEventType(t string) bool { return slices.Contains(event.EventTypes, t) }

// in is " IN (…)" with one parameter per value.
func (q *query) in(values []string) string {
	ph := make([]string, len(values))
	for i, v := range values {
		ph[i] = q.arg(v)
	}
	return " IN (" + strings.Join(ph, ", ") + ")"
}

// listQuery is the statement of Events. With a limit or an offset the page
// is chosen first on the filter columns alone, which the indexes hold, and
// only its clusters' records are read: a sort or an offset never reads the
// records of the rows it passes over (sorting Battles by fatalities read
// all 25,000 of them, 95 ms, on a store of 103,000 merged events).
func (d *dialect) listQuery(f Filter) (string, []any) {
	if f.Limit == 0 && f.Offset == 0 {
		q := d.filter(f)
		return "SELECT c.record FROM clusters c" + q.where() + orderBy(f.Sort), q.args
	}
	page, args := d.pageQuery(f)
	return "SELECT c.record FROM clusters c JOIN (" + page + ") page ON page.seq = c.seq" + orderBy(f.Sort), args
}

// pageQuery selects the seqs of the clusters of one page.
func (d *dialect) pageQuery(f Filter) (string, []any) {
	q := d.filter(f)
	return "SELECT c.seq FROM clusters c" + q.where() + orderBy(f.Sort) + d.limit(q, f.Limit, f.Offset), q.args
}

// countQuery is the statement of CountEvents.
func (d *dialect) countQuery(f Filter) (string, []any) {
	q := d.filter(f)
	return "SELECT count(*) FROM clusters c" + q.where(), q.args
}

// orderBy is f.Sort in SQL. NULLS LAST is spelled out because the two
// databases disagree on where NULL goes by default; seq breaks ties so that
// pages never overlap.
func orderBy(sort string) string {
	switch sort {
	case "-date":
		return " ORDER BY c.event_date ASC NULLS LAST, c.seq ASC"
	case "fatalities":
		return " ORDER BY c.fatalities DESC, c.event_date DESC NULLS LAST, c.seq DESC"
	}
	return " ORDER BY c.event_date DESC NULLS LAST, c.seq DESC"
}

func numbered(prefix string) func(int) string {
	return func(n int) string { return prefix + strconv.Itoa(n) }
}
