// Package document holds the one type every stage passes along: an article
// as read, before anything is made of it. It is a leaf: the extractor and the
// stores import it without pulling in the readers, fetchers and HTML parsers
// of internal/ingest.
package document

import (
	"crypto/sha256"
	"encoding/hex"
	"sync"
	"time"
)

// Document is one article, as DESIGN.md describes it.
type Document struct {
	ID        string
	Source    string
	URL       string
	Published time.Time // zero when unknown
	Title     string
	Text      string
}

// PublishedDate is the publication day as YYYY-MM-DD, or "" when unknown.
func (d *Document) PublishedDate() string {
	if d.Published.IsZero() {
		return ""
	}
	return d.Published.Format("2006-01-02")
}

// Hash is the document's content key in a store: the SHA-256 of its text
// exactly as given. The text alone decides it, so the same article read
// again, from the same file or another copy, is recognised and skipped.
func (d *Document) Hash() string {
	// The text goes through a pooled buffer a piece at a time:
	// Sum256([]byte(d.Text)) copied all of it at every call (ingest hashes
	// each article twice), 4% of what ingest allocated.
	h := sha256.New()
	buf := hashChunks.Get().(*[4096]byte)
	for s := d.Text; len(s) > 0; {
		n := copy(buf[:], s)
		h.Write(buf[:n])
		s = s[n:]
	}
	hashChunks.Put(buf)
	var sum [sha256.Size]byte
	return hex.EncodeToString(h.Sum(sum[:0]))
}

var hashChunks = sync.Pool{New: func() any { return new([4096]byte) }}
