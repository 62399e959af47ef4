// Package text is rasd's single Arabic text layer: normalisation with a map
// back to the original code points, sentence splitting, tokens and clitics.
// Every other package matches against the output of this one so that the
// gazetteer, the lexicons and any index agree on what "the same word" means.
package text

import (
	"math/bits"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/text/unicode/norm"
)

// Text is a document in two forms: the original runes, which every reported
// span refers to, and the normalised runes that all matching is done on.
type Text struct {
	Orig []rune
	Norm []rune
	// toOrig[i] is the index in Orig of the rune that produced Norm[i];
	// toOrig[len(Norm)] == len(Orig) so that end offsets map too. int32
	// halves the largest allocation of an analysis: a text is at most a
	// few MiB, far below 2³¹ runes.
	toOrig []int32
	// src is the text as given when Orig is exactly its runes (it is
	// valid UTF-8), else "": Slice then cuts its spans out of src instead
	// of encoding them again. marks[k] is the byte offset in src of rune
	// k*markStride, so that a rune's offset is found from the nearest one
	// before it.
	src   string
	marks []int32
}

// markStride is how many runes of Orig lie between two of Text.marks.
const markStride = 32

// normTableSize covers ASCII and the Arabic block, nearly every rune of
// Arabic news.
const normTableSize = 0x0700

// Entries of normTable besides a rune.
const (
	normDrop = -1 // the rune normalises to nothing
	normSlow = -2 // it normalises to several runes: ask normRune
)

// normTable is normRune for the runes below normTableSize that normalise
// to at most one rune, read from normRune itself so that the two cannot
// disagree: a table lookup instead of a chain of comparisons per rune.
var normTable = func() (t [normTableSize]int32) {
	var buf [8]rune
	for r := range rune(normTableSize) {
		switch out := normRune(r, buf[:0]); len(out) {
		case 0:
			t[r] = normDrop
		case 1:
			t[r] = out[0]
		default:
			t[r] = normSlow
		}
	}
	return t
}()

// Normalize builds the normalised form of s and its offset map.
func Normalize(s string) *Text {
	t, _ := normalize(s, nil, false)
	return t
}

// normalize is Normalize into the arrays of b when they are large enough
// (b may be nil). Every element of the three arrays that the Text keeps is
// written below, so they need no clearing. With encode, it also returns
// the normalised text in UTF-8 (what string(Norm) is), written as each
// rune is made rather than in a pass of its own over Norm.
func normalize(s string, b *buffers, encode bool) (*Text, string) {
	n := runesIn(s)
	// Every rune of the text is one of orig and at most one of norm but
	// for the rare ligature that expands (appended past n): written by
	// index, the loop costs a third of what three appends cost.
	var orig, norm []rune
	var toOrig, marks []int32
	nm := n/markStride + 1
	if b != nil && cap(b.orig) >= n && cap(b.norm) >= n && cap(b.toOrig) >= n+1 && cap(b.marks) >= nm {
		orig, norm, toOrig, marks = b.orig[:n], b.norm[:n], b.toOrig[:n+1], b.marks[:nm]
	} else {
		// The four arrays are all int32 (a rune is one): a single
		// allocation costs a quarter of the allocator's calls and
		// clears one block. Each is capped at its own end, so that an
		// append to one (an expanding ligature, invalid UTF-8) moves it
		// rather than writing into the next.
		a := make([]int32, 3*n+1+nm)
		orig, norm = a[:n:n], a[n:2*n:2*n]
		toOrig, marks = a[2*n:3*n+1:3*n+1], a[3*n+1:]
	}
	valid := true // every rune decoded is the bytes it came from
	var buf [8]rune
	i, j := 0, 0 // runes written to orig and to norm
	// enc holds the normalised text in UTF-8, w bytes of it written; it
	// becomes a string the tokens share, so it is not pooled. Room for
	// two bytes a rune, an Arabic letter's, grown for the rare longer one.
	// Without encode (Normalize), nothing is encoded at all.
	var enc []byte
	w := 0
	if encode {
		enc = make([]byte, 2*n+8)
	}
	for k := 0; k < len(s); {
		if i%markStride == 0 && i/markStride < len(marks) {
			marks[i/markStride] = int32(k)
		}
		// The common case, as few instructions a rune as can be, up to
		// the next mark (normRun, normRunEnc when encoding); anything
		// else is the general step below, one rune.
		lim := min(len(orig), (i/markStride+1)*markStride)
		if j < len(norm) && !encode {
			var x, y int
			k, x, y = normRun(s, k, i, orig[i:lim], norm[j:], toOrig[j:])
			i, j = i+x, j+y
		} else if j < len(norm) && w < len(enc) {
			var x, y, z int
			k, x, y, z = normRunEnc(s, k, i, orig[i:lim], norm[j:], toOrig[j:], enc[w:])
			i, j, w = i+x, j+y, w+z
		}
		if k >= len(s) {
			break
		}
		if i == lim && i < len(orig) {
			continue // at a mark
		}
		// Decoding here rather than by []rune(s) saves a pass over the
		// text; Arabic letters are two bytes, decoded inline, and what
		// is not valid UTF-8 becomes U+FFFD a byte at a time, as there.
		var r rune
		switch c := s[k]; {
		case c < utf8.RuneSelf:
			r = rune(c)
			k++
		case c >= 0xC2 && c <= 0xDF && k+1 < len(s) && s[k+1]&0xC0 == 0x80:
			r = rune(c&0x1F)<<6 | rune(s[k+1]&0x3F)
			k += 2
		default:
			var size int
			r, size = utf8.DecodeRuneInString(s[k:])
			if r == utf8.RuneError && size == 1 {
				valid = false // U+FFFD for a byte that is no UTF-8
			}
			k += size
		}
		if i == len(orig) {
			// runesIn counts fewer runes than decoding finds in invalid
			// UTF-8.
			orig = append(orig, r)
		} else {
			orig[i] = r
		}
		i++
		var out []rune
		if r < normTableSize {
			if m := normTable[r]; m >= 0 {
				buf[0] = m
				out = buf[:1]
			} else if m == normDrop {
				continue
			}
		}
		if out == nil {
			out = normRune(r, buf[:0])
		}
		for _, m := range out {
			if j < len(norm) {
				norm[j], toOrig[j] = m, int32(i-1)
			} else {
				norm, toOrig = append(norm, m), append(toOrig[:j], int32(i-1))
			}
			j++
			if !encode {
				continue
			}
			if len(enc)-w < utf8.UTFMax {
				enc = append(enc[:w], make([]byte, len(enc))...)
			}
			w += utf8.EncodeRune(enc[w:], m)
		}
	}
	toOrig = append(toOrig[:j], int32(i))
	t := &Text{Orig: orig[:i], Norm: norm[:j], toOrig: toOrig, marks: marks}
	if valid {
		t.src = s
	}
	if !encode || w == 0 {
		return t, ""
	}
	// enc is never written again: the string may share it, as
	// strings.Builder's does.
	return t, unsafe.String(&enc[0], w)
}

// normRun normalises s from byte k while its runes are of the common
// kind: ASCII or two bytes below normTableSize (a lead byte up to 0xDB),
// which the table maps to at most one rune below U+0800, while orig and
// norm have room. It writes orig, norm and toOrig (whose runes come after
// the first i of the text) from their starts and returns where it stopped
// in s and how much of each it wrote.
//
// Decoding and mapping are one loop, and the code is written out again in
// normRunEnc rather than shared: as a function of its own (not inlined)
// or as a loop of its own over orig, each costs a fifth of the speed.
func normRun(s string, k, i int, orig, norm []rune, toOrig []int32) (int, int, int) {
	// At most a rune for each free element of norm; with the arrays cut
	// to one length, the stores below need no bounds checks.
	orig = orig[:min(len(orig), len(norm))]
	norm, toOrig = norm[:len(orig)], toOrig[:len(orig)]
	x, y := 0, 0
	for ; x < len(orig) && k < len(s); x++ {
		c := s[k]
		var r, m rune
		if c < utf8.RuneSelf {
			// The table maps every ASCII rune to one ASCII rune (a
			// capital to its small letter, '_' to a space): it need not
			// be tested.
			r, m = rune(c), normTable[c]
			k++
		} else {
			if c < 0xC2 || c > 0xDB || k+1 >= len(s) || s[k+1]&0xC0 != 0x80 {
				break
			}
			r = rune(c&0x1F)<<6 | rune(s[k+1]&0x3F)
			m = normTable[r]
			// normDrop (-1) and a rune below U+0800 pass, normSlow (-2)
			// and a rune of three bytes do not: one comparison for three.
			if uint32(m+1) > 0x800 {
				break // the general step
			}
			k += 2
		}
		orig[x] = r
		if m >= 0 { // else dropped
			norm[y], toOrig[y] = m, int32(i+x)
			y++
		}
	}
	return k, x, y
}

// normRunEnc is normRun that also writes the normalised runes' UTF-8 to
// enc, for Analyze, and returns how many bytes it wrote. Normalize has no
// use for them: normRun spares it the stores.
func normRunEnc(s string, k, i int, orig, norm []rune, toOrig []int32, enc []byte) (int, int, int, int) {
	// At most a rune for each free element of norm and two bytes of enc
	// for each, so that the loop never runs out of room.
	orig = orig[:min(len(orig), len(norm), len(enc)/2)]
	norm, toOrig, enc = norm[:len(orig)], toOrig[:len(orig)], enc[:2*len(orig)]
	x, y, z := 0, 0, 0
	for ; x < len(orig) && k < len(s); x++ {
		// As in normRun.
		c := s[k]
		var r, m rune
		if c < utf8.RuneSelf {
			r, m = rune(c), normTable[c]
			k++
		} else {
			if c < 0xC2 || c > 0xDB || k+1 >= len(s) || s[k+1]&0xC0 != 0x80 {
				break
			}
			r = rune(c&0x1F)<<6 | rune(s[k+1]&0x3F)
			m = normTable[r]
			if uint32(m+1) > 0x800 {
				break
			}
			k += 2
		}
		orig[x] = r
		if m < 0 {
			continue // dropped
		}
		norm[y], toOrig[y] = m, int32(i+x)
		y++
		if m < utf8.RuneSelf {
			enc[z] = byte(m)
			z++
		} else {
			enc[z] = 0xC0 | byte(m>>6)
			enc[z+1] = 0x80 | byte(m)&0x3F
			z += 2
		}
	}
	return k, x, y, z
}

// runesIn is the number of runes in s when s is valid UTF-8 (else fewer):
// every byte but continuation bytes starts one. Counting them eight bytes
// at a time is several times faster than utf8.RuneCountInString, which
// decodes; tokens and their readings, written from runes, are always
// valid.
func runesIn(s string) int {
	n := len(s)
	i := 0
	for ; i+8 <= len(s); i += 8 {
		b := s[i : i+8] // one bounds check for the eight loads below
		w := uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
			uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
		// A continuation byte is 10xxxxxx: its top bit set, the next clear.
		n -= bits.OnesCount64(w &^ (w << 1) & 0x8080808080808080)
	}
	for ; i < len(s); i++ {
		if s[i]&0xC0 == 0x80 {
			n--
		}
	}
	return n
}

// RuneCount is utf8.RuneCountInString for valid UTF-8 such as a token's
// text or a reading of it, without decoding: the finders ask it of
// nearly every word.
func RuneCount(s string) int { return runesIn(s) }

// NormalizeString is Normalize for lexicon keys and queries, where no offset
// map is needed.
func NormalizeString(s string) string {
	// Keys, cues and clitics are mostly normalised already: those are
	// given back as they are, not copied.
	if normalized(s) {
		return s
	}
	out := make([]rune, 0, len(s))
	var buf [8]rune
	for _, r := range s {
		if r < normTableSize {
			if n := normTable[r]; n >= 0 {
				out = append(out, n)
				continue
			} else if n == normDrop {
				continue
			}
		}
		out = append(out, normRune(r, buf[:0])...)
	}
	return string(out)
}

// normalized reports whether NormalizeString(s) is s: every rune of s is
// valid UTF-8 and below normTableSize, and the table maps it to itself.
func normalized(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if normTable[c] != rune(c) {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r >= normTableSize || normTable[r] != r {
			return false // U+FFFD too, for a byte that is no UTF-8
		}
		i += size
	}
	return true
}

// HasNormalizedPrefix reports whether NormalizeString(s) starts with p,
// normalising only as much of s as p needs and making no string.
func HasNormalizedPrefix(s, p string) bool {
	var buf [8]rune
	var enc [utf8.UTFMax]byte
	for _, r := range s {
		if p == "" {
			return true
		}
		out := buf[:0]
		if r < normTableSize && normTable[r] >= 0 {
			out = append(out, normTable[r])
		} else if r >= normTableSize || normTable[r] != normDrop {
			out = normRune(r, out)
		}
		for _, m := range out {
			n := utf8.EncodeRune(enc[:], m)
			k := min(n, len(p))
			if string(enc[:k]) != p[:k] {
				return false
			}
			p = p[k:]
		}
	}
	return p == ""
}

// OrigOffset maps an offset in Norm to an offset in Orig. For an end offset
// use OrigEnd, so that dropped marks after the last rune stay inside.
func (t *Text) OrigOffset(n int) int {
	if n < 0 {
		return 0
	}
	if n >= len(t.toOrig) {
		return len(t.Orig)
	}
	return int(t.toOrig[n])
}

// OrigEnd maps an exclusive end offset in Norm to an exclusive end offset in
// Orig. Harakat and tatweel that follow the last matched letter in the
// original are included, since they belong to that letter.
func (t *Text) OrigEnd(n int) int {
	if n <= 0 {
		return 0
	}
	if n >= len(t.Norm) {
		return len(t.Orig)
	}
	end := int(t.toOrig[n-1]) + 1
	// Extend over runes that normalisation dropped (marks) but stop before
	// anything that produced normalised output.
	next := int(t.toOrig[n])
	for end < next && dropsEntirely(t.Orig[end]) && !unicode.IsSpace(t.Orig[end]) {
		end++
	}
	return end
}

// Slice returns the original text of the code-point span [start, end).
func (t *Text) Slice(start, end int) string {
	if start < 0 {
		start = 0
	}
	if end > len(t.Orig) {
		end = len(t.Orig)
	}
	if start >= end {
		return ""
	}
	if t.src != "" && start/markStride < len(t.marks) {
		// The span's bytes in the text as given: a substring, where
		// encoding its runes again cost a string each (the finders make
		// some forty an article). Orig's runes here are the bytes they
		// were decoded from, each of utf8.RuneLen bytes.
		k := int(t.marks[start/markStride])
		for _, r := range t.Orig[start/markStride*markStride : start] {
			k += utf8.RuneLen(r)
		}
		e := k
		for _, r := range t.Orig[start:end] {
			e += utf8.RuneLen(r)
		}
		return t.src[k:e]
	}
	return runesToString(t.Orig[start:end])
}

// runesToString is string(rs) with the length measured and the letters
// written inline: the conversion calls a function for every rune, twice,
// and every span of every mention is made by it.
func runesToString(rs []rune) string {
	n := 0
	for _, r := range rs {
		switch {
		case uint32(r) < utf8.RuneSelf:
			n++
		case uint32(r) < 0x800:
			n += 2
		default:
			n += runeLen(r)
		}
	}
	b := make([]byte, n)
	k := 0
	for _, r := range rs {
		switch {
		case uint32(r) < utf8.RuneSelf:
			b[k] = byte(r)
			k++
		case uint32(r) < 0x800:
			b[k] = 0xC0 | byte(r>>6)
			b[k+1] = 0x80 | byte(r)&0x3F
			k += 2
		default:
			k += utf8.EncodeRune(b[k:], r)
		}
	}
	return unsafe.String(unsafe.SliceData(b), n)
}

func dropsEntirely(r rune) bool {
	if r < normTableSize {
		return normTable[r] == normDrop
	}
	var buf [8]rune
	return len(normRune(r, buf[:0])) == 0
}

// normRune appends the normalised form of r to out. Most runes map to one
// rune; marks map to none; presentation-form ligatures may map to several.
func normRune(r rune, out []rune) []rune {
	// Most runes of Arabic news are plain letters: answer them first.
	if r >= 0x0621 && r <= 0x064A && r != 'أ' && r != 'إ' && r != 'آ' && r != 'ى' && r != 'ة' && r != 'ـ' {
		return append(out, r)
	}
	switch {
	case r < 0x80:
		if r >= 'A' && r <= 'Z' {
			return append(out, r+('a'-'A'))
		}
		if r == '_' {
			// Hashtags join a name's words with underscores
			// («#الجيش_الإسرائيلي»); read as spaces, the name is found
			// as it is in running text.
			return append(out, ' ')
		}
		return append(out, r)
	case r == 'أ' || r == 'إ' || r == 'آ' || r == 'ٱ' || r == 'ٲ' || r == 'ٳ' || r == 'ٵ':
		return append(out, 'ا')
	case r == 'ى' || r == 'ی' || r == 'ۍ' || r == 'ې':
		return append(out, 'ي')
	case r == 'ة' || r == 'ۃ':
		return append(out, 'ه')
	case r == 'ک' || r == 'ڪ':
		return append(out, 'ك')
	case r == 'ـ': // tatweel
		return out
	case r >= 0x064B && r <= 0x065F, r == 0x0670, r >= 0x0610 && r <= 0x061A,
		r >= 0x06D6 && r <= 0x06DC, r >= 0x06DF && r <= 0x06E8, r >= 0x06EA && r <= 0x06ED:
		return out // harakat and Quranic marks
	case r >= 0x200B && r <= 0x200F, r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069,
		r == 0xFEFF, r == 0x061C, r == 0x00AD:
		return out // zero-width and bidi controls, soft hyphen
	case r >= '٠' && r <= '٩':
		return append(out, '0'+(r-'٠'))
	case r >= '۰' && r <= '۹':
		return append(out, '0'+(r-'۰'))
	case r == '«' || r == '»' || r == '“' || r == '”' || r == '„' || r == '‟' || r == '″':
		return append(out, '"')
	case r == '‘' || r == '’' || r == '‚' || r == '‛':
		return append(out, '\'')
	case r == '٪':
		return append(out, '%')
	case r == '٫': // Arabic decimal separator
		return append(out, '.')
	case r == '٬': // Arabic thousands separator
		return append(out, ',')
	case r == '\u00A0' || r == '\u2007' || r == '\u202F' || (r >= '\u2000' && r <= '\u200A') || r == '\u3000':
		return append(out, ' ')
	case r == '\u2028' || r == '\u2029' || r == '\u0085':
		return append(out, '\n')
	case (r >= 0xFB50 && r <= 0xFDFF) || (r >= 0xFE70 && r <= 0xFEFC):
		// Arabic presentation forms: decompose, then normalise each part.
		for _, d := range norm.NFKC.String(string(r)) {
			if d == r {
				return append(out, r)
			}
			// The honorific ligatures («ﷺ», «ﷻ») spell whole phrases; a
			// space inside one would make two words of one character,
			// which no span in the original can tell apart.
			if d == ' ' {
				continue
			}
			out = normRune(d, out)
		}
		return out
	case unicode.IsUpper(r):
		return append(out, unicode.ToLower(r))
	}
	return append(out, r)
}
