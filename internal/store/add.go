package store

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"sync"
	"time"

	"rasd/internal/dedup"
	"rasd/internal/event"
)

// writeTx is one open write transaction in one database: the statements
// that storing needs. The logic of storing is written once, below, so that
// both databases store and cluster alike.
type writeTx interface {
	// insertDocument stores the document unless its hash is already there;
	// inserted is false then and nothing was written.
	insertDocument(ctx context.Context, p *Prepared) (row int64, inserted bool, err error)
	// lockClusters keeps other writers out of the clusters of these event
	// types until the transaction ends.
	lockClusters(ctx context.Context, eventTypes []string) error
	// candidates appends to dst the clusters of eventType whose date
	// interval or publication span overlaps [from, to], in the order they
	// were created, leaving out those placed in a province of another
	// country than country (when it is not "").
	candidates(ctx context.Context, dst []clusterRef, eventType, from, to, country string) ([]clusterRef, error)
	// record is the stored event of a cluster, as JSON.
	record(ctx context.Context, seq int64) ([]byte, error)
	// members are the events of a cluster in the order they joined it.
	members(ctx context.Context, cluster int64) ([]dedup.Member, error)
	// insertCluster creates a cluster at version 1; updateCluster rewrites
	// it and returns its new version. was, when not nil, are the columns
	// of the version rewritten (of the record it replaces), which a store
	// may use to leave alone what did not change.
	insertCluster(ctx context.Context, id string, cols columns, sources int, record []byte) (seq int64, err error)
	updateCluster(ctx context.Context, seq int64, was *columns, cols columns, sources int, record []byte) (version int64, err error)
	// setClusterActors replaces the actor ids the actor filter finds a
	// cluster by.
	setClusterActors(ctx context.Context, seq int64, actors []string) error
	insertEvent(ctx context.Context, doc, cluster int64, e *preparedEvent) error

	// For corrections (correct.go): the cluster of an id (ErrNotFound),
	// the cluster holding a per-document event, moving one event (or all
	// when eventID is "") to another cluster, removing an emptied cluster,
	// and the recorded decisions.
	clusterByID(ctx context.Context, id string) (clusterRef, error)
	clusterOfEvent(ctx context.Context, eventID string) (clusterRef, bool, error)
	moveEvents(ctx context.Context, from, to int64, eventID string) error
	deleteCluster(ctx context.Context, seq int64) error
	insertDecision(ctx context.Context, kind, a, b, note string, at time.Time) error
	decisionsAfter(ctx context.Context, id int64) ([]decisionRow, error)
}

// clusterRef names one version of a cluster: every rewrite of a cluster's
// record increments its version, in any process.
type clusterRef struct {
	seq     int64
	version int64
}

// writer stores documents; both stores have one. It keeps the decoded
// records of recent clusters, since every new event is compared with all
// the clusters of its type and days, and decoding their JSON again each
// time would cost more than all the SQL.
//
// The cache has two generations: when the current one is full it becomes
// the earlier one, and a hit there moves the entry back into the current
// one, so what recent events used survives a turnover. Emptying the whole
// cache at once made the next events decode all their candidates again:
// building the load-test store (docs/design.md, the server), the third
// copy of the bench corpus decoded 383,000 records in 20 turnovers, and
// 24,000 with two generations (58 s → 28 s for the copy).
//
// It holds one version of a cluster, the last one cached: a join rewrites
// the cluster, and the version it replaces is never a candidate again.
// Keyed by version, every join left the replaced version (its record and a
// copy of all its members) in the cache until a turnover: a cluster of k
// reports held k(k+1)/2 members, most of ingest's heap on the bench corpus.
//
// Only the clusters joined (or made) lately keep their members: a cluster
// whose members were dropped (tick) reads them back from the
// store on its next join, as a cluster decoded from the store does, and
// stays a candidate with its record. See keepMembersFor.
type writer struct {
	mu             sync.Mutex
	cache, earlier map[int64]cacheEntry // by cluster seq
	decisions      decisionsMade        // guarded by mu
	// assigned counts the events assigned, the clock of keepMembersFor;
	// swept is its value at the last sweep (tick).
	assigned, swept int64
}

type cacheEntry struct {
	version int64
	c       *cluster
	// joined is writer.assigned when this version was made by a join or
	// a new cluster; only then does it hold its members.
	joined int64
}

// cluster is one version of a cluster as decoded: its record, and its
// members when this writer wrote that version (so that the next join need
// not read and decode them again).
type cluster struct {
	stored  *event.Stored
	members []dedup.Member
}

// maxCached bounds each generation of the cache; a miss only costs
// decoding.
const maxCached = 20000

// keepMembersFor is how many events (writer.assigned) a cluster keeps its
// members in the cache after its last join. Members are whole extracted
// events (evidence, trail, actors, why each joined), needed only when the
// cluster is joined again (Merge takes them all), not to compare an event
// with it (its record is enough). Reports of one occurrence come close
// together in a stream, so most joins fall within a few thousand events
// of the last; a later join reads the members back from the events table
// (one query and their JSON, membersOf), in the same order and with the
// same content, so the clusters are the same. On the bench corpus the live
// heap at the last collections of ingest fell from 90–104 to 78–89 MB
// (one run each).
// Every sweepEvery events, entries older than this lose their members.
const (
	keepMembersFor = 4000
	sweepEvery     = 500
)

func newWriter() *writer { return &writer{cache: map[int64]cacheEntry{}} }

func (w *writer) cached(r clusterRef) *cluster {
	w.mu.Lock()
	defer w.mu.Unlock()
	if e, ok := w.cache[r.seq]; ok {
		if e.version == r.version {
			return e.c
		}
		return nil
	}
	e, ok := w.earlier[r.seq]
	if !ok || e.version != r.version {
		return nil
	}
	w.put(r, e.c, e.joined)
	return e.c
}

func (w *writer) remember(r clusterRef, c *cluster) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.put(r, c, w.assigned)
}

// put needs w.mu. joined is when c's version was made with its members
// (cacheEntry.joined); an entry moved between generations keeps its own.
func (w *writer) put(r clusterRef, c *cluster, joined int64) {
	if e, ok := w.cache[r.seq]; ok && e.version > r.version {
		return
	}
	delete(w.earlier, r.seq)
	if _, ok := w.cache[r.seq]; !ok && len(w.cache) >= maxCached {
		w.earlier, w.cache = w.cache, make(map[int64]cacheEntry, maxCached)
	}
	w.cache[r.seq] = cacheEntry{r.version, c, joined}
}

// tick counts one event assigned and, every sweepEvery, drops the members
// of the clusters not joined in the last keepMembersFor events. An entry
// gets a new cluster value holding the record alone rather than having its
// members cleared: an add in progress may hold the old one.
func (w *writer) tick() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.assigned++
	if w.assigned-w.swept < sweepEvery {
		return
	}
	w.swept = w.assigned
	for _, m := range []map[int64]cacheEntry{w.cache, w.earlier} {
		for seq, e := range m {
			if e.c.members != nil && w.assigned-e.joined > keepMembersFor {
				e.c = &cluster{stored: e.c.stored}
				m[seq] = e
			}
		}
	}
}

// forget drops everything cached: a transaction that rolled back may have
// left versions that were never committed.
func (w *writer) forget() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.cache, w.earlier = map[int64]cacheEntry{}, nil
}

// add stores one prepared document inside tx. When it returns an error the
// caller must roll tx back and call forget.
func (w *writer) add(ctx context.Context, tx writeTx, p *Prepared) (AddResult, error) {
	row, inserted, err := tx.insertDocument(ctx, p)
	if err != nil || !inserted {
		return AddResult{}, err
	}
	r := AddResult{Added: true, Events: len(p.events)}
	if len(p.events) == 0 {
		return r, nil
	}
	types := map[string]bool{}
	for _, e := range p.events {
		for _, t := range dedup.CandidateTypes(e.ev.EventType, e.ev.SubEventType) {
			types[t] = true
		}
	}
	sorted := make([]string, 0, len(types))
	for t := range types {
		sorted = append(sorted, t)
	}
	// Always in the same order, so that two writers never wait on each other.
	sort.Strings(sorted)
	if err := tx.lockClusters(ctx, sorted); err != nil {
		return AddResult{}, err
	}
	for i := range p.events {
		created, err := w.assign(ctx, tx, p, row, &p.events[i])
		if err != nil {
			return AddResult{}, fmt.Errorf("event %s: %w", p.events[i].ev.ID, err)
		}
		if created {
			r.Clusters++
		}
	}
	return r, nil
}

// assign stores one event in the cluster it matches best, or in a new one:
// the preselection by type and dates is the store's, the judgement and the
// merged record are dedup's.
func (w *writer) assign(ctx context.Context, tx writeTx, p *Prepared, doc int64, pe *preparedEvent) (created bool, err error) {
	w.tick()
	buf := assignPool.Get().(*assignBuffers)
	defer buf.release()
	var (
		best    *cluster
		bestRef clusterRef
		// The other clusters the event fits: once it has joined best,
		// some may turn out to be the same occurrence (dedup.Bridge).
		also     []*cluster
		alsoRefs []clusterRef
	)
	if pe.cols.start != "" {
		// An impossible date fails the batch, as it always has.
		if _, _, err := window(pe.cols.start, pe.cols.end); err != nil {
			return false, err
		}
		refs, err := candidates(ctx, tx, buf.refs[:0], p.meta, pe)
		buf.refs = refs
		if err != nil {
			return false, err
		}
		apart := w.apartFrom(pe.ev.ID)
		// The clusters compared (the candidates less those an analyst
		// kept apart), their refs and records.
		buf.loaded, buf.kept, buf.cs = buf.loaded[:0], buf.kept[:0], buf.cs[:0]
		for _, ref := range refs {
			c, err := w.load(ctx, tx, ref)
			if err != nil {
				return false, err
			}
			if keptApart(apart, c.stored) {
				continue
			}
			buf.loaded, buf.kept, buf.cs = append(buf.loaded, c), append(buf.kept, ref), append(buf.cs, c.stored)
		}
		i, _, others := dedup.ChooseAll(buf.cs, p.meta, pe.ev)
		if i >= 0 {
			best, bestRef = buf.loaded[i], buf.kept[i]
			for _, o := range others {
				also, alsoRefs = append(also, buf.loaded[o]), append(alsoRefs, buf.kept[o])
			}
		}
	}
	joining := dedup.Member{Doc: p.meta, Event: *pe.ev}
	// An analyst joined this report to another: it goes where that one is.
	ref, joined, err := w.joinedTo(ctx, tx, pe.ev.ID)
	if err != nil {
		return false, err
	}
	if joined {
		if best, err = w.load(ctx, tx, ref); err != nil {
			return false, err
		}
		bestRef = ref
		joining.Why = analystWhy("joined by an analyst's earlier decision")
		also, alsoRefs = nil, nil
	}
	if best == nil {
		members := []dedup.Member{joining}
		st := dedup.Merge(clusterID(p.hash, pe.ev.ID), members)
		rec, cols, err := encodeCluster(&st)
		if err != nil {
			return false, err
		}
		seq, err := tx.insertCluster(ctx, st.ClusterID, cols, st.Documents(), rec)
		if err != nil {
			return false, err
		}
		if err := tx.insertEvent(ctx, doc, seq, pe); err != nil {
			return false, err
		}
		w.remember(clusterRef{seq, 1}, &cluster{&st, members})
		return true, tx.setClusterActors(ctx, seq, cols.actors)
	}
	if joining.Why == nil {
		joining.Why = dedup.Explain(best.stored, p.meta, pe.ev)
	}
	members := best.members
	if members == nil {
		if members, err = w.membersOf(ctx, tx, bestRef.seq, best.stored); err != nil {
			return false, err
		}
	}
	// A new slice: the cached one belongs to the version being replaced.
	members = append(members[:len(members):len(members)], joining)
	if err := tx.insertEvent(ctx, doc, bestRef.seq, pe); err != nil {
		return false, err
	}
	st := dedup.Merge(best.stored.ClusterID, members)
	var bridged []bridgeRow
	if members, st, bridged, err = w.bridge(ctx, tx, bestRef.seq, members, st, also, alsoRefs); err != nil {
		return false, err
	}
	rec, cols, err := encodeCluster(&st)
	if err != nil {
		return false, err
	}
	was := columnsOf(&best.stored.Event)
	version, err := tx.updateCluster(ctx, bestRef.seq, &was, cols, st.Documents(), rec)
	if err != nil {
		return false, err
	}
	// After the rewrite, as a correction does: in SQLite the row takes
	// the largest changed, which tells every copy of the clusters that
	// one was removed (readindex.go).
	for _, b := range bridged {
		if err := tx.insertDecision(ctx, decisionTogether, b.a, b.b, b.note, time.Now()); err != nil {
			return false, err
		}
	}
	w.remember(clusterRef{bestRef.seq, version}, &cluster{&st, members})
	if slices.Equal(was.actors, cols.actors) {
		return false, nil
	}
	return false, tx.setClusterActors(ctx, bestRef.seq, cols.actors)
}

// assignBuffers are the lists assign fills for every event it stores: the
// clusters the event may join, and those it is compared with. Made afresh
// for every event, they were a tenth of what rasd ingest allocated (heap
// profile of the bench corpus), and of the one writer's work. Pooled
// rather than kept by the writer: PostgreSQL's writer adds batches from
// several goroutines at once.
type assignBuffers struct {
	refs, kept []clusterRef
	loaded     []*cluster
	cs         []*event.Stored
}

var assignPool = sync.Pool{New: func() any { return new(assignBuffers) }}

// release pools b, keeping no cluster alive through it: what lies past
// the lists' lengths was cleared by the release before.
func (b *assignBuffers) release() {
	clear(b.loaded)
	clear(b.cs)
	assignPool.Put(b)
}

// bridgeRow is the merge_decisions row that records one join bridge made.
type bridgeRow struct{ a, b, note string }

// bridge joins into cluster seq (its members and merged record given) every
// other cluster the new event fitted that dedup.Bridge finds to be the same
// occurrence, as Cluster does: their events move and the clusters go; the
// caller records each join in merge_decisions (bridgeNote) once it has
// rewritten seq. A cluster holding a report an analyst kept apart from one
// of seq's stays.
func (w *writer) bridge(ctx context.Context, tx writeTx, seq int64, members []dedup.Member, st event.Stored,
	also []*cluster, refs []clusterRef) ([]dedup.Member, event.Stored, []bridgeRow, error) {
	var rows []bridgeRow
	by := members[len(members)-1].Event.ID // the event that fitted them all
	for k, other := range also {
		ref := refs[k]
		if ref.seq == seq || w.apartClusters(&st, other.stored) {
			continue
		}
		why, ok := dedup.Bridge(&st, other.stored)
		if !ok {
			continue
		}
		moved := other.members
		if moved == nil {
			var err error
			if moved, err = w.membersOf(ctx, tx, ref.seq, other.stored); err != nil {
				return nil, st, nil, err
			}
		}
		moved = slices.Clone(moved)
		moved[0].Why = why
		if err := tx.moveEvents(ctx, ref.seq, seq, ""); err != nil {
			return nil, st, nil, err
		}
		if err := tx.deleteCluster(ctx, ref.seq); err != nil {
			return nil, st, nil, err
		}
		rows = append(rows, bridgeRow{st.Sources[0].EventID, moved[0].Event.ID,
			bridgeNote + other.stored.ClusterID + " joined to " + st.ClusterID + " by " + by})
		members = append(members[:len(members):len(members)], moved...)
		st = dedup.Merge(st.ClusterID, members)
	}
	return members, st, rows, nil
}

// membersOf reads a cluster's members with why each joined (the events
// table keeps each report as extracted; why it joined is in the cluster's
// record), in the order they joined: what the writer would have cached
// for the version st, so that a join merges alike whether its members
// were cached or read back (see inJoinOrder).
func (w *writer) membersOf(ctx context.Context, tx writeTx, seq int64, st *event.Stored) ([]dedup.Member, error) {
	members, err := tx.members(ctx, seq)
	if err != nil {
		return nil, err
	}
	whyOf(members, st)
	inJoinOrder(members, st)
	return members, nil
}

// inJoinOrder puts members read back from the events table (in the order
// the events were stored) in the order of the record's sources, which is
// the order Merge was given them. The two differ once a cluster has taken
// in another (bridge): the moved events are older than the one that
// bridged them but come after it. Merge depends on the order (the first
// member gives the record its identity, ties go to the earliest), so
// members read back in the table's order made a later join merge
// otherwise than the same join from the cache: the bench corpus ended in
// 9,665 events instead of 9,663 when joins read their members back. A
// member the record does not list (none should be) goes last.
func inJoinOrder(members []dedup.Member, st *event.Stored) {
	type key struct{ doc, event string }
	at := make(map[key]int, len(st.Sources))
	for i := len(st.Sources) - 1; i >= 0; i-- {
		at[key{st.Sources[i].DocID, st.Sources[i].EventID}] = i
	}
	pos := func(m *dedup.Member) int {
		if i, ok := at[key{m.Doc.ID, m.Event.ID}]; ok {
			return i
		}
		return len(st.Sources)
	}
	slices.SortStableFunc(members, func(a, b dedup.Member) int { return cmp.Compare(pos(&a), pos(&b)) })
}

// apartClusters says whether an analyst kept a report of a apart from one
// of b's.
func (w *writer) apartClusters(a, b *event.Stored) bool {
	for _, s := range b.Sources {
		if keptApart(w.apartFrom(s.EventID), a) {
			return true
		}
	}
	return false
}

// load returns the record of one cluster version, from the cache if it can.
// Match only reads it.
func (w *writer) load(ctx context.Context, tx writeTx, ref clusterRef) (*cluster, error) {
	if c := w.cached(ref); c != nil {
		return c, nil
	}
	b, err := tx.record(ctx, ref.seq)
	if err != nil {
		return nil, err
	}
	st := new(event.Stored)
	if err := json.Unmarshal(b, st); err != nil {
		return nil, fmt.Errorf("cluster %d: %w", ref.seq, err)
	}
	c := &cluster{stored: st}
	w.remember(ref, c)
	return c, nil
}

func encodeStored(st *event.Stored) ([]byte, columns, error) {
	b, err := json.Marshal(st)
	return b, columnsOf(&st.Event), err
}

// encodeCluster is encodeStored for a cluster's row, with the days its
// reports were published (dedup.PublicationSpan), the second span
// candidate lookup finds it by.
func encodeCluster(st *event.Stored) ([]byte, columns, error) {
	b, cols, err := encodeStored(st)
	if span, ok := dedup.PublicationSpan(st); ok {
		cols.pubStart, cols.pubEnd = dedup.Day(span.Start), dedup.Day(span.End)
	}
	return b, cols, err
}

// whyOf gives members read back from the events table the decisions that
// joined them, from the cluster's record.
func whyOf(members []dedup.Member, st *event.Stored) {
	for i := range members {
		for j := range st.Sources {
			s := &st.Sources[j]
			if s.DocID == members[i].Doc.ID && s.EventID == members[i].Event.ID {
				members[i].Why = s.Why
				break
			}
		}
	}
}

// candidates appends to out the clusters an event may join: those of the
// event types of its family (dedup.CandidateTypes) whose date or
// publication span comes near one of its query spans (dedup.QuerySpans),
// each once, oldest first (the oldest wins a tie).
func candidates(ctx context.Context, tx writeTx, out []clusterRef, doc event.Doc, pe *preparedEvent) ([]clusterRef, error) {
	spans := dedup.QuerySpans(doc, pe.ev)
	days := make([][2]string, len(spans))
	for i, sp := range spans {
		days[i] = [2]string{dedup.Day(sp.Start), dedup.Day(sp.End)}
	}
	// A cluster placed in a province of another country can never match
	// an event placed in a province (dedup.placeFit): they are not even
	// loaded. A place that is only a country says nothing and filters
	// nothing.
	country := ""
	if pe.cols.country != "" && pe.cols.admin1 != "" {
		country = pe.cols.country
	}
	for _, typ := range dedup.CandidateTypes(pe.ev.EventType, pe.ev.SubEventType) {
		for _, d := range days {
			var err error
			if out, err = tx.candidates(ctx, out, typ, d[0], d[1], country); err != nil {
				return out, err
			}
		}
	}
	// A cluster is of one type, so only two spans can find it twice.
	slices.SortFunc(out, func(a, b clusterRef) int { return cmp.Compare(a.seq, b.seq) })
	if len(days) > 1 {
		out = slices.CompactFunc(out, func(a, b clusterRef) bool { return a.seq == b.seq })
	}
	return out, nil
}

// window widens the date interval [start, end] by dedup.Window on each
// side, to whole days.
func window(start, end string) (from, to string, err error) {
	s, err := time.Parse("2006-01-02", start)
	if err != nil {
		return "", "", fmt.Errorf("bad event date %q", start)
	}
	e, err := time.Parse("2006-01-02", end)
	if err != nil {
		return "", "", fmt.Errorf("bad event date %q", end)
	}
	// end names a whole day: its last instant is a day minus a nanosecond later.
	return day(s.Add(-dedup.Window)), day(e.Add(24*time.Hour - 1 + dedup.Window)), nil
}
