package main

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync/atomic"
)

// rasd's heap is mostly the lexicons (some 30 MB that live as long as the
// process), and every collection marks all of them again. Go's default
// (a collection each time the heap doubles) spends a large share of
// extraction's CPU on them; collecting at four times the live heap
// (GOGC=300) spends a tenth. But four times is also what a growing heap
// reaches: ingest's store writer keeps the clusters it made, and its
// live heap grows to 150 MB and more over a corpus, so ingest peaked near
// a gigabyte.
//
// So the heap may grow past what the last collection found live by three
// times that (GOGC=300), but by no more than gcHeadroom or, when more is
// live, by as much as is live: a soft memory limit set anew after every
// collection. A heap of lexicons and a few articles in flight (extract:
// 45 MB) keeps GOGC=300's pacing; ingest's larger heap is collected when
// it doubles (GOGC=100), as by Go's default. Tighter limits were measured
// and not kept: gcHeadroom at 64 MiB took `rasd extract` of the bench
// corpus from 233 to 131 MB peak but from 18.9 to 23.6 CPU-seconds, 96 MiB
// to 159 MB and 22.6 s (docs/performance.md). For ingest of the bench
// corpus (live heap 80–100 MB), 96 MiB took the peak from ~278 to ~243 MB
// for ~4% more CPU, 64 MiB to ~202 MB for ~10%: not kept either, the
// 300 MB target being met without it (branch mem2). Ingest has since come
// closer to 300 MB and takes ingestHeadroom.
//
// GOGC or GOMEMLIMIT in the environment turn all of this off: what the
// user set applies as Go defines it.
const gcHeadroom = 128 << 20

// ingestHeadroom is ingest's: its store writer judges one batch while the
// one before it commits (store.BatchStarter), so a third batch of
// extracted documents is alive, and its SQLite connections hold some
// 25 MB outside the Go heap. At 128 MiB its peak on the bench corpus
// came to 287–290 MB; at 104 MiB, 258–269 MB for 34–35 collections
// instead of 27–28 (three alternating rounds, branch perf-ingest2).
const ingestHeadroom = 104 << 20

// headroom is the headroom in force; setMemoryLimit reads it after every
// collection.
var headroom atomic.Uint64

// tuned says whether tuneGC set the collector's pacing (no GOGC or
// GOMEMLIMIT in the environment).
var tuned bool

func tuneGC() {
	headroom.Store(gcHeadroom)
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	tuned = true
	debug.SetGCPercent(300)
	debug.SetMemoryLimit(gcHeadroom)
	armGCHook()
}

// setHeadroom changes the headroom for the rest of the process, for a
// command whose heap is better held closer to its live size.
func setHeadroom(n uint64) {
	headroom.Store(n)
	if tuned {
		setMemoryLimit()
	}
}

// armGCHook sets the memory limit from the live heap after the next
// collection: a finalizer runs once an object is found unreachable, which
// takes one collection, and it arms the next one.
func armGCHook() {
	runtime.SetFinalizer(new([16]byte), func(*[16]byte) {
		setMemoryLimit()
		armGCHook()
	})
}

var liveSample = []metrics.Sample{{Name: "/gc/heap/live:bytes"}}

func setMemoryLimit() {
	metrics.Read(liveSample)
	if liveSample[0].Value.Kind() != metrics.KindUint64 {
		return
	}
	debug.SetMemoryLimit(memoryLimit(liveSample[0].Value.Uint64(), headroom.Load()))
}

// memoryLimit is the limit for a live heap of live bytes and a headroom
// of room bytes.
func memoryLimit(live, room uint64) int64 {
	limit := live + max(live, room)
	if limit < live || limit > math.MaxInt64 {
		return math.MaxInt64
	}
	return int64(limit)
}
