package main

import (
	"fmt"
	"os"
	"runtime/pprof"

	"github.com/spf13/cobra"
)

// addProfileFlag gives every command a hidden --cpuprofile FILE: a CPU
// profile of the whole command (reading, extraction, the store's writes,
// the pipeline's coordination), which no benchmark of one stage shows, for
// `go tool pprof`. Hidden: it is for measuring rasd, not for using it.
//
// It returns the function that ends the profile, for run to call once the
// command has returned: cobra runs no post-run hook after a failed
// command, and the profile of a failed or interrupted run is still worth
// reading.
func addProfileFlag(root *cobra.Command) (stop func()) {
	var (
		path string
		f    *os.File
	)
	root.PersistentFlags().StringVar(&path, "cpuprofile", "", "write a CPU profile of the command to this file")
	root.PersistentFlags().MarkHidden("cpuprofile")
	root.PersistentPreRunE = func(*cobra.Command, []string) error {
		if path == "" {
			return nil
		}
		out, err := os.Create(path)
		if err != nil {
			return usageError{fmt.Errorf("--cpuprofile: %w", err)}
		}
		if err := pprof.StartCPUProfile(out); err != nil {
			out.Close()
			return fmt.Errorf("--cpuprofile: %w", err)
		}
		f = out
		return nil
	}
	return func() {
		if f != nil {
			pprof.StopCPUProfile()
			f.Close()
			f = nil
		}
	}
}
