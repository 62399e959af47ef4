package store

import "testing"

// A join rewrites a cluster: the cache keeps the new version in place of
// the old, which no candidate query returns again, and answers for the old
// one no more.
func TestWriterCacheKeepsOneVersionACluster(t *testing.T) {
	w := newWriter()
	v1, v2 := &cluster{}, &cluster{}
	w.remember(clusterRef{7, 1}, v1)
	if got := w.cached(clusterRef{7, 1}); got != v1 {
		t.Fatalf("version 1: got %p, want %p", got, v1)
	}
	w.remember(clusterRef{7, 2}, v2)
	if got := w.cached(clusterRef{7, 1}); got != nil {
		t.Errorf("the replaced version is still answered: %p", got)
	}
	if got := w.cached(clusterRef{7, 2}); got != v2 {
		t.Errorf("version 2: got %p, want %p", got, v2)
	}
	// A record decoded for a version older than the one cached (another
	// writer's view) does not displace it.
	w.remember(clusterRef{7, 1}, v1)
	if got := w.cached(clusterRef{7, 2}); got != v2 {
		t.Errorf("version 2 displaced by version 1: got %p", got)
	}
	if n := len(w.cache) + len(w.earlier); n != 1 {
		t.Errorf("%d entries cached for one cluster, want 1", n)
	}
}

// A hit in the earlier generation moves the entry to the current one, and
// a turnover keeps one entry per cluster across the two.
func TestWriterCacheTurnover(t *testing.T) {
	w := newWriter()
	for seq := range int64(maxCached + 1) {
		w.remember(clusterRef{seq, 1}, &cluster{})
	}
	if len(w.earlier) != maxCached || len(w.cache) != 1 {
		t.Fatalf("after %d clusters: %d earlier, %d current", maxCached+1, len(w.earlier), len(w.cache))
	}
	if w.cached(clusterRef{3, 1}) == nil {
		t.Fatal("an entry of the earlier generation was lost")
	}
	if _, ok := w.earlier[3]; ok {
		t.Error("a hit in the earlier generation stayed there")
	}
	w.remember(clusterRef{4, 2}, &cluster{})
	if _, ok := w.earlier[4]; ok {
		t.Error("a new version left the old one in the earlier generation")
	}
}
