package gazetteer

import (
	"testing"

	"rasd/internal/text"
)

// FuzzFind: on any text the place finder does not panic, and each mention
// lies inside the text, its name inside its span, tokens in order and
// apart, with a place and a precision of 1 to 3.
func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"قصفت الطائرات ريف دير الزور الشرقي وبلدة هجين ومحيط مدينة الميادين.",
		"في طرابلس الليبية وقرب طرابلس لبنان، ومن رفح إلى خان يونس",
		"محافظتي نينوى وصلاح الدين، قضاء سنجار، ناحية القيارة، شمال غربي بغداد",
		"«الساحل الغربي» و(جبهة نهم) ومعبر رفح، مخيم جباليا، حقل العمر النفطي",
		"ريف ريف محافظة محافظة قرب قرب مدينة",
		"بلدتي كفرنبل وحيش، وقرى الحويجة والرياض والعباسي",
	} {
		f.Add(s)
	}
	g := load(f)
	f.Fuzz(func(t *testing.T, s string) {
		a := text.Analyze(s)
		orig := a.Orig
		prevEnd := 0
		for _, m := range g.Find(a) {
			if !m.Span.Valid(orig) || !m.Name.Valid(orig) {
				t.Fatalf("mention %+v / name %+v not a slice of the text", m.Span, m.Name)
			}
			if m.Name.Start < m.Span.Start || m.Name.End > m.Span.End {
				t.Fatalf("name %+v outside its mention %+v", m.Name, m.Span)
			}
			if m.Tok < prevEnd || m.TokEnd <= m.Tok || m.TokEnd > len(a.Tokens) {
				t.Fatalf("tokens [%d, %d) after a mention ending at %d of %d", m.Tok, m.TokEnd, prevEnd, len(a.Tokens))
			}
			prevEnd = m.TokEnd
			if m.Place == nil || m.Precision < 1 || m.Precision > 3 {
				t.Fatalf("mention %q: place %v, precision %d", m.Span.Text, m.Place, m.Precision)
			}
		}
	})
}
