package text

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
}

var pronounSuffixes = [...]string{"هما", "كما", "هم", "هن", "كم", "ها", "نا", "ه"}

// minStem is the shortest remainder a clitic may leave: shorter ones are
// mostly letters of the word itself («ولد», «بلد»).
const minStem = 2

// appendForms appends every reading of word w to dst, the surface first.
func appendForms(dst []Form, w string) []Form {
	r := []rune(w)
	base := len(dst)
	dst = append(dst, Form{Text: w})
	add := func(skip int, text []rune, kind FormKind) {
		if len(text) < minStem {
			return
		}
		s := string(text)
		for _, f := range dst[base:] {
			if f.Text == s {
				return
			}
		}
		dst = append(dst, Form{Text: s, Skip: skip, Kind: kind})
	}
	// Proclitics, outermost first: conjunction, then preposition or future.
	type stage struct {
		skip int
		rest []rune
		kind FormKind
	}
	stages := []stage{{0, r, 0}}
	if len(r) > 3 && (r[0] == 'و' || r[0] == 'ف') {
		stages = append(stages, stage{1, r[1:], Conj})
	}
	for _, st := range stages {
		rest := st.rest
		if st.kind != 0 {
			add(st.skip, rest, st.kind)
		}
		if len(rest) > 3 {
			switch rest[0] {
			case 'ب', 'ك':
				add(st.skip+1, rest[1:], st.kind|Prep)
			case 'ل':
				if rest[1] == 'ل' {
					// «للرقة» is ل + «الرقة»; the span keeps the whole «للرقة».
					fused := append([]rune{'ا'}, rest[1:]...)
					add(st.skip, fused, st.kind|Prep)
				} else {
					add(st.skip+1, rest[1:], st.kind|Prep)
				}
			case 'س':
				if rest[1] == 'ي' || rest[1] == 'ت' || rest[1] == 'ن' {
					add(st.skip+1, rest[1:], st.kind|Future)
				}
			}
		}
	}
	// The article, from any reading that starts with it.
	n := len(dst)
	for k := base; k < n; k++ {
		f := dst[k]
		fr := []rune(f.Text)
		if len(fr) > 4 && fr[0] == 'ا' && fr[1] == 'ل' {
			// Also right for the fused «للهجوم»: its Skip points at «لل».
			add(f.Skip+2, fr[2:], f.Kind|Article)
		}
	}
	// Attached pronouns, from every reading so far.
	n = len(dst)
	for k := base; k < n; k++ {
		f := dst[k]
		fr := []rune(f.Text)
		for _, suf := range pronounSuffixes {
			sr := []rune(suf)
			if len(fr)-len(sr) >= 3 && string(fr[len(fr)-len(sr):]) == suf {
				stem := fr[:len(fr)-len(sr)]
				s := string(stem)
				dup := false
				for _, g := range dst[base:] {
					if g.Text == s {
						dup = true
						break
					}
				}
				if !dup {
					dst = append(dst, Form{Text: s, Skip: f.Skip, Trim: len(sr), Kind: f.Kind | Suffix})
				}
				break
			}
		}
	}
	return dst
}
