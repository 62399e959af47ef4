package lexicon

import (
	"bytes"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"unsafe"
)

// The WOF extracts are 12 MB of TSV behind 2.6 MB of gzip: decompressing
// and splitting them was a quarter of every start's CPU (a CPU profile of
// the load) and, line by line, 20 MB of its garbage (BenchmarkBuild). wof-places.bin holds the records readWOF makes of them,
// the current ones only and only the columns read, in a binary form whose
// strings are read in place: decoding it allocates the records and no
// string, and the strings the gazetteer keeps (Static) need no copy on the
// heap.
//
// The extracts stay the reviewed source. wof-places.bin is made from them
// by `go generate ./internal/lexicon` (wofpack), and TestPackedWOFIsFresh
// fails when it no longer matches them.

//go:generate go run ./wofpack

//go:embed wof-places.bin
var wofPacked string

const wofMagic = "rasd-wof-places-1\n"

// PackWOF writes the packed form of the embedded extracts: the magic line,
// then for each extract of WOFFiles its name, its record count and its
// records (encodeWOF).
//
// The columns that repeat from record to record (place type, district,
// province, HASC code) are written once, in a table after the count of
// extracts, and a record gives their numbers in it; that halves the file.
func PackWOF(w io.Writer) error {
	extracts := make([][]*WOFPlace, len(WOFFiles))
	table := map[string]uint64{}
	var strs []string
	for i, f := range WOFFiles {
		ps, err := readWOF(f.Name, f.Country)
		if err != nil {
			return err
		}
		extracts[i] = ps
		for _, p := range ps {
			for _, s := range [...]string{p.Placetype, p.CountyEN, p.CountyAR, p.RegionAR, p.HASC} {
				if _, ok := table[s]; !ok {
					table[s] = uint64(len(strs))
					strs = append(strs, s)
				}
			}
		}
	}
	var buf bytes.Buffer
	buf.WriteString(wofMagic)
	putUvarint(&buf, uint64(len(WOFFiles)))
	putStrings(&buf, strs)
	for i, f := range WOFFiles {
		putString(&buf, f.Name)
		putUvarint(&buf, uint64(len(extracts[i])))
		for _, p := range extracts[i] {
			encodeWOF(&buf, p, table)
		}
	}
	_, err := w.Write(buf.Bytes())
	return err
}

func encodeWOF(b *bytes.Buffer, p *WOFPlace, table map[string]uint64) {
	putVarint(b, p.ID)
	putUvarint(b, table[p.Placetype])
	putString(b, p.NameEN)
	putString(b, p.NameAR)
	putStrings(b, p.VariantsAR)
	putStrings(b, p.VariantsEN)
	var f [16]byte
	binary.LittleEndian.PutUint64(f[:8], math.Float64bits(p.Lat))
	binary.LittleEndian.PutUint64(f[8:], math.Float64bits(p.Lon))
	b.Write(f[:])
	putVarint(b, p.RegionID)
	putVarint(b, p.CountyID)
	putUvarint(b, table[p.CountyEN])
	putUvarint(b, table[p.CountyAR])
	putUvarint(b, table[p.RegionAR])
	putVarint(b, int64(p.Population))
	putUvarint(b, table[p.HASC])
}

func putUvarint(b *bytes.Buffer, n uint64) { b.Write(binary.AppendUvarint(nil, n)) }
func putVarint(b *bytes.Buffer, n int64)   { b.Write(binary.AppendVarint(nil, n)) }

func putString(b *bytes.Buffer, s string) {
	putUvarint(b, uint64(len(s)))
	b.WriteString(s)
}

// putStrings writes a list; decoding gives nil for an empty one, as
// splitPlaceList does.
func putStrings(b *bytes.Buffer, ss []string) {
	putUvarint(b, uint64(len(ss)))
	for _, s := range ss {
		putString(b, s)
	}
}

// wofDecoder reads the packed form. A malformed file sets err, and every
// later read returns zero values.
type wofDecoder struct {
	s     string
	off   int
	err   error
	table []string // the repeated columns' strings
}

var errWOFPacked = errors.New("lexicon: wof-places.bin is malformed; run go generate ./internal/lexicon")

func (d *wofDecoder) fail() {
	if d.err == nil {
		d.err = errWOFPacked
	}
	d.off = len(d.s)
}

func (d *wofDecoder) uvarint() uint64 {
	var n uint64
	for shift := uint(0); d.off < len(d.s); shift += 7 {
		c := d.s[d.off]
		d.off++
		if shift == 63 && c > 1 {
			break
		}
		n |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return n
		}
	}
	d.fail()
	return 0
}

func (d *wofDecoder) varint() int64 {
	u := d.uvarint()
	n := int64(u >> 1)
	if u&1 != 0 {
		n = ^n
	}
	return n
}

// str returns the next string as a slice of the embedded data.
func (d *wofDecoder) str() string {
	n := d.uvarint()
	if n > uint64(len(d.s)-d.off) {
		d.fail()
		return ""
	}
	s := d.s[d.off : d.off+int(n)]
	d.off += int(n)
	return s
}

func (d *wofDecoder) strs() []string {
	n := d.uvarint()
	if n == 0 || n > uint64(len(d.s)-d.off) {
		if n != 0 {
			d.fail()
		}
		return nil
	}
	out := make([]string, n)
	for i := range out {
		out[i] = d.str()
	}
	return out
}

// shared returns a string of the table by its number.
func (d *wofDecoder) shared() string {
	i := d.uvarint()
	if i >= uint64(len(d.table)) {
		d.fail()
		return ""
	}
	return d.table[i]
}

func (d *wofDecoder) float() float64 {
	if len(d.s)-d.off < 8 {
		d.fail()
		return 0
	}
	var u uint64
	for i := 7; i >= 0; i-- {
		u = u<<8 | uint64(d.s[d.off+i])
	}
	d.off += 8
	return math.Float64frombits(u)
}

// record decodes one place of country's extract.
func (d *wofDecoder) record(p *WOFPlace, country string) {
	*p = WOFPlace{ID: d.varint(), Placetype: d.shared(), Country: country, NameEN: d.str(), NameAR: d.str(),
		VariantsAR: d.strs(), VariantsEN: d.strs(), Lat: d.float(), Lon: d.float(),
		RegionID: d.varint(), CountyID: d.varint(), CountyEN: d.shared(), CountyAR: d.shared(), RegionAR: d.shared(),
		Population: int(d.varint()), HASC: d.shared()}
}

// extract decodes the next extract of the packed form, which must be
// the one named.
func (d *wofDecoder) extract(name, country string) ([]*WOFPlace, error) {
	if got := d.str(); got != name && d.err == nil {
		return nil, fmt.Errorf("lexicon: wof-places.bin has %q where WOFFiles has %s; run go generate ./internal/lexicon", got, name)
	}
	n := d.uvarint()
	if n > uint64(len(d.s)-d.off) {
		d.fail()
	}
	if d.err != nil {
		return nil, d.err
	}
	out := make([]*WOFPlace, n)
	// In blocks, as readWOF: a record kept (the gazetteer keeps the
	// regions to the end of its build) keeps only its block alive.
	var block []WOFPlace
	for i := range out {
		if len(block) == 0 {
			block = make([]WOFPlace, min(512, len(out)-i))
		}
		d.record(&block[0], country)
		out[i] = &block[0]
		block = block[1:]
	}
	if d.err != nil {
		return nil, d.err
	}
	return out, nil
}

// newWOFDecoder checks the packed form's header.
func newWOFDecoder(packed string) (*wofDecoder, error) {
	if len(packed) < len(wofMagic) || packed[:len(wofMagic)] != wofMagic {
		return nil, errWOFPacked
	}
	d := &wofDecoder{s: packed, off: len(wofMagic)}
	if n := d.uvarint(); n != uint64(len(WOFFiles)) {
		return nil, fmt.Errorf("lexicon: wof-places.bin has %d extracts, WOFFiles %d; run go generate ./internal/lexicon", n, len(WOFFiles))
	}
	d.table = d.strs()
	if d.err != nil {
		return nil, d.err
	}
	return d, nil
}

// eachPacked calls f with the records of each extract of packed, in the
// order of WOFFiles.
func eachPacked(packed string, f func(country string, places []*WOFPlace)) error {
	d, err := newWOFDecoder(packed)
	if err != nil {
		return err
	}
	for _, file := range WOFFiles {
		ps, err := d.extract(file.Name, file.Country)
		if err != nil {
			return err
		}
		f(file.Country, ps)
	}
	if d.off != len(d.s) {
		return errWOFPacked
	}
	return nil
}

// Static reports whether s lies in the packed extracts, which the binary
// holds for as long as it runs: a copy of such a string only costs heap.
func Static(s string) bool {
	if len(s) == 0 {
		return false
	}
	p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
	lo := uintptr(unsafe.Pointer(unsafe.StringData(wofPacked)))
	return p >= lo && p+uintptr(len(s)) <= lo+uintptr(len(wofPacked))
}

// PackedWOFSize is the size of wof-places.bin: a form compiled from it
// checks this at start, where reading all of it would cost the pages it
// saves (its tests compare the whole).
func PackedWOFSize() int { return len(wofPacked) }
