package gazetteer

import (
	"unicode/utf8"

	"rasd/internal/text"
)

// Names the gazetteer does not have as written are guessed only after a
// cue that says a settlement follows («قرية», «بلدة», «منطقة», «ناحية»,
// «قضاء», «حي», «مدينة»), and only when the guess is the one candidate that
// fits the place the text puts it in or near, or else the article's
// governorates. Such mentions carry Match ByCue or ByTranslit.

// minGuessNames is how many distinct names an article must place in a
// governorate for a guess there without a place nearby: one name is as
// often a stray match in an article about somewhere else («مدينة ميلانو»
// in a football report that names one Iraqi village).
const minGuessNames = 2

// nameHeads are the words that start many two-word village names («تل
// شعير», «عين عيسى», «كفر نبل», «خربة غزالة»).
var nameHeads = map[string]bool{
	"تل": true, "عين": true, "كفر": true, "خربه": true, "دير": true, "راس": true,
	"بير": true, "بئر": true, "جسر": true, "قصر": true, "ابو": true, "ام": true,
	"بني": true, "عرب": true, "جبل": true, "وادي": true, "سد": true, "تله": true,
	"حاوي": true, "قلعه": true, "مزرعه": true, "جب": true,
}

// minSkeleton is the shortest coarse skeleton a guess may rest on
// without a place nearby to confirm it: two consonants («العناز» is
// "nz") fit a dozen villages of a governorate.
const minSkeleton = 3

// minLinkedSkeleton is the shortest one a place nearby may confirm.
const minLinkedSkeleton = 2

// settlementCue says whether a cue announces a settlement or district
// whose unknown name may be guessed. Camps, plurals, vicinity and
// direction cues do not: «مخيم» names camps rasd lists itself, and «قرب»
// or «قرى» are as often followed by common words.
func settlementCue(c *cue) bool {
	switch c.role {
	case roleSettlement:
		return c.key != "مخيم" && c.key != "مخيمي"
	case roleArea, roleDistrict, roleCity:
		return true
	}
	return false
}

// weakAt guesses the name at token at after the cue chain, where no name
// the context allows was found: a name WOF gives only as «قرية X» after
// the weaker «منطقة» (ByCue), or an unknown word whose skeleton fits WOF
// records' Latin names (ByTranslit). The candidates are chosen from later
// (chooseWeak), when the places around are known.
func (g *Gazetteer) weakAt(a *text.Analysis, at, end int, chain []*cue) (raw, bool) {
	if !settlementCue(chain[len(chain)-1]) || a.Tokens[at].Kind != text.Word {
		return raw{}, false
	}
	ctx := prep
	for _, c := range chain {
		ctx = max(ctx, c.level())
	}
	if m, ok := g.names.MatchAt(a, at, end); ok {
		if m.Form.Kind != 0 || ctx != area {
			return raw{}, false
		}
		var cands []cand
		for _, e := range m.Values {
			if e.block {
				return raw{}, false
			}
			for _, cd := range e.cands {
				if cd.cued && cd.need == strong {
					cands = append(cands, cd)
				}
			}
		}
		if len(cands) == 0 {
			return raw{}, false
		}
		return raw{
			tokEnd: m.TokEnd, end: m.Span.End, name: m.Span, nameTok: at,
			e: m.Values[0], cands: cands, cues: chain, match: ByCue,
		}, true
	}
	if !g.guessable(a, at) {
		return raw{}, false
	}
	// A two-word name that starts with a word such names start with («تل
	// شعير», «عين عيسى») is tried before its first word.
	for n := 2; n >= 1; n-- {
		if n == 2 && (at+n > end || !nameHeads[a.Tokens[at].Text] || !g.guessable(a, at+1)) {
			continue
		}
		key := a.Tokens[at].Text
		if n == 2 {
			key += " " + a.Tokens[at+1].Text
		}
		fine := arabicSkeleton(key)
		coarse := coarseSkeleton(fine)
		if len(coarse) < minLinkedSkeleton {
			continue
		}
		found := g.skelOf(coarse)
		if len(found) == 0 {
			continue
		}
		cands := make([]cand, 0, len(found))
		for _, sc := range found {
			dup := false
			for i := range cands {
				if cands[i].p == sc.p {
					cands[i].spelt = cands[i].spelt || sc.fine == fine
					dup = true
				}
			}
			if !dup {
				cands = append(cands, cand{p: sc.p, spelt: sc.fine == fine})
			}
		}
		name := a.TokenSpan(at, at+n)
		return raw{
			tokEnd: at + n, end: name.End, name: name, nameTok: at,
			cands: cands, cues: chain, match: ByTranslit, fine: fine,
		}, true
	}
	return raw{}, false
}

// guessable says whether token i may be a place name the gazetteer lacks:
// an Arabic word of three letters or more as written (no clitic shed),
// that is no cue, preposition, direction, common word or personal name,
// and bears no tanween (an indefinite noun or an adverb).
func (g *Gazetteer) guessable(a *text.Analysis, i int) bool {
	t := &a.Tokens[i]
	if t.Kind != text.Word || utf8.RuneCountInString(t.Text) < 3 {
		return false
	}
	for _, r := range t.Text {
		if r < 0x0621 || r > 0x064A {
			switch r {
			case 'پ', 'چ', 'ژ', 'گ', 'ڤ':
			default:
				return false
			}
		}
	}
	if g.preps[t.Text] || g.adjs[t.Text] || g.person[t.Text] || g.commonWord[t.Text] ||
		len(g.cues.Lookup(t.Text)) > 0 || tanweenIn(a, i) || participle(t.Text) {
		return false
	}
	return true
}

// participle says whether a word has the shape of a feminine participle
// of the patterns مفعولة («مأهولة», «معزولة») or مفاعلة («مجاورة»,
// «معارضة»): the adjectives that most often follow «منطقة». Fewer than
// thirty of WOF's twenty thousand one-word names have that shape.
func participle(w string) bool {
	var r [7]rune
	n := 0
	for _, c := range w {
		if n == len(r) {
			return false
		}
		r[n] = c
		n++
	}
	return n == 6 && r[0] == 'م' && r[5] == 'ه' && (r[3] == 'و' || r[2] == 'ا')
}

// chooseWeak picks a guessed mention's place: the one candidate that fits
// the place y the text relates it to, or else lies in one of the
// governorates the article names; with several, the one whose fine
// skeleton agrees as well, if only one does. With neither a place nearby
// nor a governorate named there is no guess: foreign towns after «مدينة»
// («مدينة نابل») fit some Syrian or Iraqi village's skeleton.
func (g *Gazetteer) chooseWeak(r *raw, sig signals, l link, y *Place) *Place {
	if r.match == ByTranslit {
		need := minSkeleton
		if y != nil && !g.isGovernorate(y) && y.Kind != "country" {
			need = minLinkedSkeleton
		}
		if len(coarseSkeleton(r.fine)) < need {
			return nil
		}
	}
	var fits []cand
	for _, c := range r.cands {
		var ok bool
		if y != nil {
			ok = g.fitTo(c.p, y, l) == fitExact
		} else {
			ok = sig.admin1[c.p.Admin1Code] >= minGuessNames
		}
		if !ok {
			continue
		}
		dup := false
		for i, f := range fits {
			// WOF's near-duplicate records of one village are one fit.
			if f.p.Admin1Code == c.p.Admin1Code && km(f.p, c.p) < closeKM {
				fits[i].spelt = f.spelt || c.spelt
				dup = true
				break
			}
		}
		if !dup {
			fits = append(fits, c)
		}
	}
	if len(fits) == 1 {
		return fits[0].p
	}
	var spelt *Place
	for _, f := range fits {
		if f.spelt {
			if spelt != nil {
				return nil
			}
			spelt = f.p
		}
	}
	return spelt
}

// translitInstead guesses, for a name whose every candidate the text
// contradicts, a WOF record of the same skeleton that fits (chooseWeak).
// Only a name after a settlement cue is guessed.
func (g *Gazetteer) translitInstead(r *raw, sig signals, l link, y *Place) (raw, *Place) {
	if r.e == nil || len(r.cues) == 0 || !settlementCue(r.cues[len(r.cues)-1]) {
		return raw{}, nil
	}
	fine := arabicSkeleton(r.e.key)
	found := g.skelOf(coarseSkeleton(fine))
	if len(found) == 0 {
		return raw{}, nil
	}
	w := *r
	w.match, w.fine, w.cands = ByTranslit, fine, make([]cand, 0, len(found))
	for _, sc := range found {
		w.cands = append(w.cands, cand{p: sc.p, spelt: sc.fine == fine})
	}
	return w, g.chooseWeak(&w, sig, l, y)
}
