package main

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// The table fits a terminal of 100 columns: a head line per event, its
// facts, and its evidence wrapped on lines of its own.
func TestTableFitsATerminal(t *testing.T) {
	long := "وقال مصدر أمني إن مسلحين مجهولين هاجموا بالأسلحة الخفيفة والمتوسطة حاجزا للشرطة الاتحادية على الطريق الرابط بين قضاء الحويجة ومركز محافظة كركوك فجر أمس، ما أسفر عن مقتل شرطيين اثنين وإصابة ثلاثة آخرين بجروح متفاوتة، قبل أن يلوذ المهاجمون بالفرار إلى جهة مجهولة وسط استنفار أمني واسع في المنطقة وعمليات بحث مستمرة حتى ساعة متأخرة من الليل."
	path := writeFile(t, "a.txt", []byte(sampleArticle+long+"\n"))
	code, out, stderr := runRasd(t, "", "extract", "--format", "table", "--published", "2023-05-02", path)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	evidence, events := 0, 0
	for _, l := range lines {
		if strings.HasPrefix(l, "#") {
			events++
		}
		if n := utf8.RuneCountInString(l); n > 100 {
			t.Errorf("line of %d columns: %q", n, l)
		}
		if strings.HasPrefix(l, "     «") {
			evidence++
		}
	}
	if events < 2 || evidence != events {
		t.Errorf("want events, each with its evidence:\n%s", out)
	}
}

func TestWrapWords(t *testing.T) {
	got := wrapWords("واحد اثنان ثلاثة أربعة "+strings.Repeat("ط", 30), 12)
	want := []string{"واحد اثنان", "ثلاثة أربعة", strings.Repeat("ط", 11) + "…"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("wrapWords = %q, want %q", got, want)
	}
}
