package main

import (
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"

	"rasd/internal/ingest"
)

// docFlags are the flags every command that reads articles shares.
type docFlags struct {
	published string
	id        string
	source    string
	url       string
}

func (f *docFlags) register(c *cobra.Command) {
	c.Flags().StringVar(&f.published, "published", "", "publication date of a text file, YYYY-MM-DD (anchors «أمس», «الشهر الماضي» …)")
	c.Flags().StringVar(&f.id, "id", "", "document id for a text file (default: the file name)")
	c.Flags().StringVar(&f.source, "source", "", "outlet name for a text file")
	c.Flags().StringVar(&f.url, "url", "", "URL of a text file's article")
}

// eachDocument reads the documents a command was given: one UTF-8 text file,
// or JSON Lines on standard input when there is no argument or it is "-".
// A document that cannot be read is reported on stderr and skipped; the
// returned count says how many were.
func (f *docFlags) eachDocument(c *cobra.Command, args []string, fn func(*ingest.Document) error) (failed int, err error) {
	var published time.Time
	if f.published != "" {
		published, err = ingest.ParseDate(f.published)
		if err != nil {
			return 0, usageError{fmt.Errorf("--published: %w", err)}
		}
	}
	if len(args) > 1 {
		return 0, usageError{fmt.Errorf("one input at a time: a text file, or JSON Lines on stdin (got %d arguments)", len(args))}
	}
	if len(args) == 1 && args[0] != "-" {
		doc, err := ingest.ReadTextFile(args[0], ingest.TextOptions{ID: f.id, Source: f.source, URL: f.url, Published: published})
		if err != nil {
			return 0, err
		}
		return 0, fn(doc)
	}
	stderr := c.ErrOrStderr()
	err = ingest.ReadJSONL(c.InOrStdin(), func(doc *ingest.Document, lineErr error) error {
		if lineErr != nil {
			failed++
			fmt.Fprintln(stderr, "rasd: skipped", lineErr)
			return nil
		}
		if doc.Published.IsZero() {
			doc.Published = published
		}
		return fn(doc)
	})
	if err != nil && err != io.EOF {
		return failed, fmt.Errorf("reading standard input: %w", err)
	}
	return failed, nil
}

// skipped reports how many documents could not be read and makes that the
// exit code: 1 when any were, so scripts notice.
func skipped(c *cobra.Command, failed int) error {
	if failed == 0 {
		return nil
	}
	fmt.Fprintf(c.ErrOrStderr(), "rasd: %d document(s) skipped\n", failed)
	return exitError{1}
}
