// Command gazpack writes gazetteer.bin, the packed form of the gazetteer
// that rasd reads at start (gazetteer/pack.go). It runs from `go generate
// ./internal/gazetteer`, after any change to the data files the gazetteer
// is built from (sites, common names, cues, overrides, admin1, person
// names, the WOF extracts: run `go generate ./internal/lexicon` first for
// those) or to how it is built.
package main

import (
	"bytes"
	"fmt"
	"os"

	"rasd/internal/gazetteer"
)

func main() {
	var b bytes.Buffer
	if err := gazetteer.WritePacked(&b); err != nil {
		fmt.Fprintln(os.Stderr, "gazpack:", err)
		os.Exit(1)
	}
	if err := os.WriteFile("gazetteer.bin", b.Bytes(), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "gazpack:", err)
		os.Exit(1)
	}
}
