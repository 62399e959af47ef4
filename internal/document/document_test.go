package document

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"
	"time"
)

func TestPublishedDate(t *testing.T) {
	if got := (&Document{}).PublishedDate(); got != "" {
		t.Errorf("unknown date = %q, want empty", got)
	}
	d := &Document{Published: time.Date(2019, 3, 27, 15, 4, 0, 0, time.UTC)}
	if got := d.PublishedDate(); got != "2019-03-27" {
		t.Errorf("PublishedDate = %q", got)
	}
}

func TestHashIsTheTextAlone(t *testing.T) {
	a := &Document{ID: "a", Source: "one", Text: "قصف مدفعي على القرية"}
	b := &Document{ID: "b", Source: "two", Text: "قصف مدفعي على القرية"}
	c := &Document{ID: "a", Source: "one", Text: "قصف مدفعي على البلدة"}
	if a.Hash() != b.Hash() {
		t.Error("same text, different hash")
	}
	if a.Hash() == c.Hash() {
		t.Error("different text, same hash")
	}
	if len(a.Hash()) != 64 {
		t.Errorf("hash %q is not hex SHA-256", a.Hash())
	}
}

// The hash is the SHA-256 of the text's bytes, whatever its length: stores
// already written are keyed by it.
func TestHashIsSHA256(t *testing.T) {
	for _, n := range []int{0, 1, 4095, 4096, 4097, 3*4096 + 17} {
		text := strings.Repeat("غ", n/2) + strings.Repeat("x", n%2)
		sum := sha256.Sum256([]byte(text))
		if got, want := (&Document{Text: text}).Hash(), hex.EncodeToString(sum[:]); got != want {
			t.Errorf("%d bytes: %s, want %s", len(text), got, want)
		}
	}
}
