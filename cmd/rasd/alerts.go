package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"rasd/internal/alerting"
	"rasd/internal/event"
	"rasd/internal/store"
	"rasd/internal/trend"
)

var alertFormats = []string{"table", "json"}

func newAlertsCmd() *cobra.Command {
	var (
		db, asOf, format, country, admin1 string
		show                              int
	)
	c := &cobra.Command{
		Use:   "alerts",
		Short: "Surges, threats, trend changes and emerging actors by governorate and actor (ACLED's early-warning rules)",
		Long: `alerts reads the stored events and applies ACLED's early-warning rules to the
weekly count of political violence in each governorate (admin1) and for each
actor: Subnational Surge (last week at least twice the four weeks before),
Subnational Threat (the last four weeks at least twice the past year's weekly
average), Trendfinder's change bands against the 4- and 52-week averages, the
highest week in N weeks, and emerging actors (violent this month after three
months or more without any event). docs/design.md gives the rules and their
sources.

The week is the last complete ISO week (Monday to Sunday) as of --as-of, by
default the latest event date in the store, so an old corpus still gives
alerts. --format json prints the report that GET /api/alerts serves.`,
		Args: func(c *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usageError{fmt.Errorf("alerts takes no arguments, got %q (see 'rasd alerts --help')", args[0])}
			}
			return nil
		},
		RunE: func(c *cobra.Command, args []string) error {
			if format == "" {
				format = "json"
				if isTerminal(c.OutOrStdout()) {
					format = "table"
				}
			}
			if !oneOf(format, alertFormats) {
				return usageError{fmt.Errorf("--format %q: want one of %s", format, strings.Join(alertFormats, ", "))}
			}
			var at time.Time
			if asOf != "" {
				t, err := time.Parse("2006-01-02", strings.TrimSpace(asOf))
				if err != nil {
					return usageError{fmt.Errorf("--as-of %q: want a date YYYY-MM-DD, e.g. 2019-03-27", asOf)}
				}
				at = t
			}
			if show < 0 {
				return usageError{fmt.Errorf("--events %d: want 0 or more", show)}
			}
			ctx := c.Context()
			if ctx == nil {
				ctx = context.Background()
			}
			f := store.Filter{Country: country, Admin1: admin1}
			if err := f.Validate(); err != nil {
				return usageError{err}
			}
			st, err := openAlertStore(ctx, db)
			if err != nil {
				return err
			}
			defer st.Close()
			r, err := alertReport(ctx, st, at, f)
			if err != nil {
				return err
			}
			out := c.OutOrStdout()
			if format == "json" {
				enc := json.NewEncoder(out)
				enc.SetEscapeHTML(false)
				enc.SetIndent("", "  ")
				return enc.Encode(r)
			}
			return writeAlertsTable(out, r, show, func(id string) (*event.Stored, error) { return st.Event(ctx, id) })
		},
	}
	c.Flags().StringVar(&db, "db", "rasd.db", "the store: a SQLite file or a postgres:// URL")
	c.Flags().StringVar(&asOf, "as-of", "", "date the alerts are computed as of, YYYY-MM-DD (default: the latest event date in the store)")
	c.Flags().StringVar(&format, "format", "", "table or json (default: table on a terminal, json otherwise)")
	c.Flags().StringVar(&country, "country", "", "only events in this country: its ISO 3166 code (SYR, YEM) or its English or Arabic name")
	c.Flags().StringVar(&admin1, "admin1", "", "only events in this governorate or province of any of the 23 countries (HASC code, English or Arabic name)")
	c.Flags().IntVar(&show, "events", 3, "events to list under each alert in the table")
	return c
}

// openAlertStore opens an existing store: reading alerts must not leave an
// empty database behind a mistyped file name.
func openAlertStore(ctx context.Context, dsn string) (store.Store, error) {
	if !strings.Contains(dsn, "://") && strings.TrimSpace(dsn) != "" {
		if _, err := os.Stat(dsn); errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("no store at %s: store documents first, or name the store with --db", dsn)
		}
	}
	return store.Open(ctx, dsn)
}

// alertReport is alerting.Report, with an unknown province or country a
// usage error.
func alertReport(ctx context.Context, st store.Store, at time.Time, f store.Filter) (trend.Report, error) {
	r, err := alerting.Report(ctx, st, at, f)
	if errors.Is(err, store.ErrBadFilter) {
		return trend.Report{}, usageError{err}
	}
	return r, err
}

func writeAlertsTable(w io.Writer, r trend.Report, show int, lookup func(id string) (*event.Stored, error)) error {
	fmt.Fprintf(w, "as of %s: week %s (%s to %s)\n", r.AsOf, r.Week, r.WeekStart, r.WeekEnd)
	if r.Events == 0 {
		fmt.Fprintln(w, "no events up to the end of that week")
	} else {
		fmt.Fprintf(w, "%d events, %d of them political violence; reports from %s", r.Events, r.Violent, r.DataStart)
		if r.CoveredFrom != "" {
			fmt.Fprintf(w, ", every week covered since %s", r.CoveredFrom)
		} else {
			fmt.Fprintf(w, ", none within %d weeks of this one: no rule applies", trend.DefaultOptions().MaxGapWeeks+1)
		}
		if n := r.Later + r.Undated + r.Vague + r.Misdated; n > 0 {
			fmt.Fprintf(w, "; not counted: %d after the week, %d without a date, %d dated only to more than a month, %d dated after their reports",
				r.Later, r.Undated, r.Vague, r.Misdated)
		}
		fmt.Fprintln(w)
	}
	if len(r.Alerts) == 0 {
		fmt.Fprintln(w, "no alerts")
		return nil
	}
	fmt.Fprintf(w, "%d alert(s)\n", len(r.Alerts))
	for _, a := range r.Alerts {
		where := a.KeyKind
		if a.Country != "" {
			where += ", " + a.Country
		}
		kind := a.Kind
		if a.Band != "" {
			kind += " (" + a.Band + ")"
		}
		change := "-"
		if a.Change != nil {
			change = fmt.Sprintf("%+.0f%%", *a.Change*100)
		}
		figures := fmt.Sprintf("current %s  baseline %s over %d weeks  change %s", alertNum(a.Current), alertNum(a.Baseline), a.Weeks, change)
		if a.Kind == trend.KindHighest {
			figures = fmt.Sprintf("current %s  highest in %d weeks (previous high %s)", alertNum(a.Current), a.Weeks, alertNum(a.Baseline))
		}
		fmt.Fprintf(w, "\n%s  %s (%s)  %s..%s  %s  events %d  dead %d\n",
			strings.ToUpper(kind), a.Key, where, a.From, a.To, figures, len(a.Events), a.Fatalities)
		fmt.Fprintf(w, "  %s\n", a.Message)
		for i, id := range a.Events {
			if i == show {
				fmt.Fprintf(w, "  … and %d more\n", len(a.Events)-show)
				break
			}
			s, err := lookup(id)
			if err != nil {
				return fmt.Errorf("event %s: %w", id, err)
			}
			fmt.Fprintf(w, "  %s\n", alertEventLine(s))
		}
	}
	return nil
}

func alertEventLine(s *event.Stored) string {
	date, where, dead := "-", "-", "-"
	if s.Date != nil {
		date = s.Date.EventDate
	}
	if l := s.Location; l != nil {
		where = orDash(l.NameEN)
		if l.Admin1 != "" && l.Admin1 != l.NameEN {
			where += ", " + l.Admin1
		}
	}
	if s.Fatalities != nil {
		dead = fmt.Sprint(s.Fatalities.Count)
	}
	line := fmt.Sprintf("%s  %s / %s  %s → %s  %s  dead %s  [%s]", date, s.EventType, s.SubEventType,
		actorID(s.Actor1, s.AssocActor1), actorID(s.Actor2, s.AssocActor2), where, dead, s.ClusterID)
	if len(s.Evidence) > 0 {
		line += "  «" + clip(s.Evidence[0].Text, 70) + "»"
	}
	return line
}

func alertNum(f float64) string {
	if f == float64(int64(f)) {
		return fmt.Sprint(int64(f))
	}
	return fmt.Sprintf("%.2f", f)
}
