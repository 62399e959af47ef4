package main

import (
	"errors"
	"fmt"
	"io"
	"rasd/internal/document"
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
	fetch     fetchFlags
}

func (f *docFlags) register(c *cobra.Command) {
	c.Flags().StringVar(&f.published, "published", "", "publication date of documents that give none, YYYY-MM-DD (anchors «أمس», «الشهر الماضي» …)")
	c.Flags().StringVar(&f.id, "id", "", "document id, when the input is one document (default: the file name)")
	c.Flags().StringVar(&f.source, "source", "", "outlet name of documents that give none")
	c.Flags().StringVar(&f.url, "url", "", "article URL of documents that give none")
	f.fetch.register(c)
}

// eachDocument reads the documents a command was given: each argument a
// file, directory, feed, page, JSON Lines file or URL (as rasd ingest reads
// them), or JSON Lines on standard input when there is no argument or it is
// "-". A document that cannot be read is reported on stderr and skipped;
// the returned count says how many were.
func (f *docFlags) eachDocument(c *cobra.Command, args []string, fn func(*document.Document) error) (failed int, err error) {
	var published time.Time
	if f.published != "" {
		published, err = ingest.ParseDate(f.published)
		if err != nil {
			return 0, usageError{fmt.Errorf("--published: %w", err)}
		}
	}
	stderr := c.ErrOrStderr()
	seen := 0
	deliver := func(doc *document.Document) error {
		seen++
		if f.id != "" {
			if seen > 1 {
				return usageError{fmt.Errorf("--id names one document, but the input holds several")}
			}
			doc.ID = f.id
		}
		if doc.Published.IsZero() {
			doc.Published = published
		}
		if doc.Source == "" {
			doc.Source = f.source
		}
		if doc.URL == "" {
			doc.URL = f.url
		}
		return fn(doc)
	}
	report := func(doc *document.Document, readErr error) error {
		if errors.Is(readErr, ingest.ErrPassedOver) {
			fmt.Fprintln(stderr, "rasd:", readErr)
			return nil
		}
		if readErr != nil {
			failed++
			fmt.Fprintln(stderr, "rasd: skipped", readErr)
			return nil
		}
		return deliver(doc)
	}
	if len(args) == 0 {
		args = []string{"-"}
	}
	fetcher, err := f.fetch.fetcher()
	if err != nil {
		return 0, err
	}
	opt := ingest.Options{Published: published, Source: f.source, URL: f.url, Fetcher: fetcher}
	for _, arg := range args {
		if arg == "-" {
			err = ingest.ReadJSONL(c.InOrStdin(), func(doc *document.Document, lineErr error) error {
				if lineErr != nil {
					lineErr = fmt.Errorf("stdin: %w", lineErr)
				}
				return report(doc, lineErr)
			})
			if err != nil && err != io.EOF {
				var ue usageError
				if errors.As(err, &ue) {
					return failed, err
				}
				return failed, fmt.Errorf("reading standard input: %w", err)
			}
			continue
		}
		if err := ingest.Read(c.Context(), arg, opt, report); err != nil {
			return failed, err
		}
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
