package ingest

import (
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// dropBoilerplate removes from a page, before the article reader scores it,
// the pieces news sites put inside or beside the story that the reader's
// own heuristics keep when they are short or sit in the story's container:
//
//   - elements whose class or id names them an ad, a related or "read also"
//     box, a share bar or a caption (by whole words of the name: «ad»,
//     «ads», «advert…», «related», «read-also», «share», «sharing»,
//     «caption»; «header», «shadow» or «download» are not ads), and every
//     <figcaption>: a photo's caption describes a picture, often an archive
//     one, not the event;
//   - <nav>, and elements whose class or id names the site's menu, navigation,
//     breadcrumbs or footer: readability drops these itself from a long page
//     but keeps them on a short one;
//   - an element whose whole text is an ad's label («إعلان», «مساحة إعلانية»)
//     or a count of readers («1520 مشاهدة»);
//   - a block that opens with «اقرأ أيضا» (or «شاهد أيضا», «طالع أيضا») and is
//     mostly a link: a teaser for another story.
//
// An element the rule names is kept when it holds half or more of the
// page's text outside links: that is the story's own container, whatever
// its class says («post has-ads»).
func dropBoilerplate(root *html.Node) {
	body := findElement(root, atom.Body)
	if body == nil {
		return
	}
	total := ownTextLen(body)
	var doomed []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if isBoilerplate(c) && 2*ownTextLen(c) < total {
				doomed = append(doomed, c)
				continue
			}
			walk(c)
		}
	}
	walk(body)
	for _, n := range doomed {
		n.Parent.RemoveChild(n)
	}
}

func isBoilerplate(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Html, atom.Body, atom.Main, atom.Article:
		return false
	case atom.Figcaption, atom.Nav:
		return true
	}
	if boilerplateName(attr(n, "class")) || boilerplateName(attr(n, "id")) {
		return true
	}
	// Both text rules need only the opening of the text: a page's every
	// element is tested, and most hold whole sections.
	head, whole := textPrefix(n, 96)
	head = collapseSpace(head)
	if whole && (adLabels[strings.Trim(head, " :.-–—")] || isCounter(head)) {
		return true
	}
	return blockTags[n.Data] && isReadAlso(n, head)
}

// boilerplateWords are the words of a class or id that name a piece of page
// furniture, compared whole after the name is split at dashes, underscores
// and case changes («related-posts», «shareBar», «ad_slot»).
var boilerplateWords = map[string]bool{
	"ad": true, "ads": true, "advert": true, "adverts": true, "advertisement": true, "advertising": true,
	"adsbygoogle": true, "adslot": true, "adunit": true,
	"related": true, "share": true, "sharing": true, "sharethis": true, "caption": true,
	"readalso": true, "alsoread": true,
	// The site's own navigation: readability drops it from long pages but
	// keeps it on a short one (under 500 characters it retries without its
	// unlikely-candidate rules and takes the longest result, menus and all).
	"menu": true, "nav": true, "navbar": true, "navigation": true, "breadcrumb": true, "breadcrumbs": true,
	"footer": true,
}

func boilerplateName(s string) bool {
	for _, name := range strings.Fields(s) {
		words := nameWords(name)
		for i, w := range words {
			if boilerplateWords[w] {
				return true
			}
			// «read-also», «also-read»: two words that mean a teaser box.
			if i > 0 && (words[i-1] == "read" && w == "also" || words[i-1] == "also" && w == "read") {
				return true
			}
		}
	}
	return false
}

// nameWords splits a class or id into its lower-case words: at anything
// that is not a letter or digit, and where a lower-case letter meets an
// upper-case one.
func nameWords(name string) []string {
	var words []string
	var cur []rune
	prevLower := false
	flush := func() {
		if len(cur) > 0 {
			words = append(words, strings.ToLower(string(cur)))
			cur = cur[:0]
		}
	}
	for _, r := range name {
		switch {
		case !unicode.IsLetter(r) && !unicode.IsDigit(r):
			flush()
			prevLower = false
			continue
		case unicode.IsUpper(r) && prevLower:
			flush()
		}
		cur = append(cur, r)
		prevLower = unicode.IsLower(r)
	}
	flush()
	return words
}

// adLabels are the whole texts of an ad's slot.
var adLabels = map[string]bool{
	"إعلان": true, "اعلان": true, "إعلانات": true, "اعلانات": true, "مساحة إعلانية": true, "مساحة اعلانية": true,
	"محتوى مدفوع": true, "محتوى ممول": true, "advertisement": true, "Advertisement": true, "ADVERTISEMENT": true,
}

// isCounter is a page's count of its readers or comments («1520 مشاهدة»,
// «عدد القراءات: 310»): a number that is not the story's.
func isCounter(s string) bool {
	words := strings.Fields(strings.NewReplacer(":", " ", "(", " ", ")", " ").Replace(s))
	if len(words) < 2 || len(words) > 3 {
		return false
	}
	num, label := words[0], strings.Join(words[1:], " ")
	if !isNumeral(num) {
		num, label = words[len(words)-1], strings.Join(words[:len(words)-1], " ")
	}
	return isNumeral(num) && counterLabels[label]
}

var counterLabels = map[string]bool{
	"مشاهدة": true, "مشاهدات": true, "قراءة": true, "قراءات": true, "تعليق": true, "تعليقات": true,
	"عدد القراءات": true, "عدد المشاهدات": true, "عدد التعليقات": true, "views": true, "comments": true,
}

func isNumeral(s string) bool {
	s = strings.Trim(s, ",.٬")
	for _, r := range s {
		if !unicode.IsDigit(r) && r != ',' && r != '.' && r != '٬' {
			return false
		}
	}
	return s != ""
}

// readAlsoOpeners open a teaser for another story inside an article.
var readAlsoOpeners = []string{"اقرأ أيضا", "اقرأ أيضاً", "إقرأ أيضا", "إقرأ أيضاً", "اقرأ ايضا", "اقرأ كذلك",
	"شاهد أيضا", "شاهد أيضاً", "طالع أيضا", "طالع أيضاً", "اقرأ المزيد", "ذات صلة", "مواضيع ذات صلة", "أخبار ذات صلة"}

// isReadAlso is a block opening with a teaser's words whose text is
// otherwise mostly a link, or nothing but those words (a box's heading).
// head is the collapsed opening of its text.
func isReadAlso(n *html.Node, head string) bool {
	for _, o := range readAlsoOpeners {
		if strings.HasPrefix(head, o) {
			rest := strings.TrimPrefix(collapseSpace(textOf(n)), o)
			rest = strings.TrimLeft(rest, " :：-–—|»«")
			if rest == "" {
				return true
			}
			return 2*len(linkText(n)) >= len(rest)
		}
	}
	return false
}

// textPrefix is the text under n up to about max bytes, and whether that is
// all of it.
func textPrefix(n *html.Node, max int) (string, bool) {
	var b strings.Builder
	var walk func(*html.Node) bool
	walk = func(n *html.Node) bool {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			return b.Len() <= max
		}
		if n.Type == html.ElementNode && (n.DataAtom == atom.Script || n.DataAtom == atom.Style) {
			return true
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if !walk(c) {
				return false
			}
		}
		return true
	}
	whole := walk(n)
	return b.String(), whole
}

// ownTextLen is the length of the text under n outside links, scripts and
// styles: the words a reader reads there.
func ownTextLen(n *html.Node) int {
	switch {
	case n.Type == html.TextNode:
		return len(strings.TrimSpace(n.Data))
	case n.Type == html.ElementNode && (n.DataAtom == atom.A || n.DataAtom == atom.Script || n.DataAtom == atom.Style):
		return 0
	}
	total := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		total += ownTextLen(c)
	}
	return total
}

// linkText is the collapsed text of the links under n.
func linkText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.DataAtom == atom.A {
			b.WriteString(collapseSpace(textOf(n)))
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

func findElement(n *html.Node, a atom.Atom) *html.Node {
	if n.Type == html.ElementNode && n.DataAtom == a {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := findElement(c, a); f != nil {
			return f
		}
	}
	return nil
}
