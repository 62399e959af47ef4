package main

import (
	"bytes"
	"os"
	"testing"

	"rasd/internal/geodata"
)

// TestTableIsCurrent: the table dedup embeds is what this command writes
// from the base map geodata embeds now.
func TestTableIsCurrent(t *testing.T) {
	areas, err := geodata.Areas()
	if err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	if err := write(&got, areas); err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("../neighbours.tsv")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Bytes(), want) {
		t.Error("internal/dedup/neighbours.tsv is not what genneighbours writes: go run ./internal/dedup/genneighbours > internal/dedup/neighbours.tsv")
	}
}
