package store

import (
	"testing"

	"rasd/internal/dedup"
	"rasd/internal/event"
)

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

// A cluster not joined in the last keepMembersFor events keeps its record
// in the cache but not its members, and gets a new value for it (an add in
// progress may hold the old one); one joined lately keeps both, also when
// a turnover moved it to the earlier generation and a hit brought it back.
func TestWriterCacheDropsMembersOfOldClusters(t *testing.T) {
	w := newWriter()
	members := []dedup.Member{{}}
	old := &cluster{stored: &event.Stored{}, members: members}
	w.remember(clusterRef{1, 1}, old)
	for range keepMembersFor {
		w.tick()
	}
	recent := &cluster{stored: &event.Stored{}, members: members}
	w.remember(clusterRef{2, 1}, recent)
	for range sweepEvery {
		w.tick()
	}
	got := w.cached(clusterRef{1, 1})
	if got == nil || got.stored != old.stored {
		t.Fatalf("the old cluster's record is no longer cached: %+v", got)
	}
	if got.members != nil {
		t.Error("the old cluster kept its members")
	}
	if old.members == nil {
		t.Error("the value an add may hold was changed")
	}
	if got := w.cached(clusterRef{2, 1}); got != recent || got.members == nil {
		t.Errorf("the cluster joined lately lost its members: %+v", got)
	}
	w.earlier, w.cache = w.cache, map[int64]cacheEntry{}
	w.cached(clusterRef{2, 1})
	if e := w.cache[2]; e.joined != w.assigned-sweepEvery {
		t.Errorf("a hit in the earlier generation made the entry joined at %d, want %d", e.joined, w.assigned-sweepEvery)
	}
}
