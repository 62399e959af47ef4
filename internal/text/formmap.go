package text

import "strings"

// FormMap maps words to values and is asked by a reading, with the hash
// Analyze made of it: an open-addressed table of the words' hashes, made
// once, probed without hashing the reading again, and a string comparison
// only where a whole hash matches. A lexicon that asks every reading of
// every word puts a WordFilter in front of it (Filter).
type FormMap[V any] struct {
	slots  []formSlot // a power of two, at most half full
	keys   []string
	vals   []V
	filter *WordFilter
}

// formSlot is a word's hash and its index in keys plus one (0: empty).
type formSlot struct {
	hash uint64
	at   uint32
}

// NewFormMap makes the FormMap of m.
func NewFormMap[V any](m map[string]V) *FormMap[V] {
	fm := newFormMap(m)
	fm.filter = NewWordFilter(func(yield func(string) bool) {
		for _, k := range fm.keys {
			if !yield(k) {
				return
			}
		}
	})
	return fm
}

// newFormMap is NewFormMap without the filter.
func newFormMap[V any](m map[string]V) *FormMap[V] {
	size := 16
	for size < 2*len(m) {
		size *= 2
	}
	fm := &FormMap[V]{slots: make([]formSlot, size), keys: make([]string, 0, len(m)), vals: make([]V, 0, len(m))}
	// The words are copied side by side into one string, in the order of
	// keys: a hit's comparison reads memory its neighbours read too.
	words := make([]string, 0, len(m))
	n := 0
	for k := range m {
		words = append(words, k)
		n += len(k)
	}
	var b strings.Builder
	b.Grow(n)
	for _, k := range words {
		b.WriteString(k)
	}
	all := b.String()
	mask := uint64(size - 1)
	at := 0
	for _, k := range words {
		h := formHash(k)
		i := h & mask
		for fm.slots[i].at != 0 {
			i = (i + 1) & mask
		}
		fm.keys = append(fm.keys, all[at:at+len(k)])
		fm.vals = append(fm.vals, m[k])
		fm.slots[i] = formSlot{hash: h, at: uint32(len(fm.keys))}
		at += len(k)
	}
	return fm
}

// Filter is the WordFilter of the map's words.
func (fm *FormMap[V]) Filter() *WordFilter { return fm.filter }

// Len is the number of words.
func (fm *FormMap[V]) Len() int { return len(fm.keys) }

// GetForm returns the value of the reading f's text.
func (fm *FormMap[V]) GetForm(f *Form) (V, bool) {
	mask := uint64(len(fm.slots) - 1)
	for i := f.hash & mask; ; i = (i + 1) & mask {
		s := &fm.slots[i]
		if s.at == 0 {
			var zero V
			return zero, false
		}
		if s.hash == f.hash && fm.keys[s.at-1] == f.Text {
			return fm.vals[s.at-1], true
		}
	}
}

// Get returns the value of the word w.
func (fm *FormMap[V]) Get(w string) (V, bool) {
	f := Form{Text: w, hash: formHash(w)}
	return fm.GetForm(&f)
}
