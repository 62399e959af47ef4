package lexicon

import (
	"fmt"
	"strconv"
)

// NumberFile is the embedded list of number words, vague quantities,
// qualifiers and percent phrases.
const NumberFile = "numbers.tsv"

// Kinds of rows in NumberFile. The numbers package composes them; the kind
// says which role a word may play in a composed number.
const (
	NumUnit       = "unit"        // 1–10: «ثلاثة», «ثلاث»; multiplied by a following «مئة» or «آلاف»
	NumTen        = "ten"         // 20–90: «عشرون», «عشرين»; joined after a unit with و
	NumTeen       = "teen"        // 11–19 as one phrase: «ثلاثة عشر»
	NumHundred    = "hundred"     // 100–900: «مئة», «مئتان», «ثلاثمئة»
	NumMult       = "mult"        // «ألف», «مليون», «مليار»: multiplies what precedes
	NumMultPlural = "mult_plural" // «آلاف», «ملايين»: a multiplier, or a vague quantity alone
	NumMultDual   = "mult_dual"   // «ألفان», «مليونين»: two of the multiplier in Value
	NumVague      = "vague"       // «عدة», «العشرات»: ACLED's conventional figure in Value
	NumFraction   = "fraction"    // «ونصف» after a multiplier
	NumOrdinal    = "ordinal"     // «الثالث», «الحادي عشر»
	NumPercent    = "percent"     // «في المئة»: marks the number before it as a percentage
	NumQualBefore = "qual_before" // «أكثر من», «نحو» before a number
	NumQualAfter  = "qual_after"  // «على الأقل», «تقريبا» after a number
	NumBlock      = "block"       // a phrase that looks like a number and is not: «يوم الاثنين»
)

// Qualifiers, the value column of qual_before and qual_after rows.
const (
	QualAtLeast = "at_least"
	QualAbout   = "about"
	QualAtMost  = "at_most"
)

// NumberWord is one row of NumberFile.
type NumberWord struct {
	Phrase string
	Kind   string
	// Value is the number for number kinds, and 0 for the others.
	Value float64
	// Qualifier is at_least, about or at_most for qualifier rows.
	Qualifier string
	Line      int
}

// NumberWords reads NumberFile, checking every row so that a typo in the
// data fails loudly at load rather than silently never matching.
func NumberWords() ([]NumberWord, error) {
	var out []NumberWord
	err := ReadTSV(NumberFile, func(r Row) error {
		w, err := numberRow(r)
		if err != nil {
			return err
		}
		out = append(out, w)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("lexicon: %w", err)
	}
	return out, nil
}

func numberRow(r Row) (NumberWord, error) {
	w := NumberWord{Phrase: r.Get("phrase"), Kind: r.Get("kind"), Line: r.Line}
	if w.Phrase == "" {
		return w, r.Errorf("empty phrase")
	}
	val := r.Get("value")
	switch w.Kind {
	case NumUnit, NumTen, NumTeen, NumHundred, NumMult, NumMultPlural, NumMultDual,
		NumVague, NumFraction, NumOrdinal:
		v, err := strconv.ParseFloat(val, 64)
		if err != nil || v <= 0 {
			return w, r.Errorf("%s %q: value %q is not a positive number", w.Kind, w.Phrase, val)
		}
		w.Value = v
	case NumQualBefore, NumQualAfter:
		switch val {
		case QualAtLeast, QualAbout, QualAtMost:
			w.Qualifier = val
		default:
			return w, r.Errorf("qualifier %q: value %q is not at_least, about or at_most", w.Phrase, val)
		}
	case NumPercent, NumBlock:
		if val != "" {
			return w, r.Errorf("%s %q takes no value, got %q", w.Kind, w.Phrase, val)
		}
	default:
		return w, r.Errorf("unknown kind %q", w.Kind)
	}
	return w, nil
}
