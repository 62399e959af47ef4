// Package lexicon holds rasd's data files (actors, places, triggers, month
// names, number words), embedded in the binary, and the loaders that turn
// them into records. It never matches text: that is the job of the packages
// that own each kind of mention.
package lexicon

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"embed"
	"fmt"
	"io"
	"strings"
)

//go:embed data
var files embed.FS

// Open returns the contents of an embedded data file, decompressed when its
// name ends in .gz.
func Open(name string) (io.ReadCloser, error) {
	f, err := files.Open("data/" + name)
	if err != nil {
		return nil, fmt.Errorf("lexicon: %w", err)
	}
	if !strings.HasSuffix(name, ".gz") {
		return f, nil
	}
	zr, err := gzip.NewReader(f)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("lexicon: %s: %w", name, err)
	}
	return struct {
		io.Reader
		io.Closer
	}{zr, f}, nil
}

// Row is one record of a TSV file, read by column name.
type Row struct {
	File   string
	Line   int
	cols   map[string]int
	fields []string
}

// Get returns the named column, or "" when the row or the file lacks it.
func (r Row) Get(col string) string {
	i, ok := r.cols[col]
	if !ok || i >= len(r.fields) {
		return ""
	}
	return strings.TrimSpace(r.fields[i])
}

// Errorf reports a problem with this row, naming file and line so that a
// reviewer of the data file can find it.
func (r Row) Errorf(format string, args ...any) error {
	return fmt.Errorf("%s:%d: %s", r.File, r.Line, fmt.Sprintf(format, args...))
}

// ReadTSV reads an embedded tab-separated file with a header row. Blank
// lines and lines starting with # are comments, so data files can say where
// their entries come from.
func ReadTSV(name string, each func(Row) error) error {
	rc, err := Open(name)
	if err != nil {
		return err
	}
	defer rc.Close()
	sc := bufio.NewScanner(rc)
	sc.Buffer(make([]byte, 0, 64*1024), 4*1024*1024)
	var cols map[string]int
	line := 0
	for sc.Scan() {
		line++
		b := sc.Bytes()
		if len(bytes.TrimSpace(b)) == 0 || b[0] == '#' {
			continue
		}
		fields := strings.Split(string(b), "\t")
		if cols == nil {
			cols = make(map[string]int, len(fields))
			for i, h := range fields {
				cols[strings.TrimSpace(h)] = i
			}
			continue
		}
		if err := each(Row{File: name, Line: line, cols: cols, fields: fields}); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("lexicon: %s: %w", name, err)
	}
	if cols == nil {
		return fmt.Errorf("lexicon: %s: no header row", name)
	}
	return nil
}

// RuleFile is one embedded rule file of the extractor (data/rules/*.rules):
// its name and text.
type RuleFile struct {
	Name string
	Text string
}

// RuleFiles returns the extractor's rule files in name order, so that the
// book's order (which decides between rules of one stage) never depends on
// the file system.
func RuleFiles() ([]RuleFile, error) {
	entries, err := files.ReadDir("data/rules")
	if err != nil {
		return nil, fmt.Errorf("lexicon: %w", err)
	}
	var out []RuleFile
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".rules") {
			continue
		}
		b, err := files.ReadFile("data/rules/" + e.Name())
		if err != nil {
			return nil, fmt.Errorf("lexicon: %w", err)
		}
		out = append(out, RuleFile{Name: "rules/" + e.Name(), Text: string(b)})
	}
	return out, nil
}

// ReadFile returns the raw bytes of an embedded data file, as stored (a .gz
// file compressed): what a compiled form of the data is checked against.
func ReadFile(name string) ([]byte, error) {
	b, err := files.ReadFile("data/" + name)
	if err != nil {
		return nil, fmt.Errorf("lexicon: %w", err)
	}
	return b, nil
}
