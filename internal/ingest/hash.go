package ingest

import (
	"crypto/sha256"
	"encoding/hex"
)

// Hash is the document's content key in a store: the SHA-256 of its text
// exactly as given. The text alone decides it, so the same article read
// again, from the same file or another copy, is recognised and skipped.
func (d *Document) Hash() string {
	sum := sha256.Sum256([]byte(d.Text))
	return hex.EncodeToString(sum[:])
}
