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
type Index[T any] struct {
	entries map[string][]T
	// longest[w] is the length in tokens of the longest phrase starting
	// with w, so a lookup stops at once for the many words that start none.
	longest map[string]int
	allow   FormKind
	// starts has a bit for the first three letters of every phrase's first
	// word: most words of a text start no phrase, and the bit says so
	// faster than a map lookup can (MatchAt runs at every token for every
	// lexicon).
	starts []uint64
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
	return &Index[T]{entries: map[string][]T{}, longest: map[string]int{}, allow: allow, starts: make([]uint64, (prefixSpace+63)/64)}
}

// Len is the number of distinct phrases.
func (ix *Index[T]) Len() int { return len(ix.entries) }

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
	key := strings.Join(toks, " ")
	ix.entries[key] = append(ix.entries[key], v)
	if len(toks) > ix.longest[toks[0]] {
		ix.longest[toks[0]] = len(toks)
	}
	k := prefixKey(toks[0])
	ix.starts[k>>6] |= 1 << (k & 63)
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
	ix.entries[key] = append(ix.entries[key], v)
	if n > ix.longest[first] {
		ix.longest[first] = n
	}
	k := prefixKey(first)
	ix.starts[k>>6] |= 1 << (k & 63)
	return nil
}

// Lookup returns the values filed under an exact normalised key.
func (ix *Index[T]) Lookup(key string) []T { return ix.entries[key] }

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
	var b strings.Builder
	for _, f := range a.Forms(i) {
		if f.Kind&^ix.allow != 0 || !ix.mayStart(f.Text) {
			continue
		}
		maxLen, ok := ix.longest[f.Text]
		if !ok {
			continue
		}
		b.Reset()
		b.WriteString(f.Text)
		j := i
		for n := 1; n <= maxLen && j < limit; n, j = n+1, j+1 {
			if n > 1 {
				// News quotes the name after its head noun («قاعدة "حرير"»,
				// «قوات "سوريا الديمقراطية"»): a quotation mark inside a
				// phrase is read through, any other punctuation ends it.
				for j < limit && a.Tokens[j].Text == "\"" && j+1 < limit && a.Tokens[j+1].Kind != Punct {
					j++
				}
				if j >= limit || a.Tokens[j].Kind == Punct {
					break
				}
				b.WriteByte(' ')
				b.WriteString(a.Tokens[j].Text)
			}
			if f.Trim > 0 && n > 1 {
				break // a pronoun ends a word group; nothing follows it
			}
			vals, ok := ix.entries[b.String()]
			if !ok || (found && j < best.TokEnd) {
				continue
			}
			end := a.Tokens[j].NEnd
			if n == 1 {
				end -= f.Trim
			}
			best = Match[T]{
				Tok: i, TokEnd: j + 1,
				Span:   a.SpanOf(a.Tokens[i].NStart+f.Skip, end),
				Key:    b.String(),
				Form:   f,
				Values: vals,
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
