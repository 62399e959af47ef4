package text

import (
	"strings"
	"unicode/utf8"
)

// FormKind records which clitics a reading of a word has shed, so that each
// lexicon decides which readings it trusts: place names never lose their
// article («الخير» is not «خير»), event cues may.
type FormKind uint8

const (
	Conj    FormKind = 1 << iota // و or ف
	Prep                         // ب ل ك, and ل fused with the article in «لل»
	Future                       // س before an imperfect verb
	Article                      // ال
	Suffix                       // an attached pronoun (ه ها هم هما هن كم كما نا)
)

// Form is one reading of a word: its text with clitics removed, how many
// normalised runes were dropped at the start (Skip) and at the end (Trim),
// and which clitics they were.
type Form struct {
	Text string
	Skip int
	Trim int
	Kind FormKind
	// runes is Text's length in runes, for the readings appendForms
	// derives from it (beside Kind, it keeps a Form at 48 bytes).
	runes int32
	hash  uint64 // formHash(Text), made once for every index's filter
}

var pronounSuffixes = [...]string{"هما", "كما", "هم", "هن", "كم", "ها", "نا", "ه"}

// pronounSuffixRunes are the suffixes' lengths in runes.
var pronounSuffixRunes = [...]int{3, 3, 2, 2, 2, 2, 2, 1}

// mayEndInPronoun says whether w ends in the last letter of some pronoun
// suffix (ه ا م ن), which most words do not: a test of two bytes before
// eight of strings.HasSuffix.
func mayEndInPronoun(w string) bool {
	if len(w) < 2 {
		return false
	}
	switch w[len(w)-2:] {
	case "ه", "ا", "م", "ن":
		return true
	}
	return false
}

// minStem is the shortest remainder a clitic may leave: shorter ones are
// mostly letters of the word itself («ولد», «بلد»).
const minStem = 2

// appendForms appends every reading of word w, of runes runes, to dst, the
// surface first. It works on byte offsets of w, so that most readings are
// substrings of w and cost no allocation: this runs for every word of
// every document. The readings' lengths in runes follow from w's, since
// every clitic it sheds is a letter of two bytes, and are kept in
// Form.runes rather than counted again.
func appendForms(dst []Form, w string, runes int) []Form {
	base := len(dst)
	dst = append(dst, Form{Text: w, hash: formHash(w), runes: int32(runes)})
	add := func(skip int, text string, runes int, kind FormKind) {
		if runes < minStem {
			return
		}
		for _, f := range dst[base:] {
			if f.Text == text {
				return
			}
		}
		dst = append(dst, Form{Text: text, Skip: skip, Kind: kind, hash: formHash(text), runes: int32(runes)})
	}
	// Proclitics, outermost first: conjunction, then preposition or future.
	type stage struct {
		skip  int
		rest  string
		runes int
		kind  FormKind
	}
	stages := [2]stage{{0, w, runes, 0}}
	nstages := 1
	if first, size := utf8.DecodeRuneInString(w); runes > 3 && (first == 'و' || first == 'ف') {
		stages[1] = stage{1, w[size:], runes - 1, Conj}
		nstages = 2
	}
	for _, st := range stages[:nstages] {
		rest := st.rest
		if st.kind != 0 {
			add(st.skip, rest, st.runes, st.kind)
		}
		if st.runes > 3 {
			r0, s0 := utf8.DecodeRuneInString(rest)
			r1, _ := utf8.DecodeRuneInString(rest[s0:])
			switch r0 {
			case 'ب', 'ك':
				add(st.skip+1, rest[s0:], st.runes-1, st.kind|Prep)
			case 'ل':
				if r1 == 'ل' {
					// «للرقة» is ل + «الرقة»; the span keeps the whole «للرقة».
					add(st.skip, "ا"+rest[s0:], st.runes, st.kind|Prep)
				} else {
					add(st.skip+1, rest[s0:], st.runes-1, st.kind|Prep)
				}
			case 'س':
				if r1 == 'ي' || r1 == 'ت' || r1 == 'ن' {
					add(st.skip+1, rest[s0:], st.runes-1, st.kind|Future)
				}
			}
		}
	}
	// The article, from any reading that starts with it.
	n := len(dst)
	for k := base; k < n; k++ {
		f := dst[k]
		if f.runes > 4 && strings.HasPrefix(f.Text, "ال") {
			// Also right for the fused «للهجوم»: its Skip points at «لل».
			add(f.Skip+2, f.Text[len("ال"):], int(f.runes)-2, f.Kind|Article)
		}
	}
	// Attached pronouns, from every reading so far.
	n = len(dst)
	for k := base; k < n; k++ {
		f := dst[k]
		if !mayEndInPronoun(f.Text) {
			continue
		}
		fr := int(f.runes)
		for i, suf := range pronounSuffixes {
			sr := pronounSuffixRunes[i]
			if fr-sr >= 3 && strings.HasSuffix(f.Text, suf) {
				s := f.Text[:len(f.Text)-len(suf)]
				dup := false
				for _, g := range dst[base:] {
					if g.Text == s {
						dup = true
						break
					}
				}
				if !dup {
					dst = append(dst, Form{Text: s, Skip: f.Skip, Trim: sr, Kind: f.Kind | Suffix, hash: formHash(s), runes: int32(fr - sr)})
				}
				break
			}
		}
	}
	return dst
}
