package text

import (
	_ "embed"
	"encoding/binary"
	"math/bits"
	"sort"
	"strings"
)

// Glued words. Some outlets' pages lose the spaces around links and tags,
// so two words reach rasd as one token («الأميركيةفي», «فيحلب»), and a cue,
// place, actor or number hidden in it is missed. The tokenizer cuts such a
// run of letters where glueCut says, emitting one token a part: a cut
// inserts a boundary, never a character, so every offset of every token
// stays an offset of the original text.
//
// Two kinds of cut:
//   - certain: after «ة» or «ى» followed by a letter, since both are written
//     only at the end of a word;
//   - by dictionary: a word that is neither frequent in news nor a word of a
//     lexicon's names, which splits into two or three frequent words
//     (glue-words.bin, see genglue), the split with the most frequent parts.

//go:generate go run ./genglue

//go:embed glue-words.bin
var glueWords string

const glueMagic = "rasd-glue-words-1\n"

// The table is an open-addressing hash set of 2^k slots of four bytes, read
// in place: nothing is parsed at start. A slot holds 26 bits of a word's
// hash (its fingerprint) and 6 bits of class: glueName if the word is a
// word of a lexicon's names, glueCue if of an event cue's or an actor's,
// and the bit length of its count in the bench corpus (1 for one
// occurrence, 2 for two or three, … up to 15). An empty slot is 0. With 26
// bits of fingerprint and a load under 0.7, a word absent from the table is
// taken for one present about once in 10⁷ lookups.
const (
	glueName      = 16
	glueCue       = 32
	glueCountMask = 15
	glueClassBits = 6
	glueFPBits    = 32 - glueClassBits
)

var glueSlots, glueShift = gluePrepare(glueWords)

func gluePrepare(packed string) (string, uint) {
	if len(packed) < len(glueMagic) || packed[:len(glueMagic)] != glueMagic {
		return "", 0
	}
	s := packed[len(glueMagic):]
	n := len(s) / 4
	if n == 0 || n&(n-1) != 0 || len(s)%4 != 0 {
		return "", 0
	}
	return s, uint(64 - bits.TrailingZeros(uint(n)))
}

// glueHash hashes the word pre+s (pre lets the reading «ا»+rest of «للـ»
// be hashed without building it) eight bytes at a time, finished by a
// mixer so that its top bits (the slot) and its low bits (the fingerprint)
// are both well spread: it runs for most words of every text.
func glueHash(pre, s string) uint64 {
	if pre != "" {
		var buf [64]byte
		if len(pre)+len(s) <= len(buf) {
			n := copy(buf[:], pre)
			n += copy(buf[n:], s)
			return glueHashBytes(buf[:n])
		}
		return glueHashBytes([]byte(pre + s))
	}
	full := s
	h := uint64(len(s)) * 0x9e3779b97f4a7c15
	for ; len(s) >= 8; s = s[8:] {
		h = (h ^ load64(s)) * 0xff51afd7ed558ccd
		h ^= h >> 29
	}
	var v uint64
	if len(s) > 0 && len(full) >= 8 {
		// The last eight bytes, overlapping the chunk before: one load
		// instead of a byte at a time.
		v = load64(full[len(full)-8:])
	} else {
		for i := 0; i < len(s); i++ {
			v |= uint64(s[i]) << (8 * i)
		}
	}
	h = (h ^ v) * 0xc4ceb9fe1a85ec53
	h ^= h >> 32
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	return h
}

func glueHashBytes(b []byte) uint64 { return glueHash("", string(b)) }

// load64 is the first eight bytes of s, little-endian: written so that the
// compiler makes it one load.
func load64[S string | []byte](s S) uint64 {
	s = s[:8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

func glueFP(h uint64) uint32 { return uint32(h) & (1<<glueFPBits - 1) }

// glueClass is the class of the word pre+s, 0 when the table lacks it.
func glueClass(pre, s string) uint8 {
	if glueSlots == "" {
		return 0
	}
	h := glueHash(pre, s)
	fp := glueFP(h)
	mask := uint64(len(glueSlots)/4 - 1)
	for i := h >> glueShift; ; i = (i + 1) & mask {
		b := glueSlots[i*4 : i*4+4]
		e := uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16 | uint32(b[3])<<24
		if e == 0 {
			return 0
		}
		if e>>glueClassBits == fp {
			return uint8(e & (1<<glueClassBits - 1))
		}
	}
}

// PackGlueWords is the table the segmenter reads (glue-words.bin), made by
// genglue: the words counted at least gluePackMin times in the bench corpus
// and every word of the lexicons' names; cues are the words of event cues
// and actors' names, a subset of names.
func PackGlueWords(counts map[string]int, names, cues map[string]bool) []byte {
	words := make([]string, 0, len(counts)+len(names))
	for w, n := range counts {
		if n >= gluePackMin || names[w] {
			words = append(words, w)
		}
	}
	for w := range names {
		if counts[w] == 0 {
			words = append(words, w)
		}
	}
	// Sorted, so that the same words give the same file.
	sort.Strings(words)
	n := 1
	for n < len(words)*10/7+1 { // a load of at most 0.7
		n *= 2
	}
	slots := make([]uint32, n)
	shift := uint(64 - bits.TrailingZeros(uint(n)))
	for _, w := range words {
		c := uint32(bits.Len(uint(counts[w])))
		if c > glueCountMask {
			c = glueCountMask
		}
		if names[w] {
			c |= glueName
		}
		if cues[w] {
			c |= glueCue
		}
		h := glueHash("", w)
		i := h >> shift
		for slots[i] != 0 {
			i = (i + 1) & uint64(n-1)
		}
		slots[i] = glueFP(h)<<glueClassBits | c
	}
	out := make([]byte, len(glueMagic), len(glueMagic)+4*n)
	copy(out, glueMagic)
	for _, s := range slots {
		out = binary.LittleEndian.AppendUint32(out, s)
	}
	return out
}

// GlueWords calls each with every normalised word of Arabic letters of s:
// the words genglue puts in the table. With cut, words are cut where the
// tokenizer always cuts (after «ة» or «ى»), as genglue counts the bench
// corpus; without, a run stays whole, as genglue takes a name: a name
// spelt with «ة» inside a word (Kurdish names in WOF, «كلةكين») is then
// known as it stands and never cut, so the text reads it as the gazetteer
// keys it.
func GlueWords(s string, cut bool, each func(string)) {
	t := Normalize(s)
	n := t.Norm
	for i := 0; i < len(n); {
		if !arabicLetter(n[i]) {
			i++
			continue
		}
		start := i
		for i < len(n) && arabicLetter(n[i]) {
			i++
		}
		end := i
		for start < end {
			c := -1
			if cut {
				c = t.certainCut(start, end)
			}
			if c < 0 {
				c = end
			}
			each(string(n[start:c]))
			start = c
		}
	}
}

func arabicLetter(r rune) bool { return r >= 0x0621 && r <= 0x064A && r != 0x0640 }

// certainCut is the first offset in (start, end) of a.Norm after a «ة» or
// «ى» of the original and before a letter, or -1. Each side keeps two
// letters at least: a lone letter is more likely a typo than a word.
func (t *Text) certainCut(start, end int) int {
	n := t.Norm
	for k := start + 1; k+2 < end; k++ {
		// ة and ى are normalised to ه and ي: only those are looked up
		// in the original.
		if r := n[k]; r != 'ه' && r != 'ي' {
			continue
		}
		if o := t.Orig[t.toOrig[k]]; o == 'ة' || o == 'ى' {
			return k + 1
		}
	}
	return -1
}

// Thresholds, in the table's bit lengths of counts (a bit length b is a
// count in [2^(b-1), 2^b)), chosen by measuring on the bench corpus and the
// dev set (docs/design.md).
const (
	// gluePackMin is the fewest occurrences in the bench corpus that put a
	// word in the table (names are always in it): a word seen once is
	// neither known (glueKnown) nor a part, and would only double the table.
	gluePackMin = 2
	// glueKnown: a word counted this often (bit length) is a word, never
	// split.
	glueKnown = 2
	// A part of a split must be counted 32 times if it has five letters or
	// more, 128 times if four, 2048 times if three: most syllables of
	// foreign names and word endings are short words of a few hundred
	// occurrences («مان», «سون», «بات»; «يتهم» of «عنصريتهم»), and at 512
	// a three-letter part still cut one rare word in four wrongly on the
	// bench corpus («بلاد|يوم», «حكم|تيار»). Beside a preposition («في»,
	// «من»), 32 times is enough for any part of four letters, and so is
	// being a word of a name.
	gluePart  = 6
	gluePart4 = 8
	gluePart3 = 12
	// glueCue3: a word of three letters of an event cue or an actor's name
	// («قصف», «ضرب») needs 256.
	glueCue3 = 9
	// glueMinRunes: shorter runs are not cut (two words of two letters
	// glued are too rare to pay for looking at every short word).
	glueMinRunes = 5
	// glueMaxRunes: longer runs are not cut. Glued words in news make runs
	// of 10 to 30 letters; a longer one is a text built to be slow or not
	// Arabic prose, and cutting it would cost the square of its length (the
	// tokenizer reads again what follows each cut, and a split tries
	// every pair of cuts).
	glueMaxRunes = 40
)

// glueShortParts are the two-letter words a split may leave as a part (in
// normalised spelling): the prepositions that pages glue to the next word.
// Other two-letter parts, «ما» and «لا» among them, start or end too many
// foreign names («لاسانيا»).
var glueShortParts = [...]string{"في", "من", "عن", "مع", "ان", "ضد"}

// glueReadings calls each with every reading of w the text layer makes by
// shedding proclitics (appendForms: و ف, then ب ك ل or «لل» read as «ال»,
// then the article), the surface first, each as pre+s; it stops when each
// returns true.
func glueReadings(w string, each func(pre, s string) bool) bool {
	if each("", w) {
		return true
	}
	runes := len(w) / 2 // Arabic letters only: two bytes each
	stages := [2]string{w}
	n := 1
	if runes > 3 && (w[:2] == "و" || w[:2] == "ف") {
		stages[1] = w[2:]
		n = 2
		if each("", w[2:]) {
			return true
		}
	}
	for _, s := range stages[:n] {
		r := len(s) / 2
		if r <= 3 {
			continue
		}
		switch s[:2] {
		case "ب", "ك":
			if each("", s[2:]) || r-1 > 4 && s[2:6] == "ال" && each("", s[6:]) {
				return true
			}
		case "ل":
			if s[2:4] == "ل" {
				// «للقرية» reads «القرية», and «قرية».
				if each("ا", s[2:]) || r > 4 && each("", s[4:]) {
					return true
				}
			} else if each("", s[2:]) || r-1 > 4 && s[2:6] == "ال" && each("", s[6:]) {
				return true
			}
		}
		if r > 4 && s[:4] == "ال" && each("", s[4:]) {
			return true
		}
	}
	return false
}

// glueIsWord reports whether w, or a reading of it (with its attached
// pronoun shed too, as the text layer reads «عدوانه» as «عدوان»), is a word
// of a name or a word counted glueKnown times: such a word is never split.
func glueIsWord(w string) bool {
	known := func(pre, s string) bool { return glueKnownClass(glueClass(pre, s)) }
	return glueReadings(w, func(pre, s string) bool {
		if known(pre, s) {
			return true
		}
		for _, i := range pronounsEnding(s) {
			suf := pronounSuffixes[i]
			if len(s)-len(suf) >= 6 && s[len(s)-len(suf):] == suf && known(pre, s[:len(s)-len(suf)]) {
				return true
			}
		}
		return false
	})
}

// glueKnownClass: a word of this class is never split.
func glueKnownClass(c uint8) bool { return c&glueName != 0 || c&glueCountMask >= glueKnown }

// glueVerbEnds are the endings of a verb with an object pronoun («أصابوهما»,
// «قتلوهم») that read as a word of their own: never a right part.
var glueVerbEnds = [...]string{"وه", "وها", "وهم", "وهما", "وهن", "وكم", "ونا", "وني"}

// glueFit is what a split may make of one part.
type glueFit struct {
	strict int  // the part's bit length of count if it passes its length's threshold, else 0
	loose  int  // likewise beside a preposition
	prep   bool // one of glueShortParts
	def    bool // a reading starts with the article
	name   bool // a reading is a name or a cue's word
}

// glueScore scores a part p of a split, at byte c of the word, whose first
// letter in the original is orig. Readings that shed a preposition count
// only when an article follows («للميادين», «بالقرب»): shed from other
// words, clitics leave letters that spell some other frequent word
// («بدأي» is not ب + «داي», «الاستغل» is not ال + «استغل»). A part that
// starts with a bare «ا» is «ال…» or a long verbal noun («استهداف»,
// «انفجار»); a short one is the end of a longer word («عدوانه»,
// «غولاني»), since a short word that starts with a hamza is written «أ»
// or «إ»; a word cut after «ال» and two letters was cut inside a word
// («الإحالات», «الأوراس»). A verb's object ending («وهما») never follows a cut.
func glueScore(p string, c int, orig rune) glueFit {
	runes := len(p) / 2
	if runes < 2 {
		return glueFit{}
	}
	if runes < 5 && p[:2] == "ا" && orig == 'ا' && (p[:4] != "ال" || runes == 3 || c == 0) {
		return glueFit{}
	}
	if runes == 4 && (p[:2] == "و" || p[:2] == "ف") && p[2:6] == "ال" {
		// «والإ» of «والإجارة»: the article and one letter.
		return glueFit{}
	}
	if c > 0 {
		for _, e := range glueVerbEnds {
			if p == e {
				return glueFit{}
			}
		}
	}
	if runes == 2 {
		for _, w := range glueShortParts {
			if p == w {
				b := int(glueClass("", p) & glueCountMask)
				return glueFit{strict: b, loose: b, prep: true}
			}
		}
		return glueFit{}
	}
	var g glueFit
	score := func(pre, s string) {
		c := glueClass(pre, s)
		b := int(c & glueCountMask)
		n := (len(pre) + len(s)) / 2
		need := gluePart
		switch {
		case n == 3 && c&glueCue != 0:
			need = glueCue3
		case n == 3:
			need = gluePart3
		case n == 4:
			need = gluePart4
		}
		if b >= need || c&glueName != 0 && n >= 5 && b >= 2 {
			// A name the news writes needs no more.
			g.strict = max(g.strict, b, gluePart)
		}
		switch {
		case n >= 4 && b >= gluePart:
			g.loose = max(g.loose, b)
		case c&glueName != 0 && n >= 4 && (b >= 2 || n >= 5 && joinedHasPrefix(pre, s, "ال")),
			c&glueCue != 0 && n == 3 && b >= 2:
			// A name the news writes, or a definite one, or an actor's
			// or a cue's short word («قسد»): most names never in the
			// news are villages of WOF whose words are syllables of
			// other words («بهين», «ربير»).
			g.loose = max(g.loose, gluePart)
			g.name = true
		}
		g.def = g.def || joinedHasPrefix(pre, s, "ال")
	}
	score("", p)
	stages := [2]string{p}
	n := 1
	if runes > 3 && (p[:2] == "و" || p[:2] == "ف") {
		stages[1] = p[2:]
		n = 2
		score("", p[2:])
	}
	for _, s := range stages[:n] {
		if len(s) < 10 {
			continue
		}
		switch {
		case s[:4] == "لل":
			score("ا", s[2:])
		case (s[:2] == "ب" || s[:2] == "ك" || s[:2] == "ل") && s[2:6] == "ال":
			score("", s[2:])
		}
	}
	g.loose = max(g.loose, g.strict)
	return g
}

// joinedHasPrefix is strings.HasPrefix(pre+s, p) without joining them:
// glueScore asks it of every part it scores.
func joinedHasPrefix(pre, s, p string) bool {
	if len(pre) >= len(p) {
		return pre[:len(p)] == p
	}
	return pre == p[:len(pre)] && strings.HasPrefix(s, p[len(pre):])
}

// glueSplit is the first cut (a byte offset of w) of the best split of w
// into two or, failing that, three parts, or -1. The best split is the one
// whose least frequent part is the most frequent, then the one whose
// parts are together the most frequent. orig(c) is the original rune of
// the letter at byte c of w.
func glueSplit(w string, orig func(c int) rune) int {
	// score is a part's score beside its neighbours.
	// score is a part's score beside its neighbours: a preposition
	// lowers what the next word needs only if it is definite or a name
	// («فيالقرية», «فيحيفا», «منقسد»), and what the word before it needs (most
	// glued prepositions follow a word); before other words, a glued
	// preposition is most often a word's first syllable («منفعلة»).
	score := func(g glueFit, before, after *glueFit) int {
		if before != nil && before.prep && (g.def || g.name) || after != nil && after.prep {
			return g.loose
		}
		return g.strict
	}
	// The word's beginnings and ends are scored once each: a split into
	// three parts has the beginnings and ends of the splits into two,
	// and the ends' scores were asked again for every middle part.
	var heads, tails [glueMaxRunes + 1]glueFit
	var headDone, tailDone [glueMaxRunes + 1]bool
	head := func(c int) glueFit {
		if i := c / 2; i < len(heads) {
			if !headDone[i] {
				heads[i], headDone[i] = glueScore(w[:c], 0, orig(0)), true
			}
			return heads[i]
		}
		return glueScore(w[:c], 0, orig(0))
	}
	tail := func(c int) glueFit {
		if i := c / 2; i < len(tails) {
			if !tailDone[i] {
				tails[i], tailDone[i] = glueScore(w[c:], c, orig(c)), true
			}
			return tails[i]
		}
		return glueScore(w[c:], c, orig(c))
	}
	best, bestMin, bestSum := -1, 0, 0
	for c := 4; c+4 <= len(w); c += 2 {
		lg := head(c)
		if lg.loose == 0 {
			continue
		}
		rg := tail(c)
		l, r := score(lg, nil, &rg), score(rg, &lg, nil)
		if l == 0 || r == 0 {
			continue
		}
		if m := min(l, r); m > bestMin || m == bestMin && l+r > bestSum {
			best, bestMin, bestSum = c, m, l+r
		}
	}
	if best >= 0 {
		return best
	}
	for c := 4; c+8 <= len(w); c += 2 {
		lg := head(c)
		if lg.loose == 0 {
			continue
		}
		for d := c + 4; d+4 <= len(w); d += 2 {
			mg := glueScore(w[c:d], c, orig(c))
			if mg.loose == 0 {
				continue
			}
			rg := tail(d)
			l, m, r := score(lg, nil, &mg), score(mg, &lg, &rg), score(rg, &mg, nil)
			if l == 0 || m == 0 || r == 0 {
				continue
			}
			if lo := min(l, m, r); lo > bestMin || lo == bestMin && l+m+r > bestSum {
				best, bestMin, bestSum = c, lo, l+m+r
			}
		}
	}
	return best
}

// glueCut is where the tokenizer cuts the run of word runes [start, end) of
// a.Norm, which starts at byte bstart of norm (a.Norm encoded): the offset
// of the first cut, or -1 when the run is one word. Only runs of Arabic
// letters are cut. The tokenizer calls it again on what follows a cut.
func (t *Text) glueCut(start, end int, norm string, bstart int) int {
	m := end - start
	if m < glueMinRunes || m > glueMaxRunes {
		return -1
	}
	// Most words are known as they stand: one lookup, before anything
	// else (this runs for every word). A known word has no certain cut
	// either, since genglue counted words after those cuts. A run that
	// is not all Arabic letters (two bytes each) has other bytes than w
	// here, is not found, and is refused below.
	if bstart+2*m <= len(norm) && glueKnownClass(glueClass("", norm[bstart:bstart+2*m])) {
		return -1
	}
	n := t.Norm[start:end]
	stop := m
	for k, r := range n {
		if uint32(r)-0x0621 > 0x064A-0x0621 {
			return -1
		}
		// certainCut's test, inline: ة and ى are normalised to ه and
		// ي, so only those are looked up in the original.
		if (r == 'ه' || r == 'ي') && stop == m && k > 0 && k+2 < m {
			if o := t.Orig[t.toOrig[start+k]]; o == 'ة' || o == 'ى' {
				stop = k + 1
			}
		}
	}
	w := norm[bstart : bstart+2*stop]
	if stop >= glueMinRunes && !glueIsWord(w) {
		orig := func(c int) rune { return t.Orig[t.toOrig[start+c/2]] }
		if c := glueSplit(w, orig); c >= 0 {
			return start + c/2
		}
	}
	if stop < m {
		return start + stop
	}
	return -1
}
