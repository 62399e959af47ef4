package store

import (
	"context"
	"testing"
	"time"
)

func testWatch(t *testing.T, s Store) {
	if _, ok := s.(unseenStore); ok {
		t.Skip("the watch bookkeeping has nothing to do with how documents are added")
	}
	ctx := context.Background()
	w, err := WatchOf(s)
	if err != nil {
		t.Fatal(err)
	}
	if added, err := w.AddSource(ctx, Source{URL: "https://a.example/rss", Outlet: "A", Every: time.Minute}); err != nil || !added {
		t.Fatalf("AddSource = %v, %v; want added", added, err)
	}
	if added, err := w.AddSource(ctx, Source{URL: "https://a.example/rss", Outlet: "A2"}); err != nil || added {
		t.Fatalf("AddSource again = %v, %v; want an update", added, err)
	}
	srcs, err := w.Sources(ctx)
	if err != nil || len(srcs) != 1 || srcs[0].Outlet != "A2" || srcs[0].Every != 0 {
		t.Fatalf("Sources = %+v, %v", srcs, err)
	}
	if ok, err := w.RemoveSource(ctx, "https://b.example/"); err != nil || ok {
		t.Errorf("RemoveSource of an unknown source = %v, %v", ok, err)
	}
	if ok, err := w.RemoveSource(ctx, "https://a.example/rss"); err != nil || !ok {
		t.Errorf("RemoveSource = %v, %v", ok, err)
	}

	st, err := w.State(ctx, "https://a.example/rss")
	if err != nil || st.URL != "https://a.example/rss" || !st.Next.IsZero() {
		t.Fatalf("State of a new source = %+v, %v", st, err)
	}
	st.ETag, st.Failures, st.Next, st.Status = `"v1"`, 2, time.Unix(1700000000, 0).UTC(), "failed"
	if err := w.SaveState(ctx, st); err != nil {
		t.Fatal(err)
	}
	if got, err := w.State(ctx, st.URL); err != nil || got != st {
		t.Errorf("State = %+v, %v; want %+v", got, err, st)
	}

	if err := w.MarkSeen(ctx, []SeenURL{{URL: "https://a.example/1", Hash: "h1"}, {URL: "https://a.example/2", Note: "robots.txt"}}); err != nil {
		t.Fatal(err)
	}
	if err := w.MarkSeen(ctx, []SeenURL{{URL: "https://a.example/1"}}); err != nil {
		t.Fatalf("marking a URL seen twice: %v", err)
	}
	seen, err := w.Seen(ctx, []string{"https://a.example/1", "https://a.example/2", "https://a.example/3"})
	if err != nil || !seen["https://a.example/1"] || !seen["https://a.example/2"] || seen["https://a.example/3"] {
		t.Errorf("Seen = %v, %v", seen, err)
	}

	if ok, err := w.ClaimAlert(ctx, "r", "k"); err != nil || !ok {
		t.Fatalf("first ClaimAlert = %v, %v", ok, err)
	}
	if ok, err := w.ClaimAlert(ctx, "r", "k"); err != nil || ok {
		t.Fatalf("second ClaimAlert = %v, %v; want refused", ok, err)
	}
	if err := w.ReleaseAlert(ctx, "r", "k"); err != nil {
		t.Fatal(err)
	}
	if ok, err := w.ClaimAlert(ctx, "r", "k"); err != nil || !ok {
		t.Fatalf("ClaimAlert after release = %v, %v", ok, err)
	}
}
