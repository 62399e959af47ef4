package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"rasd/internal/dedup"
)

// pipeTx is a SQLite write transaction whose writes run on a goroutine of
// their own, in the order they were made, while the writer goes on judging
// the next events: on the bench corpus the statements of a batch (its
// documents, events, clusters and their actors) were a third of what the
// one writer goroutine of rasd ingest spent before its full-text inserts
// and its commit, and the judging (dedup) most of the rest; the two now
// overlap. The full-text inserts and the commit still come last, once
// every write has run, so the file ends the same, row for row.
//
// A write returns what the statement would have: SQLite gives a new row
// the largest rowid of its table plus one (documents and clusters have no
// AUTOINCREMENT), so the id of a document is the largest at the start of
// the transaction plus those inserted since, and the seq of a new cluster
// the largest the writer's copy of the clusters holds (clusterSpans) plus
// one; a rewrite makes the version the copy holds plus one. Each statement
// checks its answer against the one given ahead, and a difference fails
// the batch, which is then written again the plain way (sqliteTx), as is a
// batch that fails for any other reason: its errors are then the ones a
// plain transaction gives.
//
// Whether the store holds a document already: one inserted earlier in the
// transaction is known (hashes); one the caller marked unseen
// (Prepared.MarkUnseen) is not there; any other is looked up in the file
// as committed. Reads of a cluster this transaction has not written (the
// record or the members of a cluster the writer's cache lacks) go to a
// reading connection at once; those of one it has written, and a
// correction's lookups, wait for every write queued and read inside the
// transaction. The writer then rarely waits but at the end of a batch: on
// the bench corpus, waiting for every read made the judging stop some 2,000
// times (of 118 batches), which left little to overlap.
type pipeTx struct {
	t   *sqliteTx
	ctx context.Context
	ops chan pipeOp
	// done is closed when the goroutine has run its last operation.
	done chan struct{}
	// nextDoc is the id the next document inserted gets; maxSeq the
	// largest cluster seq in the table (0 when empty).
	nextDoc, maxSeq int64
	// hashes are the documents inserted in this transaction; touched the
	// clusters whose row or events it wrote. What it has not touched reads
	// the same from the file as committed, which any connection reads
	// without waiting for the writes queued (the transaction holds the
	// write lock: nothing else commits meanwhile).
	hashes  map[string]struct{}
	touched map[int64]struct{}
}

// pipeOp is one write, or a barrier (reply set) that answers with the
// first error of the writes before it.
type pipeOp struct {
	run   func() error
	reply chan error
}

// errMispredicted fails a pipelined batch whose statements answered
// otherwise than pipeTx expected; the batch is then written again.
var errMispredicted = errors.New("a write of the pipelined transaction answered otherwise than expected")

// pipeDepth is how many writes may wait for the goroutine.
const pipeDepth = 1024

// startPipe starts the goroutine of a pipeTx over t, whose clusterSpans
// are current.
func startPipe(ctx context.Context, t *sqliteTx) (*pipeTx, error) {
	var maxDoc int64
	if err := t.tx.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM documents`).Scan(&maxDoc); err != nil {
		return nil, err
	}
	p := &pipeTx{t: t, ctx: ctx, ops: make(chan pipeOp, pipeDepth), done: make(chan struct{}), nextDoc: maxDoc + 1,
		hashes: map[string]struct{}{}, touched: map[int64]struct{}{}}
	p.maxSeq = t.s.spans.maxSeq()
	go p.loop()
	return p, nil
}

func (p *pipeTx) loop() {
	defer close(p.done)
	var err error
	for op := range p.ops {
		if op.reply != nil {
			op.reply <- err
			continue
		}
		if err == nil {
			err = op.run()
		}
	}
}

// send queues a write.
func (p *pipeTx) send(run func() error) { p.ops <- pipeOp{run: run} }

// wait returns once every write queued has run, with the first error.
func (p *pipeTx) wait() error {
	reply := make(chan error, 1)
	p.ops <- pipeOp{reply: reply}
	return <-reply
}

// stop ends the goroutine once it has run (or passed over) what is queued;
// the transaction is the caller's again.
func (p *pipeTx) stop() {
	close(p.ops)
	<-p.done
}

func (p *pipeTx) insertDocument(ctx context.Context, d *Prepared) (int64, bool, error) {
	if _, ok := p.hashes[d.hash]; ok {
		return 0, false, nil // ON CONFLICT DO NOTHING
	}
	if !d.unseen {
		// Not inserted in this transaction: the file says whether it was
		// committed before.
		known, err := p.t.s.HasDocument(ctx, d.hash)
		if err != nil || known {
			return 0, false, err
		}
	}
	p.hashes[d.hash] = struct{}{}
	row := p.nextDoc
	p.nextDoc++
	p.t.words = append(p.t.words, docWords{row, d.joinedWords})
	p.send(func() error {
		got, inserted, err := p.t.execInsertDocument(p.ctx, d)
		if err != nil {
			return err
		}
		if !inserted || got != row {
			return fmt.Errorf("%w: document %s: row %d, inserted %v; expected row %d", errMispredicted, d.doc.ID, got, inserted, row)
		}
		return nil
	})
	return row, true, nil
}

func (p *pipeTx) lockClusters(context.Context, []string) error { return nil }

func (p *pipeTx) candidates(ctx context.Context, dst []clusterRef, eventType, from, to, country string) ([]clusterRef, error) {
	return p.t.candidates(ctx, dst, eventType, from, to, country)
}

func (p *pipeTx) record(ctx context.Context, seq int64) ([]byte, error) {
	if _, ok := p.touched[seq]; !ok {
		var rec []byte
		err := p.t.s.stmts["record"].QueryRowContext(ctx, seq).Scan(&rec)
		return rec, err
	}
	if err := p.wait(); err != nil {
		return nil, err
	}
	return p.t.record(ctx, seq)
}

func (p *pipeTx) members(ctx context.Context, cluster int64) ([]dedup.Member, error) {
	if _, ok := p.touched[cluster]; !ok {
		rows, err := p.t.s.stmts["members"].QueryContext(ctx, cluster)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		return scanMembers(rows)
	}
	if err := p.wait(); err != nil {
		return nil, err
	}
	return p.t.members(ctx, cluster)
}

func (p *pipeTx) touch(seqs ...int64) {
	for _, seq := range seqs {
		p.touched[seq] = struct{}{}
	}
}

func (p *pipeTx) insertCluster(_ context.Context, id string, cols columns, sources int, record []byte) (int64, error) {
	seq := p.maxSeq + 1
	p.maxSeq = seq
	p.touch(seq)
	p.t.s.spans.inserted(cols.eventType, spanOf(seq, 1, &cols))
	p.send(func() error {
		got, err := p.t.execInsertCluster(p.ctx, id, cols, sources, record)
		if err != nil {
			return err
		}
		if got != seq {
			return fmt.Errorf("%w: cluster %s: seq %d; expected %d", errMispredicted, id, got, seq)
		}
		return nil
	})
	return seq, nil
}

func (p *pipeTx) updateCluster(ctx context.Context, seq int64, was *columns, cols columns, sources int, record []byte) (int64, error) {
	current, ok := p.t.s.spans.version(seq, cols.eventType)
	if !ok {
		// Not in the copy (cannot happen: the writer only rewrites
		// clusters it found there or read in this transaction).
		if err := p.wait(); err != nil {
			return 0, err
		}
		p.touch(seq)
		return p.t.updateCluster(ctx, seq, was, cols, sources, record)
	}
	version := current + 1
	p.touch(seq)
	p.t.s.spans.updated(cols.eventType, spanOf(seq, version, &cols))
	var w *columns
	if was != nil {
		c := *was
		w = &c
	}
	p.send(func() error {
		got, err := p.t.execUpdateCluster(p.ctx, seq, w, cols, sources, record)
		if err != nil {
			return err
		}
		if got != version {
			return fmt.Errorf("%w: cluster %d: version %d; expected %d", errMispredicted, seq, got, version)
		}
		return nil
	})
	return version, nil
}

func (p *pipeTx) setClusterActors(_ context.Context, seq int64, actors []string) error {
	p.touch(seq)
	p.send(func() error { return p.t.setClusterActors(p.ctx, seq, actors) })
	return nil
}

func (p *pipeTx) insertEvent(_ context.Context, doc, cluster int64, e *preparedEvent) error {
	p.touch(cluster)
	p.send(func() error { return p.t.insertEvent(p.ctx, doc, cluster, e) })
	return nil
}

func (p *pipeTx) clusterByID(ctx context.Context, id string) (clusterRef, error) {
	if err := p.wait(); err != nil {
		return clusterRef{}, err
	}
	return p.t.clusterByID(ctx, id)
}

func (p *pipeTx) clusterOfEvent(ctx context.Context, eventID string) (clusterRef, bool, error) {
	if err := p.wait(); err != nil {
		return clusterRef{}, false, err
	}
	return p.t.clusterOfEvent(ctx, eventID)
}

func (p *pipeTx) moveEvents(_ context.Context, from, to int64, eventID string) error {
	p.touch(from, to)
	p.send(func() error { return p.t.moveEvents(p.ctx, from, to, eventID) })
	return nil
}

func (p *pipeTx) deleteCluster(_ context.Context, seq int64) error {
	p.touch(seq)
	p.t.s.spans.removed(seq)
	if seq == p.maxSeq {
		p.maxSeq = p.t.s.spans.maxSeq()
	}
	p.send(func() error { return p.t.execDeleteCluster(p.ctx, seq) })
	return nil
}

func (p *pipeTx) insertDecision(_ context.Context, kind, a, b, note string, at time.Time) error {
	p.send(func() error { return p.t.insertDecision(p.ctx, kind, a, b, note, at) })
	return nil
}

func (p *pipeTx) decisionsAfter(ctx context.Context, id int64) ([]decisionRow, error) {
	if err := p.wait(); err != nil {
		return nil, err
	}
	return p.t.decisionsAfter(ctx, id)
}
