package store

import (
	"context"
	"slices"
	"strings"
	"testing"

	"rasd/internal/event"
	"rasd/internal/store/pgtest"
)

// planFilter is one filter of Filter and what a plan that reads an index
// for it says, in each database.
type planFilter struct {
	name          string
	f             Filter
	sqlite, pgsql []string
}

func planFilters(t *testing.T) []planFilter {
	bbox, _ := ParseBBox("36,35,37,36.5")
	out := []planFilter{
		{"since", Filter{Since: date("2019-03-05")}, []string{"(event_date>?)"}, []string{"event_date >="}},
		{"until", Filter{Until: date("2019-03-05")}, []string{"(event_date<?)"}, []string{"event_date <="}},
		{"event type", Filter{Types: []string{event.Battles}}, []string{"(event_type=?)"}, []string{"(event_type ="}},
		{"sub-event type", Filter{Types: []string{"Air/drone strike"}}, []string{"(sub_event_type=?)"}, []string{"(sub_event_type ="}},
		{"both types", Filter{Types: []string{event.Battles, "Air/drone strike"}},
			[]string{"(event_type=?)", "(sub_event_type=?)"}, []string{"(event_type =", "(sub_event_type ="}},
		{"actor", Filter{Actor: "ISIS"}, []string{"(actor_id=?)"}, []string{"actor_id ="}},
		{"admin1 code", Filter{Admin1: "Idleb"}, []string{"(admin1_code=?)"}, []string{"admin1_code ="}},
		{"admin1 name", Filter{Admin1: "Kandahar"}, []string{"(admin1_code=?)"}, []string{"admin1_code ="}},
		{"admin1 of two countries", Filter{Admin1: "Al Jawf"}, []string{"(admin1_code=?)"}, []string{"admin1_code = ANY"}},
		{"country", Filter{Country: "SYR"}, []string{"(country=?)"}, []string{"country ="}},
		{"bbox", Filter{BBox: bbox}, []string{"(lon>? AND lon<?)"}, []string{"lon >="}},
		{"text", Filter{Text: "غارات"}, []string{"document_words VIRTUAL TABLE INDEX 0:M", "(document=?)"},
			[]string{"words @@", "document ="}},
	}
	for i := range out {
		n, err := out[i].f.normalized()
		if err != nil {
			t.Fatalf("%s: %v", out[i].name, err)
		}
		out[i].f = n
	}
	return out
}

// checkPlans checks the plans of the count and of a page of each filter,
// and of the pages of each order: explain returns a plan's lines; want
// picks what a line of a filter's plan that holds marker must say (the
// condition an index reads, not one tested on rows already read); sorted
// tells a line that sorts rows rather than reading them in an index's
// order.
func checkPlans(t *testing.T, d *dialect, explain func(sql string, args []any) []string, marker string,
	want func(planFilter) []string, sorted func(string) bool) {
	t.Helper()
	for _, pf := range planFilters(t) {
		f := pf.f
		f.Limit = 50
		for what, q := range map[string]func(Filter) (string, []any){"count": d.countQuery, "page": d.pageQuery} {
			sqlText, args := q(f)
			lines := explain(sqlText, args)
			for _, w := range want(pf) {
				if !slices.ContainsFunc(lines, func(l string) bool { return strings.Contains(l, marker) && strings.Contains(l, w) }) {
					t.Errorf("the %s of %s reads no index for it (want %q in the plan):\n%s\n%s", what, pf.name, w, sqlText, strings.Join(lines, "\n"))
				}
			}
		}
	}
	for _, sort := range Sorts {
		sqlText, args := d.pageQuery(Filter{Sort: sort, Limit: 50, Offset: 100})
		lines := explain(sqlText, args)
		for _, l := range lines {
			if sorted(l) {
				t.Errorf("a page sorted by %s sorts the rows instead of reading an index in order:\n%s\n%s", sort, sqlText, strings.Join(lines, "\n"))
			}
		}
	}
}

// SQLite runs the SQL of query.go for export.
func TestSQLitePlansUseIndexes(t *testing.T) {
	s := openSQLiteForTest(t)
	seed(t, s)
	checkPlans(t, sqliteDialect, func(sqlText string, args []any) []string {
		rows, err := s.db.Query("EXPLAIN QUERY PLAN "+sqlText, args...)
		if err != nil {
			t.Fatalf("EXPLAIN %s: %v", sqlText, err)
		}
		defer rows.Close()
		var lines []string
		for rows.Next() {
			var id, parent, unused int
			var detail string
			if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
				t.Fatal(err)
			}
			lines = append(lines, detail)
		}
		return lines
	}, "", func(pf planFilter) []string { return pf.sqlite }, func(line string) bool {
		return strings.Contains(line, "TEMP B-TREE FOR ORDER BY")
	})
}

// PostgreSQL runs the SQL of query.go for every read. With sequential
// scans priced out, as they are on a large store, each filter and each
// order must have an index to read.
func TestPostgresPlansUseIndexes(t *testing.T) {
	ctx := context.Background()
	st, err := Open(ctx, pgtest.NewDatabase(t))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	seed(t, st)
	conn, err := st.(*postgresStore).pool.Acquire(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, `SET enable_seqscan = off`); err != nil {
		t.Fatal(err)
	}
	checkPlans(t, postgresDialect, func(sqlText string, args []any) []string {
		rows, err := conn.Query(ctx, "EXPLAIN "+sqlText, args...)
		if err != nil {
			t.Fatalf("EXPLAIN %s: %v", sqlText, err)
		}
		defer rows.Close()
		var lines []string
		for rows.Next() {
			var line string
			if err := rows.Scan(&line); err != nil {
				t.Fatal(err)
			}
			lines = append(lines, line)
		}
		return lines
	}, "Index Cond", func(pf planFilter) []string { return pf.pgsql }, func(line string) bool {
		return strings.Contains(line, "Sort  (") || strings.Contains(line, "Sort Key")
	})
}
