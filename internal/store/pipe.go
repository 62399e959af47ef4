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
// one; a rewrite makes the version the copy holds plus one, and is made
// only if the row is at the version the copy holds. Each statement checks
// its answer against the one given ahead, and a difference fails the
// batch, which is then written again the plain way (sqliteTx), as is a
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
//
// The full-text inserts and the commit run on the goroutine too, and the
// writer goes on to judge the next batch meanwhile (StartBatch): that
// batch is chained to this one (startChained). Its goroutine begins its
// transaction once this one has committed, and only if it has; its ids
// and versions follow this one's; and what this one wrote counts as
// written for it (inserted, wrote), since the file holds it only once
// committed. Before, the writer goroutine of rasd ingest spent some two
// thirds of its time (its CPU profile) in the full-text inserts and the
// commit (FTS5's segments and merges, the WAL) while the judging waited.
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
	// prev is the batch before this one when it was still committing as
	// this one's judging began (chained, startChained): its documents and
	// clusters are this one's uncommitted past as well. The writer's
	// alone; dropped once prev is known committed.
	prev *pipeTx
	// dataVersion is PRAGMA data_version as the writer's copy of the
	// clusters last read it: a chained batch checks at its BEGIN that no
	// other connection committed since.
	dataVersion int64

	// out are the batch's results, made by the judging; err its outcome,
	// final once done is closed: the judging's error, or the first of its
	// writes, its full-text inserts or its commit.
	out []AddResult
	err error
}

// pipeOp is one write, or a barrier (reply set) that answers with the
// first error of the writes before it.
type pipeOp struct {
	run    func() error
	reply  chan error
	commit bool // the batch's end: its full-text inserts and its commit
}

// errMispredicted fails a pipelined batch whose statements answered
// otherwise than pipeTx expected; the batch is then written again.
var errMispredicted = errors.New("a write of the pipelined transaction answered otherwise than expected")

// errChainBroken fails a chained batch whose predecessor failed: it was
// judged on writes that were never committed, and is written again.
var errChainBroken = errors.New("the batch before this one was not stored")

// pipeDepth is how many writes may wait for the goroutine: a chained
// batch queues its writes while the batch before it commits, some 1,000
// for 256 documents of the bench corpus.
const pipeDepth = 4096

// startPipe starts the goroutine of a pipeTx over t, an open transaction
// whose clusterSpans are current.
func startPipe(ctx context.Context, t *sqliteTx) (*pipeTx, error) {
	var maxDoc int64
	if err := t.tx.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM documents`).Scan(&maxDoc); err != nil {
		return nil, err
	}
	p := newPipe(ctx, t, maxDoc+1)
	go p.loop(nil)
	return p, nil
}

// startChained starts the goroutine of a batch judged while prev, whose
// judging is done, still commits: it begins its transaction once prev has
// committed, and the ids and versions it gives ahead follow prev's.
func startChained(ctx context.Context, s *sqliteStore, prev *pipeTx) *pipeTx {
	p := newPipe(ctx, &sqliteTx{s: s}, prev.nextDoc)
	p.prev = prev
	p.dataVersion = s.spans.dataVersion
	go p.loop(prev)
	return p
}

func newPipe(ctx context.Context, t *sqliteTx, nextDoc int64) *pipeTx {
	return &pipeTx{t: t, ctx: ctx, ops: make(chan pipeOp, pipeDepth), done: make(chan struct{}), nextDoc: nextDoc,
		maxSeq: t.s.spans.maxSeq(), hashes: map[string]struct{}{}, touched: map[int64]struct{}{}}
}

// loop runs the writes queued, then the commit, in the transaction; after
// prev's commit, when chained to it.
func (p *pipeTx) loop(prev *pipeTx) {
	defer close(p.done)
	var err error
	if prev != nil {
		err = p.begin(prev)
	}
	committed := false
	for op := range p.ops {
		switch {
		case op.reply != nil:
			op.reply <- err
		case op.commit:
			if err == nil {
				err = p.commit()
				committed = err == nil
			}
		case err == nil:
			err = op.run()
		}
	}
	if !committed && p.t.tx != nil {
		p.t.tx.Rollback()
	}
	if p.err == nil && err == nil && !committed {
		err = errors.New("pipelined batch ended without its commit")
	}
	if p.err == nil {
		p.err = err
	}
}

// begin opens the transaction of a chained batch once prev has committed,
// and checks that nothing but this writer committed since the writer's
// copy of the clusters was read: what the judging gave ahead holds only
// then.
func (p *pipeTx) begin(prev *pipeTx) error {
	<-prev.done
	if prev.err != nil {
		return fmt.Errorf("%w: %v", errChainBroken, prev.err)
	}
	tx, err := beginImmediate(p.ctx, p.t.s.wconn)
	if err != nil {
		return err
	}
	p.t.tx = tx
	var v int64
	if err := tx.QueryRowContext(p.ctx, `PRAGMA data_version`).Scan(&v); err != nil {
		return err
	}
	if v != p.dataVersion {
		return fmt.Errorf("%w: another connection committed", errMispredicted)
	}
	return nil
}

// commit writes the batch's words into the full-text index and commits.
func (p *pipeTx) commit() error {
	if err := p.t.indexWords(p.ctx); err != nil {
		return err
	}
	if err := p.t.tx.Commit(); err != nil {
		return err
	}
	p.t.s.committed()
	return nil
}

// send queues a write.
func (p *pipeTx) send(run func() error) { p.ops <- pipeOp{run: run} }

// wait returns once every write queued has run, with the first error.
func (p *pipeTx) wait() error {
	reply := make(chan error, 1)
	p.ops <- pipeOp{reply: reply}
	return <-reply
}

// finish queues the batch's end: its full-text inserts and its commit,
// which the goroutine runs while the writer goes on with the next batch.
func (p *pipeTx) finish() {
	p.ops <- pipeOp{commit: true}
	close(p.ops)
}

// abort ends the batch without its commit, once the goroutine has passed
// over what is queued; err is the batch's outcome.
func (p *pipeTx) abort(err error) {
	p.err = err
	close(p.ops)
	<-p.done
}

// result returns the batch's results once it is committed, or its error.
func (p *pipeTx) result() ([]AddResult, error) {
	<-p.done
	return p.out, p.err
}

// inserted says whether this batch, or the one before it still
// uncommitted, inserted the document of hash h.
func (p *pipeTx) inserted(h string) bool {
	if _, ok := p.hashes[h]; ok {
		return true
	}
	if p.prev != nil {
		_, ok := p.prev.hashes[h]
		return ok
	}
	return false
}

// wrote says whether this batch, or the one before it, wrote cluster seq
// or its events: only the transaction reads those as they are now.
func (p *pipeTx) wrote(seq int64) bool {
	if _, ok := p.touched[seq]; ok {
		return true
	}
	if p.prev != nil {
		_, ok := p.prev.touched[seq]
		return ok
	}
	return false
}

func (p *pipeTx) insertDocument(ctx context.Context, d *Prepared) (int64, bool, error) {
	if p.inserted(d.hash) {
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
	if !p.wrote(seq) {
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
	if !p.wrote(cluster) {
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
		rewritten, err := p.t.execUpdateClusterIf(p.ctx, seq, current, w, cols, sources, record)
		if err != nil {
			return err
		}
		if !rewritten {
			return fmt.Errorf("%w: cluster %d: not at version %d", errMispredicted, seq, current)
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
