package store

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"rasd/internal/extract"
	"rasd/internal/mention"
	"rasd/internal/text"
)

// PrepareAnalyzed must index exactly the words Prepare does, whether it is
// handed the extractor's analysis, a fresh one, or one of another text.
func TestPrepareAnalyzedIndexesTheSameWords(t *testing.T) {
	lex, err := mention.Load()
	if err != nil {
		t.Fatal(err)
	}
	x := extract.New(lex)
	for _, f := range world {
		want, err := Prepare(f.doc, f.res)
		if err != nil {
			t.Fatal(err)
		}
		if words := lexemes(want.joinedWords); want.joinedWords != strings.Join(words, " ") || slices.Contains(words, "") {
			t.Errorf("%s: the FTS5 column %q is not the PostgreSQL lexemes %q joined", f.doc.ID, want.joinedWords, words)
		}
		// The extractor's analysis has been through every finder, which
		// must have left its tokens and readings as they were.
		_, extracted := x.ExtractAnalyzed(f.doc)
		analyses := map[string]*text.Analysis{
			"the extractor's": extracted,
			"a fresh":         text.Analyze(f.doc.Text),
			"another text's":  text.Analyze(f.doc.Text + " وزيادة"),
			"no":              nil,
		}
		for name, a := range analyses {
			got, err := PrepareAnalyzed(f.doc, f.res, a)
			if err != nil {
				t.Fatal(err)
			}
			if got.joinedWords != want.joinedWords {
				t.Errorf("%s with %s analysis: words %q, want %q", f.doc.ID, name, got.joinedWords, want.joinedWords)
			}
		}
	}
}

func TestIndexWordsStopAtTheCap(t *testing.T) {
	// Distinct numbers, so that none is left out as a repeat: some 700 KB.
	var b strings.Builder
	for i := range 120000 {
		b.WriteString(" " + strconv.Itoa(i))
	}
	joined := indexWords(text.Analyze(b.String()))
	words := lexemes(joined)
	size := 0
	for _, w := range words {
		size += len(w) + 1
	}
	if size > maxIndexBytes || size < maxIndexBytes-maxWordBytes-1 {
		t.Errorf("the words take %d bytes, want just under %d", size, maxIndexBytes)
	}
	if joined != strings.Join(words, " ") {
		t.Error("the joined words are not the words joined")
	}
}
