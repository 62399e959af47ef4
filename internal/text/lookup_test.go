package text

import (
	"fmt"
	"testing"
)

// A FormMap answers its words, by string and by reading, and nothing else.
func TestFormMap(t *testing.T) {
	m := map[string]int{}
	for i := range 1000 {
		m[fmt.Sprintf("w%d", i)] = i
	}
	m["مدينه"] = -1 // as Normalize writes «مدينة»
	fm := NewFormMap(m)
	if fm.Len() != len(m) {
		t.Fatalf("Len %d, want %d", fm.Len(), len(m))
	}
	for k, v := range m {
		if got, ok := fm.Get(k); !ok || got != v {
			t.Errorf("%s: %d %v, want %d", k, got, ok, v)
		}
		if !fm.Filter().MayHave(k) {
			t.Errorf("%s: the filter refuses it", k)
		}
	}
	for _, k := range []string{"", "w1000", "w-1", "مدينة"} {
		if _, ok := fm.Get(k); ok {
			t.Errorf("%q: found", k)
		}
	}
	a := Analyze("في المدينة")
	found := false
	for i := range a.Tokens {
		for k := range a.Forms(i) {
			f := &a.Forms(i)[k]
			v, ok := fm.GetForm(f)
			if ok != (m[f.Text] != 0) || v != m[f.Text] {
				t.Errorf("reading %q: %d %v", f.Text, v, ok)
			}
			found = found || ok
		}
	}
	if !found {
		t.Error("no reading of «المدينة» found")
	}
}

// MatchAtNoText finds what MatchAt finds, with the span's text left out.
func TestMatchAtNoText(t *testing.T) {
	ix := NewIndex[int](Conj | Prep | Article)
	for i, p := range []string{"دير الزور", "حلب", "ريف حلب الشمالي"} {
		if err := ix.Add(p, i); err != nil {
			t.Fatal(err)
		}
	}
	a := Analyze("قصف على ريف حلب الشمالي وفي دير الزور، ثم بحلب.")
	found := 0
	for i := range a.Tokens {
		m, ok := ix.MatchAt(a, i, len(a.Tokens))
		n, nok := ix.MatchAtNoText(a, i, len(a.Tokens))
		if ok != nok {
			t.Fatalf("token %d: %v and %v", i, ok, nok)
		}
		if !ok {
			continue
		}
		found++
		if n.Span.Text != "" || a.Slice(n.Span.Start, n.Span.End) != m.Span.Text {
			t.Errorf("token %d: span %+v, want %+v without its text", i, n.Span, m.Span)
		}
		n.Span.Text = m.Span.Text
		if n.Tok != m.Tok || n.TokEnd != m.TokEnd || n.Span != m.Span || n.Key != m.Key || n.Form != m.Form || len(n.Values) != len(m.Values) {
			t.Errorf("token %d: %+v, want %+v", i, n, m)
		}
	}
	if found < 3 {
		t.Errorf("%d matches, want at least 3", found)
	}
}
