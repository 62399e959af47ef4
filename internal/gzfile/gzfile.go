// Package gzfile writes the gzip-compressed data files the generators embed
// (internal/lexicon/wofmena, internal/geodata/mapgen) and reads gzip files
// back (the tests that hold them fresh, the generators that read the bench
// corpus).
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
	r, err := Open(path)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return io.ReadAll(r)
}

// Open returns a reader of the decompressed contents of the gzip file at
// path, for generators that stream a corpus too large to hold in memory;
// closing it closes the file.
func Open(path string) (io.ReadCloser, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	zr, err := gzip.NewReader(f)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return gzipFile{zr, f}, nil
}

type gzipFile struct {
	*gzip.Reader
	f *os.File
}

func (g gzipFile) Close() error {
	g.Reader.Close()
	return g.f.Close()
}
