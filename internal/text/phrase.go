package text

import (
	"fmt"
	"hash/maphash"
	"strings"
)

// MaxPhraseTokens bounds the length of a lexicon phrase. A map lookup on
// 1–4-token keys beats automaton libraries here (DESIGN.md); a few names
// need more, so the bound is a little higher.
const MaxPhraseTokens = 6

// Index maps normalised phrases of one or more tokens to values. Only the
// first token of a phrase may carry clitics in running text («وبالرقة»); the
// kinds of clitic readings it accepts are set per index.
//
// The phrases are a tree of words: a match looks up each next token of the
// text under the words matched so far, so that it builds no key string
// and stops at the first word no phrase continues with.
type Index[T any] struct {
	// heads holds its nodes by value: most phrases are one word, and a
	// node of their own would cost the gazetteer some 80,000 allocations
	// at every start.
	heads map[string]phraseNode[T] // by first word
	n     int                      // distinct phrases
	allow FormKind
	// filter has two bits set for every phrase's first word, at places
	// its hash picks: most words of a text start no phrase, and the bits
	// say so faster than a map lookup can (MatchAt runs at every token
	// for every lexicon, and the hash of each reading is made once, by
	// Analyze).
	filter []uint64
}

// phraseNode is a sequence of words that starts one or more phrases.
type phraseNode[T any] struct {
	key  string // the sequence as Key writes it, when it is a phrase itself
	vals []T    // filed under key; empty when the sequence is no phrase
	next map[string]*phraseNode[T]
}

// formSeed seeds the hashes of readings and of indexes' first words,
// which only need to agree within one process.
var formSeed = maphash.MakeSeed()

func formHash(s string) uint64 { return maphash.String(formSeed, s) }

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

// NewIndex makes an empty index that accepts readings with the given clitic
// kinds removed (0: exact surface only).
func NewIndex[T any](allow FormKind) *Index[T] {
	return &Index[T]{heads: map[string]phraseNode[T]{}, allow: allow, filter: make([]uint64, 64)}
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
	first, rest, more := strings.Cut(key, " ")
	head, ok := ix.heads[first]
	if !ok {
		ix.addHead(first)
	}
	nd := &head
	for more {
		var w string
		w, rest, more = strings.Cut(rest, " ")
		next := nd.next[w]
		if next == nil {
			if nd.next == nil {
				nd.next = map[string]*phraseNode[T]{}
			}
			next = &phraseNode[T]{}
			nd.next[w] = next
		}
		nd = next
	}
	if len(nd.vals) == 0 {
		nd.key = key
		ix.n++
	}
	nd.vals = append(nd.vals, v)
	ix.heads[first] = head
}

// Lookup returns the values filed under an exact normalised key.
func (ix *Index[T]) Lookup(key string) []T {
	first, rest, more := strings.Cut(key, " ")
	head, ok := ix.heads[first]
	if !ok {
		return nil
	}
	nd := &head
	for nd != nil && more {
		var w string
		w, rest, more = strings.Cut(rest, " ")
		nd = nd.next[w]
	}
	if nd == nil {
		return nil
	}
	return nd.vals
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
	var best Match[T]
	found := false
	if a.Tokens[i].Kind == Punct {
		return best, false
	}
	for _, f := range a.Forms(i) {
		if f.Kind&^ix.allow != 0 || !ix.mayStart(f.hash) {
			continue
		}
		head, ok := ix.heads[f.Text]
		if !ok {
			continue
		}
		for n, nd := 1, &head; nd != nil && i+n <= limit; n++ {
			j := i + n - 1
			if n > 1 {
				if a.Tokens[j].Kind == Punct || f.Trim > 0 {
					break // a pronoun ends a word group; nothing follows it
				}
				if nd = nd.next[a.Tokens[j].Text]; nd == nil {
					break
				}
			}
			if len(nd.vals) == 0 || (found && n <= best.TokEnd-best.Tok) {
				continue
			}
			best = Match[T]{Tok: i, TokEnd: i + n, Key: nd.key, Form: f, Values: nd.vals}
			found = true
		}
	}
	if found {
		// The span is made once, for the longest match: it costs a string.
		end := a.Tokens[best.TokEnd-1].NEnd
		if best.TokEnd-best.Tok == 1 {
			end -= best.Form.Trim
		}
		best.Span = a.SpanOf(a.Tokens[i].NStart+best.Form.Skip, end)
	}
	return best, found
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
