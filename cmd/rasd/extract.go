package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"strings"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"rasd/internal/document"
	"rasd/internal/event"
	"rasd/internal/extract"
)

var extractFormats = []string{"table", "json", "csv", "geojson"}

func newExtractCmd() *cobra.Command {
	var (
		df      docFlags
		format  string
		explain bool
		trace   bool
		workers int
	)
	c := &cobra.Command{
		Use:   "extract [FILE|DIR|URL|-]...",
		Short: "Code the ACLED events reported in articles, with the words that support each field",
		Long: `extract reads articles (text, HTML pages, RSS/Atom feeds, JSON Lines files with
{"id","source","url","published","title","text"} per line, directories of
them, .gz, http(s) URLs; JSON Lines on standard input when there is no
argument or it is "-") and writes the events of each (shared/SCHEMA.md): --format json (one object per document),
table (a summary to read), csv (ACLED's 31 columns, then rasd's) or geojson.`,
		Args: cobra.ArbitraryArgs,
		RunE: func(c *cobra.Command, args []string) error {
			if format == "" {
				format = "json"
				if isTerminal(c.OutOrStdout()) {
					format = "table"
				}
			}
			if workers < 1 {
				return usageError{fmt.Errorf("--workers %d: want at least 1", workers)}
			}
			if !oneOf(format, extractFormats) {
				return usageError{fmt.Errorf("--format %q: want one of %s", format, strings.Join(extractFormats, ", "))}
			}
			_, x, err := loadExtractor()
			if err != nil {
				return err
			}
			out := c.OutOrStdout()
			w := newResultWriter(format, out)
			c.SetErr(&lockedWriter{w: c.ErrOrStderr()})
			type extracted struct {
				res   event.Result
				fired []string
				err   error
			}
			broken, failed := 0, 0
			read := func(send func(*document.Document) error) error {
				var err error
				failed, err = df.eachDocument(c, args, send)
				return err
			}
			work := func(doc *document.Document) extracted {
				if trace {
					res, fired, err := x.TraceSafe(doc)
					return extracted{res, fired, err}
				}
				res, err := x.ExtractSafe(doc)
				return extracted{res: res, err: err}
			}
			err = inOrder(c.Context(), workers, read, work, func(doc *document.Document, e extracted) error {
				if e.err != nil {
					broken++
					fmt.Fprintf(c.ErrOrStderr(), "rasd: skipped %s: %v\n", doc.ID, e.err)
					return nil
				}
				if err := w.write(doc, e.res); err != nil {
					return err
				}
				if explain {
					fmt.Fprint(c.ErrOrStderr(), extract.Explain(e.res))
				}
				if trace {
					fmt.Fprintf(c.ErrOrStderr(), "%s: rules fired: %s\n", doc.ID, strings.Join(e.fired, " "))
				}
				return nil
			})
			if cerr := w.close(); err == nil {
				err = cerr
			}
			if err != nil {
				return err
			}
			return skipped(c, failed+broken)
		},
	}
	df.register(c)
	c.Flags().StringVar(&format, "format", "", "table, json, csv or geojson (default: table on a terminal, json otherwise)")
	c.Flags().IntVar(&workers, "workers", runtime.NumCPU(), "documents extracted at once (the output keeps the input's order)")
	c.Flags().BoolVar(&explain, "explain", false, "print on stderr, for each event, the lexicon entries and patterns that made it")
	c.Flags().BoolVar(&trace, "trace", false, "print on stderr every rule that fired on each document, in order, vetoes and drops included (for rule authors)")
	return c
}

func oneOf(s string, set []string) bool {
	for _, x := range set {
		if s == x {
			return true
		}
	}
	return false
}

// resultWriter streams extraction results in one output format.
type resultWriter struct {
	format string
	out    io.Writer
	enc    *json.Encoder
	csv    *event.CSVWriter
	geo    *event.GeoJSONWriter
}

func newResultWriter(format string, out io.Writer) *resultWriter {
	w := &resultWriter{format: format, out: out}
	switch format {
	case "json":
		w.enc = json.NewEncoder(out)
		w.enc.SetEscapeHTML(false)
	case "csv":
		w.csv = event.NewCSVWriter(out)
	case "geojson":
		w.geo = event.NewGeoJSONWriter(out)
	}
	return w
}

func (w *resultWriter) write(doc *document.Document, res event.Result) error {
	switch w.format {
	case "json":
		return w.enc.Encode(res)
	case "csv":
		return w.csv.Write(res)
	case "geojson":
		return w.geo.Write(res)
	}
	return writeEventTable(w.out, res)
}

func (w *resultWriter) close() error {
	switch w.format {
	case "csv":
		return w.csv.Flush()
	case "geojson":
		return w.geo.Close()
	}
	return nil
}

// tableWidth is the terminal width the table keeps to: each event is a
// head line of its type, a line of who, where, when and the dead, and its
// evidence wrapped below.
const tableWidth = 100

func writeEventTable(w io.Writer, res event.Result) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "== %s  published %s  %d event(s)\n", res.Doc.ID, orDash(res.Doc.Published), len(res.Events))
	for _, e := range res.Events {
		date, where, deaths := "-", "-", "-"
		if e.Date != nil {
			date = fmt.Sprintf("%s (p%d)", e.Date.EventDate, e.Date.TimePrecision)
		}
		if e.Location != nil {
			where = fmt.Sprintf("%s, %s (p%d)", e.Location.NameEN, orDash(e.Location.Admin1), e.Location.GeoPrecision)
		}
		if e.Fatalities != nil {
			deaths = fmt.Sprint(e.Fatalities.Count)
			if e.Fatalities.Approx {
				deaths += "~"
			}
		}
		var flags []string
		if e.Certainty != event.Reported {
			flags = append(flags, e.Certainty)
		}
		if e.Background {
			flags = append(flags, "background")
		}
		if e.Aggregate {
			flags = append(flags, "aggregate")
		}
		id := e.ID
		if i := strings.LastIndexByte(id, '#'); i >= 0 {
			id = id[i:]
		}
		head := fmt.Sprintf("%-4s %s / %s", id, e.EventType, e.SubEventType)
		if len(flags) > 0 {
			head += "  [" + strings.Join(flags, ", ") + "]"
		}
		fmt.Fprintln(bw, clip(head, tableWidth-1))
		facts := []string{actorID(e.Actor1, e.AssocActor1) + " → " + actorID(e.Actor2, e.AssocActor2), where, date, "dead " + deaths}
		for _, line := range wrapWords(strings.Join(facts, " · "), tableWidth-5) {
			fmt.Fprintln(bw, "     "+line)
		}
		if len(e.Evidence) > 0 {
			lines := wrapWords("«"+strings.Join(strings.Fields(e.Evidence[0].Text), " ")+"»", tableWidth-5)
			if len(lines) > maxEvidenceLines {
				lines = lines[:maxEvidenceLines]
				lines[maxEvidenceLines-1] = strings.TrimSuffix(clip(lines[maxEvidenceLines-1], tableWidth-7), "…") + "…"
			}
			for _, line := range lines {
				fmt.Fprintln(bw, "     "+line)
			}
		}
	}
	return bw.Flush()
}

// maxEvidenceLines: the table shows the start of a long sentence; json and
// csv carry it whole.
const maxEvidenceLines = 3

// wrapWords breaks s into lines of at most width code points at spaces (a
// word longer than width gets a line of its own, cut).
func wrapWords(s string, width int) []string {
	var lines []string
	var cur strings.Builder
	n := 0
	for _, word := range strings.Fields(s) {
		wn := utf8.RuneCountInString(word)
		if n > 0 && n+1+wn > width {
			lines = append(lines, cur.String())
			cur.Reset()
			n = 0
		}
		if n > 0 {
			cur.WriteByte(' ')
			n++
		}
		if wn > width {
			word, wn = clip(word, width-1), width
		}
		cur.WriteString(word)
		n += wn
	}
	if n > 0 {
		lines = append(lines, cur.String())
	}
	return lines
}

func actorID(a *event.Actor, assoc []event.Actor) string {
	if a == nil {
		return "-"
	}
	s := a.ID
	for _, x := range assoc {
		s += "+" + x.ID
	}
	return s
}
