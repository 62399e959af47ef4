// Package ingest turns input files into Documents: the article text exactly
// as given plus what is known about it. Readers validate what a user hands
// them (encoding, emptiness, dates) so that every later stage can trust it.
package ingest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"rasd/internal/document"
	"strings"
	"time"
	"unicode/utf8"
)

// Document is the article type of internal/document, which the readers
// here fill in; the alias keeps the readers' signatures short.
type Document = document.Document

// ParseDate reads the publication dates users and feeds give: a plain day,
// RFC 3339, or a date-time without a zone.
func ParseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"2006-01-02", time.RFC3339, time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02 15:04"} {
		if t, err := time.Parse(layout, s); err == nil {
			y, m, d := t.Date()
			return time.Date(y, m, d, 0, 0, 0, 0, time.UTC), nil
		}
	}
	return time.Time{}, fmt.Errorf("bad date %q: want YYYY-MM-DD or RFC 3339 (2019-03-27 or 2019-03-27T10:00:00Z)", s)
}

// ErrEmpty is returned for input with no text in it.
var ErrEmpty = errors.New("no text")

// CheckText rejects input that is not readable text: invalid UTF-8, binary
// data, or nothing but white space.
func CheckText(b []byte) error {
	if bytes.IndexByte(b, 0) >= 0 {
		return errors.New("binary data (NUL bytes), not a text file")
	}
	if !utf8.Valid(b) {
		off := 0
		for off < len(b) {
			r, size := utf8.DecodeRune(b[off:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			off += size
		}
		return fmt.Errorf("invalid UTF-8 at byte %d (convert the file to UTF-8 first)", off)
	}
	if len(bytes.TrimSpace(b)) == 0 {
		return ErrEmpty
	}
	return nil
}

// TextOptions describe a plain-text file that carries no metadata itself.
type TextOptions struct {
	ID, Source, URL string
	Published       time.Time
}

// ReadTextFile reads one UTF-8 article; its first non-empty line is the
// title. The text is kept exactly as given (a leading byte-order mark aside)
// because every span counts code points from its start.
func ReadTextFile(path string, opt TextOptions) (*Document, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := readCapped(f, MaxTextBytes, "the text")
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if err := CheckText(b); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	doc := &Document{ID: opt.ID, Source: opt.Source, URL: opt.URL, Published: opt.Published, Text: string(b)}
	if doc.ID == "" {
		base := path[strings.LastIndexByte(path, '/')+1:]
		doc.ID = strings.TrimSuffix(base, ".txt")
	}
	for _, line := range strings.Split(doc.Text, "\n") {
		if t := strings.TrimSpace(line); t != "" {
			doc.Title = t
			break
		}
	}
	return doc, nil
}

// jsonDoc is the JSON Lines input shape; other keys are ignored.
type jsonDoc struct {
	ID        string `json:"id"`
	Source    string `json:"source"`
	URL       string `json:"url"`
	Published string `json:"published"`
	Title     string `json:"title"`
	Text      string `json:"text"`
}

// LineError is a JSON Lines record that could not be read; the reader goes
// on with the next line.
type LineError struct {
	Line int
	ID   string
	Err  error
}

func (e *LineError) Error() string {
	if e.ID != "" {
		return fmt.Sprintf("line %d (id %q): %v", e.Line, e.ID, e.Err)
	}
	return fmt.Sprintf("line %d: %v", e.Line, e.Err)
}

func (e *LineError) Unwrap() error { return e.Err }

// ReadJSONL calls fn for each document in r, one JSON object a line. A bad
// line is passed to fn as a *LineError and the reading goes on; an error
// returned by fn stops it. The returned error is only for failures of r.
// Lines and texts are held to the limits of limits.go.
func ReadJSONL(r io.Reader, fn func(*Document, error) error) error {
	lines := &lineReader{r: bufio.NewReaderSize(r, 1<<20), max: maxLineBytes}
	for line := 1; ; line++ {
		b, tooLong, err := lines.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if tooLong != nil {
			err = fn(nil, &LineError{Line: line, Err: tooLong})
		} else {
			err = fn(parseJSONLine(b, line))
		}
		if err != nil {
			return err
		}
	}
}

// parseJSONLine reads one line of JSON Lines into a document whose text
// has passed checkText; a line without an id gets "line-N".
func parseJSONLine(b []byte, line int) (*Document, error) {
	if line == 1 {
		// Windows tools start UTF-8 files with a byte-order mark.
		b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	}
	b = bytes.TrimSpace(b)
	if len(b) == 0 {
		return nil, &LineError{Line: line, Err: ErrEmpty}
	}
	if !utf8.Valid(b) {
		return nil, &LineError{Line: line, Err: errors.New("invalid UTF-8")}
	}
	j, ok := decodeFlatLine(b)
	if !ok {
		j = jsonDoc{}
		if err := json.Unmarshal(b, &j); err != nil {
			return nil, &LineError{Line: line, Err: jsonError(err)}
		}
	}
	if strings.TrimSpace(j.Text) == "" {
		if strings.TrimSpace(j.Title) != "" {
			// Outlets publish items that are a headline only (a video, a
			// gallery): nothing to code, and no fault of the file's.
			return nil, &LineError{Line: line, ID: j.ID, Err: passedOver("a title without text")}
		}
		return nil, &LineError{Line: line, ID: j.ID, Err: errors.New(`missing "text"`)}
	}
	if err := checkText(j.Text); err != nil {
		return nil, &LineError{Line: line, ID: j.ID, Err: err}
	}
	doc := &Document{ID: j.ID, Source: j.Source, URL: j.URL, Title: j.Title, Text: j.Text}
	if doc.ID == "" {
		doc.ID = fmt.Sprintf("line-%d", line)
	}
	if j.Published != "" {
		t, err := ParseDate(j.Published)
		if err != nil {
			return nil, &LineError{Line: line, ID: j.ID, Err: err}
		}
		doc.Published = t
	}
	return doc, nil
}

// jsonError words a JSON error for someone who wrote the line: a field of
// the wrong type by its name («"text" is a number, want a string»).
func jsonError(err error) error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		if te.Field == "" {
			return fmt.Errorf("bad JSON: a line is %s, want an object {\"text\": …}", article(te.Value))
		}
		return fmt.Errorf("bad JSON: %q is %s, want %s", te.Field, article(te.Value), article(te.Type.String()))
	}
	return fmt.Errorf("bad JSON: %v", err)
}

// article puts "a" or "an" before a JSON or Go type's name.
func article(name string) string {
	if name == "" {
		return "something else"
	}
	if strings.ContainsRune("aeiou", rune(name[0])) {
		return "an " + name
	}
	return "a " + name
}

// checkText is CheckText of a document's text, held to MaxTextBytes. It
// reads the string itself: CheckText([]byte(text)) copied every text read.
func checkText(text string) error {
	if len(text) > MaxTextBytes {
		return &LimitError{What: "the text", Limit: MaxTextBytes}
	}
	if strings.IndexByte(text, 0) >= 0 || !utf8.ValidString(text) {
		return CheckText([]byte(text)) // its error, with the offset
	}
	if strings.TrimSpace(text) == "" {
		return ErrEmpty
	}
	return nil
}
