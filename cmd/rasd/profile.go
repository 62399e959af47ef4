package main

import (
	"errors"
	"fmt"
	"os"
	"runtime/pprof"
	"runtime/trace"

	"github.com/spf13/cobra"
)

// addProfileFlag gives every command a hidden --cpuprofile FILE: a CPU
// profile of the whole command (reading, extraction, the store's writes,
// the pipeline's coordination), which no benchmark of one stage shows, for
// `go tool pprof`; and a hidden --exectrace FILE: a runtime trace, for `go
// tool trace`, which shows what a profile cannot: when a core had nothing
// to run and which goroutine the others were waiting for (how ingest's
// pipeline was tuned, docs/performance.md). Hidden: they are for measuring
// rasd, not for using it.
//
// It returns the function that ends both, for run to call once the
// command has returned: cobra runs no post-run hook after a failed
// command, and the profile of a failed or interrupted run is still worth
// reading.
func addProfileFlag(root *cobra.Command) (stop func()) {
	var (
		path, tracePath string
		f, tf           *os.File
	)
	root.PersistentFlags().StringVar(&path, "cpuprofile", "", "write a CPU profile of the command to this file")
	root.PersistentFlags().MarkHidden("cpuprofile")
	root.PersistentFlags().StringVar(&tracePath, "exectrace", "", "write a runtime (execution) trace of the command to this file")
	root.PersistentFlags().MarkHidden("exectrace")
	stop = func() {
		if f != nil {
			pprof.StopCPUProfile()
			f.Close()
			f = nil
		}
		if tf != nil {
			trace.Stop()
			tf.Close()
			tf = nil
		}
	}
	root.PersistentPreRunE = func(*cobra.Command, []string) error {
		if path != "" {
			out, err := os.Create(path)
			if err != nil {
				return usageError{fmt.Errorf("--cpuprofile: %w", err)}
			}
			if err := pprof.StartCPUProfile(out); err != nil {
				out.Close()
				return fmt.Errorf("--cpuprofile: %w", err)
			}
			f = out
		}
		if tracePath != "" {
			out, err := os.Create(tracePath)
			if err != nil {
				stop()
				return usageError{fmt.Errorf("--exectrace: %w", err)}
			}
			if err := trace.Start(out); err != nil {
				stop()
				return errors.Join(fmt.Errorf("--exectrace: %w", err), out.Close())
			}
			tf = out
		}
		return nil
	}
	return stop
}
