// Command genglue writes glue-words.bin, the vocabulary the text layer's
// segmenter (text/glue.go) splits glued words by. It runs from
// `go generate ./internal/text` and reads two sources:
//
//   - the bench corpus (../shared/data/bench/ant-2018-news.jsonl.gz beside
//     the repository, Apache-2.0), whose words are counted: a part of a
//     split must be a frequent word;
//   - every name of rasd's lexicons (WOF places, sites, provinces, actors
//     and their aliases, triggers), whose words are marked as names: a name
//     is never cut, however rare in the news («رميلان», «بانياس»), so the
//     text layer reads it as the gazetteer and the lexicons key it.
//
// main_test.go holds the checked-in file to what these sources make.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"

	"rasd/internal/gzfile"
	"rasd/internal/lexicon"
	"rasd/internal/text"
)

// defaultBench is the bench corpus as seen from internal/text, where
// go generate runs: ../shared beside the repository's root.
const defaultBench = "../../../shared/data/bench/ant-2018-news.jsonl.gz"

func main() {
	bench := flag.String("bench", defaultBench, "the bench corpus (gzipped JSON lines, field text)")
	out := flag.String("o", "glue-words.bin", "the file to write")
	dump := flag.String("dump", "", "also write every counted word and its count here (for measuring)")
	flag.Parse()
	if err := run(*bench, *out, *dump); err != nil {
		fmt.Fprintln(os.Stderr, "genglue:", err)
		os.Exit(1)
	}
}

func run(bench, out, dump string) error {
	counts, err := countBench(bench)
	if err != nil {
		return err
	}
	names, cues, err := lexiconWords()
	if err != nil {
		return err
	}
	if dump != "" {
		if err := dumpCounts(dump, counts, names); err != nil {
			return err
		}
	}
	return os.WriteFile(out, text.PackGlueWords(counts, names, cues), 0o644)
}

// build is what run writes, for the freshness test.
func build(bench string) ([]byte, error) {
	counts, err := countBench(bench)
	if err != nil {
		return nil, err
	}
	names, cues, err := lexiconWords()
	if err != nil {
		return nil, err
	}
	return text.PackGlueWords(counts, names, cues), nil
}

// countBench counts the normalised words of every article's text. The
// corpus has a few glued words of its own; they are cut where the text
// layer always cuts (text.GlueWords) before counting, so that a glued pair
// is not counted as a word and then never split.
func countBench(path string) (map[string]int, error) {
	zr, err := gzfile.Open(path)
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	counts := map[string]int{}
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 0, 1<<20), 64<<20)
	for sc.Scan() {
		var a struct {
			Text string `json:"text"`
		}
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		text.GlueWords(a.Text, true, func(w string) { counts[w]++ })
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return counts, nil
}

// lexiconColumns are the columns of each lexicon file that hold Arabic
// names or phrases (several names in one column are separated by «|»).
var lexiconColumns = map[string][]string{
	"sites.tsv":          {"name_ar", "aliases_ar"},
	"admin1.tsv":         {"name_ar", "capital_ar", "aliases_ar"},
	"wof-overrides.tsv":  {"add_ar"},
	"actors.tsv":         {"name_ar"},
	"actor-aliases.tsv":  {"alias"},
	"actor-generics.tsv": {"phrase", "alias"},
	"triggers.tsv":       {"phrase"},
}

// wofColumns are the columns of the WOF extracts that hold Arabic names.
var wofColumns = []string{"name_ar", "name_ar_variants", "region_ar", "county_ar"}

// cueFiles are the lexicons of event cues and actors: their words may be
// shorter parts of a split than other words («قصف» of «إنّقصف»).
var cueFiles = map[string]bool{
	"triggers.tsv": true, "actors.tsv": true, "actor-aliases.tsv": true, "actor-generics.tsv": true,
}

// lexiconWords is every word of every name of the lexicons, and those of
// cueFiles.
func lexiconWords() (names, cues map[string]bool, err error) {
	names, cues = map[string]bool{}, map[string]bool{}
	var cue bool
	add := func(field string) {
		for _, name := range strings.Split(field, "|") {
			text.GlueWords(name, false, func(w string) {
				names[w] = true
				if cue {
					cues[w] = true
				}
			})
		}
	}
	files := make([]string, 0, len(lexiconColumns)+len(lexicon.WOFFiles))
	for f := range lexiconColumns {
		files = append(files, f)
	}
	for _, f := range lexicon.WOFFiles {
		files = append(files, f.Name)
	}
	sort.Strings(files)
	for _, f := range files {
		cue = cueFiles[f]
		cols, ok := lexiconColumns[f]
		if !ok {
			cols = wofColumns
		}
		err := lexicon.ReadTSV(f, func(r lexicon.Row) error {
			for _, c := range cols {
				add(r.Get(c))
			}
			return nil
		})
		if err != nil {
			return nil, nil, err
		}
	}
	return names, cues, nil
}

func dumpCounts(path string, counts map[string]int, names map[string]bool) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	seen := map[string]bool{}
	for word, n := range counts {
		fmt.Fprintf(w, "%s\t%d\t%v\n", word, n, names[word])
		seen[word] = true
	}
	for word := range names {
		if !seen[word] {
			fmt.Fprintf(w, "%s\t0\ttrue\n", word)
		}
	}
	if err := w.Flush(); err != nil {
		return err
	}
	return f.Close()
}
