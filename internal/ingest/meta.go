package ingest

import (
	"encoding/json"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/text/cases"
	"golang.org/x/text/language"
)

// pageMeta is what a page says about itself in its markup: headline,
// outlet, canonical address and publication day. Any may be empty.
type pageMeta struct {
	title, site, url string
	published        time.Time // a calendar day at 00:00 UTC, as calendarDay gives
}

// readPageMeta reads a page's metadata from its parsed tree. It must run
// before the article reader, which removes the <head>'s scripts and rewrites
// the body. pageURL is where the page came from ("" when unknown): relative
// canonical links are resolved against it and its path may carry a date.
func readPageMeta(root *html.Node, pageURL string) pageMeta {
	var c metaCollector
	c.walk(root, false)
	m := pageMeta{
		title: collapseSpace(c.title()),
		site:  collapseSpace(c.site()),
		url:   c.canonical(pageURL),
	}
	m.published = c.published(m.url, pageURL)
	return m
}

// metaCollector gathers, in one walk over the tree, every element the
// metadata is read from; the fields are then chosen in an order of trust.
type metaCollector struct {
	props     map[string]string // <meta property|name|itemprop=… content=…>, lower-cased key, first wins
	canonLink string            // <link rel=canonical>
	altLink   string            // <link rel=alternate hreflang=x-default>
	docTitle  string            // <title>
	h1s       []string
	h2        string   // the first <h2>
	headline  string   // an h1/h2 whose class, id or itemprop says it is the headline
	jsonLD    []any    // decoded application/ld+json blocks
	itemDate  string   // the first element with itemprop=datePublished and a datetime or content
	timeDates []string // <time datetime> inside an <article> or <main>, in order; pubdate ones first
}

func (c *metaCollector) walk(n *html.Node, inArticle bool) {
	if n.Type == html.ElementNode {
		switch n.DataAtom {
		case atom.Meta:
			c.meta(n)
		case atom.Link:
			rel := strings.ToLower(attr(n, "rel"))
			href := strings.TrimSpace(attr(n, "href"))
			switch {
			case href == "":
			case hasToken(rel, "canonical") && c.canonLink == "":
				c.canonLink = href
			case hasToken(rel, "alternate") && strings.EqualFold(attr(n, "hreflang"), "x-default") && c.altLink == "":
				c.altLink = href
			}
		case atom.Title:
			if c.docTitle == "" && n.Namespace == "" { // an <svg>'s <title> names an icon
				c.docTitle = strings.TrimSpace(textOf(n))
			}
		case atom.Script:
			if strings.EqualFold(strings.TrimSpace(attr(n, "type")), "application/ld+json") {
				var v any
				// Some outlets put a stray comma or a comment in their
				// JSON-LD; such a block is skipped, not the page.
				if json.Unmarshal([]byte(strings.TrimSpace(textOf(n))), &v) == nil {
					c.jsonLD = append(c.jsonLD, v)
				}
			}
			return
		case atom.H1, atom.H2:
			t := collapseSpace(textOf(n))
			if n.DataAtom == atom.H1 {
				c.h1s = append(c.h1s, t)
			} else if c.h2 == "" {
				c.h2 = t
			}
			if c.headline == "" && t != "" && looksLikeHeadline(n) {
				c.headline = t
			}
		case atom.Article, atom.Main:
			inArticle = true
		case atom.Time:
			if d := strings.TrimSpace(attr(n, "datetime")); d != "" {
				_, pubdate := attrOK(n, "pubdate")
				switch {
				case pubdate || strings.EqualFold(attr(n, "itemprop"), "datePublished"):
					c.timeDates = append([]string{d}, c.timeDates...)
				case inArticle:
					c.timeDates = append(c.timeDates, d)
				}
			}
		}
		if c.itemDate == "" && strings.EqualFold(attr(n, "itemprop"), "datePublished") {
			c.itemDate = firstNonEmpty(strings.TrimSpace(attr(n, "datetime")), strings.TrimSpace(attr(n, "content")))
		}
	}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		c.walk(ch, inArticle)
	}
}

func (c *metaCollector) meta(n *html.Node) {
	content := strings.TrimSpace(attr(n, "content"))
	if content == "" {
		return
	}
	if c.props == nil {
		c.props = map[string]string{}
	}
	// A tag may carry its key in any of the three attributes; each is
	// filed under its own name so that name="date" and property="date"
	// mean the same.
	for _, a := range []string{"property", "name", "itemprop"} {
		if k := strings.ToLower(strings.TrimSpace(attr(n, a))); k != "" {
			if _, seen := c.props[k]; !seen {
				c.props[k] = content
			}
		}
	}
}

func (c *metaCollector) prop(keys ...string) string {
	for _, k := range keys {
		if v := c.props[k]; v != "" {
			return v
		}
	}
	return ""
}

// title: the page's own statement of its headline first (OpenGraph, then
// the other meta names, then JSON-LD), then the markup: a lone <h1>, a
// heading marked as the headline, the <title> without the outlet's name,
// any first <h1> or <h2>. This is trafilatura's order, which the tests and
// users' stored documents were made with.
func (c *metaCollector) title() string {
	if t := c.prop("og:title", "citation_title", "dc.title", "dcterms.title", "fb_title", "headline",
		"parsely-title", "sailthru.title", "shareaholic:title", "rbtitle", "title", "twitter:title"); t != "" {
		return t
	}
	if t := c.jsonLDArticleString("headline", "name"); t != "" {
		return t
	}
	if len(c.h1s) == 1 && c.h1s[0] != "" {
		return c.h1s[0]
	}
	if c.headline != "" {
		return c.headline
	}
	if first, second, ok := splitTitle(c.docTitle); ok {
		if !strings.Contains(first, ".") {
			return first
		}
		if !strings.Contains(second, ".") {
			return second
		}
	}
	if c.docTitle != "" {
		return c.docTitle
	}
	if len(c.h1s) > 0 {
		return c.h1s[0]
	}
	return c.h2
}

// site is the outlet's name: og:site_name, then the publisher of the
// JSON-LD article (or an Organization's name), then the publisher meta
// names, then an application name, then a part of the <title> that looks
// like a domain («… | aljazeera.net»). No fallback to the host name: the
// caller's outlet name comes before it, and Read supplies the host last.
func (c *metaCollector) site() string {
	s := c.prop("og:site_name")
	if s == "" {
		s = c.jsonLDPublisher()
	}
	if s == "" {
		if p := c.prop("article:publisher"); !strings.Contains(p, "://") {
			s = p // often a Facebook page's address, which names nothing
		}
	}
	if s == "" {
		s = c.prop("publisher", "dc.publisher", "dc:publisher", "dcterms.publisher", "citation_journal_title",
			"copyright", "sailthru.publisher", "rbpubname", "application-name", "twitter:site", "twitter:app:name:iphone")
	}
	if s == "" {
		if first, second, ok := splitTitle(c.docTitle); ok {
			if strings.Contains(first, ".") {
				s = first
			} else if strings.Contains(second, ".") {
				s = second
			}
		}
	}
	s = strings.TrimPrefix(strings.TrimSpace(s), "@") // a Twitter handle
	if r, _ := utf8.DecodeRuneInString(s); s != "" && !strings.Contains(s, ".") && unicode.IsLower(r) {
		s = cases.Title(language.Und).String(s) // «aljazeera» → «Aljazeera», as trafilatura wrote it
	}
	return s
}

// canonical is the page's own address: og:url, twitter:url, <link
// rel=canonical>, the x-default alternate; made absolute against the page's
// URL, and dropped if it cannot be. "" when the page names none.
func (c *metaCollector) canonical(pageURL string) string {
	for _, u := range []string{c.prop("og:url"), c.prop("twitter:url"), c.canonLink, c.altLink} {
		if u = absoluteURL(pageURL, u); u != "" {
			return u
		}
	}
	return ""
}

func absoluteURL(base, link string) string {
	link = strings.TrimSpace(link)
	if link == "" {
		return ""
	}
	u, err := url.Parse(resolveLink(base, link))
	if err != nil || !u.IsAbs() || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return u.String()
}

// published is the publication day, from the first of these that gives a
// readable, plausible date:
//
//  1. the article's own meta properties: article:published_time,
//     og:published_time, itemprop=datePublished (on a <meta> or any element);
//  2. JSON-LD: datePublished, then dateCreated, of an article-like object
//     first (NewsArticle, Report, …), then of any object;
//  3. the other publication meta names: pubdate, publishdate, publish-date,
//     date, DC.date.issued, dcterms.issued, dcterms.created, sailthru.date,
//     parsely-pub-date;
//  4. <time datetime> marked pubdate or itemprop=datePublished anywhere, then
//     the first <time datetime> inside the <article> or <main>;
//  5. a date in the path of the canonical URL, then of the page's URL
//     (/2018/03/01/, /2018-03-01-slug);
//  6. only when none of the above: the modification dates
//     (article:modified_time, og:updated_time, JSON-LD dateModified,
//     dcterms.modified, last-modified).
//
// The OpenGraph property comes before JSON-LD because outlets write it in
// their own time zone more often: «2019-03-27T01:30+03:00» is the 27th where
// it was published, though JSON-LD gives the same instant as the 26th in UTC.
// A modified date is last because a story revised a week later would
// misplace every «أمس» in it.
func (c *metaCollector) published(canonURL, pageURL string) time.Time {
	candidates := []func() string{
		func() string { return c.prop("article:published_time", "og:published_time", "datepublished") },
		func() string { return c.itemDate },
		func() string { return c.jsonLDArticleString("datePublished", "dateCreated") },
		func() string { return c.jsonLDAnyString("datePublished", "dateCreated") },
		func() string {
			return c.prop("pubdate", "publishdate", "publish-date", "publish_date", "date", "dc.date.issued",
				"dcterms.issued", "dc.date.created", "dcterms.created", "dc.date", "sailthru.date", "parsely-pub-date")
		},
	}
	for _, get := range candidates {
		if t, ok := parseMarkupDate(get()); ok {
			return t
		}
	}
	for _, d := range c.timeDates {
		if t, ok := parseMarkupDate(d); ok {
			return t
		}
	}
	for _, u := range []string{canonURL, pageURL} {
		if t, ok := urlDate(u); ok {
			return t
		}
	}
	for _, d := range []string{
		c.prop("article:modified_time", "og:updated_time", "datemodified"),
		c.jsonLDAnyString("dateModified"),
		c.prop("dcterms.modified", "last-modified"),
	} {
		if t, ok := parseMarkupDate(d); ok {
			return t
		}
	}
	return time.Time{}
}

// jsonLDArticleString is the first non-empty string under one of keys (in
// the order of keys) of an article-like JSON-LD object.
func (c *metaCollector) jsonLDArticleString(keys ...string) string {
	for _, k := range keys {
		var found string
		c.eachJSONLDObject(func(o map[string]any) bool {
			if isArticleType(o) {
				found = jsonString(o[k])
			}
			return found != ""
		})
		if found != "" {
			return found
		}
	}
	return ""
}

// jsonLDAnyString is as jsonLDArticleString, of any object.
func (c *metaCollector) jsonLDAnyString(keys ...string) string {
	for _, k := range keys {
		var found string
		c.eachJSONLDObject(func(o map[string]any) bool {
			found = jsonString(o[k])
			return found != ""
		})
		if found != "" {
			return found
		}
	}
	return ""
}

// jsonLDPublisher is the name of an article's publisher, else of the first
// Organization (or NewsMediaOrganization, WebSite …) the page describes.
func (c *metaCollector) jsonLDPublisher() string {
	var name string
	c.eachJSONLDObject(func(o map[string]any) bool {
		if isArticleType(o) {
			name = schemaName(o["publisher"])
		}
		return name != ""
	})
	if name != "" {
		return name
	}
	c.eachJSONLDObject(func(o map[string]any) bool {
		for _, t := range schemaTypes(o) {
			if t = strings.ToLower(t); strings.Contains(t, "organization") || t == "website" {
				name = schemaName(o)
			}
		}
		return name != ""
	})
	return name
}

// eachJSONLDObject calls f on every object of the page's JSON-LD, nested
// ones (@graph, publisher, mainEntity …) included, depth first in document
// order, until f returns true.
func (c *metaCollector) eachJSONLDObject(f func(map[string]any) bool) {
	var visit func(v any, depth int) bool
	visit = func(v any, depth int) bool {
		if depth > 16 { // a page's JSON is not trusted to be shallow
			return false
		}
		switch v := v.(type) {
		case map[string]any:
			if f(v) {
				return true
			}
			// Keys in a fixed order: a map's order is random, and the
			// first match must not change from run to run.
			for _, k := range []string{"@graph", "mainEntity", "mainEntityOfPage", "itemListElement", "hasPart"} {
				if visit(v[k], depth+1) {
					return true
				}
			}
		case []any:
			for _, e := range v {
				if visit(e, depth+1) {
					return true
				}
			}
		}
		return false
	}
	for _, v := range c.jsonLD {
		if visit(v, 0) {
			return
		}
	}
}

func schemaTypes(o map[string]any) []string {
	switch t := o["@type"].(type) {
	case string:
		return []string{t}
	case []any:
		var ts []string
		for _, e := range t {
			if s, ok := e.(string); ok {
				ts = append(ts, s)
			}
		}
		return ts
	}
	return nil
}

// isArticleType is a schema.org type a news story is published as.
func isArticleType(o map[string]any) bool {
	for _, t := range schemaTypes(o) {
		t = strings.ToLower(t)
		if strings.Contains(t, "article") || strings.Contains(t, "posting") || t == "report" {
			return true
		}
	}
	return false
}

// schemaName is the name of a schema.org thing given as a string, an
// object (name, legalName, alternateName) or a list of either.
func schemaName(v any) string {
	switch v := v.(type) {
	case string:
		return strings.TrimSpace(v)
	case map[string]any:
		for _, k := range []string{"name", "legalName", "alternateName"} {
			if s := jsonString(v[k]); s != "" {
				return s
			}
		}
	case []any:
		for _, e := range v {
			if s := schemaName(e); s != "" {
				return s
			}
		}
	}
	return ""
}

// jsonString is a JSON string, or the first string of a list of them.
func jsonString(v any) string {
	switch v := v.(type) {
	case string:
		return strings.TrimSpace(v)
	case []any:
		for _, e := range v {
			if s, ok := e.(string); ok && strings.TrimSpace(s) != "" {
				return strings.TrimSpace(s)
			}
		}
	}
	return ""
}

// markupLayouts are the date forms pages write in their metadata beyond
// ISO 8601 (which parseMarkupDate reads by its prefix).
var markupLayouts = []string{
	time.RFC1123Z, time.RFC1123, "Mon, 2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04:05 MST",
	"Mon, 02 Jan 2006", "Mon, 2 Jan 2006", "2 Jan 2006 15:04:05 -0700",
	"January 2, 2006", "Jan 2, 2006", "January 2 2006", "2 January 2006", "2 Jan 2006",
	"January 2, 2006 15:04", "Jan 2, 2006 3:04 PM", "January 2, 2006 3:04 PM",
}

// parseMarkupDate reads a date from a page's markup as the calendar day it
// names where it was written (the same as calendarDay: «2019-03-27T01:30
// +03:00» is the 27th). ISO 8601 in any of its variants (with or without a
// time, a zone, fractions, a space for the T, slashes or dots for dashes,
// or none: 20190327) is read by its leading year, month and day; RFC 1123 and
// English month names by layout; «27/03/2019» as day/month/year, the order
// of Arabic and European outlets, unless the second number cannot be a month.
// Dates before 1995 or more than a day ahead are refused: no news site
// predates the web, and a future date is a template's placeholder.
func parseMarkupDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	var y, m, d int
	ok := false
	if y, m, d, ok = isoDay(s); !ok {
		for _, layout := range markupLayouts {
			if t, err := time.Parse(layout, s); err == nil {
				y, m, d, ok = t.Year(), int(t.Month()), t.Day(), true
				break
			}
		}
	}
	if !ok {
		y, m, d, ok = numericDay(s)
	}
	if !ok {
		return time.Time{}, false
	}
	return plausibleDay(y, m, d)
}

func plausibleDay(y, m, d int) (time.Time, bool) {
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d || y < 1995 || t.After(time.Now().Add(48*time.Hour)) {
		return time.Time{}, false
	}
	return t, true
}

// isoDay reads YYYY-MM-DD (or YYYY/MM/DD, YYYY.MM.DD, YYYYMMDD) at the start
// of s, followed by nothing, a time or a zone.
func isoDay(s string) (y, m, d int, ok bool) {
	if len(s) >= 10 && isDigits(s[:4]) && isDateSep(s[4]) && isDigits(s[5:7]) && s[7] == s[4] && isDigits(s[8:10]) {
		if len(s) > 10 && !strings.ContainsRune("T t", rune(s[10])) {
			return 0, 0, 0, false
		}
		y, _ = strconv.Atoi(s[:4])
		m, _ = strconv.Atoi(s[5:7])
		d, _ = strconv.Atoi(s[8:10])
		return y, m, d, true
	}
	if len(s) >= 8 && isDigits(s[:8]) && (len(s) == 8 || s[8] == 'T') {
		y, _ = strconv.Atoi(s[:4])
		m, _ = strconv.Atoi(s[4:6])
		d, _ = strconv.Atoi(s[6:8])
		return y, m, d, true
	}
	return 0, 0, 0, false
}

// numericDay reads D/M/YYYY (or with dots or dashes), optionally followed
// by a time.
func numericDay(s string) (y, m, d int, ok bool) {
	day, _, _ := strings.Cut(s, " ")
	parts := strings.FieldsFunc(day, func(r rune) bool { return r == '/' || r == '.' || r == '-' })
	if len(parts) != 3 || len(parts[2]) != 4 || len(parts[0]) > 2 || len(parts[1]) > 2 {
		return 0, 0, 0, false
	}
	for _, p := range parts {
		if !isDigits(p) {
			return 0, 0, 0, false
		}
	}
	a, _ := strconv.Atoi(parts[0])
	b, _ := strconv.Atoi(parts[1])
	y, _ = strconv.Atoi(parts[2])
	if b > 12 && a <= 12 { // 03/27/2019 can only be month first
		a, b = b, a
	}
	return y, b, a, true
}

// urlDate is the date in a URL's path: /2018/03/01/ (the day may have one
// digit), or a segment that opens with 2018-03-01 or 20180301. A year and a
// month without a day is not a publication day.
func urlDate(raw string) (time.Time, bool) {
	u, err := url.Parse(raw)
	if err != nil || u.Path == "" {
		return time.Time{}, false
	}
	segs := strings.Split(u.Path, "/")
	for i, s := range segs {
		if len(s) == 4 && isDigits(s) && i+2 < len(segs) {
			ms, ds := segs[i+1], segs[i+2]
			if len(ms) >= 1 && len(ms) <= 2 && isDigits(ms) && len(ds) >= 1 && len(ds) <= 2 && isDigits(ds) {
				y, _ := strconv.Atoi(s)
				m, _ := strconv.Atoi(ms)
				d, _ := strconv.Atoi(ds)
				if t, ok := plausibleDay(y, m, d); ok {
					return t, true
				}
			}
		}
		if len(s) >= 10 && isDigits(s[:4]) && s[4] == '-' && isDigits(s[5:7]) && s[7] == '-' && isDigits(s[8:10]) && (len(s) == 10 || !isDigit(s[10])) {
			y, _ := strconv.Atoi(s[:4])
			m, _ := strconv.Atoi(s[5:7])
			d, _ := strconv.Atoi(s[8:10])
			if t, ok := plausibleDay(y, m, d); ok {
				return t, true
			}
		}
		if len(s) == 8 && isDigits(s) {
			y, _ := strconv.Atoi(s[:4])
			m, _ := strconv.Atoi(s[4:6])
			d, _ := strconv.Atoi(s[6:8])
			if t, ok := plausibleDay(y, m, d); ok {
				return t, true
			}
		}
	}
	return time.Time{}, false
}

func isDigit(b byte) bool   { return '0' <= b && b <= '9' }
func isDateSep(b byte) bool { return b == '-' || b == '/' || b == '.' }
func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return s != ""
}

// splitTitle splits a <title> at its last separator surrounded by spaces
// («الخبر - الموقع», «الخبر | الموقع»): which part is the outlet's name
// varies by site, so the caller decides.
func splitTitle(t string) (first, second string, ok bool) {
	runes := []rune(t)
	for i := len(runes) - 2; i > 0; i-- {
		if unicode.IsSpace(runes[i-1]) && unicode.IsSpace(runes[i+1]) && strings.ContainsRune("–•·—|⁄*⋆~‹«<›»>:-", runes[i]) {
			first, second = strings.TrimSpace(string(runes[:i-1])), strings.TrimSpace(string(runes[i+2:]))
			return first, second, first != "" && second != ""
		}
	}
	return "", "", false
}

// looksLikeHeadline is trafilatura's rule for a heading marked as the
// story's title.
func looksLikeHeadline(n *html.Node) bool {
	class, id, prop := strings.ToLower(attr(n, "class")), strings.ToLower(attr(n, "id")), strings.ToLower(attr(n, "itemprop"))
	for _, w := range []string{"post-title", "entry-title", "headline", "post__title", "article-title"} {
		if strings.Contains(class, w) {
			return true
		}
	}
	return strings.Contains(id, "headline") || strings.Contains(prop, "headline")
}

func attr(n *html.Node, key string) string {
	v, _ := attrOK(n, key)
	return v
}

func attrOK(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func hasToken(list, tok string) bool {
	for _, f := range strings.Fields(list) {
		if f == tok {
			return true
		}
	}
	return false
}

// textOf is all the text under n, as written.
func textOf(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}
