package gazetteer

import (
	"cmp"
	_ "embed"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"maps"
	"math"
	"slices"
	"strings"
	"sync/atomic"

	"rasd/internal/lexicon"
	"rasd/internal/text"
)

// Building the gazetteer (build) files 75,000 places under 56,000 names in
// Go maps and structs: three quarters of a start's CPU, and some 30 MB of
// heap that every collection marks again. gazetteer.bin is what build
// makes, compiled by `go generate ./internal/gazetteer` (gazpack) into
// tables that are read in place: places as fixed-width records, names in
// open-addressed hash tables, strings in two tables (the places', the
// names'), all referring to each other by number. A start decodes nothing of it; a place or a name
// becomes a Go value the first time a lookup reaches it, and stays one
// (so a *Place is the same pointer every time, as the finders expect).
//
// It is made from the data files build reads, several of them edited by
// hand every day (sites, common names, cues, overrides). Its header holds
// a checksum of those files: a start whose embedded files do not match it
// builds the gazetteer from them as before (slower, never stale), and
// TestPackedIsFresh fails in CI until `go generate ./internal/gazetteer`
// is run and its output committed.

//go:generate go run ./gazpack

//go:embed gazetteer.bin
var packedData string

const packMagic = "rasd-gazetteer-1\n"

// packInputs are the data files build reads besides wof-places.bin, whose
// size alone the checksum covers (reading all of it at start would cost the
// pages it saves; TestPackedIsFresh compares everything).
var packInputs = []string{
	"place-cues.tsv", "places-common-ar.tsv", "place-guess-stopwords.txt",
	"person-names-ar.txt", "wof-overrides.tsv", "admin1.tsv", "sites.tsv",
}

// inputSum is the checksum of what the gazetteer is built from that a
// start can check cheaply: the data files edited by hand, and the rules
// that turn names into keys. A change to build's own code is caught by
// TestPackedIsFresh only.
func inputSum() (uint64, error) {
	h := fnv.New64a()
	for _, name := range packInputs {
		b, err := lexicon.ReadFile(name)
		if err != nil {
			return 0, err
		}
		fmt.Fprintf(h, "%s %d\n", name, len(b))
		h.Write(b)
	}
	for _, f := range lexicon.WOFFiles {
		fmt.Fprintf(h, "%s %s %v\n", f.Name, f.Country, f.Focus)
	}
	fmt.Fprintf(h, "wof-places.bin %d\n", lexicon.PackedWOFSize())
	// The names are keyed by text's normalisation (nameKey), which lies in
	// another package: a change to it makes other keys of the same files.
	// The table nameKey keeps of it, every Latin and Arabic rune's, stands
	// for it here (text's tests hold what it does to the rest).
	normalize(nil, "")
	var b []byte
	for r := range runeNorm {
		b = le32(b, uint32(len(runeNorm[r])))
		for _, n := range runeNorm[r] {
			b = le32(b, uint32(n))
		}
		if runeWord[r] {
			b = append(b, 1)
		} else {
			b = append(b, 0)
		}
	}
	h.Write(b)
	fmt.Fprintf(h, "MaxPhraseTokens %d\n", text.MaxPhraseTokens)
	return h.Sum64(), nil
}

// The layout, all numbers little-endian: the magic, the checksum (8
// bytes), the counts (4 bytes each, in the order of the cnt constants),
// then the tables in the same order, each a run of records of one size:
//
//	place    84  strings ID, NameEN, NameAR, Country, Admin1, Admin1Code,
//	             Admin2, Kind, HeldBy (offsets into the places' strings);
//	             HeldFrom (int32); Lat, Lon (float64 bits); Population
//	             (int64); base (float64 bits); English names (offset into
//	             the English refs, uint16 count); GeoPrecision, tier,
//	             capital (a byte each); 3 bytes of padding
//	enRef     4  a string of the places' table
//	entry    12  key (names' table), first candidate, candidate count
//	             (uint16), ntok, block
//	cand      8  place number, need, flags (flag*), 2 bytes of padding
//	head     12  word (names' table), entry+1 of the one-word name or 0,
//	             the longest name it starts, in words
//	slot      8  row+1 or 0 (empty), the high half of the key's hash
//	skel     12  coarse skeleton (places' table), first candidate, count
//	skelCand  8  place number, fine skeleton (places' table)
//	admin1    8  code (places' table), place number; capitals likewise
//
// and the two string tables, each string its length (uvarint) and bytes.

// Record sizes, in bytes.
const (
	placeSize = 84
	entrySize = 12
	candSize  = 8
	headSize  = 12
	skelSize  = 12
	pairSize  = 8 // a hash slot, a skeleton candidate, an admin1 or capital row
)

// Flags of a packed candidate.
const (
	flagCued = 1 << iota
	flagSpelt
	flagGuess
	flagLocal
	flagVouched
)

// The header's counts, in the order written after the magic and the sum.
const (
	cntLatin  = iota // the WOF records known by a Latin name only, then ...
	cntPlaces        // ... the places with an Arabic name (Places)
	cntEnRefs
	cntEntries
	cntCands
	cntHeads
	cntHeadSlots
	cntLongSlots
	cntSkels
	cntSkelSlots
	cntSkelCands
	cntAdmin1
	cntCapitals
	cntPlaceStrs // the places' strings
	cntNameStrs  // the names' keys
	cntSpaces    // not a table: the spaces in the names, for NewTableIndex's filters
	nCounts
)

// WritePacked builds the gazetteer from the embedded data files and writes
// its packed form (go generate: gazpack).
func WritePacked(w io.Writer) error {
	g, err := build()
	if err != nil {
		return err
	}
	sum, err := inputSum()
	if err != nil {
		return err
	}
	b, err := pack(g, sum)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// pack writes what build made, g, in the packed form.
//
// The file is committed, and regenerated whenever a site, a common name or
// a cue is edited, so its layout keeps what did not change where it was,
// for git's deltas: the places in build's order (the Latin-only records,
// then the WOF places, then rasd's sites, so that a new site comes last),
// their strings in a table of their own in that order, and the names in
// the order of their first candidate, so that a new site's names come
// last too. A name sorted among the others would move every name after
// it, and every reference to them.
func pack(g *Gazetteer, sum uint64) ([]byte, error) {
	pw := packWriter{strs: map[string]uint32{}} // the places' strings
	nw := packWriter{strs: map[string]uint32{}} // the names' keys
	all := slices.Concat(g.latinOnly, g.places)
	index := make(map[*Place]uint32, len(all))
	for i, p := range all {
		index[p] = uint32(i)
	}
	placeOf := func(p *Place) (uint32, error) {
		i, ok := index[p]
		if !ok {
			return 0, fmt.Errorf("gazetteer: pack: place %s is in no list", p.ID)
		}
		return i, nil
	}

	// The names index holds the entries of at most MaxPhraseTokens words
	// (build files no longer ones); those without a candidate (blocked
	// phrases) come last, by key.
	var es []*entry
	first := map[*entry]uint32{}
	for _, e := range g.entries {
		if e.ntok > text.MaxPhraseTokens {
			continue
		}
		es = append(es, e)
		first[e] = math.MaxUint32
		for _, c := range e.cands {
			pi, err := placeOf(c.p)
			if err != nil {
				return nil, err
			}
			first[e] = min(first[e], pi)
		}
	}
	slices.SortFunc(es, func(x, y *entry) int {
		if c := cmp.Compare(first[x], first[y]); c != 0 {
			return c
		}
		return strings.Compare(x.key, y.key)
	})
	// The names' table holds the names' keys and first words, in the order
	// of the names: a start reads them all to make the index's filters,
	// from one stretch of pages, and a new name adds to its end.
	type headRow struct {
		row     uint32
		one     uint32 // entry+1 of the one-word phrase, or 0
		longest int
	}
	heads := map[string]*headRow{}
	var firsts []string
	var longer []uint32 // entries of two or more words
	spaces := 0
	for i, e := range es {
		word, _, more := strings.Cut(e.key, " ")
		h := heads[word]
		if h == nil {
			h = &headRow{row: uint32(len(firsts))}
			heads[word] = h
			firsts = append(firsts, word)
			nw.str(word)
		}
		nw.str(e.key)
		h.longest = max(h.longest, int(e.ntok))
		if more {
			longer = append(longer, uint32(i))
			spaces += strings.Count(e.key, " ")
		} else {
			h.one = uint32(i) + 1
		}
	}

	// The skeletons, made of WOF's Latin names, open the places' table.
	skelKeys := slices.Sorted(maps.Keys(g.skel))
	var skels, skelCands []byte
	skelSlots := newSlots(len(skelKeys))
	for i, k := range skelKeys {
		sc := g.skel[k]
		skels = le32(skels, pw.str(k))
		skels = le32(skels, uint32(len(skelCands)/pairSize))
		skels = le32(skels, uint32(len(sc)))
		for _, c := range sc {
			pi, err := placeOf(c.p)
			if err != nil {
				return nil, err
			}
			skelCands = le32(skelCands, pi)
			skelCands = le32(skelCands, pw.str(c.fine))
		}
		skelSlots.put(k, uint32(i))
	}

	var places, enRefs []byte
	for _, p := range all {
		more := g.enMore[p]
		if len(more) > math.MaxUint16 {
			return nil, fmt.Errorf("gazetteer: pack: %s has %d English names", p.ID, len(more))
		}
		off := len(enRefs) / 4
		for _, s := range [...]string{p.ID, p.NameEN, p.NameAR, p.Country, p.Admin1, p.Admin1Code, p.Admin2, p.Kind, p.HeldBy} {
			places = le32(places, pw.str(s))
		}
		for _, m := range more {
			enRefs = le32(enRefs, pw.str(m))
		}
		places = le32(places, uint32(int32(p.HeldFrom)))
		places = le64(places, math.Float64bits(p.Lat))
		places = le64(places, math.Float64bits(p.Lon))
		places = le64(places, uint64(int64(p.Population)))
		places = le64(places, math.Float64bits(p.base))
		places = le32(places, uint32(off))
		places = append(places, byte(len(more)), byte(len(more)>>8), byte(p.GeoPrecision), byte(p.tier))
		var capital byte
		if p.capital {
			capital = 1
		}
		places = append(places, capital, 0, 0, 0)
		if int(int32(p.HeldFrom)) != p.HeldFrom || int(int64(p.Population)) != p.Population ||
			int(int8(p.GeoPrecision)) != p.GeoPrecision {
			return nil, fmt.Errorf("gazetteer: pack: %s does not fit its record", p.ID)
		}
	}

	var entries, cands []byte
	for _, e := range es {
		if len(e.cands) > math.MaxUint16 {
			return nil, fmt.Errorf("gazetteer: pack: %q has %d candidates", e.key, len(e.cands))
		}
		entries = le32(entries, nw.str(e.key))
		entries = le32(entries, uint32(len(cands)/candSize))
		var block byte
		if e.block {
			block = 1
		}
		entries = append(entries, byte(len(e.cands)), byte(len(e.cands)>>8), e.ntok, block)
		for _, c := range e.cands {
			pi, err := placeOf(c.p)
			if err != nil {
				return nil, err
			}
			var f byte
			for bit, on := range [...]bool{c.cued, c.spelt, c.guess, c.local, c.vouched} {
				if on {
					f |= 1 << bit
				}
			}
			cands = le32(cands, pi)
			cands = append(cands, byte(c.need), f, 0, 0)
		}
	}
	var headRows []byte
	headSlots := newSlots(len(firsts))
	for _, k := range firsts {
		h := heads[k]
		headRows = le32(headRows, nw.str(k))
		headRows = le32(headRows, h.one)
		headRows = le32(headRows, uint32(h.longest))
		headSlots.put(k, h.row)
	}
	longSlots := newSlots(len(longer))
	for _, i := range longer {
		longSlots.put(es[i].key, i)
	}

	codeRows := func(m map[string]*Place) ([]byte, error) {
		var out []byte
		for _, k := range slices.Sorted(maps.Keys(m)) {
			pi, err := placeOf(m[k])
			if err != nil {
				return nil, err
			}
			out = le32(out, pw.str(k))
			out = le32(out, pi)
		}
		return out, nil
	}
	admin1, err := codeRows(g.admin1)
	if err != nil {
		return nil, err
	}
	capitals, err := codeRows(g.capitals)
	if err != nil {
		return nil, err
	}

	counts := [nCounts]int{
		cntLatin: len(g.latinOnly), cntPlaces: len(g.places), cntEnRefs: len(enRefs) / 4,
		cntEntries: len(es), cntCands: len(cands) / candSize, cntHeads: len(firsts),
		cntHeadSlots: len(headSlots.s) / pairSize, cntLongSlots: len(longSlots.s) / pairSize,
		cntSkels: len(skelKeys), cntSkelSlots: len(skelSlots.s) / pairSize, cntSkelCands: len(skelCands) / pairSize,
		cntAdmin1: len(admin1) / pairSize, cntCapitals: len(capitals) / pairSize,
		cntPlaceStrs: len(pw.blob), cntNameStrs: len(nw.blob),
		cntSpaces: spaces,
	}
	out := []byte(packMagic)
	out = le64(out, sum)
	for _, n := range counts {
		if n > math.MaxUint32 {
			return nil, errors.New("gazetteer: pack: a table is too large")
		}
		out = le32(out, uint32(n))
	}
	for _, sec := range [][]byte{places, enRefs, entries, cands, headRows, headSlots.s, longSlots.s,
		skels, skelSlots.s, skelCands, admin1, capitals, pw.blob, nw.blob} {
		out = append(out, sec...)
	}
	return out, nil
}

// packWriter keeps the string table: each string once, as its length
// (uvarint) and bytes, referred to by its offset.
type packWriter struct {
	blob []byte
	strs map[string]uint32
}

func (w *packWriter) str(s string) uint32 {
	if off, ok := w.strs[s]; ok {
		return off
	}
	off := uint32(len(w.blob))
	for n := uint64(len(s)); ; n >>= 7 {
		if n < 0x80 {
			w.blob = append(w.blob, byte(n))
			break
		}
		w.blob = append(w.blob, byte(n)|0x80)
	}
	w.blob = append(w.blob, s...)
	w.strs[s] = off
	return off
}

// slots is an open-addressed hash table being filled: each slot the row
// number + 1 (0 empty) and the high half of the key's hash.
type slots struct {
	s    []byte
	mask uint64
}

// newSlots makes a table of at least twice n slots, a power of two.
func newSlots(n int) *slots {
	size := 8
	for size < 2*n {
		size *= 2
	}
	return &slots{s: make([]byte, size*pairSize), mask: uint64(size - 1)}
}

func (t *slots) put(key string, row uint32) {
	h := keyHash(key)
	for i := h & t.mask; ; i = (i + 1) & t.mask {
		o := i * pairSize
		if get32(string(t.s[o:o+4]), 0) == 0 {
			put32(t.s[o:], row+1)
			put32(t.s[o+4:], uint32(h>>32))
			return
		}
	}
}

// keyHash is FNV-1a, the same in the generator and every process.
func keyHash[S string | []byte](k S) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(k); i++ {
		h ^= uint64(k[i])
		h *= 1099511628211
	}
	return h
}

func le32(b []byte, v uint32) []byte {
	return append(b, byte(v), byte(v>>8), byte(v>>16), byte(v>>24))
}

func le64(b []byte, v uint64) []byte { return le32(le32(b, uint32(v)), uint32(v>>32)) }

func put32(b []byte, v uint32) {
	b[0], b[1], b[2], b[3] = byte(v), byte(v>>8), byte(v>>16), byte(v>>24)
}

func get32(s string, o int) uint32 {
	_ = s[o+3]
	return uint32(s[o]) | uint32(s[o+1])<<8 | uint32(s[o+2])<<16 | uint32(s[o+3])<<24
}

func get64(s string, o int) uint64 { return uint64(get32(s, o)) | uint64(get32(s, o+4))<<32 }

// packed is gazetteer.bin being read: the offsets of its tables, and the
// places and entries made of them so far.
type packed struct {
	s      string
	n      [nCounts]int
	off    [nCounts]int // where each table starts (cntLatin: the places, Latin-only first)
	places []atomic.Pointer[Place]
	// entries holds each name's entry with a slice of it alone, which
	// the names index hands out as a match's values.
	entries []atomic.Pointer[packedEntry]
}

type packedEntry struct {
	e   entry
	one [1]*entry
}

var errPacked = errors.New("gazetteer: gazetteer.bin is damaged; run go generate ./internal/gazetteer")

// openPacked reads the header of data; it returns nil when data was made
// from other inputs than sum.
func openPacked(data string, sum uint64) (*packed, error) {
	hdr := len(packMagic) + 8 + 4*nCounts
	if len(data) < hdr || data[:len(packMagic)] != packMagic {
		return nil, nil // none yet, or of another layout: build
	}
	if get64(data, len(packMagic)) != sum {
		return nil, nil
	}
	pk := &packed{s: data}
	for i := range pk.n {
		pk.n[i] = int(get32(data, len(packMagic)+8+4*i))
	}
	sizes := [nCounts]int{
		cntLatin: (pk.n[cntLatin] + pk.n[cntPlaces]) * placeSize, cntEnRefs: pk.n[cntEnRefs] * 4,
		cntEntries: pk.n[cntEntries] * entrySize, cntCands: pk.n[cntCands] * candSize,
		cntHeads: pk.n[cntHeads] * headSize, cntHeadSlots: pk.n[cntHeadSlots] * pairSize,
		cntLongSlots: pk.n[cntLongSlots] * pairSize, cntSkels: pk.n[cntSkels] * skelSize,
		cntSkelSlots: pk.n[cntSkelSlots] * pairSize, cntSkelCands: pk.n[cntSkelCands] * pairSize,
		cntAdmin1: pk.n[cntAdmin1] * pairSize, cntCapitals: pk.n[cntCapitals] * pairSize,
		cntPlaceStrs: pk.n[cntPlaceStrs], cntNameStrs: pk.n[cntNameStrs],
	}
	at := hdr
	for i, size := range sizes {
		pk.off[i] = at
		at += size
	}
	for _, c := range []int{cntHeadSlots, cntLongSlots, cntSkelSlots} {
		if n := pk.n[c]; n == 0 || n&(n-1) != 0 {
			return nil, errPacked
		}
	}
	if at != len(data) {
		return nil, errPacked
	}
	pk.places = make([]atomic.Pointer[Place], pk.n[cntPlaces]+pk.n[cntLatin])
	pk.entries = make([]atomic.Pointer[packedEntry], pk.n[cntEntries])
	return pk, nil
}

// pstr is the string at offset ref of the places' table, nstr of the
// names'.
func (pk *packed) pstr(ref uint32) string {
	s, _ := pk.strAt(cntPlaceStrs, int(ref))
	return s
}

func (pk *packed) nstr(ref uint32) string {
	s, _ := pk.strAt(cntNameStrs, int(ref))
	return s
}

// strAt is the string at offset at of the string table table, and the
// offset of the next.
func (pk *packed) strAt(table, at int) (string, int) {
	o := pk.off[table] + at
	var n, shift uint
	for {
		b := pk.s[o]
		o++
		n |= uint(b&0x7f) << shift
		if b < 0x80 {
			break
		}
		shift += 7
	}
	end := o + int(n)
	return pk.s[o:end], end - pk.off[table]
}

// place is place number i (of the Latin-only records, then of Places).
func (pk *packed) place(i uint32) *Place {
	if p := pk.places[i].Load(); p != nil {
		return p
	}
	o := pk.off[cntLatin] + int(i)*placeSize
	s := pk.s
	p := &Place{
		ID: pk.pstr(get32(s, o)), NameEN: pk.pstr(get32(s, o+4)), NameAR: pk.pstr(get32(s, o+8)),
		Country: pk.pstr(get32(s, o+12)), Admin1: pk.pstr(get32(s, o+16)), Admin1Code: pk.pstr(get32(s, o+20)),
		Admin2: pk.pstr(get32(s, o+24)), Kind: pk.pstr(get32(s, o+28)), HeldBy: pk.pstr(get32(s, o+32)),
		HeldFrom:     int(int32(get32(s, o+36))),
		Lat:          math.Float64frombits(get64(s, o+40)),
		Lon:          math.Float64frombits(get64(s, o+48)),
		Population:   int(int64(get64(s, o+56))),
		base:         math.Float64frombits(get64(s, o+64)),
		GeoPrecision: int(int8(s[o+78])),
		tier:         int8(s[o+79]),
		capital:      s[o+80] != 0,
	}
	if pk.places[i].CompareAndSwap(nil, p) {
		return p
	}
	return pk.places[i].Load()
}

// englishMore is what build kept in enMore for place number i.
func (pk *packed) englishMore(i uint32) []string {
	o := pk.off[cntLatin] + int(i)*placeSize
	at, n := int(get32(pk.s, o+72)), int(pk.s[o+76])|int(pk.s[o+77])<<8
	if n == 0 {
		return nil
	}
	out := make([]string, n)
	for j := range out {
		out[j] = pk.pstr(get32(pk.s, pk.off[cntEnRefs]+4*(at+j)))
	}
	return out
}

// entry is name number i.
func (pk *packed) entry(i uint32) *entry {
	if pe := pk.entries[i].Load(); pe != nil {
		return &pe.e
	}
	s := pk.s
	o := pk.off[cntEntries] + int(i)*entrySize
	first, n := int(get32(s, o+4)), int(s[o+8])|int(s[o+9])<<8
	pe := &packedEntry{e: entry{key: pk.nstr(get32(s, o)), ntok: s[o+10], block: s[o+11] != 0}}
	if n > 0 {
		pe.e.cands = make([]cand, n)
		for j := range pe.e.cands {
			c := pk.off[cntCands] + (first+j)*candSize
			f := s[c+5]
			pe.e.cands[j] = cand{
				p: pk.place(get32(s, c)), need: level(s[c+4]),
				cued: f&flagCued != 0, spelt: f&flagSpelt != 0, guess: f&flagGuess != 0,
				local: f&flagLocal != 0, vouched: f&flagVouched != 0,
			}
		}
	}
	pe.one[0] = &pe.e
	if pk.entries[i].CompareAndSwap(nil, pe) {
		return &pe.e
	}
	return &pk.entries[i].Load().e
}

// lookupRow looks key up in the hash table slots, whose rows are the
// records of size size in table, each starting with its key's offset in
// the string table strs. It returns the row number, or -1.
func lookupRow[S string | []byte](pk *packed, slots, table, size, strs int, key S) int {
	h := keyHash(key)
	n := pk.n[slots]
	mask := uint64(n - 1)
	base := pk.off[slots]
	for i := h & mask; ; i = (i + 1) & mask {
		o := base + int(i)*pairSize
		row := get32(pk.s, o)
		if row == 0 {
			return -1
		}
		if get32(pk.s, o+4) != uint32(h>>32) {
			continue
		}
		r := int(row - 1)
		if k, _ := pk.strAt(strs, int(get32(pk.s, pk.off[table]+r*size))); k == string(key) {
			return r
		}
	}
}

// Head and Phrase make the names table a text.Table.
func (pk *packed) Head(w string) ([]*entry, int, bool) {
	r := lookupRow(pk, cntHeadSlots, cntHeads, headSize, cntNameStrs, w)
	if r < 0 {
		return nil, 0, false
	}
	o := pk.off[cntHeads] + r*headSize
	longest := int(get32(pk.s, o+8))
	one := get32(pk.s, o+4)
	if one == 0 {
		return nil, longest, true
	}
	return pk.values(one - 1), longest, true
}

func (pk *packed) Phrase(key []byte) []*entry {
	r := lookupRow(pk, cntLongSlots, cntEntries, entrySize, cntNameStrs, key)
	if r < 0 {
		return nil
	}
	return pk.values(uint32(r))
}

// values is entry i as the slice of it alone.
func (pk *packed) values(i uint32) []*entry {
	pk.entry(i)
	return pk.entries[i].Load().one[:]
}

// keys returns the words names start with and the names of two or more
// words, for the names index's filters.
func (pk *packed) keys() text.TableKeys {
	return text.TableKeys{
		Phrases: pk.n[cntEntries],
		Firsts: func(yield func(string) bool) {
			for r := range pk.n[cntHeads] {
				if !yield(pk.nstr(get32(pk.s, pk.off[cntHeads]+r*headSize))) {
					return
				}
			}
		},
		Heads: pk.n[cntHeads],
		Longer: func(yield func(string) bool) {
			for r := range pk.n[cntEntries] {
				o := pk.off[cntEntries] + r*entrySize
				if pk.s[o+10] > 1 && !yield(pk.nstr(get32(pk.s, o))) {
					return
				}
			}
		},
		Spaces: pk.n[cntSpaces],
	}
}

// skel is what build filed under the coarse skeleton k.
func (pk *packed) skel(k string) []skelCand {
	r := lookupRow(pk, cntSkelSlots, cntSkels, skelSize, cntPlaceStrs, k)
	if r < 0 {
		return nil
	}
	o := pk.off[cntSkels] + r*skelSize
	at, n := int(get32(pk.s, o+4)), int(get32(pk.s, o+8))
	out := make([]skelCand, n)
	for j := range out {
		c := pk.off[cntSkelCands] + (at+j)*pairSize
		out[j] = skelCand{p: pk.place(get32(pk.s, c)), fine: pk.pstr(get32(pk.s, c+4))}
	}
	return out
}

// codes reads the admin1 or capitals table into a map.
func (pk *packed) codes(table int) map[string]*Place {
	m := make(map[string]*Place, pk.n[table])
	for r := range pk.n[table] {
		o := pk.off[table] + r*pairSize
		m[pk.pstr(get32(pk.s, o))] = pk.place(get32(pk.s, o+4))
	}
	return m
}
