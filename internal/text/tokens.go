package text

import (
	"sync"
	"unicode"
	"unicode/utf8"
)

// TokenKind tells words, numbers and punctuation apart.
type TokenKind uint8

const (
	Word TokenKind = iota
	Number
	Punct
)

func (k TokenKind) String() string {
	switch k {
	case Word:
		return "word"
	case Number:
		return "number"
	}
	return "punct"
}

// Token is one word, number or punctuation mark. Text is normalised; Start
// and End are code-point offsets into the original text.
type Token struct {
	Text string
	Kind TokenKind
	// NewlineBefore: a line break separates this token from the previous
	// one. (It and the readings' range fill what Kind leaves of a word:
	// 64 bytes a token, not 72.)
	NewlineBefore bool
	formLo        int32
	NStart, NEnd  int
	Start, End    int
	formHi        int32
}

// Sentence is a span of the original text with the tokens it holds.
type Sentence struct {
	Start, End       int
	TokStart, TokEnd int
}

// Analysis is everything the mention finders need about one text.
type Analysis struct {
	*Text
	Tokens    []Token
	Sentences []Sentence
	forms     []Form
}

// Analyze normalises s, splits it into tokens and sentences and computes the
// clitic readings of every word.
func Analyze(s string) *Analysis {
	b, _ := analyses.Get().(*buffers)
	t, norm := normalize(s, b, true)
	a := &Analysis{Text: t}
	if b != nil {
		a.Sentences = b.sentences
	}
	a.tokenize(b, norm)
	a.splitSentences()
	return a
}

// buffers are the arrays of an analysis that Release handed back: a
// worker analyses one article after another, and these arrays (the runes,
// the offset map, the tokens and their readings, the sentences: some 80 KB
// an article, most of what extracting one allocates) were garbage as soon
// as its events were made. The strings the tokens point into are not among them: an event may
// keep those.
type buffers struct {
	orig, norm []rune
	toOrig     []int32
	marks      []int32
	tokens     []Token // length 0, every element zero
	forms      []Form  // likewise
	sentences  []Sentence
}

var analyses sync.Pool

// Release hands a's arrays to a later Analyze. The caller must be done with
// a and with everything made from it that is not a string: its Tokens,
// Sentences, readings, Text and offset map (a use after Release finds them
// gone and panics). Strings (Token.Text, a Span's Text) stay valid. Not
// calling it only costs the allocations.
func (a *Analysis) Release() {
	if a == nil || a.Text == nil {
		return
	}
	// Cleared so that the pool keeps no article's strings alive.
	clear(a.Tokens)
	clear(a.forms)
	analyses.Put(&buffers{orig: a.Orig[:0], norm: a.Norm[:0], toOrig: a.toOrig[:0], marks: a.marks[:0],
		tokens: a.Tokens[:0], forms: a.forms[:0], sentences: a.Sentences[:0]})
	a.Tokens, a.forms, a.Sentences = nil, nil, nil
	a.Text = nil
}

// Forms returns the readings of token i (the surface first). Numbers and
// punctuation have only their surface.
func (a *Analysis) Forms(i int) []Form {
	t := &a.Tokens[i]
	return a.forms[t.formLo:t.formHi]
}

// WordHash is a hash of token i's normalised text, the same for the same
// text within one process: the one Analyze made of its surface reading.
func (a *Analysis) WordHash(i int) uint64 { return a.forms[a.Tokens[i].formLo].hash }

// SpanOf maps normalised offsets [ns, ne) to an original-text Span.
func (a *Analysis) SpanOf(ns, ne int) Span {
	s, e := a.OrigOffset(ns), a.OrigEnd(ne)
	return Span{Text: a.Slice(s, e), Start: s, End: e}
}

// TokenSpan is the original-text span covering tokens [i, j).
func (a *Analysis) TokenSpan(i, j int) Span {
	return a.SpanOf(a.Tokens[i].NStart, a.Tokens[j-1].NEnd)
}

// SentenceOf returns the index of the sentence holding token i.
func (a *Analysis) SentenceOf(i int) int {
	lo, hi := 0, len(a.Sentences)
	for lo < hi {
		m := (lo + hi) / 2
		if a.Sentences[m].TokEnd <= i {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// The classes tokenize gives a rune that may start a token.
const (
	classPunct   = iota
	classNewline // \n or \r: the next token has NewlineBefore
	classSpace   // any other space or control: between tokens
	classDigit
	classWord
)

// classify is tokenize's test of the rune a token may start with, in the
// order it asks: a space or control rune separates tokens, a digit starts
// a number, a word rune a word, anything else is punctuation.
func classify(r rune) uint8 {
	switch {
	case r == '\n' || r == '\r':
		return classNewline
	case r == ' ':
		return classSpace
	case uint32(r)-0x0621 <= 0x065F-0x0621:
		return classWord // an Arabic letter
	case unicode.IsSpace(r) || unicode.IsControl(r):
		return classSpace
	case isDigitRune(r):
		return classDigit
	case isWordRune(r):
		return classWord
	}
	return classPunct
}

// runeClass is classify, read from a table for the runes of ASCII and the
// Arabic block (which the comma, semicolon and question mark of Arabic
// are, and which classify answers with calls into package unicode).
func runeClass(r rune) uint8 {
	if uint32(r) < normTableSize {
		return runeClasses[r]
	}
	return classify(r)
}

var runeClasses = func() (t [normTableSize]uint8) {
	for r := range rune(normTableSize) {
		t[r] = classify(r)
	}
	return t
}()

// wordRuneBytes is, for the runes below normTableSize, the length in
// UTF-8 of a word rune and 0 for any other: one load answers both.
var wordRuneBytes = func() (t [normTableSize]uint8) {
	for r := range rune(normTableSize) {
		if isWordRune(r) {
			t[r] = uint8(runeLen(r))
		}
	}
	return t
}()

// isWordRune is inlined where tokens are read: an Arabic letter or an
// ASCII rune is answered without a call.
func isWordRune(r rune) bool {
	if uint32(r) < 0x80 {
		return asciiLetter[r]
	}
	return uint32(r)-0x0621 <= 0x065F-0x0621 || isWordRuneSlow(r)
}

var asciiLetter = func() (t [0x80]bool) {
	for r := 'a'; r <= 'z'; r++ {
		t[r], t[r-'a'+'A'] = true, true
	}
	return t
}()

func isWordRuneSlow(r rune) bool { return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) }
func isDigitRune(r rune) bool    { return r >= '0' && r <= '9' }

// runeLen is the length of r in UTF-8 as string([]rune) writes it: an
// invalid rune becomes U+FFFD.
func runeLen(r rune) int {
	if uint32(r) < utf8.RuneSelf {
		return 1
	}
	if n := utf8.RuneLen(r); n > 0 {
		return n
	}
	return utf8.RuneLen(utf8.RuneError)
}

// tokenize cuts a's normalised text, norm in UTF-8, into tokens.
func (a *Analysis) tokenize(b *buffers, norm string) {
	n := a.Norm
	// On the bench corpus a token takes 5.2 runes and a reading 3.1 (at
	// most 4.1 and 2.6 in an article of over 500 runes): room for that,
	// since most of both arrays would otherwise be allocated for nothing,
	// and a rare article that needs more grows them.
	if b != nil && cap(b.tokens) >= len(n)/5+2 {
		a.Tokens = b.tokens
	} else {
		a.Tokens = make([]Token, 0, len(n)/5+2)
	}
	if b != nil && cap(b.forms) >= len(n)/3+4 {
		a.forms = b.forms
	} else {
		a.forms = make([]Form, 0, len(n)/3+4)
	}
	// Every token's text is a substring of the whole normalised text,
	// encoded once, rather than a string of its own per token.
	bp := 0 // the byte offset in norm of rune i
	newline := false
	for i := 0; i < len(n); {
		r := n[i]
		c := runeClass(r)
		switch c {
		case classNewline:
			newline = true
			i++
			bp++
			continue
		case classSpace:
			i++
			bp += runeLen(r)
			continue
		}
		start, bstart := i, bp
		var kind TokenKind
		switch c {
		case classDigit:
			kind = Number
			i++
			for i < len(n) {
				if isDigitRune(n[i]) {
					i++
					continue
				}
				// 8.5 and 1,000 stay one number; 2019/03 does not.
				if (n[i] == '.' || n[i] == ',') && i+1 < len(n) && isDigitRune(n[i+1]) {
					i += 2
					continue
				}
				break
			}
			bp += i - start // digits, «.» and «,»: a byte each
		case classWord:
			kind = Word
			// The word's length in bytes is counted as its runes are read,
			// rather than in a second pass.
			nb := 0
			for i < len(n) {
				r := n[i]
				if uint32(r) < normTableSize {
					if wordRuneBytes[r] == 0 {
						break
					}
					nb += int(wordRuneBytes[r])
				} else if isWordRuneSlow(r) {
					nb += runeLen(r)
				} else {
					break
				}
				i++
			}
			// A run of two glued words is cut in two tokens (glue.go).
			if i-start >= glueMinRunes {
				if c := a.glueCut(start, i, norm, bstart); c >= 0 {
					i = c
					nb = 0
					for _, r := range n[start:i] {
						nb += runeLen(r)
					}
				}
			}
			bp += nb
		default:
			kind = Punct
			i++
			bp += runeLen(r)
		}
		tok := Token{
			Text:          norm[bstart:bp],
			Kind:          kind,
			NStart:        start,
			NEnd:          i,
			Start:         a.OrigOffset(start),
			End:           a.OrigEnd(i),
			NewlineBefore: newline,
		}
		newline = false
		tok.formLo = int32(len(a.forms))
		if kind == Word {
			a.forms = appendForms(a.forms, tok.Text, i-start)
		} else {
			a.forms = append(a.forms, Form{Text: tok.Text, hash: formHash(tok.Text)})
		}
		tok.formHi = int32(len(a.forms))
		a.Tokens = append(a.Tokens, tok)
	}
}

// Tokenize returns the normalised word and number tokens of a phrase, as
// lexicon loaders need them (punctuation dropped).
func Tokenize(phrase string) []string {
	a := Analyze(phrase)
	out := make([]string, 0, len(a.Tokens))
	for _, t := range a.Tokens {
		if t.Kind != Punct {
			out = append(out, t.Text)
		}
	}
	return out
}

func isTerminator(s string) bool {
	switch s {
	case ".", "؟", "?", "!", "…":
		return true
	}
	return false
}

func isCloser(s string) bool {
	switch s {
	case "\"", "'", ")", "]", "}", "»":
		return true
	}
	return false
}

// MaxSentenceTokens bounds a sentence. Nearly every sentence of real news
// is far shorter (on the bench corpus's 334,400 sentences the median is 26
// tokens, one in ten thousand passes 163, the longest is 454), but a text
// without stops (a scraped list, a pasted table, a hostile post) would be
// one sentence, and the rules' work grows faster than a sentence's length:
// cut there, every sentence costs at most a bounded amount.
const MaxSentenceTokens = 200

// longSentenceCut is where a sentence over MaxSentenceTokens ends: after
// the last comma, semicolon or colon in the second half of [lo, hi), so
// that a clause stays whole, else at hi.
func longSentenceCut(toks []Token, lo, hi int) int {
	for i := hi - 1; i > lo+(hi-lo)/2; i-- {
		if toks[i].Kind == Punct {
			switch toks[i].Text {
			case "،", ",", "؛", ";", ":":
				return i + 1
			}
		}
	}
	return hi
}

// splitSentences ends a sentence at . ؟ ? ! … (with any closing quotes or
// brackets after them) and at every line break. A full stop after a single
// letter is an abbreviation («د.», «U.S.») and does not end a sentence.
func (a *Analysis) splitSentences() {
	toks := a.Tokens
	start := 0
	emit := func(lo, hi int) {
		a.Sentences = append(a.Sentences, Sentence{
			Start: toks[lo].Start, End: toks[hi-1].End,
			TokStart: lo, TokEnd: hi,
		})
	}
	flush := func(end int) {
		for end-start > MaxSentenceTokens {
			cut := longSentenceCut(toks, start, start+MaxSentenceTokens)
			emit(start, cut)
			start = cut
		}
		if end > start {
			emit(start, end)
		}
		start = end
	}
	for i := 0; i < len(toks); i++ {
		if toks[i].NewlineBefore {
			flush(i)
		}
		if toks[i].Kind != Punct || !isTerminator(toks[i].Text) {
			continue
		}
		if toks[i].Text == "." && i > 0 && toks[i-1].Kind == Word &&
			utf8.RuneCountInString(toks[i-1].Text) == 1 && toks[i-1].NEnd == toks[i].NStart {
			continue
		}
		j := i + 1
		for j < len(toks) && toks[j].Kind == Punct && !toks[j].NewlineBefore &&
			(isTerminator(toks[j].Text) || isCloser(toks[j].Text)) {
			// A quote glued to the next word opens the next sentence.
			if toks[j].Text == "\"" && j+1 < len(toks) && toks[j+1].NStart == toks[j].NEnd && toks[j+1].Kind != Punct {
				break
			}
			j++
		}
		flush(j)
		i = j - 1
	}
	flush(len(toks))
}
