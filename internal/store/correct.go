package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"rasd/internal/dedup"
	"rasd/internal/event"
)

// An analyst corrects the merging in two ways: a report that does not
// belong is split out of a merged event, and two merged events that report
// one occurrence are joined. Each correction is made at once on the stored
// clusters and recorded as pairs of per-document event ids (merge_decisions:
// "apart" or "together") that cluster assignment honours for every event
// stored later, so that an article stored again (its text edited, its
// events keeping their ids) does not undo it.

// ErrBadCorrection is wrapped by Split and Join when the correction asked
// for cannot be made: a report that is not a source of the event, the only
// source of an event, an event joined with itself.
var ErrBadCorrection = errors.New("correction not possible")

const (
	decisionApart    = "apart"
	decisionTogether = "together"
)

// decisionsMade are the recorded corrections, by event id: the events a
// new event must stay apart from, and those it must join.
type decisionsMade struct {
	last            int64 // the largest merge_decisions.id read
	apart, together map[string][]string
}

func (d *decisionsMade) add(kind, a, b string) {
	if d.apart == nil {
		d.apart, d.together = map[string][]string{}, map[string][]string{}
	}
	m := d.apart
	if kind == decisionTogether {
		m = d.together
	}
	m[a] = append(m[a], b)
	m[b] = append(m[b], a)
}

// decisionRow is one row of merge_decisions.
type decisionRow struct {
	id               int64
	kind, a, b, note string
}

// bridgeNote starts the note of the rows that record the clusters ingest
// joined itself (bridge, add.go). They are kept so that every copy of the
// clusters older than them reads them all again (a cluster was removed),
// and so that the join can be read back; they bind nothing, since the
// matcher joins the same reports again whenever they are stored again.
const bridgeNote = "rasd: "

// syncDecisions reads the corrections recorded since the writer last
// looked, by this process or another; a batch costs one indexed query.
func (w *writer) syncDecisions(ctx context.Context, tx writeTx) error {
	rows, err := tx.decisionsAfter(ctx, w.decisions.last)
	if err != nil {
		return err
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, r := range rows {
		if !strings.HasPrefix(r.note, bridgeNote) {
			w.decisions.add(r.kind, r.a, r.b)
		}
		w.decisions.last = max(w.decisions.last, r.id)
	}
	return nil
}

// apartFrom are the events a recorded correction keeps event id apart
// from; nil nearly always.
func (w *writer) apartFrom(id string) []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.decisions.apart[id]
}

// keptApart says whether cluster c holds one of the events apart lists.
func keptApart(apart []string, c *event.Stored) bool {
	for _, other := range apart {
		for _, s := range c.Sources {
			if s.EventID == other {
				return true
			}
		}
	}
	return false
}

// joinedTo is the cluster a recorded correction puts event id in, if any.
func (w *writer) joinedTo(ctx context.Context, tx writeTx, id string) (clusterRef, bool, error) {
	w.mu.Lock()
	together := slices.Clone(w.decisions.together[id])
	w.mu.Unlock()
	for _, other := range together {
		ref, ok, err := tx.clusterOfEvent(ctx, other)
		if err != nil || ok {
			return ref, ok, err
		}
	}
	return clusterRef{}, false, nil
}

// analystWhy is the reason a source joined by hand carries.
func analystWhy(note string) *event.Why {
	return &event.Why{By: dedup.ByAnalyst, Score: 1, Signals: []event.Signal{{Name: "analyst", Value: 1, Weight: 1, Note: note}}}
}

// split takes the report eventID out of the merged event clusterID into an
// event of its own and records it apart from every report it leaves.
func (w *writer) split(ctx context.Context, tx writeTx, clusterID, eventID string, now time.Time) (string, error) {
	ref, err := tx.clusterByID(ctx, clusterID)
	if err != nil {
		return "", err
	}
	c, err := w.load(ctx, tx, ref)
	if err != nil {
		return "", err
	}
	members, err := tx.members(ctx, ref.seq)
	if err != nil {
		return "", err
	}
	whyOf(members, c.stored)
	i := slices.IndexFunc(members, func(m dedup.Member) bool { return m.Event.ID == eventID })
	if i < 0 {
		return "", fmt.Errorf("%w: %s is not a source of %s", ErrBadCorrection, eventID, clusterID)
	}
	if len(members) == 1 {
		return "", fmt.Errorf("%w: %s is the only source of %s", ErrBadCorrection, eventID, clusterID)
	}
	out := members[i]
	out.Why = nil
	rest := slices.Delete(slices.Clone(members), i, i+1)
	rest[0].Why = nil // it starts the event now

	newID := correctionID("split", clusterID, eventID)
	st := dedup.Merge(newID, []dedup.Member{out})
	rec, cols, err := encodeCluster(&st)
	if err != nil {
		return "", err
	}
	seq, err := tx.insertCluster(ctx, newID, cols, st.Documents(), rec)
	if err != nil {
		return "", err
	}
	if err := tx.setClusterActors(ctx, seq, cols.actors); err != nil {
		return "", err
	}
	if err := tx.moveEvents(ctx, ref.seq, seq, eventID); err != nil {
		return "", err
	}
	if err := w.rewrite(ctx, tx, ref.seq, clusterID, rest); err != nil {
		return "", err
	}
	note := fmt.Sprintf("split out of %s by an analyst on %s", clusterID, now.UTC().Format(time.RFC3339))
	for _, m := range rest {
		if err := tx.insertDecision(ctx, decisionApart, eventID, m.Event.ID, note, now); err != nil {
			return "", err
		}
	}
	return newID, nil
}

// join moves every report of the merged event from into into, removes
// from, and records the reports of both together.
func (w *writer) join(ctx context.Context, tx writeTx, into, from string, now time.Time) error {
	if into == from {
		return fmt.Errorf("%w: %s cannot be joined with itself", ErrBadCorrection, into)
	}
	a, err := tx.clusterByID(ctx, into)
	if err != nil {
		return err
	}
	b, err := tx.clusterByID(ctx, from)
	if err != nil {
		return err
	}
	ca, err := w.load(ctx, tx, a)
	if err != nil {
		return err
	}
	cb, err := w.load(ctx, tx, b)
	if err != nil {
		return err
	}
	if err := tx.moveEvents(ctx, b.seq, a.seq, ""); err != nil {
		return err
	}
	if err := tx.deleteCluster(ctx, b.seq); err != nil {
		return err
	}
	members, err := tx.members(ctx, a.seq)
	if err != nil {
		return err
	}
	whyOf(members, ca.stored)
	whyOf(members, cb.stored)
	note := fmt.Sprintf("%s joined to %s by an analyst on %s", from, into, now.UTC().Format(time.RFC3339))
	if len(cb.stored.Sources) > 0 {
		first := cb.stored.Sources[0]
		for i := range members {
			if members[i].Event.ID == first.EventID && members[i].Doc.ID == first.DocID {
				members[i].Why = analystWhy(note)
			}
		}
	}
	if err := w.rewrite(ctx, tx, a.seq, into, members); err != nil {
		return err
	}
	if len(ca.stored.Sources) == 0 {
		return nil
	}
	anchor := ca.stored.Sources[0].EventID
	for _, s := range cb.stored.Sources {
		if err := tx.insertDecision(ctx, decisionTogether, anchor, s.EventID, note, now); err != nil {
			return err
		}
	}
	return nil
}

// rewrite stores the record of cluster seq merged anew from members.
func (w *writer) rewrite(ctx context.Context, tx writeTx, seq int64, id string, members []dedup.Member) error {
	st := dedup.Merge(id, members)
	rec, cols, err := encodeCluster(&st)
	if err != nil {
		return err
	}
	version, err := tx.updateCluster(ctx, seq, nil, cols, st.Documents(), rec)
	if err != nil {
		return err
	}
	w.remember(clusterRef{seq, version}, &cluster{&st, members})
	return tx.setClusterActors(ctx, seq, cols.actors)
}

// correctionID names the event a split makes, as clusterID names those
// ingest makes: 16 hex digits of SHA-256.
func correctionID(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}
