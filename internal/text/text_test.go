package text

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestNormalizeForms(t *testing.T) {
	cases := map[string]string{
		"أحمد إلى آخر ٱلله":     "احمد الي اخر الله",
		"مدرسةٌ":                "مدرسه",
		"قـــوات":               "قوات",
		"سُورِيَا":              "سوريا",
		"٢٠١٩ و۱۲":              "2019 و12",
		"«داعش» “قسد”":          "\"داعش\" \"قسد\"",
		"دير\u200f الزور\u200b": "دير الزور",
		"٩٠٪":                   "90%",
		"ISIS":                  "isis",
		"\uFEFB":                "لا",
		"پ یک":                  "پ يك",
		"#قوات_سوريا_الديمقراطية": "#قوات سوريا الديمقراطيه",
	}
	for in, want := range cases {
		if got := NormalizeString(in); got != want {
			t.Errorf("NormalizeString(%q) = %q, want %q", in, got, want)
		}
		if got := string(Normalize(in).Norm); got != want {
			t.Errorf("Normalize(%q).Norm = %q, want %q", in, got, want)
		}
	}
}

func TestOffsetMapKeepsOriginalSpans(t *testing.T) {
	in := "هاجمَ «داعشُ» قـوات الجيشِ"
	a := Analyze(in)
	var words []string
	for _, tok := range a.Tokens {
		sp := a.SpanOf(tok.NStart, tok.NEnd)
		if !sp.Valid(a.Orig) {
			t.Fatalf("span %+v is not a slice of the text", sp)
		}
		words = append(words, sp.Text)
	}
	want := []string{"هاجمَ", "«", "داعشُ", "»", "قـوات", "الجيشِ"}
	if strings.Join(words, "|") != strings.Join(want, "|") {
		t.Fatalf("token spans = %q, want %q", words, want)
	}
}

func TestSentences(t *testing.T) {
	in := "قتل 8.5 شخص في الهجوم. وأصيب آخرون؟ نعم!\nعنوان بلا نقطة\nقال د. أحمد إن الوضع هادئ… ثم «انتهى». \"بداية\" جديدة"
	a := Analyze(in)
	var got []string
	for _, s := range a.Sentences {
		got = append(got, a.Slice(s.Start, s.End))
	}
	want := []string{
		"قتل 8.5 شخص في الهجوم.",
		"وأصيب آخرون؟",
		"نعم!",
		"عنوان بلا نقطة",
		"قال د. أحمد إن الوضع هادئ…",
		"ثم «انتهى».",
		"\"بداية\" جديدة",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("sentences:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestNumbersAndWordsSplit(t *testing.T) {
	a := Analyze("8 يونيو2020 و1,500 و٣٫٥")
	var got []string
	for _, tok := range a.Tokens {
		got = append(got, tok.Kind.String()+":"+tok.Text)
	}
	want := "number:8 word:يونيو number:2020 word:و number:1,500 word:و number:3.5"
	if strings.Join(got, " ") != want {
		t.Fatalf("tokens = %s, want %s", strings.Join(got, " "), want)
	}
}

func formTexts(a *Analysis, i int) []string {
	var out []string
	for _, f := range a.Forms(i) {
		out = append(out, f.Text)
	}
	return out
}

func hasForm(a *Analysis, i int, want string) bool {
	for _, f := range a.Forms(i) {
		if f.Text == want {
			return true
		}
	}
	return false
}

func TestCliticReadings(t *testing.T) {
	cases := []struct{ word, want string }{
		{"بالرقة", "الرقه"},
		{"والرقة", "الرقه"},
		{"للرقة", "الرقه"},
		{"وبالرقة", "الرقه"},
		{"فالرقة", "الرقه"},
		{"لداعش", "داعش"},
		{"بدمشق", "دمشق"},
		{"الهجوم", "هجوم"},
		{"للهجوم", "هجوم"},
		{"وسيهاجم", "يهاجم"},
		{"اعتقالهم", "اعتقال"},
		{"ومقتله", "مقتل"},
	}
	for _, c := range cases {
		a := Analyze(c.word)
		if !hasForm(a, 0, c.want) {
			t.Errorf("%s: readings %q lack %q", c.word, formTexts(a, 0), c.want)
		}
	}
	// Short words keep their letters: «ولد» is not و + «لد».
	a := Analyze("ولد")
	if len(a.Forms(0)) != 1 {
		t.Errorf("ولد: readings %q, want only the surface", formTexts(a, 0))
	}
}

func TestIndexMatchesWithCliticsAndSpans(t *testing.T) {
	ix := NewIndex[string](Conj | Prep)
	for _, p := range []string{"الرقة", "دير الزور", "قوات سوريا الديمقراطية", "دير"} {
		if err := ix.Add(p, p); err != nil {
			t.Fatal(err)
		}
	}
	in := "اشتبكت وقوات سوريا الديمقراطية بالرقة وفي دير الزور، وللرقة ورقة."
	a := Analyze(in)
	ms := ix.FindAll(a, 0, len(a.Tokens))
	var got []string
	for _, m := range ms {
		if !m.Span.Valid(a.Orig) {
			t.Fatalf("bad span %+v", m.Span)
		}
		got = append(got, m.Values[0]+"="+m.Span.Text)
	}
	want := "قوات سوريا الديمقراطية=قوات سوريا الديمقراطية الرقة=الرقة دير الزور=دير الزور الرقة=للرقة"
	if strings.Join(got, " ") != want {
		t.Fatalf("matches = %q\nwant      %q", strings.Join(got, " "), want)
	}
}

func TestIndexDoesNotCrossPunctuation(t *testing.T) {
	ix := NewIndex[int](0)
	_ = ix.Add("دير الزور", 1)
	a := Analyze("دير، الزور")
	if ms := ix.FindAll(a, 0, len(a.Tokens)); len(ms) != 0 {
		t.Fatalf("matched across a comma: %+v", ms)
	}
}

func TestIndexReadsThroughQuotes(t *testing.T) {
	ix := NewIndex[int](Conj | Prep)
	_ = ix.Add("قاعدة عين الأسد", 1)
	_ = ix.Add("قاعدة", 2)
	a := Analyze("استهدفت قاعدة «عين الأسد» ثم قاعدة \"، عين الأسد")
	ms := ix.FindAll(a, 0, len(a.Tokens))
	if len(ms) != 2 || ms[0].Values[0] != 1 || ms[0].Span.Text != "قاعدة «عين الأسد" || ms[1].Values[0] != 2 {
		t.Fatalf("matches = %+v", ms)
	}
	if next := ms[0].TokEnd; a.Tokens[next].Text != "\"" {
		t.Fatalf("match ends before %q, want the closing quote", a.Tokens[next].Text)
	}
}

func TestIndexArticleOnlyWhenAllowed(t *testing.T) {
	strict := NewIndex[int](Conj | Prep)
	_ = strict.Add("خير", 1)
	loose := NewIndex[int](Conj | Prep | Article | Suffix)
	_ = loose.Add("هجوم", 1)
	_ = loose.Add("مقتل", 2)
	a := Analyze("الخير للهجوم مقتلهم")
	if ms := strict.FindAll(a, 0, len(a.Tokens)); len(ms) != 0 {
		t.Fatalf("strict index matched %q", ms[0].Span.Text)
	}
	ms := loose.FindAll(a, 0, len(a.Tokens))
	if len(ms) != 2 || ms[0].Span.Text != "هجوم" || ms[1].Span.Text != "مقتل" {
		t.Fatalf("loose matches = %+v", ms)
	}
}

// An index's filter of first words never turns away a word that starts a
// phrase, however many it holds (it grows as they are added).
func TestIndexFilterKeepsEveryHead(t *testing.T) {
	ix := NewIndex[int](0)
	var words []string
	for i := range 5000 {
		w := fmt.Sprintf("كلمة%dب", i)
		words = append(words, w)
		if err := ix.AddKey(w+" تالية", i); err != nil {
			t.Fatal(err)
		}
	}
	for i, w := range words {
		if !ix.mayStart(formHash(w)) {
			t.Fatalf("word %d %q: the filter says no phrase starts with it", i, w)
		}
		if got := ix.Lookup(w + " تالية"); len(got) != 1 || got[0] != i {
			t.Fatalf("Lookup(%q) = %v, want [%d]", w+" تالية", got, i)
		}
	}
	if ix.Len() != len(words) {
		t.Errorf("Len() = %d, want %d", ix.Len(), len(words))
	}
}

// A text without stops is cut into sentences of at most MaxSentenceTokens,
// after a comma where one falls in the second half, and no token is lost.
func TestLongSentenceCut(t *testing.T) {
	words := strings.Repeat("قصف ", MaxSentenceTokens*2+10)
	a := Analyze(words)
	if len(a.Sentences) != 3 {
		t.Fatalf("%d tokens without a stop: %d sentences, want 3", len(a.Tokens), len(a.Sentences))
	}
	withComma := strings.Repeat("قصف ", MaxSentenceTokens-20) + "، " + strings.Repeat("قصف ", 40)
	a = Analyze(withComma)
	if len(a.Sentences) != 2 || a.Sentences[0].TokEnd != MaxSentenceTokens-19 {
		t.Fatalf("cut at %+v, want after the comma (token %d)", a.Sentences, MaxSentenceTokens-19)
	}
	next := 0
	for _, s := range a.Sentences {
		if s.TokStart != next || s.TokEnd-s.TokStart > MaxSentenceTokens {
			t.Fatalf("sentences %+v leave a gap or run long", a.Sentences)
		}
		next = s.TokEnd
	}
	if next != len(a.Tokens) {
		t.Errorf("sentences end at token %d of %d", next, len(a.Tokens))
	}
}

// Normalize decodes UTF-8 itself: its runes must be those of []rune(s),
// invalid bytes included.
func TestNormalizeDecodesAsRunes(t *testing.T) {
	for _, s := range []string{
		"", "abc", "قصف «الطيران» ١٢ غارة", "\xff\xfeمدينة\xc3", "\xc0\x80\xed\xa0\x80", "ﷺ ﻻ €😀", "\xd8",
	} {
		got := Normalize(s).Orig
		if want := []rune(s); !slices.Equal(got, want) {
			t.Errorf("Normalize(%q).Orig = %q, want %q", s, got, want)
		}
	}
}

func TestRunesIn(t *testing.T) {
	for _, s := range []string{"", "a", "abcdefgh", "قصف مدفعي على ريف حمص الشمالي", "x€😀 ﷺ abcdefghijklmnop"} {
		if got, want := runesIn(s), utf8.RuneCountInString(s); got != want {
			t.Errorf("runesIn(%q) = %d, want %d", s, got, want)
		}
	}
}

// normalize's UTF-8 is string(Norm), for text that grows its buffer
// (runes of three and four bytes, a ligature that expands) and invalid
// UTF-8.
func TestNormalizeEncodes(t *testing.T) {
	long := strings.Repeat("😀€", 40) + strings.Repeat("ﷺ", 30)
	for _, s := range []string{"", "abc", "قصف «الطيران» ١٢", "€😀 ﷺ", "\xff", "a\xffب\xed\xa0\x80", "قَصْفٌ ـ ٱلْ ܐ", long, "ﻻ" + long} {
		tx, enc := normalize(s, nil, true)
		if want := string(tx.Norm); enc != want {
			t.Errorf("normalize(%q) encodes %q, want %q", s, enc, want)
		}
	}
}

// The pronoun pre-test lists, for a word ending in each suffix, that
// suffix, and the suffixes in pronounSuffixes' order.
func TestPronounsEnding(t *testing.T) {
	for i, suf := range pronounSuffixes {
		w := "كتاب" + suf
		cands := pronounsEnding(w)
		if !slices.Contains(cands, int8(i)) {
			t.Errorf("suffix %d %q: %q gives %v", i, suf, w, cands)
		}
		if !slices.IsSorted(cands) {
			t.Errorf("%q: candidates %v out of order", w, cands)
		}
		for _, c := range cands {
			if pronounSuffixes[c][len(pronounSuffixes[c])-2:] != suf[len(suf)-2:] {
				t.Errorf("%q: candidate %q ends in another letter", w, pronounSuffixes[c])
			}
		}
	}
	for _, w := range []string{"كتاب", "قصف", "و"} {
		if c := pronounsEnding(w); len(c) != 0 {
			t.Errorf("%q: candidates %v", w, c)
		}
	}
}

// letterAt is the rune utf8.DecodeRuneInString finds where that is a
// rune of two bytes, and -1 for anything else, invalid and overlong
// sequences included.
func TestLetterAt(t *testing.T) {
	for _, s := range []string{"", "a", "قصف", "\xc0\x80", "\xc1\xbf", "\xd9", "\xd9a", "€", "\xff", "ßa"} {
		want := rune(-1)
		if r, n := utf8.DecodeRuneInString(s); n == 2 {
			want = r
		}
		if got := letterAt(s, 0); got != want {
			t.Errorf("%q: %U, want %U", s, got, want)
		}
		if got := letterAt("x"+s, 1); got != want {
			t.Errorf("x%q from 1: %U, want %U", s, got, want)
		}
	}
}

// A word that many phrases continue finds each of them, and a match gives
// the key it was filed under.
func TestIndexManyContinuations(t *testing.T) {
	const maxEdges = 8
	letters := []rune("بتثجحخدذرزسشصضطظعغفق")
	word := func(i int) string {
		return "كلمه" + string(letters[i%len(letters)]) + string(letters[i/len(letters)])
	}
	ix := NewIndex[int](0)
	for i := range 3 * maxEdges {
		if err := ix.AddKey("ريف "+word(i), i); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 3 * maxEdges {
		if got := ix.Lookup("ريف " + word(i)); len(got) != 1 || got[0] != i {
			t.Fatalf("continuation %d: Lookup = %v", i, got)
		}
	}
	a := Analyze("في ريف " + word(2*maxEdges) + " أمس")
	m, ok := ix.MatchAt(a, 1, len(a.Tokens))
	if !ok || m.Values[0] != 2*maxEdges || m.TokEnd != 3 || m.Key != "ريف "+word(2*maxEdges) {
		t.Fatalf("MatchAt = %+v, %v", m, ok)
	}
}

func TestWordFilter(t *testing.T) {
	words := []string{"قصف", "هجوم", "اشتباك", "غارة"}
	w := NewWordFilter(func(yield func(string) bool) {
		for _, s := range words {
			if !yield(s) {
				return
			}
		}
	})
	for _, s := range words {
		if !w.MayHave(s) {
			t.Errorf("MayHave(%q) = false for a word of the set", s)
		}
	}
	if !w.MayHaveJoined("اشت", "باك") {
		t.Error("MayHaveJoined does not hash as the joined word")
	}
	a := Analyze("وقصف الطيران مواقع")
	if f := a.Forms(0); !w.MayHaveForm(&f[1]) || f[1].Text != "قصف" {
		t.Errorf("the reading «قصف» of «وقصف» is not in the filter: %+v", f)
	}
	// An empty set lets nothing through.
	empty := NewWordFilter(func(func(string) bool) {})
	if empty.MayHave("قصف") {
		t.Error("an empty filter has a word")
	}
}

// runesToString is string([]rune), invalid runes included.
func TestRunesToString(t *testing.T) {
	for _, rs := range [][]rune{nil, []rune("abc"), []rune("قصف «الطيران» ١٢ غارة ﷺ €😀"), {-1, 0xD800, 0x110000, 0x7FF, 0x800, 0xFFFF, 0x10000}} {
		if got, want := runesToString(rs), string(rs); got != want {
			t.Errorf("%U: %q, want %q", rs, got, want)
		}
	}
}

// Slice cuts its spans out of the text as given where that is valid
// UTF-8, from the marks normalize leaves every markStride runes: every
// span is string(Orig[start:end]), on both sides of the marks, with runes
// of one to four bytes and dropped marks, and in invalid UTF-8, where
// Orig holds U+FFFD for the bad bytes.
func TestSliceSpans(t *testing.T) {
	mixed := strings.Repeat("قَصْف a€😀ـ ", 12)
	for _, s := range []string{"", "abc", mixed, mixed + "\xff" + mixed, strings.Repeat("ب", 3*markStride+1)} {
		for _, b := range []*buffers{nil, {marks: make([]int32, 0, 64)}} {
			tx, _ := normalize(s, b, true)
			for start := 0; start <= len(tx.Orig); start++ {
				for end := start; end <= len(tx.Orig) && end <= start+2*markStride+3; end++ {
					if got, want := tx.Slice(start, end), string(tx.Orig[start:end]); got != want {
						t.Fatalf("%q: Slice(%d, %d) = %q, want %q", s, start, end, got, want)
					}
				}
			}
		}
	}
}

// Every rune below U+0800, alone and among Arabic letters, normalises as
// normRune says: normalize's inner loop reads the table for the runes of
// one and two bytes.
func TestNormalizeEveryTwoByteRune(t *testing.T) {
	var buf [8]rune
	for r := rune(0); r < 0x800; r++ {
		s := "ب" + string(r) + "ت"
		var want []rune
		for _, q := range s {
			want = append(want, normRune(q, buf[:0])...)
		}
		tx, enc := normalize(s, nil, true)
		if !slices.Equal(tx.Norm, want) || enc != string(want) {
			t.Errorf("%U: normalised to %q (%q), want %q", r, string(tx.Norm), enc, string(want))
		}
		if got := Normalize(s).Norm; !slices.Equal(got, want) {
			t.Errorf("%U: Normalize gives %q, want %q", r, string(got), string(want))
		}
	}
}

// normRun takes an ASCII byte's entry in normTable without testing it.
func TestNormTableASCII(t *testing.T) {
	for c := range rune(utf8.RuneSelf) {
		if m := normTable[c]; m < 0 || m >= utf8.RuneSelf {
			t.Errorf("%U normalises to %d, not one ASCII rune", c, m)
		}
	}
}

// normalizeSlowly is Normalize's Orig, Norm and offset map made the
// plainest way, a rune of []rune(s) at a time by normRune.
func normalizeSlowly(s string) *Text {
	var buf [8]rune
	t := &Text{Orig: []rune(s)}
	for i, r := range t.Orig {
		for _, m := range normRune(r, buf[:0]) {
			t.Norm = append(t.Norm, m)
			t.toOrig = append(t.toOrig, int32(i))
		}
	}
	t.toOrig = append(t.toOrig, int32(len(t.Orig)))
	return t
}

// Normalize, normalize with its UTF-8, and normalize into buffers too
// small and large enough all give the Text that normalising []rune(s) a
// rune at a time gives, over texts of many marks' length that drop,
// expand, and are no UTF-8 in places.
func TestNormalizePathsAgree(t *testing.T) {
	base := []string{
		"قصف «الطيران» ١٢ غارة على ريف حمص_الشمالي ABC def. ",
		"قَصْفٌ ـ ٱلْ ܐ €😀 ﷺ ﻻ \u200f",
		"a\xffب\xed\xa0\x80\xd8 \xc3",
	}
	var texts []string
	for n := 1; n <= 40; n += 3 {
		for i := range base {
			texts = append(texts, strings.Repeat(base[i], n), strings.Repeat(base[i]+base[(i+1)%len(base)], n))
		}
	}
	texts = append(texts, "", "a", "\xd8", strings.Repeat("ﷺ", 100), strings.Repeat("\u064b", 100))
	for _, s := range texts {
		want := normalizeSlowly(s)
		small := &buffers{orig: make([]rune, 0, 5), norm: make([]rune, 0, 5), toOrig: make([]int32, 0, 5), marks: make([]int32, 0, 1)}
		large := &buffers{orig: make([]rune, 0, 9000), norm: make([]rune, 0, 9000), toOrig: make([]int32, 0, 9000), marks: make([]int32, 0, 900)}
		t1 := Normalize(s)
		t2, _ := normalize(s, nil, true)
		t3, _ := normalize(s, small, true)
		t4, _ := normalize(s, large, true)
		for k, got := range []*Text{t1, t2, t3, t4} {
			if !slices.Equal(got.Orig, want.Orig) || !slices.Equal(got.Norm, want.Norm) || !slices.Equal(got.toOrig, want.toOrig) {
				t.Errorf("path %d, %d bytes: Text differs from a rune at a time", k, len(s))
			}
			if got.src != "" && !slices.Equal(got.marks, t1.marks) { // read only then
				t.Errorf("path %d, %d bytes: marks differ", k, len(s))
			}
		}
	}
}

// NormalizeString gives back a normalised string as it is, and
// HasNormalizedPrefix answers as a prefix test of NormalizeString's result
// would, over every rune below U+0800, ligatures, marks and bytes that are
// no UTF-8.
func TestNormalizeStringShortcuts(t *testing.T) {
	slow := func(s string) string { return string(normalizeSlowly(s).Norm) }
	cases := []string{"", "abc", "ABC", "a_b", "الجيش", "الأمن", "ﻻلجيش", "الـجيش", "اَلجيش", "\xffال", "ال\xff", "ﷺ", "€ال", "لل"}
	for r := rune(0); r < 0x800; r++ {
		cases = append(cases, string(r)+"ال", "ا"+string(r)+"ل", "ال"+string(r))
	}
	for _, s := range cases {
		want := slow(s)
		if got := NormalizeString(s); got != want {
			t.Errorf("NormalizeString(%q) = %q, want %q", s, got, want)
		}
		for _, p := range []string{"", "ا", "ال", "الج", "\xd8", "a", "ﻻ"} {
			if got := HasNormalizedPrefix(s, p); got != strings.HasPrefix(want, p) {
				t.Errorf("HasNormalizedPrefix(%q, %q) = %v, want %v", s, p, got, !got)
			}
		}
	}
}
