// Command gencommon writes the words that are common in a news corpus: the
// list dedup reads to tell the rare words two reports share (names of
// people, sites, units) from the vocabulary every report uses.
//
//	go run ./internal/dedup/gencommon -min 100 corpus.jsonl.gz > internal/dedup/common-words.txt
//
// A word is common when more than -min documents of the corpus hold it.
// Words are cut and normalised as dedup cuts them (dedup.Words).
package main

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"rasd/internal/dedup"
)

func main() {
	minDocs := flag.Int("min", 100, "a word held by more documents than this is common")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: gencommon [-min N] corpus.jsonl[.gz]")
		os.Exit(2)
	}
	df, n, err := count(flag.Arg(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	var common []string
	for w, c := range df {
		if c > *minDocs {
			common = append(common, w)
		}
	}
	sort.Strings(common)
	out := bufio.NewWriter(os.Stdout)
	fmt.Fprintf(out, "# Words held by more than %d of %d news articles (title and text), cut and\n", *minDocs, n)
	fmt.Fprintf(out, "# normalised as dedup.Words cuts them; written by internal/dedup/gencommon.\n")
	for _, w := range common {
		fmt.Fprintln(out, w)
	}
	if err := out.Flush(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// count reads JSON Lines documents with "title" and "text" and returns each
// word's document frequency and the number of documents.
func count(path string) (map[string]int, int, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return nil, 0, err
		}
		r = zr
	}
	df := map[string]int{}
	n := 0
	dec := json.NewDecoder(r)
	for {
		var d struct{ Title, Text string }
		if err := dec.Decode(&d); err == io.EOF {
			break
		} else if err != nil {
			return nil, 0, fmt.Errorf("document %d: %w", n+1, err)
		}
		n++
		seen := map[string]bool{}
		for _, w := range dedup.Words(d.Title + "\n" + d.Text) {
			if !seen[w] {
				seen[w] = true
				df[w]++
			}
		}
	}
	return df, n, nil
}
