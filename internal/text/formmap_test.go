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
