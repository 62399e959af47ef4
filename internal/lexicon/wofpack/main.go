// Command wofpack writes wof-places.bin, the packed form of the embedded
// WOF extracts that rasd reads at start (lexicon/wofpack.go). It runs from
// `go generate ./internal/lexicon`, after any change to an extract
// (lexicon/wofmena writes them) or to how they are parsed.
package main

import (
	"bytes"
	"fmt"
	"os"

	"rasd/internal/lexicon"
)

func main() {
	var b bytes.Buffer
	if err := lexicon.PackWOF(&b); err != nil {
		fmt.Fprintln(os.Stderr, "wofpack:", err)
		os.Exit(1)
	}
	if err := os.WriteFile("wof-places.bin", b.Bytes(), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "wofpack:", err)
		os.Exit(1)
	}
}
