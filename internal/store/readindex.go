package store

import (
	"cmp"
	"context"
	"database/sql"
	"slices"
	"sort"
	"strings"
	"sync"
)

// readIndex is the SQLite store's copy, in memory, of what its queries
// filter, sort and count on: each merged event's filter columns and actor
// ids, and the clusters each document reports. CountEvents, Stats and the
// pages of Events are worked out here, and only the records of a page are
// read from the file.
//
// SQLite as this build runs it (pure Go) spends about 1 µs on each row a
// query seeks and 0.2 µs on each index entry it scans, so on a store of
// 103,000 merged events no index brought a count of a common word below
// 40 ms, of an actor's events below 15 ms, or of all events without
// background ones below 11 ms; here each is a pass over compact rows. The
// SQL of query.go remains what PostgreSQL runs, and what export streams.
//
// The copy follows the file through clusters.changed, which every write of
// a cluster sets one above the largest: each query first asks for the
// largest (one index lookup) and reads what changed since, whichever
// process wrote it.
type readIndex struct {
	mu      sync.RWMutex
	changed int64 // the largest clusters.changed copied
	rows    []indexRow
	pos     map[int64]int     // cluster seq → its row
	docs    map[int64][]int32 // document → the rows of its events' clusters, once docsRead
	// docsRead: docs is read, by the first full-text query (loadDocuments).
	// Only that filter needs it, and reading the events of 390,000
	// documents was a fifth of a copy's time.
	docsRead bool
	names    map[string]int32 // every string of the rows, interned; "" (NULL) is 0
	strs     []string         // names by id
	// The rows in the orders of Sorts, made again after each change:
	// byDate newest first with the undated last (seq descending within
	// both), byFatalities as orderBy("fatalities"); and each row's place
	// in them.
	byDate, byFatalities     []int32
	dateRank, fatalitiesRank []int32
	undated                  int // how many of byDate, at its end, have no date
	// The positions in byDate of the rows holding each value that an
	// equality filter compares, ascending.
	lists map[listKey][]int32

	// What recent full-text queries found, by FTS5 query, until the next
	// change: a page and its total ask the same, and so do the map, the
	// table and the charts of one dashboard view.
	textMu sync.Mutex
	texts  map[string]*textHits
	recent []string // the keys of texts, oldest first
}

// textHits are the rows that a full-text query found.
type textHits struct {
	bits []uint64 // by row
	rows []int32  // positions in byDate, ascending
}

// maxTexts bounds the full-text results kept.
const maxTexts = 32

// indexRow is one merged event as the filters see it. Strings are kept as
// they are stored, to compare exactly as SQLite does; those compared for
// equality are kept by their interned ids, and the others are interned
// strings (a store has a few thousand days, weeks, provinces and actors).
type indexRow struct {
	seq                 int64
	date, week          string // "" for NULL
	day                 int32  // date as YYYYMMDD when well-formed (always, as the store writes it), else 0
	eventType, subType  int32
	country, admin1Code int32
	admin1, actor1      string
	hasPlace            bool
	lat, lon            float64
	fatalities          int64
	background          bool
	actors              []int32
}

func newReadIndex() *readIndex {
	return &readIndex{pos: map[int64]int{}, docs: map[int64][]int32{}, names: map[string]int32{"": 0}, strs: []string{""},
		texts: map[string]*textHits{}}
}

func (ix *readIndex) intern(s string) int32 {
	id, ok := ix.names[s]
	if !ok {
		id = int32(len(ix.strs))
		ix.names[s] = id
		ix.strs = append(ix.strs, s)
	}
	return id
}

// internBytes is intern of a column read as bytes: a string is made only
// for a value not seen before.
func (ix *readIndex) internBytes(b []byte) int32 {
	if id, ok := ix.names[string(b)]; ok {
		return id
	}
	return ix.intern(string(b))
}

// lookup is the id of s, or -1 when no row ever held it.
func (ix *readIndex) lookup(s string) int32 {
	if id, ok := ix.names[s]; ok {
		return id
	}
	return -1
}

// sync copies what changed in the file since the last call. The copy never
// misses a write: a cluster written after the rows are read gets a larger
// changed than any read, and the next sync reads it.
func (ix *readIndex) sync(ctx context.Context, db *sql.DB) error {
	var latest sql.NullInt64
	if err := db.QueryRowContext(ctx, `SELECT max(changed) FROM clusters`).Scan(&latest); err != nil {
		return err
	}
	ix.mu.RLock()
	current := ix.changed
	ix.mu.RUnlock()
	if latest.Int64 <= current {
		return nil
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	since := ix.changed
	if latest.Int64 <= since {
		return nil // another query synced meanwhile
	}
	// A correction (correct.go) moves events between clusters and removes
	// clusters, which reading the changed rows cannot follow: the copy is
	// made again (readload.go).
	if since > 0 {
		var corrected bool
		if err := db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM merge_decisions WHERE changed > ?1)`, since).Scan(&corrected); err != nil {
			return err
		}
		if corrected {
			return errReload
		}
	}
	rows, err := db.QueryContext(ctx, `SELECT changed, seq, coalesce(event_date, ''), coalesce(week, ''), event_type,
		sub_event_type, coalesce(country, ''), coalesce(admin1, ''), coalesce(admin1_code, ''), lat IS NOT NULL AND lon IS NOT NULL,
		coalesce(lat, 0), coalesce(lon, 0), coalesce(actor1, ''), fatalities, background
		FROM clusters WHERE changed > ?1 ORDER BY changed`, since)
	if err != nil {
		return err
	}
	var touched []int64
	// The text columns are read as bytes and interned: a copy of 100,000
	// clusters made eight strings a row, most of them a value seen before.
	var date, week, eventType, subType, country, admin1, admin1Code, actor1 sql.RawBytes
	for rows.Next() {
		var (
			r       indexRow
			changed int64
		)
		if err := rows.Scan(&changed, &r.seq, &date, &week, &eventType, &subType, &country, &admin1, &admin1Code,
			&r.hasPlace, &r.lat, &r.lon, &actor1, &r.fatalities, &r.background); err != nil {
			rows.Close()
			return err
		}
		r.date, r.week = ix.strs[ix.internBytes(date)], ix.strs[ix.internBytes(week)]
		r.day, _ = isoDay(r.date)
		r.eventType, r.subType, r.country = ix.internBytes(eventType), ix.internBytes(subType), ix.internBytes(country)
		r.admin1, r.admin1Code = ix.strs[ix.internBytes(admin1)], ix.internBytes(admin1Code)
		r.actor1 = ix.strs[ix.internBytes(actor1)]
		if i, ok := ix.pos[r.seq]; ok {
			ix.rows[i] = r
		} else {
			ix.pos[r.seq] = len(ix.rows)
			ix.rows = append(ix.rows, r)
		}
		touched = append(touched, r.seq)
		ix.changed = max(ix.changed, changed)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	// The actors and documents of the clusters read. On the first load
	// that is all of them, read in one pass rather than cluster by cluster.
	where := ` WHERE cluster IN (SELECT seq FROM clusters WHERE changed > ?1)`
	args := []any{since}
	if since == 0 {
		where, args = "", nil
	}
	for _, seq := range touched {
		ix.rows[ix.pos[seq]].actors = ix.rows[ix.pos[seq]].actors[:0]
	}
	if err := ix.readActors(ctx, db, `SELECT cluster, actor_id FROM cluster_actors`+where, args); err != nil {
		return err
	}
	if ix.docsRead {
		if err := ix.readDocuments(ctx, db, `SELECT document, cluster FROM events`+where, args); err != nil {
			return err
		}
	}
	ix.order()
	ix.textMu.Lock()
	ix.texts, ix.recent = map[string]*textHits{}, nil
	ix.textMu.Unlock()
	return nil
}

// textHits returns what the full-text query key finds, from the results
// kept or else by asking find for the documents that hold its words. The
// caller holds mu for reading.
func (ix *readIndex) textHits(key string, find func() ([]int64, error)) (*textHits, error) {
	ix.textMu.Lock()
	h := ix.texts[key]
	ix.textMu.Unlock()
	if h != nil {
		return h, nil
	}
	docs, err := find()
	if err != nil {
		return nil, err
	}
	h = &textHits{bits: make([]uint64, (len(ix.rows)+63)/64)}
	for _, d := range docs {
		// A document stored after the last sync is not in docs yet, and
		// so not found, as its clusters are not in the rows yet.
		for _, i := range ix.docs[d] {
			if h.bits[i/64]&(1<<(i%64)) == 0 {
				h.bits[i/64] |= 1 << (i % 64)
				h.rows = append(h.rows, ix.dateRank[i])
			}
		}
	}
	slices.Sort(h.rows)
	ix.textMu.Lock()
	defer ix.textMu.Unlock()
	if len(ix.recent) >= maxTexts {
		delete(ix.texts, ix.recent[0])
		ix.recent = ix.recent[1:]
	}
	if ix.texts[key] == nil {
		ix.recent = append(ix.recent, key)
	}
	ix.texts[key] = h
	return h, nil
}

func (ix *readIndex) readActors(ctx context.Context, db *sql.DB, query string, args []any) error {
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	var actor sql.RawBytes
	for rows.Next() {
		var seq int64
		if err := rows.Scan(&seq, &actor); err != nil {
			return err
		}
		if i, ok := ix.pos[seq]; ok {
			ix.rows[i].actors = append(ix.rows[i].actors, ix.internBytes(actor))
		}
	}
	return rows.Err()
}

// loadDocuments reads the clusters of every document, for the first
// full-text query; later syncs keep them up to date.
func (ix *readIndex) loadDocuments(ctx context.Context, db *sql.DB) error {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.docsRead {
		return nil
	}
	if err := ix.readDocuments(ctx, db, `SELECT document, cluster FROM events`, nil); err != nil {
		ix.docs = map[int64][]int32{}
		return err
	}
	ix.docsRead = true
	return nil
}

func (ix *readIndex) readDocuments(ctx context.Context, db *sql.DB, query string, args []any) error {
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var doc, seq int64
		if err := rows.Scan(&doc, &seq); err != nil {
			return err
		}
		// Events move between clusters only by a correction, after which
		// everything is read again; a cluster read again lists the
		// documents already known. A cluster written after this sync
		// read the clusters is read with its documents at the next.
		i, ok := ix.pos[seq]
		if ok && !slices.Contains(ix.docs[doc], int32(i)) {
			ix.docs[doc] = append(ix.docs[doc], int32(i))
		}
	}
	return rows.Err()
}

// order sorts the rows into the orders of Sorts (orderBy in query.go) and
// lists, for every value an equality filter compares, the rows holding it.
func (ix *readIndex) order() {
	n := len(ix.rows)
	ix.byDate, ix.byFatalities = make([]int32, n), make([]int32, n)
	ix.undated = 0
	for i := range n {
		ix.byDate[i], ix.byFatalities[i] = int32(i), int32(i)
		if ix.rows[i].date == "" {
			ix.undated++
		}
	}
	newest := func(a, b *indexRow) int {
		switch {
		case a.date == "" && b.date != "":
			return 1
		case a.date != "" && b.date == "":
			return -1
		case a.day != 0 && b.day != 0:
			// YYYYMMDD orders as the text does, and compares faster.
			return cmp.Or(-cmp.Compare(a.day, b.day), -cmp.Compare(a.seq, b.seq))
		}
		return cmp.Or(-strings.Compare(a.date, b.date), -cmp.Compare(a.seq, b.seq))
	}
	slices.SortFunc(ix.byDate, func(a, b int32) int { return newest(&ix.rows[a], &ix.rows[b]) })
	slices.SortFunc(ix.byFatalities, func(a, b int32) int {
		ra, rb := &ix.rows[a], &ix.rows[b]
		return cmp.Or(-cmp.Compare(ra.fatalities, rb.fatalities), newest(ra, rb))
	})
	ix.dateRank, ix.fatalitiesRank = make([]int32, n), make([]int32, n)
	for p := range n {
		ix.dateRank[ix.byDate[p]], ix.fatalitiesRank[ix.byFatalities[p]] = int32(p), int32(p)
	}
	ix.lists = map[listKey][]int32{}
	add := func(kind byte, id int32, p int) {
		k := listKey{kind, id}
		if l := ix.lists[k]; len(l) == 0 || l[len(l)-1] != int32(p) {
			ix.lists[k] = append(l, int32(p))
		}
	}
	for p, i := range ix.byDate {
		r := &ix.rows[i]
		add(byType, r.eventType, p)
		add(bySubType, r.subType, p)
		add(byCountry, r.country, p)
		add(byAdmin1Code, r.admin1Code, p)
		for _, a := range r.actors {
			add(byActor, a, p)
		}
	}
}

// listKey names a list of rows: those whose column kind holds the value id.
type listKey struct {
	kind byte
	id   int32
}

const (
	byType byte = iota
	bySubType
	byCountry
	byAdmin1Code
	byActor
)

// list is the positions in byDate of the rows holding id in kind.
func (ix *readIndex) list(kind byte, id int32) []int32 { return ix.lists[listKey{kind, id}] }

// matcher is a normalized Filter against the index's rows: what query.go's
// filter asks of SQL, asked of a row.
type matcher struct {
	since, until       string
	sinceDay, untilDay int32 // since and until as YYYYMMDD; 0 for none
	dated              bool  // since or until is set
	types, subTypes    []int32
	typed              bool
	actor              int32   // 0: any
	admin1Codes        []int32 // nil: any
	country            int32
	bbox               *BBox
	background         *bool
	text               []uint64 // the rows the full-text filter found, as bits; nil: any
	textRows           []int32  // the same, as positions in byDate, ascending
	none               bool     // a value no row holds: nothing passes
}

// matcher builds the matcher of f (normalized); text is what its full-text
// filter found, when it has one.
func (ix *readIndex) matcher(f Filter, text *textHits) *matcher {
	m := &matcher{bbox: f.BBox, background: f.Background}
	if !f.Since.IsZero() {
		m.since = day(f.Since)
		m.sinceDay, _ = isoDay(m.since)
	}
	if !f.Until.IsZero() {
		m.until = day(f.Until)
		m.untilDay, _ = isoDay(m.until)
	}
	m.dated = m.since != "" || m.until != ""
	known := func(s string) int32 {
		id := ix.lookup(s)
		if id < 0 {
			m.none = true
		}
		return id
	}
	if len(f.Types) > 0 {
		m.typed = true
		for _, t := range f.Types {
			if id := ix.lookup(t); id >= 0 {
				if isEventType(t) {
					m.types = append(m.types, id)
				} else {
					m.subTypes = append(m.subTypes, id)
				}
			}
		}
		m.none = m.none || len(m.types)+len(m.subTypes) == 0
	}
	if f.Actor != "" {
		m.actor = known(f.Actor)
	}
	if len(f.admin1Codes) > 0 {
		// The provinces the filter names (query.go): those no row holds
		// are left out, and none at all means nothing passes.
		m.admin1Codes = []int32{}
		for _, c := range f.admin1Codes {
			if id := ix.lookup(c); id > 0 {
				m.admin1Codes = append(m.admin1Codes, id)
			}
		}
		m.none = m.none || len(m.admin1Codes) == 0
	}
	if f.Country != "" {
		m.country = known(f.Country)
	}
	if text != nil {
		m.text, m.textRows = text.bits, text.rows
		m.none = m.none || len(m.textRows) == 0
	}
	return m
}

// inDates tells whether r lies within since and until.
func (m *matcher) inDates(r *indexRow) bool {
	switch {
	case r.date == "":
		return false
	case r.day != 0:
		return (m.sinceDay == 0 || r.day >= m.sinceDay) && (m.untilDay == 0 || r.day <= m.untilDay)
	}
	return (m.since == "" || r.date >= m.since) && (m.until == "" || r.date <= m.until)
}

// match tells whether row i passes every filter but the dates, which the
// caller checks (inDates) or has chosen the row by (candidates).
func (m *matcher) match(r *indexRow, i int32) bool {
	if m.typed && !slices.Contains(m.types, r.eventType) && !slices.Contains(m.subTypes, r.subType) {
		return false
	}
	if m.actor > 0 && !slices.Contains(r.actors, m.actor) {
		return false
	}
	if m.admin1Codes != nil && !slices.Contains(m.admin1Codes, r.admin1Code) {
		return false
	}
	if m.country > 0 && r.country != m.country {
		return false
	}
	if b := m.bbox; b != nil && (!r.hasPlace || r.lon < b.MinLon || r.lon > b.MaxLon || r.lat < b.MinLat || r.lat > b.MaxLat) {
		return false
	}
	if m.background != nil && r.background != *m.background {
		return false
	}
	return m.text == nil || m.text[i/64]&(1<<(i%64)) != 0
}

// span is the positions in byDate a query looks at: the run lo..hi that its
// dates select, or only the positions of list, which lie in that run.
type span struct {
	lo, hi int
	list   []int32
	whole  bool // the run, and no list: every row the dates allow
}

func (s span) len() int {
	if s.whole {
		return s.hi - s.lo
	}
	return len(s.list)
}

func (s span) at(k int) int32 {
	if s.whole {
		return int32(s.lo + k)
	}
	return s.list[k]
}

// candidates is the span of m: of the dated run and the lists of rows that
// m's equality filters and words select, the shortest. Every row of the
// span lies within m's dates; each must still pass match.
func (ix *readIndex) candidates(m *matcher) span {
	lo, hi := 0, len(ix.byDate)
	if m.dated {
		dated := ix.byDate[:len(ix.byDate)-ix.undated]
		date := func(j int) string { return ix.rows[dated[j]].date }
		if m.until != "" {
			lo = sort.Search(len(dated), func(j int) bool { return date(j) <= m.until })
		}
		hi = len(dated)
		if m.since != "" {
			hi = sort.Search(len(dated), func(j int) bool { return date(j) < m.since })
		}
		hi = max(lo, hi)
	}
	best := span{lo: lo, hi: hi, whole: true}
	consider := func(lists ...[]int32) {
		var l []int32
		if len(lists) == 1 {
			l = lists[0]
		} else {
			for _, x := range lists {
				l = append(l, x...)
			}
			slices.Sort(l)
			l = slices.Compact(l)
		}
		from, _ := slices.BinarySearch(l, int32(lo))
		to, _ := slices.BinarySearch(l, int32(hi))
		if l = l[from:to]; len(l) < best.len() {
			best = span{lo: lo, hi: hi, list: l}
		}
	}
	if m.typed {
		var lists [][]int32
		for _, id := range m.types {
			lists = append(lists, ix.list(byType, id))
		}
		for _, id := range m.subTypes {
			lists = append(lists, ix.list(bySubType, id))
		}
		consider(lists...)
	}
	if m.actor > 0 {
		consider(ix.list(byActor, m.actor))
	}
	if len(m.admin1Codes) > 0 {
		var lists [][]int32
		for _, id := range m.admin1Codes {
			lists = append(lists, ix.list(byAdmin1Code, id))
		}
		consider(lists...)
	}
	if m.country > 0 {
		consider(ix.list(byCountry, m.country))
	}
	if m.text != nil {
		consider(m.textRows)
	}
	return best
}

// count is CountEvents.
func (ix *readIndex) count(m *matcher) int {
	if m.none {
		return 0
	}
	sp := ix.candidates(m)
	n := 0
	for k := range sp.len() {
		i := ix.byDate[sp.at(k)]
		if m.match(&ix.rows[i], i) {
			n++
		}
	}
	return n
}

// page is the seqs of the events of Events(f) from offset on, at most
// limit of them (0: all), in f's order.
func (ix *readIndex) page(m *matcher, order string, limit, offset int) []int64 {
	if m.none {
		return nil
	}
	var out []int64
	skipped := 0
	// take looks at row i, and says whether the page wants more.
	take := func(i int32, checkDates bool) bool {
		r := &ix.rows[i]
		if !m.match(r, i) || checkDates && !m.inDates(r) {
			return true
		}
		if skipped < offset {
			skipped++
			return true
		}
		out = append(out, r.seq)
		return limit == 0 || len(out) < limit
	}
	sp := ix.candidates(m)
	switch order {
	case "fatalities":
		if sp.whole && sp.lo == 0 && sp.hi == len(ix.byDate) {
			for _, i := range ix.byFatalities {
				if !take(i, false) {
					break
				}
			}
			return out
		}
		rows := make([]int32, 0, sp.len())
		for k := range sp.len() {
			rows = append(rows, ix.byDate[sp.at(k)])
		}
		slices.SortFunc(rows, func(a, b int32) int { return cmp.Compare(ix.fatalitiesRank[a], ix.fatalitiesRank[b]) })
		for _, i := range rows {
			if !take(i, false) {
				break
			}
		}
	case "-date":
		// Oldest first with the undated still last: the dated part of the
		// span read backwards, then the undated part, backwards too.
		split := sort.Search(sp.len(), func(k int) bool { return int(sp.at(k)) >= len(ix.byDate)-ix.undated })
		for _, part := range [][2]int{{split - 1, 0}, {sp.len() - 1, split}} {
			for k := part[0]; k >= part[1]; k-- {
				if !take(ix.byDate[sp.at(k)], false) {
					return out
				}
			}
		}
	default:
		for k := range sp.len() {
			if !take(ix.byDate[sp.at(k)], false) {
				break
			}
		}
	}
	return out
}

// stats is Stats.
func (ix *readIndex) stats(m *matcher) []StatRow {
	if m.none {
		return nil
	}
	type key struct {
		week, eventType string
		country         int32
		admin1          string
		admin1Code      int32
		actor           string
	}
	cells := map[key]*StatRow{}
	sp := ix.candidates(m)
	for k := range sp.len() {
		i := ix.byDate[sp.at(k)]
		r := &ix.rows[i]
		if !m.match(r, i) {
			continue
		}
		cell := key{r.week, ix.strs[r.eventType], r.country, r.admin1, r.admin1Code, r.actor1}
		c := cells[cell]
		if c == nil {
			c = &StatRow{Week: cell.week, EventType: cell.eventType, Country: ix.strs[cell.country], Admin1: cell.admin1,
				Admin1Code: ix.strs[cell.admin1Code], Actor: cell.actor}
			cells[cell] = c
		}
		c.Events++
		c.Fatalities += int(r.fatalities)
	}
	var out []StatRow
	for _, c := range cells {
		out = append(out, *c)
	}
	sortStats(out)
	return out
}
