package extract

import (
	"errors"
	"testing"
	"time"

	"rasd/internal/document"
	"rasd/internal/event"
)

// checkSpans holds the spans of every event inside the text and equal to
// the slice they name: an analyst reads the evidence at its offsets.
func checkSpans(t *testing.T, text string, res event.Result) {
	t.Helper()
	runes := []rune(text)
	check := func(what, s string, start, end int) {
		if s == "" && start == 0 && end == 0 {
			return
		}
		if start < 0 || start > end || end > len(runes) {
			t.Fatalf("%s span [%d, %d) outside the text's %d code points", what, start, end, len(runes))
		}
		if got := string(runes[start:end]); got != s {
			t.Fatalf("%s span [%d, %d) is %q, its text says %q", what, start, end, got, s)
		}
	}
	actor := func(what string, a *event.Actor) {
		if a != nil {
			check(what, a.Text, a.Start, a.End)
		}
	}
	for _, e := range res.Events {
		check("trigger", e.Trigger.Text, e.Trigger.Start, e.Trigger.End)
		for _, sp := range e.Evidence {
			check("evidence", sp.Text, sp.Start, sp.End)
		}
		actor("actor1", e.Actor1)
		actor("actor2", e.Actor2)
		actor("claimed_by", e.ClaimedBy)
		for i := range e.AssocActor1 {
			actor("assoc_actor1", &e.AssocActor1[i])
		}
		for i := range e.AssocActor2 {
			actor("assoc_actor2", &e.AssocActor2[i])
		}
		if l := e.Location; l != nil {
			check("location", l.Text, l.Start, l.End)
		}
		if d := e.Date; d != nil {
			check("date", d.Text, d.StartChar, d.EndChar)
		}
		if f := e.Fatalities; f != nil {
			check("fatalities", f.Text, f.Start, f.End)
		}
	}
}

// FuzzExtract: on any text, ExtractSafe neither panics nor fails (but for
// the cost budget), and every span it returns lies inside the text.
func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		"قتل ثلاثة جنود في هجوم بعبوة ناسفة على دورية قرب الرمادي أمس الأحد.",
		"اعتقلت قوات الأمن ١٢ مطلوبا في حملة دهم بحي الزهراء، فيما أصيب شرطي.",
		"تظاهر المئات في ساحة التحرير ببغداد احتجاجا على انقطاع الكهرباء\nوأطلقت الشرطة الغاز المسيل للدموع.",
		"«قصف» جوي… (غارات) على \"حلب\"؛ 5-7 قتلى، نحو عشرين جريحا!؟",
		"شنت طائرات مسيرة غارات على مواقع لداعش في ريف دير الزور الشرقي، وفق بيان التحالف.",
		"\u200fقُتِل\u200c خمسةٌ\u0640\u0640 في الموصل\r\n\r\nأمس",
	} {
		f.Add(s)
	}
	x := extractor(f)
	f.Fuzz(func(t *testing.T, s string) {
		res, err := x.ExtractSafe(&document.Document{ID: "f", Text: s, Published: time.Date(2021, 5, 9, 0, 0, 0, 0, time.UTC)})
		if err != nil && !errors.Is(err, ErrTooCostly) {
			t.Fatal(err)
		}
		checkSpans(t, s, res)
	})
}

// The same holds on real news: every span of every event of the first
// 2,000 bench articles.
func TestSpansInsideRealText(t *testing.T) {
	if testing.Short() {
		t.Skip("extracts 2,000 articles")
	}
	x := extractor(t)
	readBench(t, 2000, func(_ benchArticle, d *document.Document) {
		res, err := x.ExtractSafe(d)
		if err != nil {
			t.Fatalf("%s: %v", d.ID, err)
		}
		checkSpans(t, d.Text, res)
	})
}
