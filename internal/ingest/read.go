package ingest

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Options apply to every document a target yields.
type Options struct {
	Published   time.Time // fallback publication date
	Source, URL string    // fallback outlet name and URL (plain text files)
	NoFollow    bool      // feeds: use the item's own content instead of fetching its page
	Fetcher     *Fetcher  // nil: a default Fetcher
}

// SourceError is an input that yielded no document: a file, a line of one,
// a feed item or a URL. Read reports it and goes on.
type SourceError struct {
	Origin string // path or URL
	Err    error
}

// Error is one line, whatever the input: an origin with control
// characters (a file name, a feed's link) is quoted, and a message of
// several lines from a library is joined into one.
func (e *SourceError) Error() string {
	origin := e.Origin
	if strings.ContainsFunc(origin, unicode.IsControl) || !utf8.ValidString(origin) {
		origin = strconv.Quote(origin)
	}
	msg := e.Err.Error()
	if strings.ContainsAny(msg, "\r\n") {
		msg = strings.Join(strings.Fields(msg), " ")
	}
	return origin + ": " + msg
}

func (e *SourceError) Unwrap() error { return e.Err }

// ErrPassedOver is wrapped by the notice for an entry of a directory that
// rasd does not read: a file of another kind (.png, .md, .bin), a named
// pipe, a socket or a device (never opened: opening a pipe waits for a
// writer). It comes to fn as an error like any other, but it is a notice,
// not a failed document: a folder of articles often holds such files.
var ErrPassedOver = errors.New("passed over")

func passedOver(reason string) error { return fmt.Errorf("%w: %s", ErrPassedOver, reason) }

// Read calls fn for every document found at target: a file, a directory, a
// .gz, or an http(s) URL (a page or a feed). A document that cannot be read
// is passed to fn as a non-nil error naming its origin (path, line, URL) and
// reading goes on; an error returned by fn stops reading and is returned.
// Each input that yields no document gets one error, however it fails: an
// input over a limit (limits.go) or binary data named .html included.
//
// Read's own error means only that reading stopped: fn's error or the
// context's. Everything else, a missing target included, goes to fn as a
// *SourceError, so a caller counts failures in one place.
//
// The kind of a file is decided by its extension (.txt, .html/.htm,
// .rss/.atom, .jsonl/.ndjson, each optionally .gz) or, for other names, by
// its first bytes (<rss, <feed, <html, {, else plain text). A directory is
// read recursively in lexical order; there, hidden entries and files with
// an extension rasd does not read (.png, .md …), named pipes, sockets and
// devices are passed over with a notice wrapping ErrPassedOver, files
// without an extension are sniffed, and a directory with no file to read
// is an error.
//
// Documents without an ID of their own get one from the file name (relative
// to the directory, without extensions), the URL, the feed item's link, or
// <file>:<line> for JSON Lines.
//
// What the input says about itself comes before Options: a page's
// og:site_name, canonical URL and markup date; a feed item's pubDate (then
// its page's date); a JSON line's fields. Options fill only what is
// missing, and an outlet still unnamed is named by its host.
func Read(ctx context.Context, target string, opt Options, fn func(*Document, error) error) error {
	r := &reader{ctx: ctx, opt: opt, fn: fn, fetch: opt.Fetcher}
	if r.fetch == nil {
		r.fetch = defaultFetcher()
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if isHTTP(target) {
		return r.url(target)
	}
	info, err := os.Stat(target)
	if err != nil {
		return r.fail(target, pathless(err))
	}
	if info.IsDir() {
		return r.dir(target)
	}
	if !info.Mode().IsRegular() {
		// Not opened: opening a named pipe waits for a writer, maybe forever.
		return r.fail(target, fmt.Errorf("%s, not a regular file (give a stream as JSON Lines on standard input, with -)", irregular(info.Mode())))
	}
	return r.file(target, filepath.Base(target))
}

type reader struct {
	ctx   context.Context
	opt   Options
	fn    func(*Document, error) error
	fetch *Fetcher
}

// source is one input being read.
type source struct {
	origin      string // what errors name: the path or URL
	name        string // file name (relative within a directory) whose extension tells the kind; "" for a URL
	id          string // ID of a single document read from it, and prefix of its items' IDs
	contentType string // HTTP Content-Type; "" for a file
	url         string // where it was fetched from, after redirects; "" for a file
}

type kind int

const (
	kindUnknown kind = iota
	kindText
	kindHTML
	kindFeed
	kindJSONL
	kindSkip // not something rasd reads, when met in a directory
)

var kindByExt = map[string]kind{
	".txt": kindText, ".text": kindText,
	".html": kindHTML, ".htm": kindHTML, ".xhtml": kindHTML,
	".rss": kindFeed, ".atom": kindFeed,
	".jsonl": kindJSONL, ".ndjson": kindJSONL,
	".xml": kindUnknown, ".json": kindUnknown, "": kindUnknown,
}

func kindOfName(name string) kind {
	k, ok := kindByExt[strings.ToLower(filepath.Ext(name))]
	if !ok {
		return kindSkip
	}
	return k
}

func (r *reader) fail(origin string, err error) error {
	return r.fn(nil, &SourceError{Origin: origin, Err: err})
}

// emit checks a document as every reader must and delivers it.
func (r *reader) emit(doc *Document, origin string) error {
	if err := checkText(doc.Text); err != nil {
		return r.fail(origin, err)
	}
	return r.deliver(doc)
}

// deliver fills in the fallbacks and hands a checked document to fn.
func (r *reader) deliver(doc *Document) error {
	if doc.Published.IsZero() {
		doc.Published = r.opt.Published
	}
	if doc.Source == "" {
		doc.Source = r.opt.Source
	}
	if doc.Source == "" {
		if u, err := url.Parse(doc.URL); err == nil {
			doc.Source = strings.TrimPrefix(u.Hostname(), "www.")
		}
	}
	return r.fn(doc, nil)
}

func (r *reader) dir(root string) error {
	files, passed := 0, 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			// An unreadable directory is reported and its contents passed over.
			return r.fail(path, pathless(err))
		}
		if err := r.ctx.Err(); err != nil {
			return err
		}
		if path == root {
			return nil
		}
		if strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		pass := func(reason string) error {
			passed++
			return r.fn(nil, &SourceError{Origin: path, Err: passedOver(reason)})
		}
		mode := d.Type()
		if mode&fs.ModeSymlink != 0 {
			// WalkDir does not follow links; a link to a file is read as
			// the file, and its target's type decided by Stat, not Open.
			info, err := os.Stat(path)
			if err != nil {
				return r.fail(path, pathless(err))
			}
			if info.IsDir() {
				return pass("a link to a directory, not followed")
			}
			mode = info.Mode().Type()
		}
		if !mode.IsRegular() {
			return pass(irregular(mode))
		}
		if kindOfName(strings.TrimSuffix(strings.ToLower(d.Name()), ".gz")) == kindSkip {
			return pass(fmt.Sprintf("not a kind of file rasd reads (%s)", filepath.Ext(d.Name())))
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			return r.fail(path, err)
		}
		files++
		return r.file(path, filepath.ToSlash(rel))
	})
	if err != nil || files > 0 {
		return err
	}
	msg := "no file that rasd reads in this directory (text, HTML, feeds, JSON Lines: " + readableExts + ")"
	if passed > 0 {
		msg += fmt.Sprintf("; %d passed over", passed)
	}
	return r.fail(root, errors.New(msg))
}

// readableExts lists what a directory walk reads, for messages.
const readableExts = ".txt .html .htm .xhtml .rss .atom .xml .json .jsonl .ndjson, none, or any of them .gz"

func (r *reader) file(path, name string) error {
	f, err := os.Open(path)
	if err != nil {
		return r.fail(path, pathless(err))
	}
	defer f.Close()
	if info, err := f.Stat(); err == nil && !info.Mode().IsRegular() {
		return r.fail(path, errors.New(irregular(info.Mode())+", not a regular file"))
	}
	return r.stream(f, source{origin: path, name: name, id: stem(name)})
}

func (r *reader) url(target string) error {
	resp, err := r.fetch.Get(r.ctx, target)
	if err != nil {
		if r.ctx.Err() != nil {
			return r.ctx.Err()
		}
		return r.fail(target, err)
	}
	return r.stream(bytes.NewReader(resp.Body), source{origin: target, id: target, contentType: resp.ContentType, url: resp.URL})
}

// IsFeed tells whether a fetched body is an RSS, Atom or JSON feed rather
// than a page, by its first bytes and, when they say nothing, its
// Content-Type.
func IsFeed(resp *Response) bool {
	return sniffKind(resp.Body[:min(len(resp.Body), 8<<10)], resp.ContentType) == kindFeed
}

// ReadResponse reads a body already fetched from a URL as Read reads that
// URL, for a caller that fetched it itself (conditionally, say).
func ReadResponse(ctx context.Context, target string, resp *Response, opt Options, fn func(*Document, error) error) error {
	r := &reader{ctx: ctx, opt: opt, fn: fn, fetch: opt.Fetcher}
	if r.fetch == nil {
		r.fetch = defaultFetcher()
	}
	return r.stream(bytes.NewReader(resp.Body), source{origin: target, id: target, contentType: resp.ContentType, url: resp.URL})
}

// stream reads one input of any kind, decompressing it first if need be.
func (r *reader) stream(rd io.Reader, src source) error {
	compressed := &CountingReader{R: rd}
	br := bufio.NewReaderSize(compressed, 64<<10)
	lname := strings.ToLower(src.name)
	if magic, _ := br.Peek(2); strings.HasSuffix(lname, ".gz") || bytes.Equal(magic, []byte{0x1f, 0x8b}) {
		zr, err := gzip.NewReader(br)
		if err == io.EOF {
			return r.fail(src.origin, errors.New("an empty file, not gzip"))
		}
		if err != nil {
			return r.fail(src.origin, fmt.Errorf("not a readable gzip file: %w", err))
		}
		defer zr.Close()
		var unzipped io.Reader = &expansionGuard{r: zr, in: compressed}
		if src.url != "" {
			// A small download must not expand past the fetcher's cap.
			unzipped = &capReader{r: unzipped, max: r.fetch.cfg.MaxBytes}
		}
		br = bufio.NewReaderSize(unzipped, 64<<10)
		if strings.HasSuffix(lname, ".gz") {
			src.name = src.name[:len(src.name)-len(".gz")]
		}
		src.contentType = ""
	}
	// A read error here (a .gz cut short, a bomb) shows again below, where
	// the input is read.
	head, _ := br.Peek(8 << 10)
	if err := sniffBinary(head); err != nil {
		return r.fail(src.origin, err)
	}
	k := kindOfName(src.name)
	if src.name == "" || k == kindUnknown || k == kindSkip {
		k = sniffKind(head, src.contentType)
	}
	if k == kindJSONL || k == kindText {
		if err := sniffUTF16(head); err != nil {
			return r.fail(src.origin, err)
		}
	}
	if k == kindJSONL {
		return r.jsonl(br, src)
	}
	var b []byte
	var err error
	if k == kindText {
		b, err = readCapped(br, MaxTextBytes, "the text")
	} else {
		b, err = readCapped(br, maxPageBytes, "the "+map[kind]string{kindFeed: "feed", kindHTML: "page"}[k])
	}
	if err != nil {
		return r.fail(src.origin, err)
	}
	switch k {
	case kindFeed:
		return r.feed(b, src, src.url)
	case kindHTML:
		doc, err := readHTML(b, src.contentType, firstNonEmpty(src.url, r.opt.URL))
		if err != nil {
			return r.fail(src.origin, err)
		}
		doc.ID = src.id
		return r.emit(doc, src.origin)
	default:
		doc, err := textDocument(b, src.id, firstNonEmpty(src.url, r.opt.URL))
		if err != nil {
			return r.fail(src.origin, err)
		}
		return r.emit(doc, src.origin)
	}
}

// jsonl reads JSON Lines as ReadJSONL does, naming each bad line by its
// file, and giving a line without an id the ID <file>:<line>.
func (r *reader) jsonl(rd *bufio.Reader, src source) error {
	prefix := src.id
	if src.name != "" {
		prefix = src.name
	}
	lines := &lineReader{r: rd, max: maxLineBytes}
	badInARow := 0
	line := 0
	for {
		if err := r.ctx.Err(); err != nil {
			return err
		}
		b, tooLong, err := lines.next()
		if err == io.EOF {
			if line == 0 {
				return r.fail(src.origin, ErrEmpty)
			}
			return nil
		}
		if err != nil && line == 0 {
			return r.fail(src.origin, err)
		}
		if err != nil {
			return r.fail(src.origin, fmt.Errorf("after line %d: %w", line, err))
		}
		line++
		doc, lineErr := r.jsonLine(b, tooLong, line, prefix)
		if lineErr != nil {
			if badInARow++; badInARow > maxBadLinesInARow {
				return r.fail(src.origin, fmt.Errorf("%d bad lines in a row: not rasd's JSON Lines; the rest of the file is not read", maxBadLinesInARow))
			}
			if err := r.fail(src.origin, lineErr); err != nil {
				return err
			}
			continue
		}
		badInARow = 0
		if err := r.deliver(doc); err != nil {
			return err
		}
	}
}

// jsonLine reads one line of a JSON Lines file, or says why it cannot.
func (r *reader) jsonLine(b []byte, tooLong error, line int, prefix string) (*Document, error) {
	if tooLong != nil {
		return nil, &LineError{Line: line, Err: tooLong}
	}
	doc, err := parseJSONLine(b, line)
	if err != nil {
		return nil, err
	}
	if doc.ID == fmt.Sprintf("line-%d", line) && !hasID(b) {
		doc.ID = fmt.Sprintf("%s:%d", prefix, line)
	}
	return doc, nil
}

func hasID(b []byte) bool {
	var j struct {
		ID *string `json:"id"`
	}
	return json.Unmarshal(b, &j) == nil && j.ID != nil && *j.ID != ""
}

// textDocument is a plain-text article, read as ReadTextFile reads one.
func textDocument(b []byte, id, docURL string) (*Document, error) {
	if err := CheckText(b); err != nil {
		return nil, err
	}
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	doc := &Document{ID: id, URL: docURL, Text: string(b)}
	for _, line := range strings.Split(doc.Text, "\n") {
		if t := strings.TrimSpace(line); t != "" {
			doc.Title = t
			break
		}
	}
	return doc, nil
}

// sniffKind tells a feed, a page, JSON Lines and plain text apart by their
// first bytes, with the HTTP Content-Type as a hint when they say nothing.
func sniffKind(head []byte, contentType string) kind {
	h := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")
	lower := bytes.ToLower(h)
	switch {
	case bytes.HasPrefix(h, []byte("{")):
		if bytes.Contains(lower, []byte("jsonfeed.org/version")) {
			return kindFeed
		}
		return kindJSONL
	case bytes.HasPrefix(h, []byte("<")):
		feedAt := firstIndex(lower, "<rss", "<feed", "<rdf:rdf")
		pageAt := firstIndex(lower, "<html", "<!doctype html", "<head", "<body")
		if feedAt >= 0 && (pageAt < 0 || feedAt < pageAt) {
			return kindFeed
		}
		return kindHTML
	}
	ct := strings.ToLower(contentType)
	switch {
	case strings.Contains(ct, "html"):
		return kindHTML
	case strings.Contains(ct, "xml"):
		return kindFeed
	case strings.Contains(ct, "json"):
		return kindJSONL
	}
	return kindText
}

func firstIndex(b []byte, subs ...string) int {
	best := -1
	for _, s := range subs {
		if i := bytes.Index(b, []byte(s)); i >= 0 && (best < 0 || i < best) {
			best = i
		}
	}
	return best
}

// stem is a file's ID: its name without the extensions rasd reads.
func stem(name string) string {
	for {
		ext := filepath.Ext(name)
		if _, known := kindByExt[strings.ToLower(ext)]; !known && !strings.EqualFold(ext, ".gz") || ext == "" {
			return name
		}
		name = name[:len(name)-len(ext)]
	}
}

// capReader fails once more than max bytes have come through it.
type capReader struct {
	r         io.Reader
	max, read int64
}

func (c *capReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if c.read += int64(n); c.read > c.max {
		return 0, fmt.Errorf("%w: more than %d bytes once decompressed", ErrTooLarge, c.max)
	}
	return n, err
}

func isHTTP(s string) bool {
	ls := strings.ToLower(s)
	return strings.HasPrefix(ls, "http://") || strings.HasPrefix(ls, "https://")
}

// pathless drops the *fs.PathError wrapper, whose message would repeat the
// path SourceError already names.
func pathless(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
