// Command rasd turns Arabic conflict news into political-violence events.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"
	"golang.org/x/term"
)

// exitError carries the exit code a command wants without printing twice.
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit %d", e.code) }

// usageError marks mistakes in how rasd was called (exit code 2).
type usageError struct{ error }

func main() {
	tuneGC()
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run executes one rasd command line and returns its exit code: 0 success,
// 1 some input failed, 2 a usage error.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	root := newRoot(stdin, stdout, stderr)
	stopProfile := addProfileFlag(root)
	root.SetArgs(args)
	err := root.Execute()
	stopProfile()
	if err == nil {
		return 0
	}
	var ee exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	fmt.Fprintln(stderr, "rasd:", err)
	var ue usageError
	if errors.As(err, &ue) {
		return 2
	}
	return 1
}

func newRoot(stdin io.Reader, stdout, stderr io.Writer) *cobra.Command {
	root := &cobra.Command{
		Use:           "rasd",
		Short:         "rasd reads Arabic conflict news and codes political-violence events",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usageError{fmt.Errorf("%w (see 'rasd %s --help')", err, c.Name())}
	})
	root.AddCommand(newTagCmd(), newExtractCmd(), newEvalCmd(), newAlertsCmd(), newIngestCmd(), newServeCmd(), newExportCmd(), newStatsCmd(),
		newWatchCmd(), newSourcesCmd(), newWorkerCmd(), newJobsCmd(), newCorrectCmd())
	return root
}

// isTerminal reports whether w is a terminal, so that output meant for
// people (tables, progress) is the default only there. Being a character
// device is not enough: /dev/null is one, and rasd ingest 2>/dev/null drew
// a progress bar nobody saw and read its whole input a second time to
// count the documents for it (0.4 CPU-s on the bench corpus).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
