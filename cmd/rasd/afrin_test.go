package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"rasd/internal/event"
	"rasd/internal/store"
)

// TestAfrinAfterWholeBenchIngest is issue 10's acceptance check: after
// `rasd ingest` of the whole bench corpus, the Turkish army's eight soldiers
// killed in Afrin on 1 March 2018 are one event whose sources are the four
// reports of it, with the army's toll as the count and a range above it.
// It ingests 31,508 articles (a minute or two), so it runs only with
// RASD_WHOLE_BENCH=1.
func TestAfrinAfterWholeBenchIngest(t *testing.T) {
	if os.Getenv("RASD_WHOLE_BENCH") != "1" {
		t.Skip("set RASD_WHOLE_BENCH=1 to ingest the whole bench corpus")
	}
	bench := filepath.Join("..", "..", "..", "shared", "data", "bench", "ant-2018-news.jsonl.gz")
	if _, err := os.Stat(bench); errors.Is(err, os.ErrNotExist) {
		t.Skipf("%s is absent (../shared beside the repository holds the bench corpus): skipping", bench)
	}
	db := filepath.Join(t.TempDir(), "bench.db")
	var out, errOut bytes.Buffer
	if code := run([]string{"ingest", "--db", db, bench}, nil, &out, &errOut); code != 0 {
		t.Fatalf("ingest exit %d: %s", code, errOut.String())
	}
	st, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	want := []string{"BB-middleEast-124-20180302", "SK-middleEast-165-20180302", "SK-middleEast-166-20180302", "SK-middleEast-175-20180301"}
	var found *event.Stored
	err = st.Events(context.Background(), store.Filter{}, func(e *event.Stored) error {
		for _, s := range e.Sources {
			if s.EventID == "SK-middleEast-175-20180301#1" {
				found = e
			}
		}
		return nil
	})
	if err != nil || found == nil {
		t.Fatalf("no event holds SK-middleEast-175-20180301#1 (%v)", err)
	}
	var docs []string
	for _, s := range found.Sources {
		if !slices.Contains(docs, s.DocID) {
			docs = append(docs, s.DocID)
		}
	}
	slices.Sort(docs)
	if !slices.Equal(docs, want) {
		t.Errorf("the Afrin event's documents are %v, want %v", docs, want)
	}
	if f := found.Fatalities; f == nil || f.Count != 8 || f.Max == nil || *f.Max < 15 {
		t.Errorf("the Afrin event's fatalities: %+v, want 8 with a range to 15 or more", f)
	}
	if found.Date == nil || found.Date.EventDate != "2018-03-01" {
		t.Errorf("the Afrin event's date: %+v, want 2018-03-01", found.Date)
	}
}
