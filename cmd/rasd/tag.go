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

	"rasd/internal/mention"
)

func newTagCmd() *cobra.Command {
	var (
		df     docFlags
		format string
	)
	c := &cobra.Command{
		Use:   "tag [FILE|DIR|URL|-]...",
		Short: "Show every place, actor, date, number and event cue found in articles",
		Long: `tag reads articles as extract does (text, HTML, feeds, JSON Lines files,
directories, URLs; JSON Lines on standard input when there is no argument
or it is "-"), and prints the
mentions found in each sentence with their spans in code points.`,
		Args: cobra.ArbitraryArgs,
		RunE: func(c *cobra.Command, args []string) error {
			if format == "" {
				format = "json"
				if isTerminal(c.OutOrStdout()) {
					format = "table"
				}
			}
			if format != "table" && format != "json" {
				return usageError{fmt.Errorf("--format %q: want table or json", format)}
			}
			lex, err := mention.Load()
			if err != nil {
				return err
			}
			out := c.OutOrStdout()
			enc := json.NewEncoder(out)
			enc.SetEscapeHTML(false)
			c.SetErr(&lockedWriter{w: c.ErrOrStderr()})
			failed := 0
			read := func(send func(*document.Document) error) error {
				var err error
				failed, err = df.eachDocument(c, args, send)
				return err
			}
			work := func(doc *document.Document) mention.Output {
				return lex.Find(doc.Text, doc.Published).Output(doc.ID)
			}
			err = inOrder(c.Context(), runtime.NumCPU(), read, work, func(doc *document.Document, o mention.Output) error {
				if format == "json" {
					return enc.Encode(o)
				}
				return writeTagTable(out, doc, o)
			})
			if err != nil {
				return err
			}
			return skipped(c, failed)
		},
	}
	df.register(c)
	c.Flags().StringVar(&format, "format", "", "table or json (default: table on a terminal, json otherwise)")
	return c
}

func writeTagTable(w io.Writer, doc *document.Document, o mention.Output) error {
	fmt.Fprintf(w, "== %s  published %s\n", doc.ID, orDash(doc.PublishedDate()))
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for i, s := range o.Sentences {
		if len(s.Mentions) == 0 {
			continue
		}
		fmt.Fprintf(tw, "[%d]\t%d-%d\t%s\t\n", i+1, s.Start, s.End, clip(s.Text, 70))
		for _, m := range s.Mentions {
			fmt.Fprintf(tw, "\t%s\t%d-%d\t%s\t%s\n", m.Kind, m.Start, m.End, m.Text, describe(m.Value))
		}
	}
	return tw.Flush()
}

func describe(v any) string {
	switch v := v.(type) {
	case mention.PlaceValue:
		return fmt.Sprintf("%s · %s · %s (%s) · %.4f,%.4f · precision %d", v.PlaceID, v.NameEN, orDash(v.Admin1), v.Country, v.Lat, v.Lon, v.GeoPrecision)
	case mention.ActorValue:
		s := fmt.Sprintf("%s · %s · %s · %s", v.ID, v.NameEN, v.Type, v.Kind)
		if v.Resolved && v.Antecedent != nil {
			s += fmt.Sprintf(" · resolved to «%s» at %d", v.Antecedent.Text, v.Antecedent.Start)
		}
		return s
	case mention.DateValue:
		if v.Start == v.End {
			return fmt.Sprintf("%s · precision %d", v.Start, v.TimePrecision)
		}
		return fmt.Sprintf("%s..%s · event_date %s · precision %d", v.Start, v.End, v.EventDate, v.TimePrecision)
	case mention.NumberValue:
		s := strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.3f", v.Value), "0"), ".")
		if v.Percent {
			s += "%"
		}
		if v.Approx {
			s += " (approx)"
		}
		if v.Qualifier != "" {
			s += " " + v.Qualifier
		}
		return s
	case mention.TriggerValue:
		return fmt.Sprintf("%s / %s · %s", v.EventType, v.SubEventType, v.Class)
	}
	return fmt.Sprint(v)
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
