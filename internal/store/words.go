package store

import (
	"strings"
	"sync"

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
// They come back joined by spaces (FTS5's column; no word holds a space),
// built here, where documents are prepared, to keep the join off the single
// writer; lexemes cuts them into PostgreSQL's list.
func indexWords(a *text.Analysis) (joined string) {
	sc := wordScratch.Get().(*wordsScratch)
	defer sc.release()
	size := 0 // bytes of the words so far, each with its separator
	add := func(w string) {
		if _, ok := sc.seen[w]; ok || len(w) > maxWordBytes || size+len(w) > maxIndexBytes {
			return
		}
		sc.seen[w] = struct{}{}
		size += len(w) + 1
		if len(sc.buf) > 0 {
			sc.buf = append(sc.buf, ' ')
		}
		sc.buf = append(sc.buf, w...)
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
	return string(sc.buf)
}

// wordsScratch is what indexWords needs while it runs: the set of the words
// taken and the joined words being written. Made afresh for every document
// (a set sized to its tokens, a builder and a list growing), they were a
// quarter of all that rasd ingest allocated (heap profile of the bench
// corpus); pooled, a document costs its joined string.
type wordsScratch struct {
	seen map[string]struct{}
	buf  []byte
}

var wordScratch = sync.Pool{New: func() any { return &wordsScratch{seen: map[string]struct{}{}} }}

// release empties sc, so that it keeps no document's words alive, and
// pools it.
func (sc *wordsScratch) release() {
	clear(sc.seen)
	sc.buf = sc.buf[:0]
	wordScratch.Put(sc)
}

// lexemes are indexWords' words one by one, PostgreSQL's lexemes: never
// nil, as an empty array is no NULL.
func lexemes(joined string) []string {
	if joined == "" {
		return []string{}
	}
	return strings.Split(joined, " ")
}

// queryWords are the words of a full-text query, all of which a document
// must contain. Only each word's surface is looked for: the index holds the
// readings without clitics, so «غارات» finds «والغارات», while «والغارات»
// finds only that spelling, as the user typed it.
func queryWords(q string) []string {
	return text.Tokenize(q)
}
