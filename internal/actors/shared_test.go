package actors

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"rasd/internal/text"
)

// Tests on real articles read them from ../shared (DESIGN.md); they skip
// when it is absent, so that the package tests anywhere.
var sharedDir = filepath.Join("..", "..", "..", "shared")

func readShared(t testing.TB, rel string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(sharedDir, rel))
	if err != nil {
		t.Skipf("shared data absent (%v); skipping", err)
	}
	return b
}

func TestSeedArticles(t *testing.T) {
	l := lex(t)
	cases := []struct {
		file string
		want map[string]string // mention text → actor id, each must occur
	}{
		{"seeds/000_b9b80873b51c7c98.txt", map[string]string{
			"قسد": "SDF", "قوات سوريا الديمقراطية": "SDF", "التحالف الدولي": "COALITION",
			"داعش": "ISIS", "الجيش الأمريكي": "STATE:USA", "قوات النظام": "STATE:SYR",
			"النظام السوري": "STATE:SYR", "للنظام": "STATE:SYR", "مجهولون": "UNIDENTIFIED",
			"مدنيين": "CIVILIANS", "فرنسا": "STATE:FRA", "عناصر التنظيم": "ISIS",
		}},
		{"seeds/001_93d21e087bbbdb8c.txt", map[string]string{
			"هيئة تحرير الشام": "HTS", "جبهة النصرة": "HTS", "تحرير الشام": "HTS", "الهيئة": "HTS",
			"قسد": "SDF", "قوات التحالف": "COALITION", "الدواعش": "ISIS", "خلايا التنظيم": "ISIS",
		}},
	}
	for _, c := range cases {
		_, ms := find(t, l, string(readShared(t, c.file)))
		found := map[string]map[string]bool{}
		for _, m := range ms {
			if found[m.Span.Text] == nil {
				found[m.Span.Text] = map[string]bool{}
			}
			found[m.Span.Text][m.Actor.ID] = true
			if m.Kind == KindGeneric && m.Span.Text == "التنظيم" && m.Actor.ID != "ISIS" {
				t.Errorf("%s: «التنظيم» at %d resolved to %s", c.file, m.Span.Start, m.Actor.ID)
			}
		}
		for text, id := range c.want {
			if !found[text][id] {
				t.Errorf("%s: no %s mention «%s»; found %v", c.file, id, text, found[text])
			}
		}
	}
}

type benchDoc struct {
	Category, Title, Text string
}

func readBench(t testing.TB, n int, keep func(benchDoc) bool) []benchDoc {
	t.Helper()
	f, err := os.Open(filepath.Join(sharedDir, "data", "bench", "ant-2018-news.jsonl.gz"))
	if err != nil {
		t.Skipf("bench corpus absent (%v); skipping", err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 0, 1<<20), 1<<26)
	var docs []benchDoc
	for sc.Scan() && len(docs) < n {
		var d benchDoc
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			t.Fatal(err)
		}
		if keep(d) {
			docs = append(docs, d)
		}
	}
	return docs
}

// Sport, economy, technology and culture news name few armed groups. An
// explicit name or member noun of one that turns up in many such articles
// is a bad alias (this found «النصراوي», an al-Nassr fan, and «فاغنر», a
// footballer), so the test fails on any above 1% of them.
func TestFalsePositivesOutsideConflictNews(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 3,000 bench articles")
	}
	l := lex(t)
	docs := readBench(t, 3000, func(d benchDoc) bool {
		return d.Category == "sport" || d.Category == "economy" || d.Category == "technology" || d.Category == "culture"
	})
	perKey := map[string]int{} // documents in which each strong alias of an armed group occurs
	all := map[string]int{}
	for _, d := range docs {
		seen := map[string]bool{}
		for _, m := range l.Find(text.Analyze(d.Title + "\n" + d.Text)) {
			k := fmt.Sprintf("%s %s «%s»", m.Kind, m.Actor.ID, text.NormalizeString(m.Span.Text))
			all[k]++
			armed := m.Actor.Type != "civilians" && m.Actor.Type != "protesters" && m.Actor.Type != "rioters" && m.Actor.Type != "state"
			if armed && (m.Kind == KindName || m.Kind == KindMember) && !seen[k] {
				seen[k] = true
				perKey[k]++
			}
		}
	}
	limit := len(docs) / 100
	for k, n := range perKey {
		if n > limit {
			t.Errorf("%s occurs in %d of %d non-conflict articles", k, n, len(docs))
		}
	}
	t.Log("most frequent mentions:")
	logTop(t, all, 20)
	t.Log("armed groups by name, in how many articles:")
	logTop(t, perKey, 15)
}

func logTop(t *testing.T, counts map[string]int, n int) {
	type kv struct {
		k string
		n int
	}
	var top []kv
	for k, c := range counts {
		top = append(top, kv{k, c})
	}
	sort.Slice(top, func(i, j int) bool { return top[i].n > top[j].n || (top[i].n == top[j].n && top[i].k < top[j].k) })
	for i := 0; i < len(top) && i < n; i++ {
		t.Logf("%5d %s", top[i].n, top[i].k)
	}
}

// TestMentionRateOutsideConflictNews measures how often sport and culture
// news, which report no political violence, yield a strong actor mention
// (kind name or member), per 1,000 words. Country names and adjectives are
// weak by design and counted apart. Run with -v to see the figures, the
// most frequent mentions and a sample of them in context: an alias that
// climbs this list is a common word or a club's name. The rate was 0.328
// before the region's actors were added and 0.327 after (fewer «حماس» of
// enthusiasm and clubs, a few more states' police); the limit is 1.5 times
// that.
func TestMentionRateOutsideConflictNews(t *testing.T) {
	if testing.Short() {
		t.Skip("reads every sport and culture article of the bench corpus")
	}
	l := lex(t)
	docs := readBench(t, 1<<30, func(d benchDoc) bool { return d.Category == "sport" || d.Category == "culture" })
	words, strong := 0, 0
	byKind := map[string]int{}
	byKey := map[string]int{}
	var sample []string
	for _, d := range docs {
		a := text.Analyze(d.Title + "\n" + d.Text)
		for _, tk := range a.Tokens {
			if tk.Kind == text.Word {
				words++
			}
		}
		orig := []rune(a.Orig)
		for _, m := range l.Find(a) {
			byKind[m.Kind]++
			if m.Kind != KindName && m.Kind != KindMember {
				continue
			}
			strong++
			byKey[fmt.Sprintf("%s %s «%s»", m.Kind, m.Actor.ID, text.NormalizeString(m.Span.Text))]++
			if strong%25 == 1 {
				lo, hi := max(m.Span.Start-30, 0), min(m.Span.End+30, len(orig))
				sample = append(sample, fmt.Sprintf("%s %s: …%s…", d.Category, m.Actor.ID, strings.ReplaceAll(string(orig[lo:hi]), "\n", " ")))
			}
		}
	}
	if words == 0 {
		t.Skip("no sport or culture article in the bench corpus")
	}
	rate := func(n int) float64 { return float64(n) * 1000 / float64(words) }
	t.Logf("%d articles, %d words; name+member %d = %.3f per 1,000 words", len(docs), words, strong, rate(strong))
	for _, k := range []string{KindName, KindMember, KindGeneric, KindCountry, KindAdjective, KindVictim} {
		t.Logf("  %-9s %6d  %.3f per 1,000 words", k, byKind[k], rate(byKind[k]))
	}
	t.Log("most frequent name and member mentions:")
	logTop(t, byKey, 25)
	t.Log("every 25th, in context:")
	for _, s := range sample {
		t.Log("  " + s)
	}
	const limit = 0.5
	if r := rate(strong); r > limit {
		t.Errorf("name and member mentions: %.3f per 1,000 words of sport and culture news, above %.2f", r, limit)
	}
}
