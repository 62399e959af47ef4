package text

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// words is the original text of each token of s, and whether each token
// touches the one before it (a cut made inside a run of letters).
func glueTokens(s string) (words []string, cut []bool) {
	a := Analyze(s)
	for i, tk := range a.Tokens {
		words = append(words, a.Slice(tk.Start, tk.End))
		cut = append(cut, i > 0 && tk.Kind == Word && a.Tokens[i-1].Kind == Word && a.Tokens[i-1].NEnd == tk.NStart)
	}
	return words, cut
}

func TestGlueCutsGluedWords(t *testing.T) {
	cases := map[string]string{
		// Certain: «ة» and «ى» end a word.
		"انفجرت عبوة ناسفةفي السوق":     "انفجرت عبوة ناسفة|في السوق",
		"سقطت قذيفة علىحي سكني":         "سقطت قذيفة على|حي سكني",
		"سيطرةالجيش على البلدة":         "سيطرة|الجيش على البلدة",
		"القوات الحكوميةالسوريةاستعادت": "القوات الحكومية|السورية|استعادت",
		// By dictionary: two frequent words, prepositions and their clitics.
		"قتلثلاثة جنود":          "قتل|ثلاثة جنود",
		"قالت مصادرمحلية":        "قالت مصادر|محلية",
		"وقع انفجار فيالموصل":    "وقع انفجار في|الموصل",
		"أعلن الجيشالعراقي":      "أعلن الجيش|العراقي",
		"قصفت الطائراتالحربية":   "قصفت الطائرات|الحربية",
		"تحدث مراسلنافي المدينة": "تحدث مراسلنا|في المدينة",
		"هجوم لداعشفي البادية":   "هجوم لداعش|في البادية",
		"لا معلومات عنالمدنيين":  "لا معلومات عن|المدنيين",
		"وصلت تعزيزات منبانياس":  "وصلت تعزيزات من|بانياس",
	}
	for in, want := range cases {
		words, cut := glueTokens(in)
		var b strings.Builder
		for i, w := range words {
			if i > 0 {
				if cut[i] {
					b.WriteString("|")
				} else {
					b.WriteString(" ")
				}
			}
			b.WriteString(w)
		}
		if got := b.String(); got != want {
			t.Errorf("%s: tokens %s, want %s", in, got, want)
		}
	}
}

// Words the segmenter must leave whole: place names of the lexicons however
// rare in the news, words that spell two words («فيلم» is not «في لم»),
// words with an attached pronoun, foreign names, and a run of letters
// with Latin in it.
func TestGlueLeavesWordsWhole(t *testing.T) {
	for _, w := range []string{
		"رميلان", "بانياس", "القامشلي", "الحسكة", "تلعفر", "الشيخ مقصود", "فيلم", "منطقة", "عدوانه", "والمدنيين",
		"بالمدينة", "للقوات", "وبالقرب", "ميريانا", "آيزنهاور", "غولاني", "وأصابوهما", "الإحالات", "ISISفي",
		"مدرسةً", "إلى", "مستشفى", "ة", "ىة", "حتىا",
	} {
		words, cut := glueTokens(w)
		for i := range words {
			if cut[i] {
				t.Errorf("%s was cut: %q", w, words)
				break
			}
		}
	}
}

// Text with its spaces has no cut: the segmenter touches only runs that
// are not words.
func TestGlueLeavesOrdinaryTextAlone(t *testing.T) {
	text := "قالت مصادر محلية إن طائرات حربية شنت صباح اليوم الأربعاء غارات على مواقع في ريف إدلب الجنوبي، " +
		"ما أسفر عن مقتل ثلاثة مدنيين وإصابة آخرين بجروح. وأضافت المصادر أن القصف استهدف بلدة معرة النعمان " +
		"وقرى محيطة بها، فيما تحدثت وسائل إعلام رسمية عن استهداف مواقع للمسلحين بالمدفعية الثقيلة. " +
		"وفي سياق متصل، أعلنت وزارة الدفاع التركية أن قواتها ردت على مصادر النيران قرب مدينة منبج."
	words, cut := glueTokens(text)
	for i := range words {
		if cut[i] {
			t.Errorf("cut before %q in ordinary text", words[i])
		}
	}
}

// A cut inserts a boundary, not a character: every token's span is a slice
// of the original, the parts' spans abut, harakat and tatweel stay with the
// letter they follow, and the normalised offsets of all tokens still map to
// the original.
func TestGlueKeepsOffsets(t *testing.T) {
	in := "أفاد مراسلنـا فيالمدينة بأنّ الغارةَاستهدفت «مواقعَللمسلحين» وقُتِلَأربعة"
	a := Analyze(in)
	rs := []rune(in)
	var got []string
	for i, tk := range a.Tokens {
		if tk.Start < 0 || tk.End > len(rs) || tk.Start >= tk.End {
			t.Fatalf("token %d: span [%d,%d) outside the text", i, tk.Start, tk.End)
		}
		if a.OrigOffset(tk.NStart) != tk.Start || a.OrigEnd(tk.NEnd) != tk.End {
			t.Errorf("token %d %q: offsets do not map", i, tk.Text)
		}
		if i > 0 && tk.Start < a.Tokens[i-1].End {
			t.Errorf("token %d %q overlaps the one before", i, tk.Text)
		}
		sp := a.TokenSpan(i, i+1)
		if sp.Text != string(rs[tk.Start:tk.End]) || !sp.Valid(a.Orig) {
			t.Errorf("token %d: span %+v is not the original's slice", i, sp)
		}
		got = append(got, sp.Text)
	}
	want := []string{"أفاد", "مراسلنـا", "في", "المدينة", "بأنّ", "الغارةَ", "استهدفت", "«", "مواقعَ", "للمسلحين", "»", "وقُتِلَ", "أربعة"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("tokens %q, want %q", got, want)
	}
	// The parts of one run abut: nothing of the original falls between.
	for i := 1; i < len(a.Tokens); i++ {
		p, q := a.Tokens[i-1], a.Tokens[i]
		if p.NEnd == q.NStart && p.End != q.Start {
			t.Errorf("%q|%q: the original between them is lost", got[i-1], got[i])
		}
	}
}

// The cut parts read as any word does: their clitic readings are made.
func TestGlueCutPartsHaveReadings(t *testing.T) {
	a := Analyze("مراسلناوالمسلحين")
	var forms []string
	for i := range a.Tokens {
		for _, f := range a.Forms(i) {
			forms = append(forms, f.Text)
		}
	}
	if !strings.Contains(strings.Join(forms, " "), "المسلحين") {
		t.Errorf("readings %q lack «المسلحين»", forms)
	}
}

// The packed table answers the words packed into it, with their classes,
// and nothing else.
func TestGlueTableReadsItsWords(t *testing.T) {
	counts := map[string]int{"قصف": 300, "مدينه": 5000, "نادر": 1}
	names := map[string]bool{"رميلان": true, "قصف": true}
	cues := map[string]bool{"قصف": true}
	packed := string(PackGlueWords(counts, names, cues))
	saved, savedShift := glueSlots, glueShift
	glueSlots, glueShift = gluePrepare(packed)
	defer func() { glueSlots, glueShift = saved, savedShift }()
	for w, want := range map[string]uint8{
		"قصف":    9 | glueName | glueCue,
		"مدينه":  13,
		"نادر":   0, // seen once: neither known nor a part, left out
		"رميلان": glueName,
		"غائب":   0,
	} {
		if got := glueClass("", w); got != want {
			t.Errorf("%s: class %d, want %d", w, got, want)
		}
	}
	if glueClass("ا", "لمدينه") != 0 || glueClass("م", "دينه") != 13 {
		t.Error("a prefix is not hashed as part of the word")
	}
	for name, bad := range map[string]string{"empty": "", "no magic": "x" + packed[1:], "odd size": packed + "xy"} {
		if s, _ := gluePrepare(bad); s != "" {
			t.Errorf("%s: a damaged table is read", name)
		}
	}
}

// A text built to be slow (a run of letters without a space, runs of
// frequent words glued to the longest length still cut, runs of «ة» glued
// words) costs the text layer about what news costs, byte for byte: cutting
// must not grow with the square of a run (before glueMaxRunes, a 400 KB run
// took 50 s). Timed as a ratio within one run, the best of three, in the CPU
// time of the thread that did the work (where the system tells it), which
// other processes on the machine do not inflate.
func TestGlueCostBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("timing")
	}
	best := func(s string) time.Duration {
		var b time.Duration
		for i := range 3 {
			if d := timeOnThread(func() { Analyze(s).Release() }); i == 0 || d < b {
				b = d
			}
		}
		return b
	}
	glued := func(unit string, letters int) string {
		var b strings.Builder
		for b.Len() < 200_000 {
			b.WriteString(strings.Repeat(unit, letters/utf8.RuneCountInString(unit)))
			b.WriteByte(' ')
		}
		return b.String()
	}
	news := strings.Repeat("قالت مصادر محلية إن طائرات حربية شنت غارات على مواقع في ريف المدينة الجنوبي ", 2600)
	// The news text is timed again beside each case, and the best of both
	// kept, so that a burst of load on a shared machine inflates neither
	// side of a ratio alone.
	base := best(news)
	for name, s := range map[string]string{
		"one run":        strings.Repeat("قالفيمن", 30_000),
		"one run of ة":   strings.Repeat("مدينةقرية", 20_000),
		"words of 40":    glued("قال", glueMaxRunes),
		"prepositions":   glued("في", glueMaxRunes),
		"mixed":          glued("مصادرقالتفي", glueMaxRunes),
		"names and cuts": glued("بانياسمدينة", glueMaxRunes),
	} {
		cost := best(s)
		for range 2 {
			base = min(base, best(news))
			cost = min(cost, best(s))
		}
		perByte := float64(base) / float64(len(news))
		if r := float64(cost) / float64(len(s)) / perByte; r > 20 {
			t.Errorf("%s: %.1f times the cost of news a byte", name, r)
		} else {
			t.Logf("%s: %.1f times the cost of news a byte", name, r)
		}
	}
}

// timeWall is the wall time f takes.
func timeWall(f func()) time.Duration {
	st := time.Now()
	f()
	return time.Since(st)
}
