// Package gzfile writes the gzip-compressed data files the generators embed
// (internal/lexicon/wofmena, internal/geodata/mapgen).
package gzfile

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
)

// Write writes b to path compressed at gzip's best level, without a name or
// time in the header, so that the same input gives the same bytes and a
// test can hold the embedded file to what its generator writes.
func Write(path string, b []byte) error {
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return err
	}
	if _, err := zw.Write(b); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}

// Read returns the decompressed contents of the gzip file at path, for the
// tests that hold an embedded file to what its generator writes.
func Read(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return io.ReadAll(zr)
}
