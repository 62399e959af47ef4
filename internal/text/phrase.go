package text

import (
	"fmt"
	"strings"
	"unicode/utf8"
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
	heads map[string]*phraseNode[T] // by first word
	n     int                       // distinct phrases
	allow FormKind
	// starts has a bit for the first three letters of every phrase's first
	// word: most words of a text start no phrase, and the bit says so
	// faster than a map lookup can (MatchAt runs at every token for every
	// lexicon).
	starts []uint64
}

// phraseNode is a sequence of words that starts one or more phrases.
type phraseNode[T any] struct {
	key  string // the sequence as Key writes it, when it is a phrase itself
	vals []T    // filed under key; empty when the sequence is no phrase
	next map[string]*phraseNode[T]
}

// prefixSymbols: the 42 letters U+0621…U+064A, one symbol for any other
// rune, one for "no rune" in words shorter than three.
const (
	prefixSymbols = 44
	prefixOther   = 42
	prefixNone    = 43
	prefixSpace   = prefixSymbols * prefixSymbols * prefixSymbols
)

// prefixKey is the index of the first three runes of w in the starts bits.
// It reads UTF-8 bytes directly: the letters U+0621…U+064A are the two-byte
// sequences D8 A1…D8 BF and D9 80…D9 8A.
func prefixKey(w string) int {
	k, n := 0, 0
	for i := 0; n < 3 && i < len(w); n++ {
		sym := prefixOther
		switch b := w[i]; {
		case b < 0x80:
			i++
		case b == 0xD8 && i+1 < len(w) && w[i+1] >= 0xA1 && w[i+1] <= 0xBF:
			sym = int(w[i+1] - 0xA1)
			i += 2
		case b == 0xD9 && i+1 < len(w) && w[i+1] >= 0x80 && w[i+1] <= 0x8A:
			sym = 31 + int(w[i+1]-0x80)
			i += 2
		default:
			_, size := utf8.DecodeRuneInString(w[i:])
			i += size
		}
		k = k*prefixSymbols + sym
	}
	for ; n < 3; n++ {
		k = k*prefixSymbols + prefixNone
	}
	return k
}

// mayStart reports whether some phrase could start with word w.
func (ix *Index[T]) mayStart(w string) bool {
	k := prefixKey(w)
	return ix.starts[k>>6]&(1<<(k&63)) != 0
}

// NewIndex makes an empty index that accepts readings with the given clitic
// kinds removed (0: exact surface only).
func NewIndex[T any](allow FormKind) *Index[T] {
	return &Index[T]{heads: map[string]*phraseNode[T]{}, allow: allow, starts: make([]uint64, (prefixSpace+63)/64)}
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
	nd := ix.heads[first]
	if nd == nil {
		nd = &phraseNode[T]{}
		ix.heads[first] = nd
	}
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
	k := prefixKey(first)
	ix.starts[k>>6] |= 1 << (k & 63)
}

// Lookup returns the values filed under an exact normalised key.
func (ix *Index[T]) Lookup(key string) []T {
	first, rest, more := strings.Cut(key, " ")
	nd := ix.heads[first]
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
		if f.Kind&^ix.allow != 0 || !ix.mayStart(f.Text) {
			continue
		}
		nd := ix.heads[f.Text]
		for n := 1; nd != nil && i+n <= limit; n++ {
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
			end := a.Tokens[j].NEnd
			if n == 1 {
				end -= f.Trim
			}
			best = Match[T]{
				Tok: i, TokEnd: i + n,
				Span:   a.SpanOf(a.Tokens[i].NStart+f.Skip, end),
				Key:    nd.key,
				Form:   f,
				Values: nd.vals,
			}
			found = true
		}
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
