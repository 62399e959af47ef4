package text

import "strings"

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

// Hash is the hash Analyze made of the text of f, a reading of an
// Analysis. Equal texts have equal hashes within a process (HashOf gives
// the hash of any word), so a caller that compares many readings with a
// few words it knows compares hashes first and strings only where they
// agree.
func (f *Form) Hash() uint64 { return f.hash }

// HashOf is the Hash of a reading whose text is s.
func HashOf(s string) uint64 { return formHash(s) }

var pronounSuffixes = [...]string{"هما", "كما", "هم", "هن", "كم", "ها", "نا", "ه"}

// pronounSuffixRunes are the suffixes' lengths in runes.
var pronounSuffixRunes = [...]int{3, 3, 2, 2, 2, 2, 2, 1}

// pronounsEnding returns the indexes in pronounSuffixes, in its order, of
// the suffixes that end in w's last letter (ه ا م ن), which most words do
// not: a test of two bytes before strings.HasSuffix of only those.
func pronounsEnding(w string) []int8 {
	if len(w) < 2 {
		return nil
	}
	switch w[len(w)-2:] {
	case "ا":
		return pronounsInAlif
	case "م":
		return pronounsInMim
	case "ن":
		return pronounsInNun
	case "ه":
		return pronounsInHa
	}
	return nil
}

var (
	pronounsInAlif = []int8{0, 1, 5, 6} // هما كما ها نا
	pronounsInMim  = []int8{2, 4}       // هم كم
	pronounsInNun  = []int8{3}          // هن
	pronounsInHa   = []int8{7}          // ه
)

// letterAt is the rune of the two bytes of s from byte i when they are
// one rune of two bytes (every Arabic letter is), else -1: the clitics
// are all such letters, and this, unlike utf8.DecodeRuneInString, is
// inlined where they are looked for.
func letterAt(s string, i int) rune {
	if i+1 < len(s) && s[i] >= 0xC2 && s[i] <= 0xDF && s[i+1]&0xC0 == 0x80 {
		return rune(s[i]&0x1F)<<6 | rune(s[i+1]&0x3F)
	}
	return -1
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
	// Proclitics, outermost first: conjunction, then preposition or future.
	dst = appendProclitic(dst, base, 0, w, runes, 0)
	if first := letterAt(w, 0); runes > 3 && (first == 'و' || first == 'ف') {
		dst = addForm(dst, base, Form{Text: w[2:], Skip: 1, Kind: Conj, runes: int32(runes - 1)})
		dst = appendProclitic(dst, base, 1, w[2:], runes-1, Conj)
	}
	// The article, from any reading that starts with it.
	n := len(dst)
	for k := base; k < n; k++ {
		f := &dst[k]
		if f.runes > 4 && strings.HasPrefix(f.Text, "ال") {
			// Also right for the fused «للهجوم»: its Skip points at «لل».
			g := Form{Text: f.Text[len("ال"):], Skip: f.Skip + 2, Kind: f.Kind | Article, runes: f.runes - 2}
			dst = addForm(dst, base, g) // f is not read again: dst may move
		}
	}
	// Attached pronouns, from every reading so far.
	n = len(dst)
	for k := base; k < n; k++ {
		f := &dst[k]
		fr := int(f.runes)
		for _, i := range pronounsEnding(f.Text) {
			suf, sr := pronounSuffixes[i], pronounSuffixRunes[i]
			if fr-sr >= 3 && strings.HasSuffix(f.Text, suf) {
				s := f.Text[:len(f.Text)-len(suf)]
				if !hasText(dst[base:], s) {
					dst = append(dst, Form{Text: s, Skip: f.Skip, Trim: sr, Kind: f.Kind | Suffix, hash: formHash(s), runes: int32(fr - sr)})
				}
				break
			}
		}
	}
	return dst
}

// appendProclitic adds the reading of rest (w after the first skip
// runes, of kind kind so far) without a preposition or the future's «س».
func appendProclitic(dst []Form, base, skip int, rest string, runes int, kind FormKind) []Form {
	if runes <= 3 {
		return dst
	}
	// Each case is a letter of two bytes: rest[2:] follows it.
	const s0 = 2
	r0, r1 := letterAt(rest, 0), letterAt(rest, 2)
	switch r0 {
	case 'ب', 'ك':
		return addForm(dst, base, Form{Text: rest[s0:], Skip: skip + 1, Kind: kind | Prep, runes: int32(runes - 1)})
	case 'ل':
		if r1 == 'ل' {
			// «للرقة» is ل + «الرقة»; the span keeps the whole «للرقة».
			return addForm(dst, base, Form{Text: "ا" + rest[s0:], Skip: skip, Kind: kind | Prep, runes: int32(runes)})
		}
		return addForm(dst, base, Form{Text: rest[s0:], Skip: skip + 1, Kind: kind | Prep, runes: int32(runes - 1)})
	case 'س':
		if r1 == 'ي' || r1 == 'ت' || r1 == 'ن' {
			return addForm(dst, base, Form{Text: rest[s0:], Skip: skip + 1, Kind: kind | Future, runes: int32(runes - 1)})
		}
	}
	return dst
}

// addForm appends f, hashed, to the readings dst[base:] unless it is too
// short a stem or one of them has its text already.
func addForm(dst []Form, base int, f Form) []Form {
	if f.runes < minStem || hasText(dst[base:], f.Text) {
		return dst
	}
	f.hash = formHash(f.Text)
	return append(dst, f)
}

// hasText says whether one of forms has the text s.
func hasText(forms []Form, s string) bool {
	for k := range forms {
		if forms[k].Text == s {
			return true
		}
	}
	return false
}
