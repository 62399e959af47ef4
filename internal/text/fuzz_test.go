package text

import (
	"slices"
	"testing"
	"unicode/utf8"
)

func FuzzAnalyze(f *testing.F) {
	for _, s := range []string{
		"", "قتل 8.5 شخص. وأصيب آخرون؟", "«داعش» لـ“قسد”\n\nعنوان", "\uFEFB\u200f\u064bـ", "د. أحمد…!؟",
		"8 يونيو2020 و٣٫٥٪", "a\x00b", "وللرقة بالهجوم اعتقالهم",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		a := Analyze(s)
		if len(a.Orig) != utf8.RuneCountInString(s) {
			t.Fatalf("Orig has %d runes, input %d", len(a.Orig), utf8.RuneCountInString(s))
		}
		if string(a.Norm) != NormalizeString(s) {
			t.Fatal("Normalize and NormalizeString disagree")
		}
		prevEnd := 0
		for i, tok := range a.Tokens {
			sp := a.SpanOf(tok.NStart, tok.NEnd)
			if !sp.Valid(a.Orig) || sp.Start != tok.Start || sp.End != tok.End {
				t.Fatalf("token %d span %+v invalid", i, sp)
			}
			if tok.Start < prevEnd {
				t.Fatalf("token %d starts at %d before previous end %d", i, tok.Start, prevEnd)
			}
			prevEnd = tok.End
			for _, fm := range a.Forms(i) {
				if fm.Skip < 0 || fm.Trim < 0 || tok.NStart+fm.Skip > tok.NEnd-fm.Trim {
					t.Fatalf("token %q form %+v out of range", tok.Text, fm)
				}
				if sp := a.SpanOf(tok.NStart+fm.Skip, tok.NEnd-fm.Trim); !sp.Valid(a.Orig) {
					t.Fatalf("form span %+v invalid", sp)
				}
			}
		}
		next := 0
		for _, sen := range a.Sentences {
			if sen.TokStart != next || sen.TokEnd <= sen.TokStart {
				t.Fatalf("sentences do not tile the tokens: %+v after %d", sen, next)
			}
			next = sen.TokEnd
			if sen.Start < 0 || sen.End > len(a.Orig) || sen.Start >= sen.End {
				t.Fatalf("sentence span %+v out of range", sen)
			}
		}
		if next != len(a.Tokens) {
			t.Fatalf("sentences cover %d of %d tokens", next, len(a.Tokens))
		}
	})
}

// FuzzNormalize: Normalize gives what normalising a rune at a time gives,
// for any bytes (invalid UTF-8 too), and Analyze's normalisation agrees.
func FuzzNormalize(f *testing.F) {
	for _, s := range []string{
		"", "قصف «الطيران» ١٢ غارة_ABC", "\uFEFB\u200f\u064bـ", "a\xffب\xed\xa0\x80\xd8", "ﷺ €😀 ܐ",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := normalizeSlowly(s)
		got := Normalize(s)
		if !slices.Equal(got.Orig, want.Orig) || !slices.Equal(got.Norm, want.Norm) || !slices.Equal(got.toOrig, want.toOrig) {
			t.Fatalf("Normalize(%q) differs from a rune at a time", s)
		}
		a, enc := normalize(s, nil, true)
		// The marks are read only for valid UTF-8 (Slice, when src is
		// kept); past bytes that are none, the two may leave one unset.
		if !slices.Equal(a.Norm, want.Norm) || !slices.Equal(a.toOrig, want.toOrig) || enc != string(want.Norm) ||
			got.src != "" && !slices.Equal(a.marks, got.marks) {
			t.Fatalf("normalize(%q) with its UTF-8 differs from Normalize", s)
		}
	})
}
