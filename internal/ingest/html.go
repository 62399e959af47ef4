package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"github.com/gogs/chardet"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
)

// errNoArticle is a page in which the reader found no main text.
var errNoArticle = errors.New("no article text found in the page")

// readHTML extracts the article of one page: its main text (go-readability,
// after dropBoilerplate), and its title, outlet name, canonical URL and
// publication date from the page's own metadata (readPageMeta: og:*,
// article:published_time, JSON-LD, <time>, the URL's path).
// contentType is the HTTP header, "" for a file; pageURL is where the page
// came from, "" when unknown. Fields the page does not give stay empty.
func readHTML(b []byte, contentType, pageURL string) (doc *Document, err error) {
	// Pages come from anywhere; one that trips a bug in the extractor must
	// cost that page, not the whole run.
	defer func() {
		if p := recover(); p != nil {
			doc, err = nil, fmt.Errorf("HTML extraction failed: %v", p)
		}
	}()
	root, err := html.Parse(strings.NewReader(decodeHTML(b, contentType)))
	if err != nil {
		if strings.Contains(err.Error(), "open stack of elements exceeds") {
			// x/net/html stops at 512 open elements; its message speaks
			// of its own workings.
			return nil, fmt.Errorf("HTML nested too deep to be a page (%v)", err)
		}
		return nil, err
	}
	separateGluedInline(root)
	// The metadata first: the article reader rewrites the tree it is given.
	meta := readPageMeta(root, pageURL)
	dropBoilerplate(root)
	var u *url.URL
	if pu, err := url.Parse(pageURL); err == nil && pu.IsAbs() {
		u = pu
	}
	p := readability.NewParser()
	p.DisableJSONLD = true // readPageMeta has read it
	art, err := p.ParseAndMutate(root, u)
	if err != nil || art.Node == nil {
		return nil, errNoArticle
	}
	doc = &Document{URL: firstNonEmpty(meta.url, pageURL), Source: meta.site, Title: meta.title, Published: meta.published}
	body := blockText(art.Node)
	if body == "" || body == doc.Title {
		// A page with no text but its headline is an app shell or an
		// index page, not an article.
		return nil, errNoArticle
	}
	doc.Text = withTitle(doc.Title, body)
	return doc, nil
}

// htmlFragmentText is the text of a snippet of HTML such as a feed item's
// description, paragraphs kept apart.
func htmlFragmentText(s string) string {
	nodes, err := html.ParseFragment(strings.NewReader(s), &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body})
	if err != nil {
		return ""
	}
	body := &html.Node{Type: html.ElementNode, Data: "body"}
	for _, n := range nodes {
		body.AppendChild(n)
	}
	return blockText(body)
}

// decodeHTML turns a page into UTF-8 the way a browser would: a byte-order
// mark, the HTTP charset or a <meta> declaration decide, and a page that
// declares nothing is UTF-8 when it is valid UTF-8. Bytes that are not valid
// in the charset a page declares (or in UTF-8) are not an error: old Arabic
// sites often serve windows-1256 under a UTF-8 label, so the bytes are then
// given to a charset detector, and only what it cannot place becomes U+FFFD.
func decodeHTML(b []byte, contentType string) string {
	enc, name, certain := charset.DetermineEncoding(b, contentType)
	// x/net reports windows-1252, uncertain, both for a page that declares
	// it in a <meta> tag and for one that declares nothing at all.
	if name == "utf-8" || name == "windows-1252" && !certain {
		b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
		if utf8.Valid(b) {
			return string(b)
		}
		enc = detectCharset(b)
	}
	s, err := enc.NewDecoder().Bytes(b)
	if err != nil {
		return strings.ToValidUTF8(string(b), "\uFFFD")
	}
	return strings.ToValidUTF8(string(s), "\uFFFD")
}

// detectCharset guesses the charset of bytes that are not UTF-8, falling
// back to UTF-8 itself (with U+FFFD for the bad bytes) when the guess is
// unusable.
func detectCharset(b []byte) encoding.Encoding {
	if r, err := chardet.NewHtmlDetector().DetectBest(b); err == nil {
		if enc, name := charset.Lookup(r.Charset); enc != nil && name != "utf-8" {
			return enc
		}
	}
	return encoding.Nop
}

// blockText renders an HTML tree as plain text: a blank line between blocks
// (paragraphs, headings, list items, table rows), a line break for <br>,
// runs of white space collapsed, as rasd's text files are laid out.
func blockText(n *html.Node) string {
	var paras []string
	var cur strings.Builder
	flush := func() {
		var lines []string
		for _, line := range strings.Split(cur.String(), "\n") {
			if line = collapseSpace(line); line != "" {
				lines = append(lines, line)
			}
		}
		if len(lines) > 0 {
			paras = append(paras, strings.Join(lines, "\n"))
		}
		cur.Reset()
	}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			cur.WriteString(n.Data)
			return
		case html.ElementNode:
			switch n.Data {
			case "script", "style", "noscript", "template", "head":
				return
			case "br":
				cur.WriteByte('\n')
				return
			case "td", "th":
				cur.WriteByte(' ')
			}
		}
		block := n.Type == html.ElementNode && blockTags[n.Data]
		if block {
			flush()
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if block {
			flush()
		}
	}
	if n != nil {
		walk(n)
	}
	flush()
	return strings.Join(paras, "\n\n")
}

var blockTags = map[string]bool{
	"address": true, "article": true, "aside": true, "blockquote": true, "dd": true, "div": true, "dl": true,
	"dt": true, "figcaption": true, "figure": true, "footer": true, "h1": true, "h2": true, "h3": true,
	"h4": true, "h5": true, "h6": true, "header": true, "hr": true, "li": true, "main": true, "nav": true,
	"ol": true, "p": true, "pre": true, "section": true, "table": true, "tr": true, "ul": true,
}

func collapseSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

// withTitle puts the headline first, as in a text file, unless the body
// already opens with it: headlines often carry the event itself. A headline
// with no body is no article, so an empty body stays empty.
func withTitle(title, body string) string {
	first, _, _ := strings.Cut(body, "\n")
	if title == "" || body == "" || collapseSpace(first) == title {
		return body
	}
	return title + "\n\n" + body
}
