package main

import (
	"encoding/json"
	"fmt"
	"io"
	"rasd/internal/document"
	"runtime"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"rasd/internal/event"
	"rasd/internal/extract"
	"rasd/internal/mention"
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
			lex, err := mention.Load()
			if err != nil {
				return err
			}
			x := extract.New(lex)
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

func writeEventTable(w io.Writer, res event.Result) error {
	fmt.Fprintf(w, "== %s  published %s  %d event(s)\n", res.Doc.ID, orDash(res.Doc.Published), len(res.Events))
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
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
		fmt.Fprintf(tw, "%s\t%s / %s\t%s → %s\t%s\t%s\tdead %s\t%s\n", e.ID, e.EventType, e.SubEventType,
			actorID(e.Actor1, e.AssocActor1), actorID(e.Actor2, e.AssocActor2), where, date, deaths, strings.Join(flags, ","))
		fmt.Fprintf(tw, "\t«%s»\t\t\t\t\t\n", clip(e.Evidence[0].Text, 90))
	}
	return tw.Flush()
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
