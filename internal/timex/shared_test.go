package timex

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"rasd/internal/text"
)

// Real articles live in ../shared (DESIGN.md); these tests read them when
// they are there and skip otherwise.
const sharedDir = "../../../shared"

func sharedPath(t testing.TB, rel string) string {
	t.Helper()
	for _, dir := range []string{os.Getenv("RASD_SHARED"), sharedDir, "/work/shared"} {
		if dir == "" {
			continue
		}
		p := filepath.Join(dir, rel)
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	t.Skipf("shared data %s not found (set RASD_SHARED to the shared/ directory to run this)", rel)
	return ""
}

// TestSeeds checks the date cues of the two seed articles against the
// intervals their gold events use.
func TestSeeds(t *testing.T) {
	type cue struct {
		text, start, end string
		prec             int
	}
	for _, c := range []struct {
		file, pub string
		cues      []cue
	}{
		{"seeds/000_b9b80873b51c7c98.txt", "2019-03-27", []cue{
			{"23 آذار 2019", "2019-03-23", "2019-03-23", 1},
			{"الشهر الماضي", "2019-02-01", "2019-02-28", 3},
			{"شهري شباط الماضي وآذار الجاري", "2019-02-01", "2019-03-27", 3},
			{"منذ أسبوعين", "2019-03-10", "2019-03-16", 2},
		}},
		{"seeds/001_93d21e087bbbdb8c.txt", "2020-06-10", []cue{
			{"ليل الإثنين 8 يونيو2020", "2020-06-08", "2020-06-08", 1},
			{"مايو الماضي", "2020-05-01", "2020-05-31", 3},
			{"أكتوبر 2019", "2019-10-01", "2019-10-31", 3},
		}},
	} {
		b, err := os.ReadFile(sharedPath(t, c.file))
		if err != nil {
			t.Fatal(err)
		}
		ms := Find(text.Analyze(string(b)), day(c.pub))
		checkInvariants(t, string(b), ms)
		byText := map[string]Mention{}
		for _, m := range ms {
			byText[m.Span.Text] = m
		}
		for _, cu := range c.cues {
			m, ok := byText[cu.text]
			if !ok {
				t.Errorf("%s: no mention %q", c.file, cu.text)
				continue
			}
			if m.Start != day(cu.start) || m.End != day(cu.end) || m.Precision != cu.prec {
				t.Errorf("%s: %s, want %s..%s precision %d", c.file, fmtMention(m), cu.start, cu.end, cu.prec)
			}
		}
	}
}

type benchDoc struct {
	Published string `json:"published"`
	Text      string `json:"text"`
	pub       time.Time
}

func readBench(t testing.TB, limit int) []benchDoc {
	t.Helper()
	f, err := os.Open(sharedPath(t, "data/bench/ant-2018-news.jsonl.gz"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 0, 1<<20), 16<<20)
	var docs []benchDoc
	for sc.Scan() && len(docs) < limit {
		var d benchDoc
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			t.Fatal(err)
		}
		if d.pub, err = time.Parse(time.RFC3339, d.Published); err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return docs
}

// TestBenchCorpus runs Find over real news of every section (sport and
// economy too) and holds the invariants on all of it.
func TestBenchCorpus(t *testing.T) {
	n := 2000
	if testing.Short() {
		n = 200
	}
	docs := readBench(t, n)
	kinds := map[string]int{}
	for _, d := range docs {
		ms := Find(text.Analyze(d.Text), d.pub)
		checkInvariants(t, d.Text, ms)
		for _, m := range ms {
			kinds[m.Kind]++
		}
	}
	t.Logf("%d articles: %v", len(docs), kinds)
}

// BenchmarkFind is the cost of Find per article of the benchmark corpus
// (text analysis excluded: the extractor does that once for all finders).
func BenchmarkFind(b *testing.B) {
	docs := readBench(b, 1000)
	as := make([]*text.Analysis, len(docs))
	runes := 0
	for i, d := range docs {
		as[i] = text.Analyze(d.Text)
		runes += len(as[i].Orig)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		k := i % len(docs)
		Find(as[k], docs[k].pub)
	}
	b.ReportMetric(float64(runes)/float64(len(docs)), "runes/article")
}
