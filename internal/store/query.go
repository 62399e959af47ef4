package store

import (
	"strconv"
	"strings"
)

// dialect is what differs between the two databases in the queries that
// select merged events: both build them here, from the same Filter, so a
// filter means the same in each.
type dialect struct {
	// placeholder is the n-th (1-based) parameter.
	placeholder func(n int) string
	// date turns a YYYY-MM-DD string into the value the driver binds.
	date func(s string) any
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
		ph := make([]string, len(f.Types))
		for i, t := range f.Types {
			ph[i] = q.arg(t)
		}
		in := " IN (" + strings.Join(ph, ", ") + ")"
		add("(c.event_type" + in + " OR c.sub_event_type" + in + ")")
	}
	if f.Actor != "" {
		add("EXISTS (SELECT 1 FROM cluster_actors a WHERE a.cluster = c.seq AND a.actor_id = " + q.arg(f.Actor) + ")")
	}
	if f.Admin1 != "" {
		p := q.arg(f.Admin1)
		add("(c.admin1_code = " + p + " OR lower(c.admin1) = " + p + ")")
	}
	if f.Country != "" {
		add("c.country = " + q.arg(f.Country))
	}
	if b := f.BBox; b != nil {
		add("c.lon >= " + q.arg(b.MinLon) + " AND c.lon <= " + q.arg(b.MaxLon) +
			" AND c.lat >= " + q.arg(b.MinLat) + " AND c.lat <= " + q.arg(b.MaxLat))
	}
	if f.Text != "" {
		add(d.textMatch(q, queryWords(f.Text)))
	}
	return q
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
