//go:build unix

package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The malformed-input suite: a generator writes well over a thousand bad
// inputs of every kind rasd reads into one folder, good articles of our own
// among them, and one `rasd ingest` of the folder must report each bad
// input in exactly one line, store every good article, keep its memory
// bounded and leave a sound store. The large inputs (a 50 MB line, a 1 GB
// gzip bomb, a feed of 100,000 items) are written as streams or built
// from repeated parts, so that the suite takes seconds.

// input is one file of the suite.
type input struct {
	path   string
	good   int  // articles it holds; 0 for a bad input
	notice bool // passed over with a notice rather than failed
}

type generator struct {
	t      *testing.T
	root   string
	inputs []input
	rng    *rand.Rand
	serial int
}

// Sentences of our own; %[1]s is a town, %[2]d a number, so that every
// article differs.
var (
	suiteTowns     = []string{"الرمادي", "سامراء", "بعقوبة", "تكريت", "الفلوجة", "دير الزور", "الرقة", "منبج", "إدلب", "درعا"}
	suiteSentences = []string{
		"أعلنت مصادر محلية في مدينة %[1]s أن اشتباكات اندلعت صباح اليوم بين مسلحين مجهولين وقوات الأمن، أسفرت عن مقتل %[2]d أشخاص.",
		"سقطت قذائف هاون على حي سكني في %[1]s مساء أمس، وأصيب %[2]d مدنيين بجروح متفاوتة بحسب مصدر طبي.",
		"نظم عشرات الطلاب وقفة احتجاجية أمام مبنى المحافظة في %[1]s للمطالبة بتحسين الخدمات، وانتهت الوقفة دون حوادث بعد %[2]d دقيقة.",
		"انفجرت عبوة ناسفة بسيارة عسكرية على الطريق المؤدي إلى %[1]s، ما أدى إلى مقتل %[2]d جنود وإصابة آخرين.",
		"قال شهود إن الاشتباكات في %[1]s استمرت ساعتين قبل أن تنسحب المجموعة المسلحة، فيما فرضت القوات حظرا للتجول لمدة %[2]d ساعات.",
	}
)

// article is a new article: a title and two paragraphs, unique by serial.
func (g *generator) article() (title, body string) {
	g.serial++
	town := suiteTowns[g.serial%len(suiteTowns)]
	title = fmt.Sprintf("أحداث %s (%d)", town, g.serial)
	a := fmt.Sprintf(suiteSentences[g.serial%len(suiteSentences)], town, 2+g.serial%9)
	b := fmt.Sprintf(suiteSentences[(g.serial+2)%len(suiteSentences)], town, 3+g.serial%7)
	return title, a + fmt.Sprintf(" (متابعة رقم %d)", g.serial) + "\n\n" + b
}

func (g *generator) text() string {
	title, body := g.article()
	return title + "\n\n" + body + "\n"
}

func (g *generator) page() string {
	title, body := g.article()
	paras := strings.Split(body, "\n\n")
	return `<!DOCTYPE html><html lang="ar"><head><meta charset="utf-8"><title>` + title + `</title></head><body><article><h1>` +
		title + `</h1><p>` + paras[0] + `</p><p>` + paras[1] + `</p></article></body></html>`
}

func (g *generator) jsonLine() string {
	title, body := g.article()
	b, _ := json.Marshal(map[string]string{"id": fmt.Sprintf("suite-%d", g.serial), "title": title, "text": body, "published": "2024-05-06"})
	return string(b) + "\n"
}

func (g *generator) feed(items int) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>نشرة</title>`)
	for range items {
		title, body := g.article()
		fmt.Fprintf(&b, "<item><title>%s</title><description>%s</description><guid>suite-%d</guid></item>", title, body, g.serial)
	}
	b.WriteString("</channel></rss>")
	return b.String()
}

// add writes a file of the suite under the folder.
func (g *generator) add(name string, b []byte, good int) {
	g.t.Helper()
	p := filepath.Join(g.root, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		g.t.Fatal(err)
	}
	if err := os.WriteFile(p, b, 0o644); err != nil {
		g.t.Fatal(err)
	}
	g.inputs = append(g.inputs, input{path: p, good: good})
}

func (g *generator) bad(name string, b []byte) { g.add(name, b, 0) }

// stream writes a large bad input without holding it in memory.
func (g *generator) stream(name string, write func(w io.Writer)) {
	g.t.Helper()
	p := filepath.Join(g.root, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		g.t.Fatal(err)
	}
	f, err := os.Create(p)
	if err != nil {
		g.t.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	write(w)
	if err := w.Flush(); err != nil {
		g.t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		g.t.Fatal(err)
	}
	g.inputs = append(g.inputs, input{path: p})
}

func (g *generator) random(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(g.rng.UintN(256))
	}
	return b
}

func gzipped(b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

// generateSuite writes the suite under root and returns its inputs.
func generateSuite(t *testing.T, root string) []input {
	g := &generator{t: t, root: root, rng: rand.New(rand.NewPCG(13, 4))}

	// Good articles, in every form, among the bad ones.
	for i := range 15 {
		g.add(fmt.Sprintf("good/text-%02d.txt", i), []byte(g.text()), 1)
	}
	for i := range 10 {
		g.add(fmt.Sprintf("good/page-%02d.html", i), []byte(g.page()), 1)
	}
	for i := range 3 {
		g.add(fmt.Sprintf("good/lines-%d.jsonl", i), []byte(g.jsonLine()+g.jsonLine()+g.jsonLine()+g.jsonLine()+g.jsonLine()), 5)
	}
	for i := range 2 {
		g.add(fmt.Sprintf("good/feed-%d.rss", i), []byte(g.feed(3)), 3)
	}
	for i := range 5 {
		g.add(fmt.Sprintf("good/old-%d.txt.gz", i), gzipped([]byte(g.text())), 1)
	}
	for i := range 3 {
		g.add(fmt.Sprintf("good/batch-%d.jsonl.gz", i), gzipped([]byte(g.jsonLine()+g.jsonLine())), 2)
	}
	g.add("good/page.html.gz", gzipped([]byte(g.page())), 1)
	g.add("good/bom.jsonl", []byte("\xef\xbb\xbf"+g.jsonLine()), 1)

	exts := []string{".txt", ".html", ".htm", ".jsonl", ".ndjson", ".xml", ".json", ".rss", ".atom", ""}

	// Invalid UTF-8 of every shape, in text files and JSON lines.
	invalid := [][]byte{{0x80}, {0xbf}, {0xc3}, {0xe2, 0x82}, {0xf0, 0x9f, 0x98}, {0xc0, 0x80}, {0xed, 0xa0, 0x80},
		{0xf4, 0x90, 0x80, 0x80}, {0xfe}, {0xff}, []byte("caf\xe9"), {0xc7, 0xe1, 0xd1, 0xde}}
	for i := range 120 {
		text := []byte(g.text())
		at := g.rng.IntN(len(text))
		for !isRuneStart(text[at]) {
			at--
		}
		b := slices.Concat(text[:at], invalid[i%len(invalid)], text[at:])
		g.bad(fmt.Sprintf("utf8/invalid-%03d.txt", i), b)
	}
	for i := range 40 {
		line := []byte(g.jsonLine())
		at := bytes.Index(line, []byte(`"text":"`)) + 12
		g.bad(fmt.Sprintf("utf8/invalid-%02d.jsonl", i), slices.Concat(line[:at], invalid[i%len(invalid)], line[at:]))
	}

	// NUL bytes.
	for i := range 40 {
		text := []byte(g.text())
		at := g.rng.IntN(len(text))
		g.bad(fmt.Sprintf("nul/nul-%02d.txt", i), slices.Concat(text[:at], []byte{0}, text[at:]))
	}
	for i := range 30 {
		page := []byte(g.page())
		at := g.rng.IntN(len(page))
		g.bad(fmt.Sprintf("nul/nul-%02d.html", i), slices.Concat(page[:at], []byte{0}, page[at:]))
	}
	for i := range 20 {
		line := g.jsonLine()
		g.bad(fmt.Sprintf("nul/raw-%02d.jsonl", i), []byte(strings.Replace(line, "،", "\x00", 1)))
		g.bad(fmt.Sprintf("nul/escaped-%02d.jsonl", i), []byte(strings.Replace(line, "،", `\u0000`, 1)))
	}

	// Random bytes under every name rasd reads, and binary files with the
	// magic numbers of real formats.
	for i := range 300 {
		ext := exts[i%len(exts)]
		g.bad(fmt.Sprintf("random/r-%03d%s", i, ext), g.random(512+g.rng.IntN(16<<10)))
	}
	magics := map[string][]byte{".html": {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, ".txt": {0x7f, 'E', 'L', 'F', 2, 1, 1},
		".jsonl": {'P', 'K', 3, 4}, ".htm": {0xff, 0xd8, 0xff, 0xe0}, ".xml": []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")}
	for ext, magic := range magics {
		for i := range 10 {
			g.bad(fmt.Sprintf("binary/b-%02d%s", i, ext), append(slices.Clone(magic), g.random(2048)...))
		}
	}
	for i, ext := range []string{".bin", ".png", ".exe", ".pdf", ".zip", ".docx", ".mp4", ".so", ".db", ".md"} {
		g.bad(fmt.Sprintf("binary/other-%d%s", i, ext), g.random(1024))
		g.inputs[len(g.inputs)-1].notice = true
	}

	// Empty and blank files.
	for _, ext := range append(exts, ".txt.gz", ".jsonl.gz", ".html.gz") {
		for i, content := range []string{"", "   \n"} {
			b := []byte(content)
			if strings.HasSuffix(ext, ".gz") {
				b = gzipped(b)
			}
			g.bad(fmt.Sprintf("empty/e-%d%s", i, ext), b)
		}
	}
	g.bad("empty/zero-bytes.gz", nil)

	// A 50 MB single line, as text, as JSON and as a page.
	words := []byte(strings.Repeat("كلمة ", 1000))
	fifty := func(prefix, suffix string) func(w io.Writer) {
		return func(w io.Writer) {
			io.WriteString(w, prefix)
			for n := 0; n < 50<<20; n += len(words) {
				w.Write(words)
			}
			io.WriteString(w, suffix)
		}
	}
	g.stream("huge/line.txt", fifty("", ""))
	g.stream("huge/line.jsonl", fifty(`{"id":"huge","text":"`, `"}`))
	g.stream("huge/line.html", fifty("<html><body><p>", "</p></body></html>"))
	// Over the text limit, under the line limit: refused once read.
	g.bad("huge/text.jsonl", []byte(`{"id":"big","text":"`+strings.Repeat("كلمة ", 600_000)+`"}`))

	// Pages nested 100,000 deep, and others past the parser's 512.
	for _, tag := range []string{"div", "span", "section", "blockquote"} {
		g.bad("deep/"+tag+"-100000.html", []byte("<html><body>"+strings.Repeat("<"+tag+">", 100_000)+g.text()))
	}
	for i := range 20 {
		tags := []string{"div", "span", "section", "article", "blockquote", "em", "strong"}
		var b strings.Builder
		b.WriteString("<html><body>")
		for range 600 + g.rng.IntN(5000) {
			b.WriteString("<" + tags[g.rng.IntN(len(tags))] + ">")
		}
		b.WriteString(g.text())
		g.bad(fmt.Sprintf("deep/mixed-%02d.html", i), []byte(b.String()))
	}

	// Truncated, corrupted and fake .gz.
	for i := range 60 {
		var content, ext string
		switch i % 3 {
		case 0:
			content, ext = g.text(), ".txt.gz"
		case 1:
			content, ext = g.page(), ".html.gz"
		default:
			content, ext = g.jsonLine(), ".jsonl.gz"
		}
		z := gzipped([]byte(content))
		g.bad(fmt.Sprintf("gz/cut-%02d%s", i, ext), z[:10+g.rng.IntN(len(z)/2)])
	}
	for i := range 15 {
		content, ext := g.text(), ".txt.gz"
		if i%2 == 1 {
			content, ext = g.page(), ".html.gz"
		}
		z := gzipped([]byte(content))
		z[len(z)-6] ^= 0xff // the CRC-32 of the trailer
		g.bad(fmt.Sprintf("gz/crc-%02d%s", i, ext), z)
	}
	for i := range 10 {
		g.bad(fmt.Sprintf("gz/fake-%02d.txt.gz", i), []byte(g.text()))
	}

	// Over-compressed: 1 GB that is 1 MB compressed, in members of 1 MiB.
	bomb := func(fill []byte) []byte {
		member := gzipped(bytes.Repeat(fill, (1<<20)/len(fill)))
		return bytes.Repeat(member, 1<<10)
	}
	g.bad("bomb/zeros.txt.gz", bomb([]byte{0}))
	g.bad("bomb/spaces.txt.gz", bomb([]byte(" ")))
	g.bad("bomb/spaces.html.gz", bomb([]byte(" ")))
	g.bad("bomb/spaces.jsonl.gz", bomb([]byte(" ")))
	g.bad("bomb/words.txt.gz", bomb([]byte("قصف ")))
	g.bad("bomb/words.jsonl.gz", bomb([]byte("قصف ")))

	// Feeds: 100,000 items, cut short, items with nothing in them.
	var rss strings.Builder
	rss.WriteString(`<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>نشرة</title>`)
	for i := range 100_000 {
		fmt.Fprintf(&rss, "<item><title>بند %d</title><description>نص قصير</description></item>\n", i)
	}
	rss.WriteString("</channel></rss>")
	g.bad("feeds/items-100000.rss", []byte(rss.String()))
	var atom strings.Builder
	atom.WriteString(`<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title>`)
	for i := range 100_000 {
		fmt.Fprintf(&atom, "<entry><id>e%d</id><title>بند</title><summary>نص</summary></entry>", i)
	}
	atom.WriteString("</feed>")
	g.bad("feeds/entries-100000.atom", []byte(atom.String()))
	for i := range 20 {
		f := g.feed(2)
		g.bad(fmt.Sprintf("feeds/cut-%02d.rss", i), []byte(f[:20+g.rng.IntN(len(f)-40)]))
	}
	for i := range 10 {
		g.bad(fmt.Sprintf("feeds/hollow-%02d.rss", i), []byte(`<rss version="2.0"><channel><title>قناة</title><item><title>بند بلا نص</title></item></channel></rss>`))
	}

	// JSON Lines of the wrong shape, one bad line a file, and bad lines
	// among good ones.
	for i := range 8 {
		_, body := g.article()
		text, _ := json.Marshal(body)
		for k, line := range []string{
			`{"text":5}`, `{"text":true}`, `{"text":[` + string(text) + `]}`, `{"text":{"ar":` + string(text) + `}}`, `{"text":null}`,
			`{"id":5,"text":` + string(text) + `}`, `{"published":20240506,"text":` + string(text) + `}`,
			`{"published":"yesterday","text":` + string(text) + `}`, `{"published":"2024-02-30","text":` + string(text) + `}`,
			`{"source":["x"],"text":` + string(text) + `}`, `{"url":{},"text":` + string(text) + `}`, `{"title":1,"text":` + string(text) + `}`,
			`[1,2]`, string(text), `42`, `null`, `true`, `{}`, `{"id":"x"}`, `{"text":""}`, `{"text":"   "}`,
			`{"text":` + string(text) + `} trailing`, `{"text":` + string(text), `{'text':'نص'}`, strings.Repeat("[", 20_000),
		} {
			g.bad(fmt.Sprintf("json/kind-%02d-%d.jsonl", k, i), []byte(line+"\n"))
		}
	}
	for i := range 5 {
		b := g.jsonLine() + g.jsonLine() + `{"id":"broken","text":` + "\n" + g.jsonLine()
		g.add(fmt.Sprintf("json/mixed-%d.jsonl", i), []byte(b), 3) // one bad line among three good
	}

	// UTF-16, which only pages and feeds may be in.
	for i := range 10 {
		u := []byte{0xff, 0xfe}
		for _, r := range g.text() {
			u = append(u, byte(r), byte(r>>8))
		}
		g.bad(fmt.Sprintf("utf16/u-%d.txt", i), u)
		g.bad(fmt.Sprintf("utf16/u-%d.jsonl", i), u)
	}

	// Names that would break a line, and things that are no files.
	g.bad("names/new\nline.txt", []byte("caf\xe9"))
	g.bad("names/tab\there.html", g.random(2000))
	g.bad("names/\xff\xfe.txt", []byte("caf\xe9"))
	pipe := filepath.Join(root, "special", "pipe.jsonl")
	os.MkdirAll(filepath.Dir(pipe), 0o755)
	if err := syscall.Mkfifo(pipe, 0o644); err != nil {
		t.Fatal(err)
	}
	g.inputs = append(g.inputs, input{path: pipe, notice: true})
	dangling := filepath.Join(root, "special", "gone.txt")
	os.Symlink(filepath.Join(root, "nowhere.txt"), dangling)
	g.inputs = append(g.inputs, input{path: dangling})
	return g.inputs
}

func isRuneStart(b byte) bool { return b&0xc0 != 0x80 }

// errorLine is how a stderr line of rasd ingest names its input: the path
// as is or, when it holds odd characters, quoted.
func lineOrigin(line string) string {
	rest, ok := strings.CutPrefix(line, "rasd: skipped ")
	if !ok {
		rest, ok = strings.CutPrefix(line, "rasd: ")
		if !ok {
			return ""
		}
	}
	if strings.HasPrefix(rest, `"`) {
		if q, err := strconv.QuotedPrefix(rest); err == nil {
			s, _ := strconv.Unquote(q)
			return s
		}
	}
	origin, _, _ := strings.Cut(rest, ": ")
	return origin
}

// peakRSS runs rasd with args and returns its exit code, stderr and peak
// resident memory.
func peakRSS(t *testing.T, args ...string) (int, string, int64, time.Duration) {
	t.Helper()
	cmd := exec.Command(buildRasd(t), args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	err := cmd.Run()
	took := time.Since(start)
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		t.Skip("no resource usage on this system")
	}
	return code, stderr.String(), ru.Maxrss << 10, took // Linux counts Maxrss in KiB
}

func TestIngestMalformedInputs(t *testing.T) {
	dir := t.TempDir()
	root := filepath.Join(dir, "in")
	start := time.Now()
	inputs := generateSuite(t, root)
	t.Logf("generated in %v", time.Since(start).Round(10*time.Millisecond))
	var bad, notices, good int
	byPath := map[string]*input{}
	for i := range inputs {
		in := &inputs[i]
		byPath[in.path] = in
		switch {
		case in.notice:
			notices++
		case in.good == 0:
			bad++
		default:
			good += in.good
		}
	}
	// Files of good lines with one bad line count as one bad input.
	mixed := 0
	for _, in := range inputs {
		if strings.Contains(in.path, "json/mixed-") {
			mixed++
		}
	}

	// The good articles alone first: the memory a normal run needs.
	goodDir := filepath.Join(dir, "good")
	os.Rename(filepath.Join(root, "good"), goodDir)
	code, stderr, goodRSS, goodTook := peakRSS(t, "ingest", "--db", filepath.Join(dir, "good.db"), goodDir)
	if code != 0 {
		t.Fatalf("the good articles alone: exit %d\n%s", code, stderr)
	}
	os.Rename(goodDir, filepath.Join(root, "good"))

	dbPath := filepath.Join(dir, "rasd.db")
	code, stderr, rss, took := peakRSS(t, "ingest", "--db", dbPath, root)
	if code != 1 {
		t.Errorf("exit %d, want 1: some inputs failed", code)
	}
	lines := map[string][]string{}
	reported := 0
	for _, line := range strings.Split(strings.TrimSuffix(stderr, "\n"), "\n") {
		if strings.HasPrefix(line, "rasd ingest: ") {
			continue // the summary
		}
		origin := lineOrigin(line)
		if byPath[origin] == nil {
			t.Errorf("a line that names no input: %q", line)
			continue
		}
		lines[origin] = append(lines[origin], line)
		reported++
	}
	for _, in := range inputs {
		got := lines[in.path]
		want := 1
		if in.good > 0 && !strings.Contains(in.path, "json/mixed-") {
			want = 0
		}
		if len(got) != want {
			t.Errorf("%q: %d lines, want %d: %q", in.path, len(got), want, got)
			continue
		}
		if want == 1 && in.notice != strings.Contains(got[0], ": passed over: ") {
			t.Errorf("%q: %q (a notice: %v)", in.path, got[0], in.notice)
		}
	}
	summary := fmt.Sprintf("%d read, %d added, 0 already stored, %d failed, %d passed over;", good, good, bad+mixed, notices)
	if !strings.Contains(stderr, summary) {
		t.Errorf("the summary does not say %q:\n%s", summary, stderr[max(0, len(stderr)-600):])
	}

	db, err := sql.Open("sqlite", dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var stored int
	var check string
	db.QueryRow(`SELECT count(*) FROM documents`).Scan(&stored)
	if err := db.QueryRow(`PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
		t.Errorf("integrity_check: %q %v", check, err)
	}
	if stored != good {
		t.Errorf("%d documents stored, want the %d good articles", stored, good)
	}
	t.Logf("%d inputs: %d bad, %d passed over, %d files of good articles (%d articles, %d of them in files with a bad line)",
		len(inputs), bad+mixed, notices, len(inputs)-bad-notices, good, 3*mixed)
	t.Logf("%d lines on stderr for them, %d documents stored, integrity_check %s", reported, stored, check)
	t.Logf("peak RSS %.0f MiB in %v; the good articles alone %.0f MiB in %v (ratio %.2f)",
		float64(rss)/(1<<20), took.Round(10*time.Millisecond), float64(goodRSS)/(1<<20), goodTook.Round(10*time.Millisecond), float64(rss)/float64(goodRSS))
	// Generous, as the garbage collector lets the heap grow to four times
	// what is live (GOGC=300) and the good run may stop short of that: the
	// bound is three times the good run or 1 GiB, whichever is more. Before
	// the limits, rasd read this folder for 2m50s and was killed by the
	// kernel at 23.9 GB (the 50 MB lines, read whole and extracted).
	if rss > max(3*goodRSS, 1<<30) {
		t.Errorf("peak RSS %d MiB, more than three times the %d MiB of the good articles alone", rss>>20, goodRSS>>20)
	}
}
