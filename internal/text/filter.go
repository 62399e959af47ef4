package text

// WordFilter is a set of words that answers "not in it" for most words
// at the cost of two bit tests, from the hash Analyze made of every
// reading once: a lexicon that looks every reading of every word up in a
// large map puts one in front of it. It answers "may be in it" for the
// set's words and for about 1.5% of the others.
type WordFilter struct {
	bits []uint64
}

// NewWordFilter makes the filter of the words fn yields.
func NewWordFilter(words func(yield func(string) bool)) *WordFilter {
	n := 0
	for range words {
		n++
	}
	size := 1
	for size*64 < n*filterBitsPerHead {
		size *= 2
	}
	w := &WordFilter{bits: make([]uint64, size)}
	for s := range words {
		w.set(formHash(s))
	}
	return w
}

func (w *WordFilter) set(h uint64) {
	mask := uint64(len(w.bits)*64 - 1)
	a, b := h&mask, (h>>32)&mask
	w.bits[a>>6] |= 1 << (a & 63)
	w.bits[b>>6] |= 1 << (b & 63)
}

func (w *WordFilter) test(h uint64) bool {
	mask := uint64(len(w.bits)*64 - 1)
	a, b := h&mask, (h>>32)&mask
	return w.bits[a>>6]&(1<<(a&63)) != 0 && w.bits[b>>6]&(1<<(b&63)) != 0
}

// MayHaveForm reports whether the reading f may be in the set.
func (w *WordFilter) MayHaveForm(f *Form) bool { return w.test(f.hash) }

// MayHave reports whether s may be in the set.
func (w *WordFilter) MayHave(s string) bool { return w.test(formHash(s)) }

// MayHaveJoined reports whether s + t may be in the set, without making
// the string.
func (w *WordFilter) MayHaveJoined(s, t string) bool {
	return w.test(formHash2(s, t))
}
