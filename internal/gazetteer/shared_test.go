package gazetteer

// Tests and benchmarks on the real articles in ../shared. They skip, saying
// so, when ../shared is absent.

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"rasd/internal/text"
)

func sharedDir(t testing.TB) string {
	t.Helper()
	for _, d := range []string{"../../../shared", "/work/shared"} {
		if st, err := os.Stat(d); err == nil && st.IsDir() {
			return d
		}
	}
	t.Skip("shared/ (the real articles) is absent: skipping")
	return ""
}

func readShared(t testing.TB, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(sharedDir(t), rel))
	if err != nil {
		t.Skipf("%s is absent: skipping (%v)", rel, err)
	}
	return string(b)
}

type seedWant struct {
	name   string // normalised name that must occur in a mention's Name
	admin1 string
	lat    float64 // when non-zero, the place must be within maxKM
	lon    float64
}

const maxKM = 5

func checkSeed(t *testing.T, file string, wants []seedWant) {
	g := load(t)
	doc := readShared(t, filepath.Join("seeds", file))
	ms := g.Find(text.Analyze(doc))
	orig := []rune(doc)
	for _, m := range ms {
		if !m.Span.Valid(orig) || !m.Name.Valid(orig) {
			t.Errorf("%s: span %+v is not a slice of the text", file, m.Span)
		}
	}
	for _, w := range wants {
		ok := false
		for _, m := range ms {
			if !strings.Contains(text.NormalizeString(m.Name.Text), text.NormalizeString(w.name)) || m.Place.Admin1Code != w.admin1 {
				continue
			}
			if w.lat != 0 && km(m.Place, &Place{Lat: w.lat, Lon: w.lon}) > maxKM {
				continue
			}
			ok = true
			break
		}
		if !ok {
			t.Errorf("%s: no mention of %s in %s (got %s)", file, w.name, w.admin1, describe(ms))
		}
	}
}

func TestSeed000(t *testing.T) {
	checkSeed(t, "000_b9b80873b51c7c98.txt", []seedWant{
		{"الباغوز", "SY.DY", 34.46, 40.95},
		{"منبج", "SY.HL", 0, 0},
		{"الرقة", "SY.RA", 0, 0},
		{"دير الزور", "SY.DY", 0, 0},
		{"مخيم الهول", "SY.HA", 0, 0},
		{"حقل العمر", "SY.DY", 0, 0},
		{"السويداء", "SY.SU", 0, 0},
		{"بير القصب", "SY.RD", 0, 0},
		{"حمص", "SY.HI", 0, 0},
	})
}

func TestSeed001(t *testing.T) {
	checkSeed(t, "001_93d21e087bbbdb8c.txt", []seedWant{
		{"إدلب", "SY.ID", 0, 0},
		{"الحسكة", "SY.HA", 0, 0},
		{"دير الزور", "SY.DY", 0, 0},
	})
}

type benchDoc struct {
	ID, Category, Title, Text string
}

// benchDocs reads up to n articles of the 2018 news corpus, every step-th
// from offset.
func benchDocs(t testing.TB, n, step, offset int) []benchDoc {
	t.Helper()
	f, err := os.Open(filepath.Join(sharedDir(t), "data/bench/ant-2018-news.jsonl.gz"))
	if err != nil {
		t.Skipf("the bench corpus is absent: skipping (%v)", err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(zr)
	sc.Buffer(nil, 16<<20)
	var out []benchDoc
	for i := 0; sc.Scan() && len(out) < n; i++ {
		if i%step != offset {
			continue
		}
		var d benchDoc
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			t.Fatal(err)
		}
		out = append(out, d)
	}
	return out
}

// TestFalsePositiveReport prints the most frequent matches over a sample
// of the 2018 news corpus (sport and economy included), for a reader to
// judge. It runs only when RASD_GAZ_FP is set to the number of articles:
//
//	RASD_GAZ_FP=450 go test -run FalsePositiveReport -v ./internal/gazetteer/
//
// The sample takes every 70th article starting at RASD_GAZ_FP_OFFSET (a
// multiple of 10 by default: the common-names list was derived from the
// other articles).
func TestFalsePositiveReport(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("RASD_GAZ_FP"))
	if n == 0 {
		t.Skip("set RASD_GAZ_FP=<articles> to print the false-positive report")
	}
	offset, _ := strconv.Atoi(os.Getenv("RASD_GAZ_FP_OFFSET"))
	g := load(t)
	type stat struct {
		n     int
		place string
		ex    []string
	}
	stats := map[string]*stat{}
	total := 0
	docs := benchDocs(t, n, 70, offset)
	for _, d := range docs {
		a := text.Analyze(d.Title + "\n" + d.Text)
		for _, m := range g.Find(a) {
			total++
			k := text.NormalizeString(m.Name.Text) + " → " + m.Place.ID
			s := stats[k]
			if s == nil {
				s = &stat{place: fmt.Sprintf("%s %s %s p%d %s", m.Place.NameAR, m.Place.Admin1, m.Place.Country, m.Precision, m.Place.Kind)}
				stats[k] = s
			}
			s.n++
			if len(s.ex) < 2 {
				lo, hi := max(0, m.Span.Start-30), min(len(a.Orig), m.Span.End+30)
				s.ex = append(s.ex, d.Category+": "+strings.ReplaceAll(string(a.Orig[lo:hi]), "\n", " "))
			}
		}
	}
	keys := make([]string, 0, len(stats))
	for k := range stats {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if stats[keys[i]].n != stats[keys[j]].n {
			return stats[keys[i]].n > stats[keys[j]].n
		}
		return keys[i] < keys[j]
	})
	fmt.Printf("%d articles, %d mentions, %d distinct name→place pairs\n", len(docs), total, len(keys))
	for _, k := range keys {
		s := stats[k]
		fmt.Printf("%4d %s | %s\n       %s\n", s.n, k, s.place, strings.Join(s.ex, "\n       "))
	}
}

func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := build(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFind(b *testing.B) {
	g := load(b)
	docs := benchDocs(b, 500, 60, 7)
	as := make([]*text.Analysis, len(docs))
	chars := 0
	for i, d := range docs {
		as[i] = text.Analyze(d.Title + "\n" + d.Text)
		chars += len(as[i].Orig)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		g.Find(as[i%len(as)])
	}
	b.ReportMetric(float64(chars)/float64(len(as)), "chars/article")
}

// TestCommonNameCandidates lists WOF names that the 2018 news corpus uses
// often enough to be suspect as common words, and that
// data/places-common-ar.tsv does not yet hold: a maintainer reviews them
// and adds the ordinary words to that file. It reads every article but each
// tenth (kept for the false-positive report) and runs only when
// RASD_GAZ_COMMON is set to the minimum count:
//
//	RASD_GAZ_COMMON=10 go test -run CommonNameCandidates -v -timeout 30m ./internal/gazetteer/
func TestCommonNameCandidates(t *testing.T) {
	min, _ := strconv.Atoi(os.Getenv("RASD_GAZ_COMMON"))
	if min == 0 {
		t.Skip("set RASD_GAZ_COMMON=<count> to list candidate common names")
	}
	g := load(t)
	count := map[*entry]int{}
	for i, d := range benchDocs(t, 1<<30, 1, 0) {
		if i%10 == 0 {
			continue
		}
		a := text.Analyze(d.Title + "\n" + d.Text)
		for j := range a.Tokens {
			m, ok := g.names.MatchAt(a, j, len(a.Tokens))
			if !ok {
				continue
			}
			for _, e := range m.Values {
				count[e]++
			}
		}
	}
	var out []*entry
	for e, n := range count {
		if n < min {
			continue
		}
		// Suspect: every candidate a WOF village or neighbourhood that a
		// preposition (one word) or nothing (several words) lets through.
		suspect := true
		for _, c := range e.cands {
			if !strings.HasPrefix(c.p.ID, "wof:") || c.p.tier > 1 ||
				(e.ntok == 1 && c.need > prep) || (e.ntok > 1 && c.need > bare) {
				suspect = false
			}
		}
		if suspect {
			out = append(out, e)
		}
	}
	sort.Slice(out, func(i, j int) bool { return count[out[i]] > count[out[j]] })
	for _, e := range out {
		fmt.Printf("%d\t%s\t%s %s\n", count[e], e.key, e.cands[0].p.NameAR, e.cands[0].p.Admin1)
	}
}

// TestCommonNamesAbroad lists the names that data/places-common-ar.tsv
// gives need "cue" with source bench2018-abroad: names that only small
// places beyond the focus countries carry (the villages of Yemen, Egypt,
// Iran…, which count only in an article naming their country) and that
// occur in RASD_GAZ_ABROAD or more sport, culture, technology or economy
// articles of the 2018 news corpus (every article but each tenth, kept for
// measuring false positives). Such articles name Gulf and Egyptian places
// all the time, and a village name they use that often is a word
// («الموسم», «المركز», «كل»). It runs only when RASD_GAZ_ABROAD is set:
//
//	RASD_GAZ_ABROAD=3 go test -run CommonNamesAbroad -v -timeout 30m ./internal/gazetteer/
//
// Names already in the file need no line; the output is the file's lines.
func TestCommonNamesAbroad(t *testing.T) {
	min, _ := strconv.Atoi(os.Getenv("RASD_GAZ_ABROAD"))
	if min == 0 {
		t.Skip("set RASD_GAZ_ABROAD=<articles> to list the common names abroad")
	}
	g := load(t)
	docs := map[*entry]int{}
	for i, d := range benchDocs(t, 1<<30, 1, 0) {
		if i%10 == 0 || (d.Category != "sport" && d.Category != "culture" && d.Category != "technology" && d.Category != "economy") {
			continue
		}
		a := text.Analyze(d.Title + "\n" + d.Text)
		seen := map[*entry]bool{}
		for j := range a.Tokens {
			m, ok := g.names.MatchAt(a, j, len(a.Tokens))
			if !ok {
				continue
			}
			for _, e := range m.Values {
				if !seen[e] {
					seen[e] = true
					docs[e]++
				}
			}
		}
	}
	var out []*entry
	for e, n := range docs {
		if n < min || e.block {
			continue
		}
		abroad := false
		for _, c := range e.cands {
			if c.need >= strong {
				continue
			}
			if !g.needsCountry(c.p) {
				abroad = false
				break
			}
			abroad = true
		}
		if abroad {
			out = append(out, e)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if docs[out[i]] != docs[out[j]] {
			return docs[out[i]] > docs[out[j]]
		}
		return out[i].key < out[j].key
	})
	for _, e := range out {
		fmt.Printf("%s\tcue\tbench2018-abroad\n", e.key)
	}
}

// TestGuessReport prints every guessed mention (Match ByCue or ByTranslit)
// over a sample of the 2018 news corpus, with its context, for a reader to
// judge, and how often guesses fire. It runs only when RASD_GAZ_GUESS is
// set to the number of articles:
//
//	RASD_GAZ_GUESS=3000 go test -run GuessReport -v ./internal/gazetteer/
//
// The sample takes every 7th article starting at RASD_GAZ_GUESS_OFFSET.
func TestGuessReport(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("RASD_GAZ_GUESS"))
	if n == 0 {
		t.Skip("set RASD_GAZ_GUESS=<articles> to print the guessed mentions")
	}
	offset, _ := strconv.Atoi(os.Getenv("RASD_GAZ_GUESS_OFFSET"))
	g := load(t)
	docs := benchDocs(t, n, 7, offset)
	total, withGuess := 0, 0
	byMatch := map[Match]int{}
	for _, d := range docs {
		a := text.Analyze(d.Title + "\n" + d.Text)
		guessed := false
		for _, m := range g.Find(a) {
			total++
			byMatch[m.Match]++
			if m.Match == ByName {
				continue
			}
			guessed = true
			lo, hi := max(0, m.Span.Start-60), min(len(a.Orig), m.Span.End+60)
			fmt.Printf("%-8s %s → %s %s (%s) | %s: %s\n", m.Match, m.Name.Text, m.Place.ID, m.Place.NameEN, m.Place.Admin1,
				d.Category, strings.ReplaceAll(string(a.Orig[lo:hi]), "\n", " "))
		}
		if guessed {
			withGuess++
		}
	}
	fmt.Printf("%d articles, %d place mentions; guessed: %d by cue, %d by transliteration, in %d articles\n",
		len(docs), total, byMatch[ByCue], byMatch[ByTranslit], withGuess)
}

// TestPlaceMentionRate measures place mentions per 1,000 words in the 2018
// news corpus's sections that report no political violence (sport,
// culture, technology, economy): most of their mentions are real places
// (matches in Dubai, festivals in Cairo), so the rate is a floor, and a
// change that raises it has let words through as places. It runs only when
// RASD_GAZ_RATE is set; RASD_GAZ_RATE_OUT names a file to write every
// mention to (category, name, place, context), for a diff between two
// versions:
//
//	RASD_GAZ_RATE=1 RASD_GAZ_RATE_OUT=/tmp/after.tsv go test -run PlaceMentionRate -v -timeout 30m ./internal/gazetteer/
func TestPlaceMentionRate(t *testing.T) {
	if os.Getenv("RASD_GAZ_RATE") == "" {
		t.Skip("set RASD_GAZ_RATE=1 to measure place mentions per 1,000 words")
	}
	var out *bufio.Writer
	if p := os.Getenv("RASD_GAZ_RATE_OUT"); p != "" {
		f, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		out = bufio.NewWriter(f)
		defer out.Flush()
	}
	g := load(t)
	words, mentions := map[string]int{}, map[string]int{}
	for _, d := range benchDocs(t, 1<<30, 1, 0) {
		switch d.Category {
		case "sport", "culture", "technology", "economy":
		default:
			continue
		}
		s := d.Title + "\n" + d.Text
		words[d.Category] += len(strings.Fields(s))
		a := text.Analyze(s)
		for _, m := range g.Find(a) {
			mentions[d.Category]++
			if out != nil {
				lo, hi := max(0, m.Span.Start-40), min(len(a.Orig), m.Span.End+40)
				fmt.Fprintf(out, "%s\t%s\t%s\t%s\tp%d\t%s\n", d.Category, d.ID, text.NormalizeString(m.Span.Text), m.Place.ID, m.Precision,
					strings.ReplaceAll(string(a.Orig[lo:hi]), "\n", " "))
			}
		}
	}
	rate := func(cats ...string) float64 {
		w, m := 0, 0
		for _, c := range cats {
			w, m = w+words[c], m+mentions[c]
		}
		return 1000 * float64(m) / float64(max(w, 1))
	}
	t.Logf("place mentions per 1,000 words: sport and culture %.2f, technology %.2f, economy %.2f",
		rate("sport", "culture"), rate("technology"), rate("economy"))
}
