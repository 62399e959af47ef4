package actors

import (
	"testing"

	"rasd/internal/text"
)

// FuzzFind: on any text the actor finder does not panic, and each mention
// lies inside the text, in order and apart, with an actor; an antecedent
// is an earlier slice of the same text.
func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"هاجم مسلحو تنظيم داعش دورية لقوات سوريا الديمقراطية، وردّت قوات التحالف بغارات.",
		"قالت قوات الأمن المصرية إن عناصر التنظيم فروا، فيما نفى الجيش ذلك.",
		"«الدولة الإسلامية» و(هيئة تحرير الشام) و\"الحشد الشعبي\"",
		"الجيش الجيش النظام قوات قوات الأمن المسلحون",
		"السفير الأمريكي في بغداد والقوات التركية في عفرين والطيران الإسرائيلي فوق غزة",
		"\u200fالحوثيون\u200c وقوات\u0640 التحالف العربي\r\nفي تعز",
	} {
		f.Add(s)
	}
	l := lex(f)
	f.Fuzz(func(t *testing.T, s string) {
		a := text.Analyze(s)
		orig := a.Orig
		prevEnd := 0
		for _, m := range l.Find(a) {
			if !m.Span.Valid(orig) {
				t.Fatalf("mention %+v not a slice of the text", m.Span)
			}
			if m.Tok < prevEnd || m.TokEnd <= m.Tok || m.TokEnd > len(a.Tokens) {
				t.Fatalf("tokens [%d, %d) after a mention ending at %d of %d", m.Tok, m.TokEnd, prevEnd, len(a.Tokens))
			}
			prevEnd = m.TokEnd
			if m.Actor == nil {
				t.Fatalf("mention %q has no actor", m.Span.Text)
			}
			if m.Antecedent != nil && (!m.Antecedent.Valid(orig) || m.Antecedent.Start >= m.Span.Start) {
				t.Fatalf("mention %q: antecedent %+v is not an earlier slice", m.Span.Text, *m.Antecedent)
			}
		}
	})
}
