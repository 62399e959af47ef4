package store

import (
	"cmp"
	"context"
	"database/sql"
	"slices"
)

// clusterSpans is the SQLite writer's copy of every cluster's event type and
// date interval, from which it picks a new event's candidate clusters
// without a query. The query had to scan about half the clusters of the
// type for each event (intervals overlap a window; no index orders both
// ends), which cost more than all the inserts of an ingest.
//
// The copy is trusted only while no other connection has written the file:
// each write transaction first compares SQLite's data_version, which
// changes exactly when another connection commits, with the one seen last,
// and reads the copy again when it differs. A transaction that rolls back
// drops the copy, since it may hold changes that were never committed.
type clusterSpans struct {
	loaded      bool
	dataVersion int64
	byType      map[string][]clusterSpan // each in seq order
}

// clusterSpan is one cluster as candidates needs it.
type clusterSpan struct {
	seq, version int64
	start, end   string // YYYY-MM-DD, or "" for NULL
	// The dates as numbers that order as the text does, when both are
	// well-formed (always, for dates this store wrote): comparing them is
	// several times faster than comparing the text, and candidates
	// compares every cluster of the type.
	startDay, endDay int32
	numeric          bool
	// The days its reports were published (dedup.PublicationSpan), the
	// second interval a cluster is found by; 0 when not known.
	pubStartDay, pubEndDay int32
	// The country of a cluster placed in a province, "" otherwise: only
	// such a cluster can be ruled out by country.
	country string
}

// placed adds the country of a cluster placed in a province.
func (s clusterSpan) placed(country, admin1 string) clusterSpan {
	if admin1 != "" {
		s.country = country
	}
	return s
}

// published adds the publication span to a cluster's span.
func (s clusterSpan) published(start, end string) clusterSpan {
	a, ok1 := isoDay(start)
	b, ok2 := isoDay(end)
	if ok1 && ok2 {
		s.pubStartDay, s.pubEndDay = a, b
	}
	return s
}

func newSpan(seq, version int64, start, end string) clusterSpan {
	s := clusterSpan{seq: seq, version: version, start: start, end: end}
	var ok1, ok2 bool
	s.startDay, ok1 = isoDay(start)
	s.endDay, ok2 = isoDay(end)
	s.numeric = ok1 && ok2
	return s
}

// isoDay reads YYYY-MM-DD as the number YYYYMMDD.
func isoDay(s string) (int32, bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return 0, false
	}
	var n int32
	for i := 0; i < len(s); i++ {
		if i == 4 || i == 7 {
			continue
		}
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int32(c-'0')
	}
	return n, true
}

// sync makes the copy current inside tx, which holds the write lock, so
// that no other connection can commit until tx ends.
func (c *clusterSpans) sync(ctx context.Context, tx *sql.Tx) error {
	var v int64
	if err := tx.QueryRowContext(ctx, `PRAGMA data_version`).Scan(&v); err != nil {
		return err
	}
	if c.loaded && v == c.dataVersion {
		return nil
	}
	c.loaded = false
	rows, err := tx.QueryContext(ctx, `SELECT seq, version, event_type, coalesce(date_start, ''), coalesce(date_end, ''),
		coalesce(pub_start, ''), coalesce(pub_end, ''), coalesce(country, ''), coalesce(admin1, '') FROM clusters ORDER BY seq`)
	if err != nil {
		return err
	}
	defer rows.Close()
	byType := map[string][]clusterSpan{}
	for rows.Next() {
		var (
			seq, version                                       int64
			typ, start, end, pubStart, pubEnd, country, admin1 string
		)
		if err := rows.Scan(&seq, &version, &typ, &start, &end, &pubStart, &pubEnd, &country, &admin1); err != nil {
			return err
		}
		byType[typ] = append(byType[typ], newSpan(seq, version, start, end).published(pubStart, pubEnd).placed(country, admin1))
	}
	if err := rows.Err(); err != nil {
		return err
	}
	c.byType, c.dataVersion, c.loaded = byType, v, true
	return nil
}

// drop forgets the copy; the next transaction reads it again.
func (c *clusterSpans) drop() {
	c.loaded, c.byType = false, nil
}

// candidates appends to out the clusters of eventType whose date interval
// or publication span overlaps [from, to], in seq order: what the SQL
// `date_end >= from AND date_start <= to` (or the same of pub_end and
// pub_start) selects, comparing the ISO dates as text as SQLite does, and
// skipping clusters without dates as NULL does.
func (c *clusterSpans) candidates(out []clusterRef, eventType, from, to, country string) []clusterRef {
	fromDay, ok1 := isoDay(from)
	toDay, ok2 := isoDay(to)
	numeric := ok1 && ok2
	list := c.byType[eventType]
	for i := range list {
		s := &list[i]
		var overlaps bool
		if numeric && s.numeric {
			overlaps = s.endDay >= fromDay && s.startDay <= toDay
		} else {
			overlaps = s.start != "" && s.end != "" && s.end >= from && s.start <= to
		}
		if !overlaps && numeric && s.pubEndDay != 0 {
			overlaps = s.pubEndDay >= fromDay && s.pubStartDay <= toDay
		}
		if overlaps && country != "" && s.country != "" && s.country != country {
			overlaps = false
		}
		if overlaps {
			out = append(out, clusterRef{s.seq, s.version})
		}
	}
	return out
}

// inserted records a cluster the current transaction created.
func (c *clusterSpans) inserted(eventType string, s clusterSpan) {
	c.byType[eventType] = insertBySeq(c.byType[eventType], s)
}

// updated records a cluster the current transaction rewrote.
func (c *clusterSpans) updated(eventType string, s clusterSpan) {
	list := c.byType[eventType]
	if i, ok := searchSeq(list, s.seq); ok {
		list[i] = s
		return
	}
	// The rewrite changed the cluster's type (dedup joins only events of
	// one type, so this does not happen now): it moves lists.
	for typ, other := range c.byType {
		if i, ok := searchSeq(other, s.seq); ok {
			c.byType[typ] = slices.Delete(other, i, i+1)
			break
		}
	}
	c.byType[eventType] = insertBySeq(list, s)
}

// removed forgets a cluster the current transaction deleted.
func (c *clusterSpans) removed(seq int64) {
	for typ, list := range c.byType {
		if i, ok := searchSeq(list, seq); ok {
			c.byType[typ] = slices.Delete(list, i, i+1)
			return
		}
	}
}

func insertBySeq(list []clusterSpan, s clusterSpan) []clusterSpan {
	i, _ := searchSeq(list, s.seq)
	return slices.Insert(list, i, s)
}

func searchSeq(list []clusterSpan, seq int64) (int, bool) {
	return slices.BinarySearchFunc(list, seq, func(x clusterSpan, seq int64) int { return cmp.Compare(x.seq, seq) })
}

// maxSeq is the largest seq of the clusters, 0 when there are none: the
// largest rowid of the clusters table, after which SQLite numbers the next.
func (c *clusterSpans) maxSeq() int64 {
	var m int64
	for _, list := range c.byType {
		if n := len(list); n > 0 {
			m = max(m, list[n-1].seq)
		}
	}
	return m
}

// version is the version of cluster seq, looked for first among the
// clusters of eventType.
func (c *clusterSpans) version(seq int64, eventType string) (int64, bool) {
	if i, ok := searchSeq(c.byType[eventType], seq); ok {
		return c.byType[eventType][i].version, true
	}
	for _, list := range c.byType {
		if i, ok := searchSeq(list, seq); ok {
			return list[i].version, true
		}
	}
	return 0, false
}
