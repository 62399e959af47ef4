package main

import (
	"encoding/json"
	"fmt"
	"rasd/internal/document"

	"github.com/spf13/cobra"

	"rasd/internal/eval"
	"rasd/internal/event"
	"rasd/internal/ingest"
)

func newEvalCmd() *cobra.Command {
	var (
		gold   string
		asJSON bool
	)
	c := &cobra.Command{
		Use:   "eval --gold FILE_OR_DIR",
		Short: "Score extraction against gold-annotated articles, as shared/ANNOTATION.md says",
		Long: `eval runs extraction on every article of the gold file (or every *.jsonl in a
directory) and reports event precision, recall and F1, per-field accuracy on
matched pairs, their mean, and per document the missed and spurious events.`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if gold == "" {
				return usageError{fmt.Errorf("--gold is required (a gold .jsonl file or a directory of them)")}
			}
			docs, err := eval.LoadGold(gold)
			if err != nil {
				return err
			}
			_, x, err := loadExtractor()
			if err != nil {
				return err
			}
			results := make([]event.Result, 0, len(docs))
			for _, g := range docs {
				doc := &document.Document{ID: g.ID, Source: g.Source, URL: g.URL, Title: g.Title, Text: g.Text}
				if g.Published != "" {
					if doc.Published, err = ingest.ParseDate(g.Published); err != nil {
						return fmt.Errorf("%s: %w", g.ID, err)
					}
				}
				res, err := x.ExtractSafe(doc)
				if err != nil {
					return fmt.Errorf("%s: %w", g.ID, err)
				}
				results = append(results, res)
			}
			rep := eval.Score(docs, results)
			if asJSON {
				enc := json.NewEncoder(c.OutOrStdout())
				enc.SetEscapeHTML(false)
				enc.SetIndent("", "  ")
				return enc.Encode(rep)
			}
			return rep.WriteText(c.OutOrStdout())
		},
	}
	c.Flags().StringVar(&gold, "gold", "", "gold .jsonl file or directory")
	c.Flags().BoolVar(&asJSON, "json", false, "print the report as JSON")
	return c
}
