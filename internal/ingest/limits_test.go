package ingest

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
)

// A sentence of our own, for the good inputs among the bad.
const goodText = "قصفت مدفعية القوات الحكومية أطراف البلدة مساء أمس، ولم ترد أنباء عن إصابات."

func randomBytes(n int, seed uint64) []byte {
	r := rand.New(rand.NewPCG(seed, 1))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.UintN(256))
	}
	return b
}

// Every bad input yields exactly one error that says what is wrong with
// it, and no document; the good lines next to bad ones are read.
func TestEachBadInputIsOneError(t *testing.T) {
	bigText := strings.Repeat("نص طويل جدا ", MaxTextBytes/len("نص طويل جدا ")+1)
	var feed strings.Builder
	feed.WriteString(`<rss version="2.0"><channel><title>قناة</title>`)
	for i := range maxFeedItems + 1 {
		fmt.Fprintf(&feed, "<item><title>بند %d</title><description>%s</description></item>\n", i, goodText)
	}
	feed.WriteString("</channel></rss>")
	whole := gz(t, []byte(strings.Repeat(`{"text":"`+goodText+`"}`+"\n", 50)))
	cases := []struct {
		name string
		b    []byte
		want string
	}{
		{"random.html", randomBytes(4096, 1), "binary data, not text"},
		{"random.txt", randomBytes(600, 2), "binary data, not text"},
		{"random.jsonl", randomBytes(600, 3), "binary data, not text"},
		{"random", randomBytes(1000, 4), "binary data, not text"},
		{"nul.html", []byte("<html><body><p>" + goodText + "\x00</p></body></html>"), "a NUL byte at byte"},
		{"utf16.txt", []byte{0xff, 0xfe, 'a', 0, 'b', 0}, "UTF-16 text: convert the file to UTF-8 first"},
		{"huge.txt", []byte(bigText), "the text is larger than 1 MiB, the most rasd reads"},
		{"huge.html", []byte("<html><body><p>" + strings.Repeat(bigText, 11) + "</p></body></html>"), "the page is larger than 10 MiB"},
		{"huge-text.html", []byte("<html><body><p>" + bigText + "</p></body></html>"), "the text is larger than 1 MiB"},
		{"deep.html", []byte("<html><body>" + strings.Repeat("<div>", 100_000) + goodText), "HTML nested too deep"},
		{"items.rss", []byte(feed.String()), "the feed has more than 10,000 items"},
		{"empty.jsonl", nil, "no text"},
		{"cut.jsonl.gz", whole[:len(whole)/2], "the compressed data end early"},
		{"zeros.txt.gz", bomb(t, 1<<30, 0), "binary data, not text"},
		{"bomb.txt.gz", bomb(t, 1<<30, ' '), "the text is larger than 1 MiB"},
		{"bomb.html.gz", bomb(t, 1<<30, ' '), "the page is larger than 10 MiB"},
		{"bomb.jsonl.gz", bomb(t, 1<<30, ' '), "a gzip bomb, not text"},
		{"types.jsonl", []byte(`{"id":"x","text":5}`), `"text" is a number, want a string`},
		{"array.jsonl", []byte(`[{"text":"نص"}]`), "a line is an array, want an object"},
		{"deep.jsonl", []byte(strings.Repeat(`{"a":`, 100_000)), "bad JSON"},
		{"bad-lines.jsonl", []byte(strings.Repeat("{}\n", 2*maxBadLinesInARow)), "100 bad lines in a row"},
	}
	for _, c := range cases {
		res := readAll(t, writeFile(t, c.name, c.b), Options{NoFollow: true})
		var errs []string
		for _, err := range res.errs {
			errs = append(errs, err.Error())
		}
		if c.name == "cut.jsonl.gz" || c.name == "bad-lines.jsonl" {
			// The lines before the cut, or before the run of bad
			// lines that ends the reading, are read (or each reported).
			errs = errs[max(0, len(errs)-1):]
		} else if len(res.docs) != 0 {
			t.Errorf("%s: documents %v", c.name, res.ids())
		}
		if len(errs) != 1 || !strings.Contains(errs[0], c.want) || strings.Contains(errs[0], "\n") {
			t.Errorf("%s: errors %q, want one saying %q", c.name, errs, c.want)
		}
	}
}

// bomb is n bytes of fill as gzip, in members of 1 MiB: 1 KiB a member,
// made in no time, which a reader that trusted it would expand in full.
func bomb(t *testing.T, n int, fill byte) []byte {
	member := gz(t, bytes.Repeat([]byte{fill}, 1<<20))
	return bytes.Repeat(member, n>>20)
}

func TestLongLinesAreSkippedNotKept(t *testing.T) {
	long := `{"id":"long","text":"` + strings.Repeat("ب", maxLineBytes) + `"}`
	in := `{"id":"a","text":"` + goodText + `"}` + "\n" + long + "\n" + `{"id":"b","text":"` + goodText + `"}` + "\n" + long
	for name, read := range map[string]func() *result{
		"file": func() *result { return readAll(t, writeFile(t, "long.jsonl", []byte(in)), Options{}) },
		"ReadJSONL": func() *result {
			res := &result{}
			err := ReadJSONL(strings.NewReader(in), func(d *Document, err error) error {
				if err != nil {
					res.errs = append(res.errs, err)
				} else {
					res.docs = append(res.docs, d)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			return res
		},
	} {
		res := read()
		if got := strings.Join(res.ids(), " "); got != "a b" {
			t.Errorf("%s: ids %q", name, got)
		}
		var le *LimitError
		if len(res.errs) != 2 || !errors.As(res.errs[0], &le) || !strings.Contains(res.errs[0].Error(), "line 2: the line is larger than 10 MiB") ||
			!strings.Contains(res.errs[1].Error(), "line 4:") {
			t.Errorf("%s: errors %v", name, res.errs)
		}
	}
}

func TestLineReader(t *testing.T) {
	in := "short\n" + strings.Repeat("x", 100) + "\nend"
	l := &lineReader{r: bufio.NewReaderSize(strings.NewReader(in), 16), max: 50}
	var got []string
	for {
		b, tooLong, err := l.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if tooLong != nil {
			got = append(got, "(too long)")
			continue
		}
		got = append(got, string(b))
	}
	if strings.Join(got, "|") != "short\n|(too long)|end" {
		t.Errorf("lines %q", got)
	}
}

func TestSniffBinary(t *testing.T) {
	for _, text := range [][]byte{
		[]byte(goodText),
		{0xc7, 0xe1, 0xd1, 0xde, ' ', 0xc7, 0xe1, 0xe3, 0xcd, 0xe1, 0xed}, // windows-1256
		[]byte("سطر أول\r\n\tسطر ثان\f\x1a"),
		append([]byte(strings.Repeat(goodText, 3)), 0x01), // a stray control character
		{0xff, 0xfe, 'a', 0}, // UTF-16
	} {
		if err := sniffBinary(text); err != nil {
			t.Errorf("%q: %v", text, err)
		}
	}
	for seed := range uint64(200) {
		if b := randomBytes(200, seed); sniffBinary(b) == nil {
			t.Errorf("random bytes taken for text: %q", b)
		}
	}
}

func TestSourceErrorIsOneLine(t *testing.T) {
	err := &SourceError{Origin: "news/bad\nname.txt", Err: errors.New("first\nsecond")}
	if got := err.Error(); got != `"news/bad\nname.txt": first second` {
		t.Errorf("%q", got)
	}
}

func TestEmptyDirectoryIsAnError(t *testing.T) {
	for name, files := range map[string]map[string][]byte{
		"empty":       {},
		"passed over": {"photo.png": {0x89, 'P', 'N', 'G'}, "a/program.bin": {0x7f, 'E', 'L', 'F'}, ".hidden.txt": []byte(goodText)},
	} {
		res := readAll(t, tree(t, files), Options{})
		last := res.errs[len(res.errs)-1]
		if len(res.docs) != 0 || errors.Is(last, ErrPassedOver) || !strings.Contains(last.Error(), "no file that rasd reads in this directory") {
			t.Errorf("%s: docs %v, errors %v", name, res.ids(), res.errs)
		}
		if n := len(files); name == "passed over" && (len(res.errs) != 3 || !strings.HasSuffix(last.Error(), "; 2 passed over")) {
			t.Errorf("%s (%d files): errors %v", name, n, res.errs)
		}
	}
}

func TestGzipBombStopsEarly(t *testing.T) {
	var in CountingReader
	in.R = bytes.NewReader(bomb(t, 1<<30, 0))
	zr, err := gzip.NewReader(&in)
	if err != nil {
		t.Fatal(err)
	}
	n, err := io.Copy(io.Discard, &expansionGuard{r: zr, in: &in})
	if err == nil || !strings.Contains(err.Error(), "gzip bomb") {
		t.Fatalf("read %d bytes, err %v", n, err)
	}
	if n > 2*expansionFloor {
		t.Errorf("read %d bytes of the bomb before stopping, want about %d", n, expansionFloor)
	}
}

// A single-line JSON article of tens of megabytes (one of 20 MB took 122 s
// and 3.3 GB) is refused as it streams past: what reading it allocates
// does not grow with its length.
func TestHugeLineCostsNoMoreThanTheLimit(t *testing.T) {
	alloc := func(n int) uint64 {
		line := io.MultiReader(strings.NewReader(`{"id":"x","text":"`), io.LimitReader(repeatReader("قصف "), int64(n)), strings.NewReader("\"}\n"))
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		var errs []error
		if err := ReadJSONL(line, func(d *Document, err error) error {
			errs = append(errs, err)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		runtime.ReadMemStats(&after)
		var le *LimitError
		if len(errs) != 1 || !errors.As(errs[0], &le) {
			t.Fatalf("a line of %d bytes: %v", n, errs)
		}
		return after.TotalAlloc - before.TotalAlloc
	}
	short, long := alloc(20<<20), alloc(80<<20)
	t.Logf("allocated %d MiB for a line of 20 MiB, %d MiB for one of 80 MiB", short>>20, long>>20)
	if long > short+short/2 {
		t.Errorf("a line four times as long cost %d bytes against %d: reading grows with the line", long, short)
	}
}

// repeatReader reads s over and over.
type repeatReader string

func (r repeatReader) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		n += copy(p[n:], r)
	}
	return n, nil
}
