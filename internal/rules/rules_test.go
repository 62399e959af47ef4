package rules

import (
	"strings"
	"sync"
	"testing"
	"time"

	"rasd/internal/lexicon"
	"rasd/internal/mention"
)

var (
	lexOnce sync.Once
	lex     *mention.Lexicons
	lexErr  error
)

func lexicons(t testing.TB) *mention.Lexicons {
	t.Helper()
	lexOnce.Do(func() { lex, lexErr = mention.Load() })
	if lexErr != nil {
		t.Fatal(lexErr)
	}
	return lex
}

func book(t *testing.T, src string) *Book {
	t.Helper()
	b, err := Compile([]File{{Name: "test.rules", Text: src}})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func doc(t *testing.T, b *Book, s string) *Doc {
	t.Helper()
	set := lexicons(t).Find(s, time.Date(2020, 6, 15, 0, 0, 0, 0, time.UTC))
	return b.NewDoc(set)
}

// firstCue is the index in d.Mentions of the first cue mention.
func firstCue(t *testing.T, d *Doc) int {
	t.Helper()
	for i, m := range d.Mentions {
		if m.Kind == KindCue {
			return i
		}
	}
	t.Fatalf("no cue in %q", string(d.A.Orig))
	return -1
}

// lastCue is the index in d.Mentions of the last cue mention.
func lastCue(t *testing.T, d *Doc) int {
	t.Helper()
	for i := len(d.Mentions) - 1; i >= 0; i-- {
		if d.Mentions[i].Kind == KindCue {
			return i
		}
	}
	t.Fatalf("no cue in %q", string(d.A.Orig))
	return -1
}

const testBook = `
# Classes may come before or after the rules that use them.
class modal: تحسبا خشية يخطط
    تعتزم
class habit: "بين الحين والآخر" "من حين لآخر"
class speech: قال أفاد $speech_noun
class speech_noun: بيان

rule veto.test-modal
    about: a fear or plan before the cue
    match: $modal _{0,3} @<cue>
    do: veto
    yes: استنفرت القوات تحسبا لهجوم على المدينة
    no: هاجم مسلحون المدينة أمس
`

func TestAnchoredMatch(t *testing.T) {
	b := book(t, testBook)
	r := b.Rule("veto.test-modal")
	if r == nil || r.Stage != StageVeto || r.Verb() != "veto" {
		t.Fatalf("rule = %+v", r)
	}
	for _, tc := range []struct {
		s    string
		want bool
	}{
		{"استنفرت القوات تحسبا لهجوم على المدينة", true},
		{"تعتزم الجماعة شن هجوم على المدينة", true},
		{"هاجم مسلحون المدينة أمس", false},
		// Four words between: beyond the gap of three.
		{"تحسبا من أن يقوم المسلحون بهجوم", false},
	} {
		d := doc(t, b, tc.s)
		cue := lastCue(t, d)
		_, got := d.MatchAnchored(r.Match[0], cue, 0, len(d.A.Tokens))
		if got != tc.want {
			t.Errorf("%q: match = %v, want %v", tc.s, got, tc.want)
		}
	}
}

func TestNearestMatchFirst(t *testing.T) {
	b := book(t, testBook+`
rule role.test-before
    about: an actor before the cue
    match: @<actor> _{0,4} <cue>
    do: role agent
    yes: شن مسلحو داعش هجوما على القرية
`)
	d := doc(t, b, "شن مسلحو داعش هجوما على القرية")
	r := b.Rule("role.test-before")
	var actor int = -1
	for i, m := range d.Mentions {
		if m.Kind == KindActor {
			actor = i
			break
		}
	}
	if actor < 0 {
		t.Fatal("no actor mention")
	}
	sp, ok := d.MatchAnchored(r.Match[0], actor, 0, len(d.A.Tokens))
	if !ok {
		t.Fatal("no match")
	}
	// The match ends with the cue right after the actor, not later.
	got := d.A.Slice(d.A.Tokens[sp.Lo].Start, d.A.Tokens[sp.Hi-1].End)
	if !strings.HasSuffix(got, "هجوما") {
		t.Errorf("match covers %q", got)
	}
}

func TestUnanchoredAndPhrases(t *testing.T) {
	b := book(t, testBook+`
rule skip.test-habit
    about: a habit, not an occurrence
    match: $habit
    do: skip
    yes: يشن التنظيم هجمات بين الحين والآخر
`)
	r := b.Rule("skip.test-habit")
	for _, tc := range []struct {
		s    string
		want bool
	}{
		{"يشن التنظيم هجمات بين الحين والآخر في البادية", true},
		{"يشن التنظيم هجمات من حين لآخر", true},
		{"شن التنظيم هجوما بين القريتين", false},
	} {
		d := doc(t, b, tc.s)
		_, got := d.Find(r.Match[0], 0, len(d.A.Tokens))
		if got != tc.want {
			t.Errorf("%q: %v, want %v", tc.s, got, tc.want)
		}
	}
}

func TestClassInclusion(t *testing.T) {
	b := book(t, testBook)
	d := doc(t, b, "وجاء في بيان للجيش أن")
	found := false
	for i := range d.A.Tokens {
		if d.InClassNamed(i, "speech") {
			found = true
		}
	}
	if !found {
		t.Error("«بيان» is in $speech through $speech_noun")
	}
}

func TestEdgesNegationAndAttributes(t *testing.T) {
	b := book(t, testBook+`
rule veto.test-start
    about: a cue first in its scope
    match: <start> @<cue>
    do: veto
    yes: هجوم على القرية
rule veto.test-neg
    about: a cue not after a relative pronoun
    match: !التي @<cue pos=verb>
    do: veto
    yes: هاجم المسلحون القرية
rule veto.test-prefix
    about: a purpose «ل» on a noun cue
    match: @<cue pos=noun prefix=ل>
    do: veto
    yes: جاءت القوات لتحرير القرية
rule cue.test-any
    about: an adjective after the cue
    match: @<cue> (محتمل|مرتقب)
    do: class threat
    yes: هجوم محتمل على المدينة
`)
	check := func(id, s string, want bool) {
		t.Helper()
		d := doc(t, b, s)
		r := b.Rule(id)
		_, got := d.MatchAnchored(r.Match[0], firstCue(t, d), 0, len(d.A.Tokens))
		if got != want {
			t.Errorf("%s on %q: %v, want %v", id, s, got, want)
		}
	}
	check("veto.test-start", "هجوم على القرية", true)
	check("veto.test-start", "وقع هجوم على القرية", false)
	// «!x» consumes a token: at the start of the scope there is none.
	check("veto.test-neg", "هاجم المسلحون القرية", false)
	check("veto.test-neg", "وقد هاجم المسلحون القرية", true)
	check("veto.test-neg", "البلدة التي هاجمها المسلحون", false)
	check("veto.test-prefix", "جاءت القوات لتحرير القرية", true)
	check("veto.test-prefix", "أعلنت القوات تحرير القرية", false)
	check("cue.test-any", "هجوم مرتقب على المدينة", true)
	check("cue.test-any", "هجوم عنيف على المدينة", false)
}

func TestCompileErrors(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"two anchors", "rule veto.x\n about: x\n match: @<cue> @<actor>\n do: veto\n yes: x\n", "more than one anchor"},
		{"anchor in group", "rule veto.x\n about: x\n match: (@<cue>)?\n do: veto\n yes: x\n", "anchor"},
		{"unknown attribute", "rule veto.x\n about: x\n match: @<cue colour=red>\n do: veto\n yes: x\n", "unknown attribute"},
		{"undefined class", "rule veto.x\n about: x\n match: $nothing @<cue>\n do: veto\n yes: x\n", "not defined: nothing"},
		{"no yes", "rule veto.x\n about: x\n match: @<cue>\n do: veto\n", "no «yes:»"},
		{"no about", "rule veto.x\n match: @<cue>\n do: veto\n yes: x\n", "no «about:»"},
		{"unknown stage", "rule colour.x\n about: x\n match: @<cue>\n do: veto\n yes: x\n", "unknown stage"},
		{"unknown key", "rule veto.x\n about: x\n colour: red\n", "unknown key"},
		{"duplicate", "rule veto.x\n about: x\n match: @<cue>\n do: veto\n yes: x\nrule veto.x\n about: x\n match: @<cue>\n do: veto\n yes: x\n", "already defined"},
		{"bad repetition", "rule veto.x\n about: x\n match: _{3,1} @<cue>\n do: veto\n yes: x\n", "bad repetition"},
		{"flag with value", "rule veto.x\n about: x\n match: @<cue weak=yes>\n do: veto\n yes: x\n", "is a flag"},
		{"stray line", "hello\n", "must start a class"},
		{"unclosed group", "rule veto.x\n about: x\n match: ( a b @<cue>\n do: veto\n yes: x\n", "unclosed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Compile([]File{{Name: "bad.rules", Text: tc.src}})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error = %v, want one saying %q", err, tc.want)
			}
			if err != nil && !strings.Contains(err.Error(), "bad.rules") {
				t.Errorf("error %v does not name the file", err)
			}
		})
	}
}

func TestConditions(t *testing.T) {
	cs, err := parseConds("actor2.id=CIVILIANS; class!=death,injury; violent; !aggregate; sub=Armed_clash")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"actor2.id=CIVILIANS", "class!=death,injury", "violent", "aggregate", "sub=Armed clash"}
	if len(cs) != len(want) {
		t.Fatalf("conds %v", cs)
	}
	for i, c := range cs {
		if c.String() != want[i] {
			t.Errorf("cond %d = %q, want %q", i, c, want[i])
		}
	}
	if !cs[3].Neg {
		t.Error("«!aggregate» is negated")
	}
}

// Past its budget a document matches nothing and says so.
func TestBudget(t *testing.T) {
	b := book(t, testBook)
	r := b.Rule("veto.test-modal")
	d := doc(t, b, "استنفرت القوات تحسبا لهجوم على المدينة")
	cue := lastCue(t, d)
	if _, ok := d.MatchAnchored(r.Match[0], cue, 0, len(d.A.Tokens)); !ok || d.Exhausted() {
		t.Fatalf("without a budget: match %v, exhausted %v", ok, d.Exhausted())
	}
	d.SetBudget(d.Steps())
	if _, ok := d.MatchAnchored(r.Match[0], cue, 0, len(d.A.Tokens)); ok || !d.Exhausted() {
		t.Errorf("past the budget: match %v, exhausted %v; want no match, exhausted", ok, d.Exhausted())
	}
}

// A punctuation mark with a quantifier («,?») is the mark made optional,
// not a two-character mark that no text holds.
func TestQuantifiedPunctuation(t *testing.T) {
	b := book(t, `
rule veto.test-optional-comma
    about: a connective, maybe a comma, then the cue
    match: ثم ,? @<cue>
    do: veto
    yes: انسحبت القوات ثم، هاجم المسلحون القرية
    no: انسحبت القوات وهاجم المسلحون القرية
`)
	r := b.Rule("veto.test-optional-comma")
	for _, tc := range []struct {
		s    string
		want bool
	}{
		{"انسحبت القوات ثم، هاجم المسلحون القرية", true},
		{"انسحبت القوات ثم هاجم المسلحون القرية", true},
		{"انسحبت القوات وهاجم المسلحون القرية", false},
	} {
		d := doc(t, b, tc.s)
		_, got := d.MatchAnchored(r.Match[0], lastCue(t, d), 0, len(d.A.Tokens))
		if got != tc.want {
			t.Errorf("%q: match = %v, want %v", tc.s, got, tc.want)
		}
	}
}

// Cue class names carry underscores («car_bomb»); in a class test they stay
// names, where in other values an underscore stands for a space.
func TestClassNamesKeepUnderscores(t *testing.T) {
	b := book(t, `
rule cue.test-car-bomb
    about: a car bomb by its class
    match: @<cue class=car_bomb>
    do: class defusal
    yes: انفجرت سيارة مفخخة في السوق
`)
	d := doc(t, b, "انفجرت سيارة مفخخة في السوق")
	var at = -1
	for i, m := range d.Mentions {
		if m.Kind == KindCue && m.Class == "car_bomb" {
			at = i
		}
	}
	if at < 0 {
		t.Fatal("no car bomb cue in the sentence")
	}
	if _, ok := d.MatchAnchored(b.Rule("cue.test-car-bomb").Match[0], at, 0, len(d.A.Tokens)); !ok {
		t.Error("class=car_bomb did not match a car bomb cue")
	}
	cs, err := parseConds("class=protest_force,car_bomb; sub=Armed_clash")
	if err != nil {
		t.Fatal(err)
	}
	if got := cs[0].String() + " " + cs[1].String(); got != "class=protest_force,car_bomb sub=Armed clash" {
		t.Errorf("conditions read as %q", got)
	}
}

// embeddedBook compiles the rule files embedded in the binary.
func embeddedBook(t testing.TB) *Book {
	t.Helper()
	fs, err := lexicon.RuleFiles()
	if err != nil {
		t.Fatal(err)
	}
	files := make([]File, len(fs))
	for i, f := range fs {
		files[i] = File{Name: f.Name, Text: f.Text}
	}
	b, err := Compile(files)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
