package ingest

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// gluedInline are the inline elements some Arabic outlets' pages butt
// against the words around them with no space («مصادر<a>الميادين</a>بأن»):
// a reader sees the link's colour where the space should be, but the text
// reads as one word, and no finder knows it.
var gluedInline = map[atom.Atom]bool{
	atom.A: true, atom.Strong: true, atom.B: true, atom.Em: true, atom.I: true,
	atom.U: true, atom.Span: true, atom.Mark: true,
}

// separateGluedInline puts a space between an inline element and the text
// it touches when the letters on both sides are Arabic: an Arabic word is
// never split across a link or a bold run, so the boundary is a word's.
func separateGluedInline(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && gluedInline[c.DataAtom] {
			if p := c.PrevSibling; p != nil && arabicLetter(lastRune(p)) && arabicLetter(firstRune(c)) {
				n.InsertBefore(&html.Node{Type: html.TextNode, Data: " "}, c)
			}
			if nx := c.NextSibling; nx != nil && arabicLetter(lastRune(c)) && arabicLetter(firstRune(nx)) {
				n.InsertBefore(&html.Node{Type: html.TextNode, Data: " "}, nx)
			}
		}
		separateGluedInline(c)
	}
}

func arabicLetter(r rune) bool { return unicode.Is(unicode.Arabic, r) && unicode.IsLetter(r) }

// firstRune is the first rune of the text under n (utf8.RuneError if none).
func firstRune(n *html.Node) rune { return edgeRune(n, true) }

// lastRune is the last rune of the text under n (utf8.RuneError if none).
func lastRune(n *html.Node) rune { return edgeRune(n, false) }

// edgeRune is the first (or last) rune of the text under n, looking through
// nested inline elements only: a block or an image ends the word anyway.
func edgeRune(n *html.Node, first bool) rune {
	if n.Type == html.TextNode {
		var r rune
		if first {
			r, _ = utf8.DecodeRuneInString(n.Data)
		} else {
			r, _ = utf8.DecodeLastRuneInString(n.Data)
		}
		return r
	}
	if n.Type != html.ElementNode || !gluedInline[n.DataAtom] {
		return utf8.RuneError
	}
	c, next := n.LastChild, func(c *html.Node) *html.Node { return c.PrevSibling }
	if first {
		c, next = n.FirstChild, func(c *html.Node) *html.Node { return c.NextSibling }
	}
	for ; c != nil; c = next(c) {
		if c.Type == html.TextNode && c.Data == "" {
			continue
		}
		return edgeRune(c, first)
	}
	return utf8.RuneError
}
