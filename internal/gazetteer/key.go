package gazetteer

import (
	"strings"
	"sync"
	"unicode"

	"rasd/internal/text"
)

// nameKey is text.Key without building a full Analysis: it splits the
// normalised name into word and number tokens exactly as text's tokenizer
// does and drops punctuation. text.Key costs several microseconds a name
// (normalisation, clitic readings, sentences), and the gazetteer keys some
// 70k names at every start; TestNameKeyAgreesWithText holds the two equal
// on every name in the data.
func nameKey(s string) string {
	var buf [64]rune
	n := normalize(buf[:0], s)
	var b strings.Builder
	b.Grow(len(s))
	emit := func(tok []rune) {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		for _, r := range tok {
			b.WriteRune(r)
		}
	}
	for i := 0; i < len(n); {
		r := n[i]
		switch {
		case isWord(r):
			j := i + 1
			for j < len(n) && isWord(n[j]) {
				j++
			}
			emit(n[i:j])
			i = j
		case isDigitRune(r):
			j := i + 1
			for j < len(n) {
				if isDigitRune(n[j]) {
					j++
					continue
				}
				if (n[j] == '.' || n[j] == ',') && j+1 < len(n) && isDigitRune(n[j+1]) {
					j += 2
					continue
				}
				break
			}
			emit(n[i:j])
			i = j
		default:
			i++
		}
	}
	return b.String()
}

// normalize is text.NormalizeString, memoised rune by rune: that function
// maps each rune independently, and most of its cost is Unicode table
// lookups that are the same for every occurrence of a letter.
func normalize(out []rune, s string) []rune {
	runeOnce.Do(func() {
		for r := range runeNorm {
			runeNorm[r] = []rune(text.NormalizeString(string(rune(r))))
			runeWord[r] = isWordRune(rune(r))
		}
	})
	for _, r := range s {
		if r >= 0 && int(r) < len(runeNorm) {
			out = append(out, runeNorm[r]...)
		} else {
			out = append(out, []rune(text.NormalizeString(string(r)))...)
		}
	}
	return out
}

// isWord memoises isWordRune for the same range as runeNorm.
func isWord(r rune) bool {
	if r >= 0 && int(r) < len(runeWord) {
		return runeWord[r]
	}
	return isWordRune(r)
}

var (
	runeOnce sync.Once
	// runeNorm covers Latin and Arabic (up to U+07FF); presentation forms
	// and the rest take the slow path.
	runeNorm [0x800][]rune
	runeWord [0x800]bool
)

func isWordRune(r rune) bool  { return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) }
func isDigitRune(r rune) bool { return r >= '0' && r <= '9' }

func hasArabic(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Arabic, r) && unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

func hasLatin(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Latin, r) {
			return true
		}
	}
	return false
}
