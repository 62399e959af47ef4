package main

import (
	"errors"
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"rasd/internal/event"
	"rasd/internal/store"
)

// newCorrectCmd is the analyst's hand on cross-source merging: why the
// sources of a merged event were joined, and the two corrections the API
// also offers (POST /api/events/{id}/split and /merge).
func newCorrectCmd() *cobra.Command {
	var db string
	c := &cobra.Command{
		Use:   "correct",
		Short: "Show why a merged event's sources were joined; split a source out or merge two events",
		Long: `correct works on the merged events of a store (their ids are the cluster_id of rasd export
and of the API):

  rasd correct why EVENT            each source of the event, and the signals that joined it
  rasd correct split EVENT SOURCE   take the source whose event_id is SOURCE out into an event of its own
  rasd correct merge EVENT OTHER    merge the event OTHER into EVENT

A split or a merge is recorded in the store: articles stored later, an article stored again
with an edited text included, keep it.`,
	}
	c.PersistentFlags().StringVar(&db, "db", "rasd.db", "the store: a SQLite file, or a postgres:// URL")
	why := &cobra.Command{
		Use:   "why EVENT",
		Short: "Each source of a merged event and why it was joined",
		Args:  cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			st, err := openExisting(c.Context(), db)
			if err != nil {
				return err
			}
			defer st.Close()
			e, err := st.Event(c.Context(), args[0])
			if err != nil {
				return correctError(err)
			}
			return writeWhy(c, e)
		},
	}
	split := &cobra.Command{
		Use:   "split EVENT SOURCE",
		Short: "Take one source (its event_id) out of a merged event",
		Args:  cobra.ExactArgs(2),
		RunE: func(c *cobra.Command, args []string) error {
			st, err := openExisting(c.Context(), db)
			if err != nil {
				return err
			}
			defer st.Close()
			id, err := st.Split(c.Context(), args[0], args[1])
			if err != nil {
				return correctError(err)
			}
			fmt.Fprintf(c.OutOrStdout(), "%s split out of %s into %s\n", args[1], args[0], id)
			return nil
		},
	}
	merge := &cobra.Command{
		Use:   "merge EVENT OTHER",
		Short: "Merge the event OTHER into EVENT",
		Args:  cobra.ExactArgs(2),
		RunE: func(c *cobra.Command, args []string) error {
			st, err := openExisting(c.Context(), db)
			if err != nil {
				return err
			}
			defer st.Close()
			if err := st.Join(c.Context(), args[0], args[1]); err != nil {
				return correctError(err)
			}
			fmt.Fprintf(c.OutOrStdout(), "%s merged into %s\n", args[1], args[0])
			return nil
		},
	}
	c.AddCommand(why, split, merge)
	return c
}

// correctError makes a correction that cannot be made a usage error (exit
// 2), as a bad filter is.
func correctError(err error) error {
	if errors.Is(err, store.ErrBadCorrection) || errors.Is(err, store.ErrNotFound) {
		return usageError{err}
	}
	return err
}

func writeWhy(c *cobra.Command, e *event.Stored) error {
	w := tabwriter.NewWriter(c.OutOrStdout(), 0, 4, 2, ' ', 0)
	fmt.Fprintf(w, "%s\t%s / %s\t%d sources\n", e.ClusterID, e.EventType, e.SubEventType, len(e.Sources))
	for i, s := range e.Sources {
		fmt.Fprintf(w, "%d\t%s\t%s\t%s\n", i+1, s.EventID, s.Source, s.Published)
		if s.Why == nil {
			fmt.Fprintf(w, "\tstarted the event\t\t\n")
			continue
		}
		fmt.Fprintf(w, "\tjoined by %s\tscore %.3f\t\n", s.Why.By, s.Why.Score)
		for _, sg := range s.Why.Signals {
			fmt.Fprintf(w, "\t  %s\t%+.2f × %.2f\t%s\n", sg.Name, sg.Value, sg.Weight, sg.Note)
		}
	}
	return w.Flush()
}
