package extract

import (
	"slices"
	"sync"
	"testing"
	"time"

	"rasd/internal/document"
	"rasd/internal/mention"
)

var (
	xOnce sync.Once
	xVal  *Extractor
	xErr  error
)

func extractor(t testing.TB) *Extractor {
	t.Helper()
	xOnce.Do(func() {
		lex, err := mention.Load()
		if err != nil {
			xErr = err
			return
		}
		xVal, xErr = Load(lex)
	})
	if xErr != nil {
		t.Fatal(xErr)
	}
	return xVal
}

// testDay is the publication date of every test sentence.
var testDay = time.Date(2020, 6, 15, 0, 0, 0, 0, time.UTC)

func sentence(s string) *document.Document {
	return &document.Document{ID: "t", Published: testDay, Text: s}
}

// TestRules runs every rule of the book on its own sentences: it must fire
// on each «yes:» sentence and on no «no:» one. The sentences are the rule
// authors' own.
func TestRules(t *testing.T) {
	x := extractor(t)
	for _, r := range x.Book().Rules {
		t.Run(r.ID, func(t *testing.T) {
			for _, s := range r.Yes {
				if _, fired := x.Trace(sentence(s)); !slices.Contains(fired, r.ID) {
					t.Errorf("does not fire on its yes sentence %q (fired: %v)", s, fired)
				}
			}
			for _, s := range r.No {
				if _, fired := x.Trace(sentence(s)); slices.Contains(fired, r.ID) {
					t.Errorf("fires on its no sentence %q", s)
				}
			}
		})
	}
}

// TestRuleBookShape: every rule says what it covers, has a positive and a
// negative test, and every action verb is one the engine knows.
func TestRuleBookShape(t *testing.T) {
	x := extractor(t)
	verbs := map[string][]string{
		"split": {"split"}, "skip": {"skip"}, "drop": {"drop"}, "veto": {"veto"},
		"cue":  {"class", "demote", "merge-only", "anaphoric", "demonstrative", "another", "also", "shift", "not-anaphoric"},
		"role": {"role"}, "toll": {"dead", "not-dead"}, "date": {"report", "ignore"},
		"place": {"office", "not-place", "locator", "origin"},
		"type":  {"class", "sub", "merge-only", "swap", "actor1", "actor2"},
		"flag":  {"background", "aggregate", "claimed", "suspected", "unknown", "one-place-list", "merge-only"},
		"imply": {"actor1", "actor2", "sub", "swap", "class"},
	}
	for _, r := range x.Book().Rules {
		if len(r.No) == 0 {
			t.Errorf("%s (%s:%d) has no «no:» sentence", r.ID, r.File, r.Line)
		}
		if !slices.Contains(verbs[string(r.Stage)], r.Verb()) {
			t.Errorf("%s (%s:%d): action %q is not one of %v", r.ID, r.File, r.Line, r.Verb(), verbs[string(r.Stage)])
		}
		if r.Verb() == "role" {
			if _, ok := roleNames[r.Arg(0)]; !ok {
				t.Errorf("%s: unknown role %q", r.ID, r.Arg(0))
			}
		}
		if r.Verb() == "class" {
			if _, ok := x.cues[r.Arg(0)]; !ok {
				t.Errorf("%s: unknown cue class %q", r.ID, r.Arg(0))
			}
		}
	}
}
