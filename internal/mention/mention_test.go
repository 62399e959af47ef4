package mention

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// Sentences written for these tests by rasd's authors.

var loadLex = sync.OnceValues(Load)

func lexicons(tb testing.TB) *Lexicons {
	tb.Helper()
	l, err := loadLex()
	if err != nil {
		tb.Fatal(err)
	}
	return l
}

var published = time.Date(2019, 3, 27, 0, 0, 0, 0, time.UTC)

// TestFindEveryKind: one sentence with a mention of every kind, each span
// the slice of the text it names.
func TestFindEveryKind(t *testing.T) {
	text := "قتل 12 عنصرا من قوات النظام في هجوم لتنظيم داعش على حاجز قرب مدينة تدمر في 23 آذار 2019."
	set := lexicons(t).Find(text, published)
	runes := []rune(text)
	slice := func(start, end int) string { return string(runes[start:end]) }
	if len(set.Places) == 0 || len(set.Actors) == 0 || len(set.Dates) == 0 || len(set.Numbers) == 0 || len(set.Triggers) == 0 {
		t.Fatalf("a kind is missing: %d places, %d actors, %d dates, %d numbers, %d triggers",
			len(set.Places), len(set.Actors), len(set.Dates), len(set.Numbers), len(set.Triggers))
	}
	for _, p := range set.Places {
		if slice(p.Span.Start, p.Span.End) != p.Span.Text {
			t.Errorf("place span %+v", p.Span)
		}
	}
	found := map[string]bool{}
	for _, a := range set.Actors {
		found[a.Actor.VocabID()] = true
		if slice(a.Span.Start, a.Span.End) != a.Span.Text {
			t.Errorf("actor span %+v", a.Span)
		}
	}
	if !found["ISIS"] || !found["STATE:SYR"] {
		t.Errorf("actors %v, want ISIS and STATE:SYR", found)
	}
	if d := set.Dates[0]; d.Start.Format("2006-01-02") != "2019-03-23" || d.Precision != 1 {
		t.Errorf("date %s precision %d, want 2019-03-23 precision 1", d.Start.Format("2006-01-02"), d.Precision)
	}
}

// TestSettleOverlaps: the year of a date is no count, and a place inside
// a group's name («قوات سوريا الديمقراطية») is no place.
func TestSettleOverlaps(t *testing.T) {
	set := lexicons(t).Find("اعتقلت قوات سوريا الديمقراطية في 5 أيار 2019 ثلاثة أشخاص.", published)
	for _, n := range set.Numbers {
		if n.Value == 2019 || n.Value == 5 {
			t.Errorf("number %v inside the date was kept", n.Value)
		}
	}
	for _, p := range set.Places {
		if p.Place.Kind == "country" && p.Span.Text == "سوريا" {
			t.Errorf("«سوريا» inside «قوات سوريا الديمقراطية» reported as a place")
		}
	}
}

// TestNoPublicationDate: without a publication date, relative dates
// («أمس») resolve against nothing and are dropped; absolute ones stay.
func TestNoPublicationDate(t *testing.T) {
	set := lexicons(t).Find("قتل جنديان أمس في هجوم وقع في 3 شباط 2018 قرب الرقة.", time.Time{})
	if len(set.Dates) != 1 || set.Dates[0].Start.Format("2006-01-02") != "2018-02-03" {
		t.Errorf("dates %+v, want only 2018-02-03", set.Dates)
	}
}

// BenchmarkFind is the whole mention layer (`rasd tag`) on real news from
// ../shared/data/bench; -cpu 1 gives the per-core figure as docs/s.
func BenchmarkFind(b *testing.B) {
	f, err := os.Open(filepath.Join("..", "..", "..", "shared", "data", "bench", "ant-2018-news.jsonl.gz"))
	if err != nil {
		b.Skipf("benchmark corpus not available (%v): it lives in ../shared beside the repository", err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		b.Fatal(err)
	}
	var texts []string
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() && len(texts) < 2000 {
		var j struct{ Text string }
		if json.Unmarshal(sc.Bytes(), &j) == nil && j.Text != "" {
			texts = append(texts, j.Text)
		}
	}
	l := lexicons(b)
	size := 0
	for _, t := range texts {
		size += len(t)
	}
	b.SetBytes(int64(size / len(texts)))
	i := 0
	for b.Loop() {
		l.Find(texts[i%len(texts)], published)
		i++
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "docs/s")
}
