package actors

import (
	"testing"

	"rasd/internal/text"
)

// BenchmarkLoad measures building the lexicon from the embedded files; Load
// itself does this once per process.
func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := load(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFind measures Find alone on real news, its Analysis made
// beforehand; SetBytes makes ns/op comparable as MB/s of text.
func BenchmarkFind(b *testing.B) {
	docs := readBench(b, 500, func(d benchDoc) bool { return d.Category == "middleEast" })
	l := lex(b)
	as := make([]*text.Analysis, len(docs))
	size := 0
	for i, d := range docs {
		as[i] = text.Analyze(d.Text)
		size += len(d.Text)
	}
	b.SetBytes(int64(size / len(docs)))
	i := 0
	for b.Loop() {
		l.Find(as[i%len(as)])
		i++
	}
}

// BenchmarkFindSeed is Find on the seed article, for a figure per document.
func BenchmarkFindSeed(b *testing.B) {
	s := string(readShared(b, "seeds/000_b9b80873b51c7c98.txt"))
	l := lex(b)
	a := text.Analyze(s)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		l.Find(a)
	}
}
