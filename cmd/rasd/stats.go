package main

import (
	"encoding/csv"
	"fmt"
	"strconv"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"rasd/internal/store"
)

func newStatsCmd() *cobra.Command {
	var (
		ff     filterFlags
		format string
	)
	c := &cobra.Command{
		Use:   "stats",
		Short: "Count the stored events by week, event type, province and actor",
		Long: `stats counts the merged events that pass the filters by ISO week (its Monday),
event type, province (with its country) and actor1, with their fatalities: a table to read, or CSV
for a spreadsheet. An event reported by several outlets counts once.`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			if format != "table" && format != "csv" {
				return usageError{fmt.Errorf("--format %q: want table or csv", format)}
			}
			f, err := ff.filter()
			if err != nil {
				return err
			}
			st, err := openExisting(c.Context(), ff.db)
			if err != nil {
				return err
			}
			defer st.Close()
			rows, err := st.Stats(c.Context(), f)
			if err != nil {
				return queryError(err)
			}
			if format == "csv" {
				return writeStatsCSV(c, rows)
			}
			return writeStatsTable(c, rows)
		},
	}
	ff.register(c)
	c.Flags().StringVar(&format, "format", "table", "table or csv")
	return c
}

// statsHeader: the country and the province's code come last, so that the
// columns of earlier versions keep their places; they tell apart the few
// provinces that share a name ("Al Jawf" of Yemen and of Saudi Arabia).
var statsHeader = []string{"week", "event_type", "admin1", "actor", "events", "fatalities", "country", "admin1_code"}

func writeStatsCSV(c *cobra.Command, rows []store.StatRow) error {
	w := csv.NewWriter(c.OutOrStdout())
	w.Write(statsHeader)
	for _, r := range rows {
		w.Write([]string{r.Week, r.EventType, r.Admin1, r.Actor, strconv.Itoa(r.Events), strconv.Itoa(r.Fatalities), r.Country, r.Admin1Code})
	}
	w.Flush()
	return w.Error()
}

func writeStatsTable(c *cobra.Command, rows []store.StatRow) error {
	tw := tabwriter.NewWriter(c.OutOrStdout(), 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "week\tevent type\tcountry\tadmin1\tactor\tevents\tfatalities\t")
	events, deaths := 0, 0
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d\t%d\t\n", orDash(r.Week), r.EventType, orDash(r.Country), orDash(r.Admin1), orDash(r.Actor), r.Events, r.Fatalities)
		events += r.Events
		deaths += r.Fatalities
	}
	fmt.Fprintf(tw, "total\t\t\t\t\t%d\t%d\t\n", events, deaths)
	return tw.Flush()
}
