package rules

import (
	"slices"
	"testing"
)

// TestStageAtLeavesOutOnlyRulesThatCannotFire checks, over the embedded
// book and the mentions of a made-up report, that StageAt keeps a stage's
// rules in book order and leaves out only rules none of whose Match
// patterns can match with its anchor on the mention and no anchor word.
func TestStageAtLeavesOutOnlyRulesThatCannotFire(t *testing.T) {
	b := embeddedBook(t)
	d := doc(t, b, "قتل ثلاثة مدنيين وأصيب خمسة آخرون يوم الاثنين في غارة جوية شنتها طائرات حربية على مدينة إدلب، "+
		"وقال المرصد السوري إن القصف استهدف سوقا شعبية. ونفى الجيش أن يكون قد قصف المدينة، فيما تظاهر المئات في حلب.")
	kinds := map[Kind]bool{}
	for _, m := range d.Mentions {
		kinds[m.Kind] = true
	}
	for _, k := range []Kind{KindCue, KindActor, KindPlace, KindDate, KindNum} {
		if !kinds[k] {
			t.Errorf("the report has no mention of kind %v", k)
		}
	}
	lo, hi := 0, len(d.A.Tokens)
	for _, st := range Stages {
		all := b.Stage(st)
		for mi := -1; mi < len(d.Mentions); mi++ {
			var m *Mention
			if mi >= 0 {
				m = &d.Mentions[mi]
			}
			got := b.StageAt(st, m)
			k := 0
			for _, r := range all {
				if k < len(got) && got[k] == r {
					k++
					continue
				}
				if len(r.Match) == 0 {
					t.Errorf("%s: rule %s has no patterns and was left out", st, r.ID)
				}
				for _, p := range r.Match {
					if !p.Anchored() {
						t.Errorf("%s: rule %s has an unanchored pattern and was left out", st, r.ID)
						continue
					}
					if m != nil && p.AnchorKind() != KindNone {
						if _, ok := d.MatchAnchored(p, mi, lo, hi); ok {
							t.Errorf("%s: rule %s left out for mention %d, but %q matches there", st, r.ID, mi, p.Src)
						}
					}
				}
			}
			if k != len(got) {
				t.Errorf("%s: StageAt is not the stage's rules in book order", st)
			}
			if m != nil && !m.Off && slices.Equal(got, all) && st == StageRole && m.Kind != KindActor {
				t.Errorf("%s: nothing left out for a mention of kind %v", st, m.Kind)
			}
		}
	}
}

func TestStageIndex(t *testing.T) {
	var b Book
	if len(Stages) != len(b.lists) {
		t.Fatalf("%d stages, %d lists", len(Stages), len(b.lists))
	}
	for i, s := range Stages {
		if stageIndex(s) != i {
			t.Errorf("stageIndex(%s) = %d, want %d", s, stageIndex(s), i)
		}
	}
	if stageIndex("nothing") != -1 {
		t.Error("an unknown stage has an index")
	}
}

// TestMayAnchorAnyIsFalseOnlyWhereNothingMatches checks, over every rule of
// the embedded book and every token of a made-up report with quotes and a
// semicolon in it, that MayAnchorAny of the rule's own anchors is false
// only where no Match pattern of the rule matches with its anchor on the
// token and none is unanchored, and that it passes over most tokens for the
// split rules, which the extractor tries at every token; and that the
// anchors of a whole stage are false only where each rule's are.
func TestMayAnchorAnyIsFalseOnlyWhereNothingMatches(t *testing.T) {
	b := embeddedBook(t)
	d := doc(t, b, "قتل ثلاثة مدنيين في وقت متأخر أمس في غارة جوية على مدينة إدلب، بعد أن سيطرت القوات على البلدة؛ "+
		"وقال المرصد «إن القصف استهدف سوقا» فيما تظاهر المئات في حلب قبل أن تفرقهم الشرطة.")
	lo, hi := 0, len(d.A.Tokens)
	own := map[*Rule]*Anchors{}
	for _, r := range b.Rules {
		as := b.AnchorsOf([]*Rule{r})
		own[r] = &as
	}
	skipped, tried := 0, 0
	for _, r := range b.Rules {
		for i := lo; i < hi; i++ {
			may := d.MayAnchorAny(own[r], i)
			if r.Stage == StageSplit {
				tried++
				if !may {
					skipped++
				}
			}
			if may {
				continue
			}
			for _, p := range r.Match {
				if !p.Anchored() {
					t.Errorf("rule %s has an unanchored pattern, and MayAnchorAny of its anchors is false at token %d", r.ID, i)
				} else if _, ok := d.MatchAtToken(p, i, lo, hi); ok {
					t.Errorf("rule %s: MayAnchorAny of its anchors is false at token %d, but %q matches there", r.ID, i, p.Src)
				}
			}
		}
	}
	if skipped*2 < tried {
		t.Errorf("MayAnchorAny passed over %d of %d tries of split rules, want most", skipped, tried)
	}
	for _, st := range Stages {
		rs := b.Stage(st)
		as := b.AnchorsOf(rs)
		for i := lo; i < hi; i++ {
			if d.MayAnchorAny(&as, i) {
				continue
			}
			for _, r := range rs {
				if d.MayAnchorAny(own[r], i) {
					t.Errorf("%s: MayAnchorAny of the stage is false at token %d, but that of %s is true", st, i, r.ID)
				}
			}
		}
	}
}
