package text

import (
	"bytes"
	"fmt"
	"hash/maphash"
	"iter"
	"slices"
	"strings"
	"sync/atomic"
	"unsafe"
)

// MaxPhraseTokens bounds the length of a lexicon phrase. A map lookup on
// 1–4-token keys beats automaton libraries here (DESIGN.md); a few names
// need more, so the bound is a little higher.
const MaxPhraseTokens = 6

// Index maps normalised phrases of one or more tokens to values. Only the
// first token of a phrase may carry clitics in running text («وبالرقة»); the
// kinds of clitic readings it accepts are set per index.
type Index[T any] struct {
	// heads holds, by first word, the one-word phrase and the length of
	// the longest phrase that starts with the word, so that a lookup stops
	// at once for the many words that start only short ones.
	heads map[string]head[T]
	// longer holds the phrases of two or more words by key. A match looks
	// them up under a key it writes into a buffer on its stack: a map
	// lookup by string(bytes) copies nothing.
	longer map[string][]T
	n      int // distinct phrases
	allow  FormKind
	// filter has two bits set for every phrase's first word, at places
	// its hash picks: most words of a text start no phrase, and the bits
	// say so faster than a map lookup can (MatchAt runs at every token
	// for every lexicon, and the hash of each reading is made once, by
	// Analyze).
	filter []uint64
	// prefixes has the same two bits for every key of two or more words
	// and every such beginning of one («قوات سوريا» of «قوات سوريا
	// الديمقراطية»): a match stops lengthening its key when no phrase goes
	// on from it, instead of looking up in longer every length up to the
	// longest phrase its first word starts, which nearly always fails.
	// nprefix counts what was set in it, repeats included.
	prefixes []uint64
	nprefix  int
	// table, when set, holds the phrases instead of heads and longer
	// (NewTableIndex).
	table Table[T]
	// byForm is heads as a FormMap, which a reading probes with the hash
	// Analyze made of it instead of hashing its text again: made at the
	// first match, and dropped by any Add after it.
	byForm atomic.Pointer[FormMap[head[T]]]
}

// Table holds the phrases of an index made by NewTableIndex: a lexicon
// compiled at build time answers from its own tables in place, where
// filing its phrases in maps at every start would cost time and heap.
type Table[T any] interface {
	// Head returns the values of the one-word phrase w (none when w only
	// starts longer ones) and the length in words of the longest phrase
	// that starts with w; ok is false when no phrase starts with w.
	Head(w string) (vals []T, longest int, ok bool)
	// Phrase returns the values of a key of two or more words. It must
	// neither keep nor change key.
	Phrase(key []byte) []T
}

// TableKeys lists the phrases of a Table, for the filters NewTableIndex
// makes: the hash they use is the process's own, so they cannot be made
// beforehand.
type TableKeys struct {
	Phrases int              // distinct phrases
	Firsts  iter.Seq[string] // every word that starts a phrase, once
	Heads   int              // how many words Firsts yields
	Longer  iter.Seq[string] // every key of two or more words, once
	Spaces  int              // the spaces in Longer's keys, summed
}

// NewTableIndex makes an index whose phrases t holds and keys lists.
func NewTableIndex[T any](allow FormKind, t Table[T], keys TableKeys) *Index[T] {
	ix := &Index[T]{allow: allow, n: keys.Phrases, table: t}
	// The sizes Add would have grown the bitmaps to.
	size := 64
	for keys.Heads*filterBitsPerHead > size*64 {
		size *= 2
	}
	ix.filter = make([]uint64, size)
	for w := range keys.Firsts {
		ix.setFilter(w)
	}
	if keys.Spaces > 0 {
		size = 64
		for keys.Spaces*filterBitsPerHead > size*64 {
			size *= 2
		}
		ix.prefixes = make([]uint64, size)
		for k := range keys.Longer {
			ix.setPrefixes(k)
		}
	}
	return ix
}

// head is what the word w starts.
func (ix *Index[T]) head(w string) (head[T], bool) {
	if ix.table != nil {
		vals, longest, ok := ix.table.Head(w)
		return head[T]{vals: vals, longest: longest}, ok
	}
	h, ok := ix.heads[w]
	return h, ok
}

// headOf is head of the reading f.
func (ix *Index[T]) headOf(f *Form) (head[T], bool) {
	if ix.table != nil {
		return ix.head(f.Text)
	}
	fm := ix.byForm.Load()
	if fm == nil {
		fm = newFormMap(ix.heads)
		ix.byForm.Store(fm)
	}
	return fm.GetForm(f)
}

// phrase is the values of a key of two or more words.
func (ix *Index[T]) phrase(key []byte) []T {
	if ix.table != nil {
		// A copy for the interface's call, which could keep what it is
		// given: passed matchFrom's buffer itself, that buffer went to the
		// heap at every match tried, in every index, a tenth of what
		// extraction allocated; copied, only the few keys that reach a
		// table do.
		return ix.table.Phrase(bytes.Clone(key))
	}
	return ix.longer[string(key)]
}

// head is what a first word starts.
type head[T any] struct {
	vals    []T // the one-word phrase's values; empty when it is none
	longest int // tokens in the longest phrase it starts
}

// formSeed seeds the hashes of readings and of indexes' first words,
// which only need to agree within one process.
var formSeed = func() uint64 { return maphash.Comparable(maphash.MakeSeed(), 0) | 1 }()

// formHash hashes a reading (most are 4 to 16 bytes) for every index's
// filter and FormMap: it runs for every reading of every word. Written
// here rather than by maphash.String, whose calls through the runtime's
// hash cost three times as many instructions for such short strings.
// Nothing depends on its values beyond one process: the filters and
// FormMaps are made at start, and a FormMap compares the strings of a
// matching hash, so its quality only moves false positives, never answers.
func formHash[S string | []byte](s S) uint64 {
	h := formSeed ^ uint64(len(s))*0x9e3779b97f4a7c15
	full := s
	for ; len(s) >= 8; s = s[8:] {
		h = (h ^ load64(s)) * 0xff51afd7ed558ccd
		h ^= h >> 29
	}
	// The tail, read as overlapping loads where possible; the length,
	// mixed in above, tells the overlaps apart.
	var v uint64
	switch {
	case len(s) == 0:
	case len(full) >= 8:
		v = load64(full[len(full)-8:])
	case len(s) >= 4:
		v = uint64(load32(s)) | uint64(load32(s[len(s)-4:]))<<32
	default:
		v = uint64(s[0]) | uint64(s[len(s)/2])<<8 | uint64(s[len(s)-1])<<16
	}
	h = (h ^ v) * 0xc4ceb9fe1a85ec53
	h ^= h >> 32
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	return h
}

// formHash2 is formHash(s + t), without making the string.
func formHash2(s, t string) uint64 {
	var buf [64]byte
	if len(s)+len(t) <= len(buf) {
		n := copy(buf[:], s)
		n += copy(buf[n:], t)
		return formHash(buf[:n])
	}
	return formHash(s + t)
}

// load32 is the first four bytes of s, little-endian, in one load.
func load32[S string | []byte](s S) uint32 {
	s = s[:4]
	return uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16 | uint32(s[3])<<24
}

// filterBitsPerHead keeps the filter's false positives near 1.5% with its
// two bits per word.
const filterBitsPerHead = 16

// filterBits are the filter's two bit positions for a word of hash h.
func (ix *Index[T]) filterBits(h uint64) (uint64, uint64) {
	mask := uint64(len(ix.filter)*64 - 1)
	return h & mask, (h >> 32) & mask
}

// mayStart reports whether some phrase could start with the word of hash h.
func (ix *Index[T]) mayStart(h uint64) bool {
	a, b := ix.filterBits(h)
	return ix.filter[a>>6]&(1<<(a&63)) != 0 && ix.filter[b>>6]&(1<<(b&63)) != 0
}

// addHead sets the filter's bits for a new first word, first doubling the
// filter (and setting every word's bits again) when it has grown too full.
// It is called before w is filed among the heads.
func (ix *Index[T]) addHead(w string) {
	if (len(ix.heads)+1)*filterBitsPerHead > len(ix.filter)*64 {
		ix.filter = make([]uint64, len(ix.filter)*2)
		for h := range ix.heads {
			ix.setFilter(h)
		}
	}
	ix.setFilter(w)
}

func (ix *Index[T]) setFilter(w string) {
	a, b := ix.filterBits(formHash(w))
	ix.filter[a>>6] |= 1 << (a & 63)
	ix.filter[b>>6] |= 1 << (b & 63)
}

// mayGoOn reports whether some key of two or more words is key or starts
// with key and a space.
func (ix *Index[T]) mayGoOn(key []byte) bool {
	if len(ix.prefixes) == 0 {
		return false
	}
	h := formHash(key)
	mask := uint64(len(ix.prefixes)*64 - 1)
	a, b := h&mask, (h>>32)&mask
	return ix.prefixes[a>>6]&(1<<(a&63)) != 0 && ix.prefixes[b>>6]&(1<<(b&63)) != 0
}

// addPrefixes sets the bits of a key of two or more words and of each of
// its beginnings of two or more words, first doubling the bitmap (and
// setting every key's bits again) when it has grown too full. It is
// called before key is filed in longer.
func (ix *Index[T]) addPrefixes(key string) {
	n := strings.Count(key, " ")
	if (ix.nprefix+n)*filterBitsPerHead > len(ix.prefixes)*64 {
		size := max(len(ix.prefixes)*2, 64)
		for (ix.nprefix+n)*filterBitsPerHead > size*64 {
			size *= 2
		}
		ix.prefixes = make([]uint64, size)
		ix.nprefix = 0
		for k := range ix.longer {
			ix.setPrefixes(k)
		}
	}
	ix.setPrefixes(key)
}

func (ix *Index[T]) setPrefixes(key string) {
	mask := uint64(len(ix.prefixes)*64 - 1)
	first := strings.IndexByte(key, ' ')
	for end := first + 1; end <= len(key); end++ {
		if end < len(key) && key[end] != ' ' {
			continue
		}
		h := formHash(key[:end])
		a, b := h&mask, (h>>32)&mask
		ix.prefixes[a>>6] |= 1 << (a & 63)
		ix.prefixes[b>>6] |= 1 << (b & 63)
		ix.nprefix++
	}
}

// NewIndex makes an empty index that accepts readings with the given clitic
// kinds removed (0: exact surface only).
func NewIndex[T any](allow FormKind) *Index[T] {
	return &Index[T]{heads: map[string]head[T]{}, longer: map[string][]T{}, allow: allow, filter: make([]uint64, 64)}
}

// Len is the number of distinct phrases.
func (ix *Index[T]) Len() int { return ix.n }

// Key is the normalised lookup key of a phrase: its tokens joined by spaces.
func Key(phrase string) string { return strings.Join(Tokenize(phrase), " ") }

// Add files v under phrase. Adding the same value twice under one key is
// the caller's business; the index keeps both.
func (ix *Index[T]) Add(phrase string, v T) error {
	toks := Tokenize(phrase)
	if len(toks) == 0 {
		return fmt.Errorf("empty phrase %q", phrase)
	}
	if len(toks) > MaxPhraseTokens {
		return fmt.Errorf("phrase %q has %d tokens, more than %d", phrase, len(toks), MaxPhraseTokens)
	}
	ix.file(strings.Join(toks, " "), v)
	return nil
}

// AddKey files v under a key already normalised as Key makes it (tokens
// joined by single spaces), without analysing it again: Add's analysis is
// most of the cost of filing the gazetteer's hundred thousand names, which
// it keys itself.
func (ix *Index[T]) AddKey(key string, v T) error {
	first, _, _ := strings.Cut(key, " ")
	n := strings.Count(key, " ") + 1
	switch {
	case first == "":
		return fmt.Errorf("empty key %q", key)
	case n > MaxPhraseTokens:
		return fmt.Errorf("key %q has %d tokens, more than %d", key, n, MaxPhraseTokens)
	}
	ix.file(key, v)
	return nil
}

// file adds v under key, a key as Key writes it.
func (ix *Index[T]) file(key string, v T) {
	if ix.table != nil {
		panic("text: a phrase added to an index made by NewTableIndex")
	}
	first, _, more := strings.Cut(key, " ")
	h, ok := ix.heads[first]
	if !ok {
		ix.addHead(first)
	}
	h.longest = max(h.longest, strings.Count(key, " ")+1)
	if more {
		if len(ix.longer[key]) == 0 {
			ix.n++
			ix.addPrefixes(key)
		}
		ix.longer[key] = append(ix.longer[key], v)
	} else {
		if len(h.vals) == 0 {
			ix.n++
		}
		h.vals = append(h.vals, v)
	}
	ix.heads[first] = h
	ix.byForm.Store(nil)
}

// Lookup returns the values filed under an exact normalised key.
func (ix *Index[T]) Lookup(key string) []T {
	if strings.Contains(key, " ") {
		if ix.table != nil {
			// Phrase neither keeps nor changes its key.
			return ix.table.Phrase(unsafe.Slice(unsafe.StringData(key), len(key)))
		}
		return ix.longer[key]
	}
	h, _ := ix.head(key)
	return h.vals
}

// LookupBytes is Lookup of a key in a buffer, which it neither keeps nor
// changes: an index of maps finds it without making a string of it.
func (ix *Index[T]) LookupBytes(key []byte) []T {
	if ix.table != nil {
		return ix.Lookup(string(key))
	}
	if bytes.IndexByte(key, ' ') >= 0 {
		return ix.longer[string(key)]
	}
	return ix.heads[string(key)].vals
}

// Match is a phrase found in an Analysis.
type Match[T any] struct {
	Tok, TokEnd int  // token range [Tok, TokEnd)
	Span        Span // in the original text, without the shed clitics
	Key         string
	Form        Form // the reading of the first token that matched
	Values      []T
}

// MatchAt returns the longest phrase that starts at token i and does not run
// past token limit or across punctuation.
func (ix *Index[T]) MatchAt(a *Analysis, i, limit int) (Match[T], bool) {
	// Nearly every call finds no reading of token i that the filter lets
	// through: say so before the match and the key buffer are made.
	k := ix.firstStart(a, i)
	if k < 0 {
		return Match[T]{}, false
	}
	t := &a.Tokens[i]
	return ix.matchFrom(a, i, limit, a.forms[t.formLo+int32(k):t.formHi], true)
}

// MatchAtNoText is MatchAt without the text of the match's span (its
// Span.Text is "", Start and End are set): the text is a string made for
// each match, and a finder that refuses most of the matches it asks for
// makes it only for those it keeps (Analysis.Slice of Start and End).
func (ix *Index[T]) MatchAtNoText(a *Analysis, i, limit int) (Match[T], bool) {
	k := ix.firstStart(a, i)
	if k < 0 {
		return Match[T]{}, false
	}
	t := &a.Tokens[i]
	return ix.matchFrom(a, i, limit, a.forms[t.formLo+int32(k):t.formHi], false)
}

// MayStartAt is false when MatchAt at token i finds nothing, which it says
// without the cost of a Match: a finder that tries several indexes at
// every token asks it first.
func (ix *Index[T]) MayStartAt(a *Analysis, i int) bool { return ix.firstStart(a, i) >= 0 }

// firstStart is the first reading of token i that the filter lets through,
// or -1.
func (ix *Index[T]) firstStart(a *Analysis, i int) int {
	t := &a.Tokens[i]
	if t.Kind == Punct {
		return -1
	}
	// mayStart, with the filter, its mask and allow loaded once for the
	// token's readings: this runs at every token for every index.
	filter, allow := ix.filter, ix.allow
	mask := uint64(len(filter)*64 - 1)
	forms := a.forms[t.formLo:t.formHi]
	for k := range forms {
		f := &forms[k]
		if f.Kind&^allow != 0 {
			continue
		}
		x, y := f.hash&mask, (f.hash>>32)&mask
		if filter[x>>6]&(1<<(x&63)) != 0 && filter[y>>6]&(1<<(y&63)) != 0 {
			return k
		}
	}
	return -1
}

// matchFrom is MatchAt from the first reading the filter let through.
func (ix *Index[T]) matchFrom(a *Analysis, i, limit int, forms []Form, spanText bool) (Match[T], bool) {
	var best Match[T]
	found := false
	var buf [128]byte
	for _, f := range forms {
		if f.Kind&^ix.allow != 0 || !ix.mayStart(f.hash) {
			continue
		}
		h, ok := ix.headOf(&f)
		if !ok {
			continue
		}
		key := append(buf[:0], f.Text...)
		j := i
		for n := 1; n <= h.longest && j < limit; n, j = n+1, j+1 {
			vals := h.vals
			if n > 1 {
				if f.Trim > 0 {
					break // a pronoun ends a word group; nothing follows it
				}
				// News quotes the name after its head noun («قاعدة "حرير"»,
				// «قوات "سوريا الديمقراطية"»): a quotation mark inside a
				// phrase is read through, any other punctuation ends it.
				for j < limit && a.Tokens[j].Text == "\"" && j+1 < limit && a.Tokens[j+1].Kind != Punct {
					j++
				}
				if j >= limit || a.Tokens[j].Kind == Punct {
					break
				}
				key = append(key, ' ')
				key = append(key, a.Tokens[j].Text...)
				if !ix.mayGoOn(key) {
					break
				}
				vals = ix.phrase(key)
			}
			if len(vals) == 0 || (found && j < best.TokEnd) {
				continue
			}
			best = Match[T]{Tok: i, TokEnd: j + 1, Form: f, Values: vals}
			found = true
		}
	}
	if !found {
		return best, false
	}
	// The key and the span are made once, for the longest match: each
	// costs a string.
	end := a.Tokens[best.TokEnd-1].NEnd
	if best.TokEnd-best.Tok == 1 {
		end -= best.Form.Trim
		best.Key = best.Form.Text
	} else {
		var b strings.Builder
		b.WriteString(best.Form.Text)
		for j := i + 1; j < best.TokEnd; j++ {
			if a.Tokens[j].Kind == Punct {
				continue // a quotation mark read through
			}
			b.WriteByte(' ')
			b.WriteString(a.Tokens[j].Text)
		}
		best.Key = b.String()
	}
	if spanText {
		best.Span = a.SpanOf(a.Tokens[i].NStart+best.Form.Skip, end)
	} else {
		best.Span = Span{Start: a.OrigOffset(a.Tokens[i].NStart + best.Form.Skip), End: a.OrigEnd(end)}
	}
	return best, true
}

// FindAll returns leftmost-longest, non-overlapping matches in tokens
// [from, to).
func (ix *Index[T]) FindAll(a *Analysis, from, to int) []Match[T] {
	var out []Match[T]
	for i := from; i < to; {
		m, ok := ix.MatchAt(a, i, to)
		if !ok {
			i++
			continue
		}
		out = append(out, m)
		i = m.TokEnd
	}
	return out
}

// SameFilters reports whether two indexes have the same filters, for the
// tests of a Table's keys.
func SameFilters[T any](x, y *Index[T]) bool {
	return slices.Equal(x.filter, y.filter) && slices.Equal(x.prefixes, y.prefixes)
}
