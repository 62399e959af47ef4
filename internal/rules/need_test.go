package rules

import (
	"testing"
)

// Skipping a pattern whose needed atoms stand nowhere in its scope
// (Pattern.need, Doc.mayMatch) must change no answer: every pattern of the
// embedded rule files, on sentences written for this test, in every
// sentence, the whole text and a stretch across two sentences, anchored on
// every mention and every token, matches as it does with nothing skipped.
func TestNeedChangesNoMatch(t *testing.T) {
	b := embeddedBook(t)
	texts := []string{
		"قصفت طائرات حربية مواقع للمسلحين في ريف حلب الشمالي يوم الأحد، ما أدى إلى مقتل ثلاثة مدنيين وإصابة خمسة آخرين. وقال مصدر محلي إن الاشتباكات استمرت حتى المساء.",
		"أعلنت الشرطة اعتقال عشرة أشخاص بعد مظاهرة في وسط بغداد، فيما نفى المتحدث باسم الحكومة وقوع أي إصابات بين المتظاهرين",
		"تعتزم القوات شن هجوم على البلدة خلال الأيام المقبلة بين الحين والآخر، ولم يسجل أي قتال حتى الآن.",
		"قتل جندي إسرائيلي وأصيب آخران في عملية طعن عند حاجز قرب نابلس، وتبنت حركة حماس الهجوم في بيان.",
	}
	checked, skipped := 0, 0
	for _, s := range texts {
		d := doc(t, b, s)
		n := len(d.A.Tokens)
		scopes := [][2]int{{0, n}}
		for _, sen := range d.A.Sentences {
			scopes = append(scopes, [2]int{sen.TokStart, sen.TokEnd})
			if mid := (sen.TokStart + sen.TokEnd) / 2; mid > sen.TokStart {
				scopes = append(scopes, [2]int{sen.TokStart, mid}, [2]int{mid, sen.TokEnd})
			}
		}
		if len(d.A.Sentences) > 1 {
			scopes = append(scopes, [2]int{d.A.Sentences[0].TokEnd - 3, d.A.Sentences[1].TokStart + 3})
		}
		for _, r := range b.Rules {
			for _, p := range append(append([]*Pattern(nil), r.Match...), r.Unless...) {
				for _, sc := range scopes {
					lo, hi := sc[0], sc[1]
					try := func(what string, f func() (Span, bool)) {
						got, gotOK := f()
						need := p.need
						p.need = nil
						want, wantOK := f()
						p.need = need
						checked++
						if gotOK != wantOK || got != want {
							t.Errorf("%s: pattern %q, %s in [%d, %d) of %q: %v %v, without skipping %v %v",
								r.ID, p.Src, what, lo, hi, s, got, gotOK, want, wantOK)
						}
						if !d.mayMatch(p, lo, hi) {
							skipped++
						}
					}
					switch {
					case !p.Anchored():
						try("unanchored", func() (Span, bool) { return d.Find(p, lo, hi) })
					case p.AnchorKind() == KindNone:
						for i := lo; i < hi; i++ {
							try("at a token", func() (Span, bool) { return d.MatchAtToken(p, i, lo, hi) })
						}
					default:
						for mi := range d.Mentions {
							try("on a mention", func() (Span, bool) { return d.MatchAnchored(p, mi, lo, hi) })
						}
					}
				}
			}
		}
	}
	if skipped == 0 || skipped == checked {
		t.Errorf("%d of %d tries skipped: the test does not exercise the filter", skipped, checked)
	}
	t.Logf("%d tries, %d skipped by need", checked, skipped)
}
