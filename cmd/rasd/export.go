package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"rasd/internal/event"
)

var exportFormats = []string{"acled-csv", "jsonl", "geojson"}

func newExportCmd() *cobra.Command {
	var (
		ff     filterFlags
		format string
		sort   string
		limit  int
	)
	c := &cobra.Command{
		Use:   "export",
		Short: "Write the stored events, merged across sources, as ACLED CSV, JSON Lines or GeoJSON",
		Long: `export writes the stored events that pass the filters to standard output, one
merged event per occurrence however many articles reported it:

  acled-csv  ACLED's 31 columns first, then rasd's, then the cluster id and
             every source (count, outlets, URLs, document ids)
  jsonl      one stored event (shared/SCHEMA.md) per line, sources included
  geojson    a FeatureCollection, one Point per event (null geometry when
             the place is unknown)

Rows are streamed from the store as they are read, so the size of the export
does not matter.`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			if !oneOf(format, exportFormats) {
				return usageError{fmt.Errorf("--format %q: want one of %s", format, strings.Join(exportFormats, ", "))}
			}
			if limit < 0 {
				return usageError{fmt.Errorf("--limit %d: want 0 (no limit) or more", limit)}
			}
			f, err := ff.filter()
			if err != nil {
				return err
			}
			f.Sort, f.Limit = sort, limit
			if err := f.Validate(); err != nil {
				return usageError{err}
			}
			st, err := openExisting(c.Context(), ff.db)
			if err != nil {
				return err
			}
			defer st.Close()
			out := bufio.NewWriterSize(c.OutOrStdout(), 64<<10)
			var write func(*event.Stored) error
			var closeOut func() error
			switch format {
			case "acled-csv":
				w := event.NewCSVWriter(out)
				write, closeOut = w.WriteStored, w.Flush
			case "jsonl":
				enc := json.NewEncoder(out)
				enc.SetEscapeHTML(false)
				write = func(s *event.Stored) error { return enc.Encode(s) }
				closeOut = func() error { return nil }
			case "geojson":
				w := event.NewGeoJSONWriter(out)
				write, closeOut = w.WriteStored, w.Close
			}
			err = st.Events(c.Context(), f, write)
			if cerr := closeOut(); err == nil {
				err = cerr
			}
			if ferr := out.Flush(); err == nil {
				err = ferr
			}
			return queryError(err)
		},
	}
	ff.register(c)
	c.Flags().StringVar(&format, "format", "acled-csv", "acled-csv, jsonl or geojson")
	c.Flags().StringVar(&sort, "sort", "date", "date (newest first), -date (oldest first) or fatalities")
	c.Flags().IntVar(&limit, "limit", 0, "at most this many events (0: all)")
	return c
}
