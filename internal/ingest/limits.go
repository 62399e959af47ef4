package ingest

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
)

// What one input may cost. An input over a limit is refused with an error
// that names it, never cut: a truncated article would be stored as if it
// were whole. The figures are choices with room to spare: the longest of
// the 31,510 articles of the bench corpus is 21 KB, and extraction takes
// about half a second for 200 KB of real text.
const (
	// MaxTextBytes is the largest text of one document: a plain-text
	// file, a JSON line's "text", the main text of a page or feed item.
	// Fifty times the longest bench article: no article is longer, and
	// extraction's memory grows with the text (its time is bounded, see
	// extract.ErrTooCostly).
	MaxTextBytes = 1 << 20
	// maxPageBytes is the largest page or feed read from a file, markup
	// included; the same as a fetched one (DefaultFetchConfig).
	maxPageBytes = 10 << 20
	// maxLineBytes is the longest JSON line: room for a text at its limit
	// written with \u escapes (6 bytes for an Arabic letter's 2), the
	// other fields, and JSON parsing is cheap next to extraction.
	maxLineBytes = 10 << 20
	// maxFeedItems is the most items read from one feed. Real feeds carry
	// tens; an archive larger than this is better given as JSON Lines,
	// which is read as a stream (gofeed parses a feed whole, at about
	// 100 times its size in allocations).
	maxFeedItems = 10_000
	// A .gz that expands more than maxExpansion times, once it has given
	// expansionFloor bytes, is a gzip bomb, not text: text compresses 3 to
	// 10 times (4 for the bench corpus).
	maxExpansion   = 100
	expansionFloor = 64 << 20
	// maxBadLinesInARow ends the reading of a JSON Lines file whose lines
	// keep failing: it is not JSON Lines, or not rasd's, and one message
	// a line would bury every other message.
	maxBadLinesInARow = 100
)

// LimitError is an input over one of the limits above.
type LimitError struct {
	What  string // "the text", "the page", "the line" …
	Limit int64  // in bytes, or items for a feed
	Items bool   // Limit counts feed items
}

func (e *LimitError) Error() string {
	if e.Items {
		return fmt.Sprintf("%s has more than %s items, the most rasd reads from one feed (give a larger archive as JSON Lines)", e.What, thousands(e.Limit))
	}
	return fmt.Sprintf("%s is larger than %s, the most rasd reads (split it)", e.What, mib(e.Limit))
}

func mib(n int64) string {
	if n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
}

func thousands(n int64) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// readCapped reads all of r, or fails with a *LimitError once it gives more
// than limit bytes (reading one byte past it, no more).
func readCapped(r io.Reader, limit int64, what string) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit {
		return nil, &LimitError{What: what, Limit: limit}
	}
	return b, nil
}

// errBinary is a file whose first bytes are not text in any encoding.
var errBinary = errors.New("binary data, not text")

// sniffBinary tells binary data from text by the head of a file: a NUL
// byte, or more C0 control characters (other than white space and the
// old DOS end-of-file mark) than one in 64 bytes. UTF-8 validity cannot
// decide it: pages in windows-1256 are valid HTML and invalid UTF-8.
// Random bytes hold one control character in nine; text next to none.
func sniffBinary(head []byte) error {
	if bytes.HasPrefix(head, []byte{0xff, 0xfe}) || bytes.HasPrefix(head, []byte{0xfe, 0xff}) {
		return nil // UTF-16 with its byte-order mark: HTML and feeds decode it; text files say so.
	}
	if i := bytes.IndexByte(head, 0); i >= 0 {
		return fmt.Errorf("%w (a NUL byte at byte %d)", errBinary, i)
	}
	controls := 0
	for _, c := range head {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != 0x1a || c == 0x7f {
			controls++
		}
	}
	if controls > len(head)/64+1 {
		return fmt.Errorf("%w (%d control characters in its first %d bytes)", errBinary, controls, len(head))
	}
	return nil
}

// sniffUTF16 refuses UTF-16 where only UTF-8 is read (text files, JSON
// Lines), with a message that says what to do.
func sniffUTF16(head []byte) error {
	if bytes.HasPrefix(head, []byte{0xff, 0xfe}) || bytes.HasPrefix(head, []byte{0xfe, 0xff}) {
		return errors.New("UTF-16 text: convert the file to UTF-8 first")
	}
	return nil
}

// CountingReader counts the bytes read through it (the progress bar of
// `rasd ingest` reads a compressed input's size through one too).
type CountingReader struct {
	R io.Reader
	N int64
}

func (c *CountingReader) Read(p []byte) (int, error) {
	n, err := c.R.Read(p)
	c.N += int64(n)
	return n, err
}

// expansionGuard reads decompressed data and fails once it expands past
// maxExpansion times what has been read compressed (in). It also words the
// gzip package's errors for a .gz that ends early ("unexpected EOF") or is
// damaged.
type expansionGuard struct {
	r   io.Reader
	in  *CountingReader
	out int64
}

func (g *expansionGuard) Read(p []byte) (int, error) {
	n, err := g.r.Read(p)
	g.out += int64(n)
	if g.out > expansionFloor && g.out > maxExpansion*g.in.N {
		return 0, fmt.Errorf("it expands more than %d-fold when decompressed (%s from %s): a gzip bomb, not text", maxExpansion, mib(g.out), mib(g.in.N))
	}
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF):
		err = errors.New("the compressed data end early (a truncated .gz)")
	case errors.Is(err, gzip.ErrChecksum):
		err = errors.New("the compressed data are damaged (their checksum does not match)")
	}
	return n, err
}

// lineReader reads lines of at most max bytes. A longer line is read to
// its end without being kept and reported as too long, so one huge line
// costs neither memory nor the lines after it.
type lineReader struct {
	r   *bufio.Reader
	max int
	buf []byte
}

// next returns the next line with its newline, or err. A line over max is
// returned as nil with a *LimitError, unless reading failed before its end:
// then only err is returned, the line being part of that failure. A last
// line cut by a read error is not returned at all.
func (l *lineReader) next() (line []byte, tooLong, err error) {
	l.buf = l.buf[:0]
	over := false
	for {
		chunk, err := l.r.ReadSlice('\n')
		if !over {
			if len(l.buf)+len(chunk) > l.max {
				over, l.buf = true, l.buf[:0]
			} else {
				l.buf = append(l.buf, chunk...)
			}
		}
		switch {
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case err == io.EOF && (over || len(l.buf) > 0):
			err = nil
		case err != nil:
			return nil, nil, err
		}
		if over {
			return nil, &LimitError{What: "the line", Limit: int64(l.max)}, nil
		}
		return l.buf, nil, nil
	}
}

// irregular names a file that is not a regular file or a directory.
func irregular(mode fs.FileMode) string {
	switch {
	case mode&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case mode&fs.ModeSocket != 0:
		return "a socket"
	case mode&fs.ModeCharDevice != 0:
		return "a character device"
	case mode&fs.ModeDevice != 0:
		return "a device"
	}
	return "not a regular file"
}
