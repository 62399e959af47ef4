package gazetteer

import (
	"strconv"
	"strings"

	"rasd/internal/lexicon"
)

// The gazetteer keeps some 75,000 places, 56,000 names and their strings
// for the life of the process. Made one by one they were a million
// allocations at every start and, since the strings of a place were
// substrings of its line in the extract, they kept each whole line (a
// dozen columns the gazetteer never reads) alive. The types below make
// them in blocks instead: fewer objects for the collector to trace, no
// size-class rounding, and only the bytes that are used kept.

// strBlock is the size of one block of a strArena.
const strBlock = 64 << 10

// strArena copies strings into large shared blocks. A block is a
// strings.Builder's buffer: the Builder only ever appends to it, and
// starts a new buffer when one is full, so the bytes behind a string it
// handed out never change.
type strArena struct {
	b *strings.Builder
}

// clone returns a copy of s that does not keep the string s points into
// alive, or s itself when it lies in the binary's packed extracts, which
// nothing frees.
func (a *strArena) clone(s string) string {
	if s == "" || lexicon.Static(s) {
		return s
	}
	a.reserve(len(s))
	start := a.b.Len()
	a.b.WriteString(s)
	return a.b.String()[start:]
}

// prefixedInt returns prefix followed by n in decimal («wof:» and an id).
func (a *strArena) prefixedInt(prefix string, n int64) string {
	var digits [20]byte
	d := strconv.AppendInt(digits[:0], n, 10)
	a.reserve(len(prefix) + len(d))
	start := a.b.Len()
	a.b.WriteString(prefix)
	a.b.Write(d)
	return a.b.String()[start:]
}

// reserve makes room for n more bytes in the current block, starting a
// new block when they would not fit (which a Builder would otherwise do by
// copying the block, and the strings already made would keep the old one).
func (a *strArena) reserve(n int) {
	if a.b == nil || a.b.Cap()-a.b.Len() < n {
		a.b = new(strings.Builder)
		a.b.Grow(max(strBlock, n))
	}
}

// interner keeps one copy of strings that repeat across many places
// (district names, place types), in its arena.
type interner struct {
	arena *strArena
	m     map[string]string
}

func (in *interner) intern(s string) string {
	if v, ok := in.m[s]; ok {
		return v
	}
	v := in.arena.clone(s)
	if in.m == nil {
		in.m = map[string]string{}
	}
	in.m[v] = v
	return v
}

// slabSize is how many values of a type a slab allocates at once.
const slabSize = 1024

// slab hands out pointers to values allocated a block at a time. The
// values are never freed one by one: the gazetteer holds every place and
// entry it makes for as long as it lives, and a pointer into a block
// keeps the block alive.
type slab[T any] struct {
	free []T
}

func (s *slab[T]) new() *T {
	if len(s.free) == 0 {
		s.free = make([]T, slabSize)
	}
	p := &s.free[0]
	s.free = s.free[1:]
	return p
}

// one returns a slice of length 1 and capacity 1 holding v, from a block:
// most names mean a single place, and an append to the slice (a second
// candidate) moves it to a slice of its own, leaving the block untouched.
func (s *slab[T]) one(v T) []T {
	if len(s.free) == 0 {
		s.free = make([]T, slabSize)
	}
	out := s.free[0:1:1]
	out[0] = v
	s.free = s.free[1:]
	return out
}
