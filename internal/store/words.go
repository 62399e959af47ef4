package store

import (
	"strings"

	"rasd/internal/text"
)

const (
	maxWordBytes  = 255
	maxIndexBytes = 512 << 10
)

// indexWords are the words a document is found under: every word and number
// token of rasd's normaliser, and every clitic reading of each word, so that
// «غارات» finds «والغارات» and «بالغارات». Both databases index exactly these
// strings (FTS5 splits them on the spaces only; PostgreSQL takes them as
// lexemes), so a word matches the same documents in either.
//
// PostgreSQL caps a lexeme at 2 KB and a tsvector at 1 MB, so longer words
// are left out and the words stop at maxIndexBytes, in both stores alike: a
// document that long is still found by the words of its first part.
//
// They come back twice, as a list (PostgreSQL's lexemes) and joined by
// spaces (FTS5's column), the list slicing the joined text so that the two
// cost one copy; building both here keeps the join off the single writer.
func indexWords(a *text.Analysis) (words []string, joined string) {
	seen := make(map[string]struct{}, len(a.Tokens))
	var (
		b     strings.Builder
		spans [][2]int
		size  int // bytes of the words so far, each with its separator
	)
	add := func(w string) {
		if _, ok := seen[w]; ok || len(w) > maxWordBytes || size+len(w) > maxIndexBytes {
			return
		}
		seen[w] = struct{}{}
		size += len(w) + 1
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		spans = append(spans, [2]int{b.Len(), b.Len() + len(w)})
		b.WriteString(w)
	}
	for i, t := range a.Tokens {
		switch t.Kind {
		case text.Word:
			for _, f := range a.Forms(i) {
				add(f.Text)
			}
		case text.Number:
			add(t.Text)
		}
	}
	joined = b.String()
	words = make([]string, len(spans))
	for i, s := range spans {
		words[i] = joined[s[0]:s[1]]
	}
	return words, joined
}

// queryWords are the words of a full-text query, all of which a document
// must contain. Only each word's surface is looked for: the index holds the
// readings without clitics, so «غارات» finds «والغارات», while «والغارات»
// finds only that spelling, as the user typed it.
func queryWords(q string) []string {
	return text.Tokenize(q)
}
