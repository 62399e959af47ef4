package dedup

import (
	_ "embed"
	"hash/maphash"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"rasd/internal/event"
	"rasd/internal/text"
)

// Evidence that journalists repeat across outlets: the same toll and the
// same wording. Wire copy (AFP, Reuters, the Observatory's statement, an
// army's communiqué) is rewritten by every desk, but its phrases survive
// («أعلن الجيش التركي مقتل ثمانية من جنوده»): two reports that share
// several word pairs of their event sentences or titles are far more often
// one occurrence than two look-alikes of one place and week.

// sketch is what one report's event sentences and title say that another
// report may repeat: the hashed word pairs (2-shingles), and the hashed
// rare words (names), each sorted and unique.
type sketch struct {
	pairs []uint64
	// names are the words of the report that few news articles use: the
	// names of people, sites, units and neighbourhoods («مسطرد», «كشكول»,
	// «الصماد») that every outlet must write however it words the rest.
	names []uint64
}

// minShingles: a text with fewer word pairs says too little for its
// overlap to mean anything.
const minShingles = 4

// newSketch builds the sketch of the given texts. Words are cut as Words
// cuts them; shingles do not cross texts.
func newSketch(texts ...string) sketch {
	var out sketch
	var words []string
	common := commonWords()
	for _, t := range texts {
		words = appendWords(words[:0], t)
		for i, w := range words {
			if i > 0 {
				out.pairs = append(out.pairs, pairHash(words[i-1], w))
			}
			if rare(w, common) {
				out.names = append(out.names, pairHash("", w))
			}
		}
	}
	slices.Sort(out.pairs)
	out.pairs = slices.Compact(out.pairs)
	slices.Sort(out.names)
	out.names = slices.Compact(out.names)
	return out
}

// Words cuts a text into words as the matcher compares them: normalised as
// the gazetteer normalises (alef and yeh forms, diacritics), without the
// article and the conjunctions and prepositions written onto them, so that
// «والجيش» and «الجيش» count as one word. gencommon counts them so.
func Words(s string) []string { return appendWords(nil, s) }

func appendWords(dst []string, s string) []string {
	for _, w := range strings.FieldsFunc(text.NormalizeString(s), notWordRune) {
		dst = append(dst, stripClitics(w))
	}
	return dst
}

// rare: a word of three letters or more, not a number, that the common
// words list lacks.
func rare(w string, common map[string]struct{}) bool {
	if utf8.RuneCountInString(w) < 3 {
		return false
	}
	if _, ok := common[w]; ok {
		return false
	}
	for _, r := range w {
		if !unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

//go:embed common-words.txt
var commonWordsFile string

// commonWords are the words more than 100 of the 31,508 articles of 2018
// in the bench corpus use (31,510 lines; gencommon wrote the list from it): what no
// report can be told by. A word of that corpus used by fewer articles is
// a name or a rare form as often as not, and two reports sharing two of
// them are rarely about two occurrences.
var commonWords = sync.OnceValue(func() map[string]struct{} {
	m := map[string]struct{}{}
	for _, line := range strings.Split(commonWordsFile, "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			m[line] = struct{}{}
		}
	}
	return m
})

// pairHash is FNV-1a of "a b", inline: the hash package's allocates.
func pairHash(a, b string) uint64 {
	const prime = 1099511628211
	h := uint64(14695981039346656037)
	for i := 0; i < len(a); i++ {
		h = (h ^ uint64(a[i])) * prime
	}
	h = (h ^ ' ') * prime
	for i := 0; i < len(b); i++ {
		h = (h ^ uint64(b[i])) * prime
	}
	return h
}

func notWordRune(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }

// stripClitics takes off the leading particles news Arabic writes onto a
// word, longest first, keeping at least three letters.
func stripClitics(w string) string {
	for _, p := range clitics {
		if strings.HasPrefix(w, p) && utf8.RuneCountInString(w[len(p):]) >= 3 {
			return w[len(p):]
		}
	}
	return w
}

var clitics = []string{"وال", "بال", "فال", "كال", "لل", "ال", "و", "ب"}

// overlap is the share of the smaller sketch's word pairs found in the
// larger (the overlap coefficient): a short headline wholly inside a long
// lede counts as fully shared. 0 when either is too small to tell.
func overlap(a, b sketch) float64 {
	if len(a.pairs) < minShingles || len(b.pairs) < minShingles {
		return 0
	}
	return float64(common(a.pairs, b.pairs)) / float64(min(len(a.pairs), len(b.pairs)))
}

// common counts the hashes two sorted sets share.
func common(a, b []uint64) int {
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			n++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return n
}

// sketches caches the sketch of each source (a document's event): a
// source's sentences and title never change, while its cluster's record is
// decoded or rebuilt at every join. A sketch is keyed by the texts it is
// made of (textsKey), so that the report being judged, once sketched ahead
// (PrepareSketch), and the same report as a source of its cluster later,
// find one entry.
var sketches = struct {
	sync.Mutex
	m map[textsKey]sketch
}{m: map[textsKey]sketch{}}

// textsKey names the texts of a sketch, a title and event sentences, by
// their length and a hash of them all: document ids come from the inputs
// and are not unique across them, and the texts say all a sketch depends
// on.
type textsKey struct {
	size int
	sum  uint64
}

var textsSeed = maphash.MakeSeed()

func keyOf(title string, evidence []event.Span) textsKey {
	var h maphash.Hash
	h.SetSeed(textsSeed)
	h.WriteString(title)
	size := len(title)
	for _, sp := range evidence {
		// The separator keeps ("ab", "c") and ("a", "bc") apart.
		h.WriteByte(0)
		h.WriteString(sp.Text)
		size += len(sp.Text)
	}
	return textsKey{size, h.Sum64()}
}

// maxCompared: the wording of a cluster is that of its first sources; a
// long-running story recalled by dozens of reports is judged on the
// reports that made it.
const maxCompared = 12

// maxSketches bounds the cache; a miss only costs building a sketch again.
const maxSketches = 50000

func sourceSketch(src *event.Source) sketch {
	return cachedSketch(src.Title, src.Evidence)
}

// cachedSketch is the sketch of a title and event sentences, from the
// cache if it holds them.
func cachedSketch(title string, evidence []event.Span) sketch {
	k := keyOf(title, evidence)
	sketches.Lock()
	s, ok := sketches.m[k]
	sketches.Unlock()
	if ok {
		return s
	}
	texts := make([]string, 0, len(evidence)+1)
	texts = append(texts, title)
	for _, sp := range evidence {
		texts = append(texts, sp.Text)
	}
	s = newSketch(texts...)
	sketches.Lock()
	if len(sketches.m) >= maxSketches {
		clear(sketches.m)
	}
	sketches.m[k] = s
	sketches.Unlock()
	return s
}

// PrepareSketch sketches the wording of a report's event ahead of its
// judgement, into the cache that judging it, and every later judgement
// against its cluster, read it from. Storing calls it where documents are
// prepared, on every core (store.Prepare), which leaves the one writer
// that judges every event in turn only the comparisons. It changes no
// judgement: a sketch is a function of the texts alone.
func PrepareSketch(doc event.Doc, e *event.Event) {
	cachedSketch(doc.Title, e.Evidence)
}

// lastEvent keeps the sketch of the event being judged: the store judges
// one event against every candidate cluster in turn.
var lastEvent struct {
	sync.Mutex
	e       *event.Event
	doc, id string
	size    int
	s       sketch
}

func cachedEventSketch(doc event.Doc, e *event.Event) sketch {
	lastEvent.Lock()
	defer lastEvent.Unlock()
	size := len(doc.Title)
	for _, sp := range e.Evidence {
		size += len(sp.Text)
	}
	if lastEvent.e != e || lastEvent.doc != doc.ID || lastEvent.id != e.ID || lastEvent.size != size {
		lastEvent.e, lastEvent.doc, lastEvent.id, lastEvent.size = e, doc.ID, e.ID, size
		lastEvent.s = cachedSketch(doc.Title, e.Evidence)
	}
	return lastEvent.s
}

// wording is the best overlap between the new report and any source of the
// cluster, and the most rare words it shares with one of them.
func wording(c *event.Stored, doc event.Doc, e *event.Event) (words float64, names int) {
	es := cachedEventSketch(doc, e)
	for i := range c.Sources[:min(len(c.Sources), maxCompared)] {
		s := sourceSketch(&c.Sources[i])
		words = max(words, overlap(es, s))
		names = max(names, common(es.names, s.names))
	}
	return words, names
}

// inRange is tollFit's value for a figure inside the range a cluster's
// sources gave, neither close to the lowest nor one of them.
const inRange = 0.25

// tollFit compares the deaths of two reports: 1 when the new report gives a
// figure some source of the cluster gave (the merged count is the lowest
// one, Max the highest), 0.5 when it is within a factor of two of the
// lowest (a count updated, or the Observatory's beside an army's), -1 when
// both give exact figures more than three times (and 5) apart from the
// lowest and outside the range the sources gave (8 and 28 dead at one
// place and day are two occurrences more often than one count updated), 0
// otherwise: a toll one report leaves out says nothing. A figure inside
// the range is one of the updates (inRange). The lowest, not the highest:
// the range grows with every toll that joins, and a chain of close tolls
// would walk from the army's 8 to another day's 36.
func tollFit(c *event.Fatalities, e *event.Fatalities) float64 {
	if c == nil || e == nil || c.Count <= 0 || e.Count <= 0 {
		return 0
	}
	if !e.Approx && (e.Count == c.Count || c.Max != nil && e.Count == *c.Max) {
		return 1
	}
	if e.Approx || c.Approx {
		return 0
	}
	lo := c.Count
	switch {
	case e.Count <= 2*lo && 2*e.Count >= lo:
		return 0.5
	case c.Max != nil && e.Count > lo && e.Count < *c.Max:
		// Inside the range the cluster's sources already gave: one of
		// the updates of a count that rose through the day (32 in the
		// morning, 252 the next day), never against it; a little for
		// it, less than a close figure, as a wide range holds any.
		return inRange
	case e.Count > 3*lo && e.Count-lo > 5, 3*e.Count < lo && lo-e.Count > 5:
		return -1
	}
	return 0
}

// copyWords: the share of a report's word pairs (overlap) found in
// another that makes it a copy of it.
const copyWords = 0.9

// republished: e's report is a copy of a source of c, an article of the
// same outlet published the same day with nearly all its words
// (copyWords): an outlet that publishes an article again with a new title
// or a sentence more. The extractor may read the two texts' fields
// differently (one sentence more names the Wednesday, the other dates the
// occurrence to the Sunday its toll was announced, one places it at the
// town, the other at the province), and no rule on the fields should keep
// one article apart from itself. Daily reports of one front, which an
// outlet writes alike, are of different days.
func republished(c *event.Stored, doc event.Doc, e *event.Event) bool {
	var es sketch
	read := false
	for i := range c.Sources[:min(len(c.Sources), maxCompared)] {
		s := &c.Sources[i]
		if s.Source != doc.Source || s.Published != doc.Published || s.DocID == doc.ID {
			continue
		}
		if !read {
			es, read = cachedEventSketch(doc, e), true
		}
		if overlap(es, sourceSketch(s)) >= copyWords {
			return true
		}
	}
	return false
}
