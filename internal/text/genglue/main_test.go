package main

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"rasd/internal/lexicon"
	"rasd/internal/text"
)

// TestGlueWordsAreFresh holds the checked-in glue-words.bin to what its
// sources make: a lexicon changed, the bench corpus replaced, or the table's
// format or thresholds changed without `go generate ./internal/text` fails
// here. The bench corpus lives beside the repository (../shared), which a
// clean clone may lack: then the test skips and the checked-in file stands.
func TestGlueWordsAreFresh(t *testing.T) {
	bench := "../" + defaultBench // run from internal/text/genglue
	if _, err := os.Stat(bench); err != nil {
		t.Skipf("bench corpus not available (%v): glue-words.bin cannot be rebuilt here; it lives in ../shared beside the repository", err)
	}
	want, err := build(bench)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("../glue-words.bin")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("glue-words.bin (%d bytes) is not what the bench corpus and the lexicons make (%d bytes): run go generate ./internal/text", len(got), len(want))
	}
}

// No name of a lexicon is cut by the segmenter: every word of it is a name
// word of the table, so the text layer reads a name as the lexicons do,
// however rare it is in the news.
func TestNamesAreNeverCut(t *testing.T) {
	files := []string{"sites.tsv", "admin1.tsv", "wof-overrides.tsv", "actors.tsv", "actor-aliases.tsv", "actor-generics.tsv", "triggers.tsv"}
	for _, f := range lexicon.WOFFiles {
		files = append(files, f.Name)
	}
	names := 0
	for _, f := range files {
		cols, ok := lexiconColumns[f]
		if !ok {
			cols = wofColumns
		}
		err := lexicon.ReadTSV(f, func(r lexicon.Row) error {
			for _, c := range cols {
				for _, name := range strings.Split(r.Get(c), "|") {
					if name == "" {
						continue
					}
					names++
					if cut := cutIn(name); cut != "" {
						t.Errorf("%s:%d: %s is cut: %s", f, r.Line, name, cut)
					}
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if names < 50000 {
		t.Fatalf("only %d names read", names)
	}
}

// cutIn is the original text around the first cut the tokenizer makes in
// s, or "".
func cutIn(s string) string {
	a := text.Analyze(s)
	for i := 1; i < len(a.Tokens); i++ {
		p, q := a.Tokens[i-1], a.Tokens[i]
		if p.Kind == text.Word && q.Kind == text.Word && p.NEnd == q.NStart {
			return a.Slice(p.Start, p.End) + "|" + a.Slice(q.Start, q.End)
		}
	}
	return ""
}
