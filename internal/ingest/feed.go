package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"

	"rasd/internal/text"
	"rasd/internal/timex"
)

// feed reads an RSS, Atom or JSON feed: one document per item, from the
// item's page or, with NoFollow (or no link), from the item's own content.
// base resolves relative item links; it is the feed's URL, "" for a file.
func (r *reader) feed(b []byte, src source, base string) error {
	items, err := ParseFeed(b, base)
	if err != nil {
		return r.fail(src.origin, err)
	}
	for i, it := range items {
		if err := r.ctx.Err(); err != nil {
			return err
		}
		origin := it.Link
		if origin == "" {
			origin = fmt.Sprintf("%s: item %d", src.origin, i+1)
		}
		doc, err := r.readItem(it, src.id)
		if err != nil {
			if r.ctx.Err() != nil {
				return r.ctx.Err()
			}
			if err := r.fail(origin, err); err != nil {
				return err
			}
			continue
		}
		if err := r.emit(doc, origin); err != nil {
			return err
		}
	}
	return nil
}

// FeedItem is one item of a feed, parsed but not yet followed to its page.
// It is plain data, so that a queue can carry it to a worker that reads it
// later (ReadFeedItem), on another machine.
type FeedItem struct {
	// Link is the item's page, resolved against the feed's URL; "" when the
	// item has none (its own content is then the article).
	Link string `json:"link,omitempty"`
	GUID string `json:"guid,omitempty"`
	// Index is the item's place in its feed, from 1.
	Index int    `json:"index"`
	Title string `json:"title,omitempty"`
	// Published and Updated are the dates as the feed writes them, and
	// PublishedParsed gofeed's reading of the first (see feedDate).
	Published       string     `json:"published,omitempty"`
	Updated         string     `json:"updated,omitempty"`
	PublishedParsed *time.Time `json:"published_parsed,omitempty"`
	Content         string     `json:"content,omitempty"`
	Description     string     `json:"description,omitempty"`
	FeedTitle       string     `json:"feed_title,omitempty"`
}

// ParseFeed reads the items of an RSS, Atom or JSON feed fetched from base
// ("" for a file), within the limits Read applies to feeds.
func ParseFeed(b []byte, base string) ([]FeedItem, error) {
	// Counted before parsing, which is what costs: gofeed holds every item.
	if countItems(b) > maxFeedItems {
		return nil, &LimitError{What: "the feed", Limit: maxFeedItems, Items: true}
	}
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("not a readable RSS, Atom or JSON feed: %w", err)
	}
	if len(feed.Items) > maxFeedItems {
		return nil, &LimitError{What: "the feed", Limit: maxFeedItems, Items: true}
	}
	items := make([]FeedItem, len(feed.Items))
	for i, item := range feed.Items {
		items[i] = FeedItem{
			Link: resolveLink(base, item.Link), GUID: strings.TrimSpace(item.GUID), Index: i + 1,
			Title: item.Title, Published: item.Published, Updated: item.Updated, PublishedParsed: item.PublishedParsed,
			Content: item.Content, Description: item.Description, FeedTitle: feed.Title,
		}
	}
	return items, nil
}

// ReadFeedItem reads one item of ParseFeed as Read reads it within its feed
// (feedID stands for the feed in the IDs of items without a link or GUID),
// with the same checks and fallbacks, so that a poller that follows items
// one by one stores what ingest would.
func ReadFeedItem(ctx context.Context, it FeedItem, feedID string, opt Options) (*Document, error) {
	var out *Document
	r := &reader{ctx: ctx, opt: opt, fetch: opt.Fetcher, fn: func(doc *Document, err error) error {
		out = doc
		return err
	}}
	if r.fetch == nil {
		r.fetch = defaultFetcher()
	}
	doc, err := r.readItem(it, feedID)
	if err != nil {
		return nil, err
	}
	if err := r.emit(doc, it.Link); err != nil {
		var se *SourceError
		if errors.As(err, &se) {
			return nil, se.Err
		}
		return nil, err
	}
	return out, nil
}

// readItem is one item's document with its ID and outlet filled in.
func (r *reader) readItem(it FeedItem, feedID string) (*Document, error) {
	doc, err := r.feedItem(it)
	if err != nil {
		return nil, err
	}
	doc.ID = firstNonEmpty(it.Link, it.GUID, fmt.Sprintf("%s#%d", feedID, it.Index))
	if doc.Source == "" {
		doc.Source = firstNonEmpty(r.opt.Source, collapseSpace(it.FeedTitle))
	}
	return doc, nil
}

// countItems counts the RSS <item> and Atom <entry> start tags of a feed,
// without parsing it (a JSON feed's items are counted once parsed).
func countItems(b []byte) int {
	n := 0
	for _, tag := range []string{"<item", "<entry"} {
		for rest := b; ; {
			i := bytes.Index(rest, []byte(tag))
			if i < 0 {
				break
			}
			rest = rest[i+len(tag):]
			if len(rest) > 0 && (rest[0] == '>' || rest[0] == ' ' || rest[0] == '\t' || rest[0] == '\n' || rest[0] == '\r' || rest[0] == '/') {
				n++
			}
		}
	}
	return n
}

func (r *reader) feedItem(item FeedItem) (*Document, error) {
	link := item.Link
	title := collapseSpace(item.Title)
	published := feedDate(item.PublishedParsed, item.Published)
	// gofeed fills in an Atom entry's missing <published> from <updated>,
	// a later date than the page's own when the story was revised.
	revisedOnly := item.Published == item.Updated
	if r.opt.NoFollow || link == "" {
		body := htmlFragmentText(item.Content)
		if body == "" {
			body = htmlFragmentText(item.Description)
		}
		if body == "" {
			return nil, errors.New("feed item has no content or description")
		}
		return &Document{URL: link, Title: title, Published: published, Text: withTitle(title, body)}, nil
	}
	resp, err := r.fetch.Get(r.ctx, link)
	if err != nil {
		return nil, err
	}
	if k := sniffKind(resp.Body, resp.ContentType); k != kindHTML {
		return nil, fmt.Errorf("item link is not an HTML page (Content-Type %q)", resp.ContentType)
	}
	doc, err := readHTML(resp.Body, resp.ContentType, resp.URL)
	if err != nil {
		return nil, err
	}
	if doc.Title == "" {
		doc.Title = title
		doc.Text = withTitle(title, doc.Text)
	}
	// The feed's own date is the outlet's statement of when it published;
	// the page's is read from its markup.
	if !published.IsZero() && (!revisedOnly || doc.Published.IsZero()) {
		doc.Published = published
	}
	return doc, nil
}

// feedDate is the calendar day of a feed date: gofeed's reading of it, or,
// for the Arabic dates gofeed does not understand («الأربعاء، 27 مارس 2019»),
// rasd's own date grammar. Zero when neither reads it.
func feedDate(parsed *time.Time, raw string) time.Time {
	raw = strings.TrimSpace(raw)
	// gofeed gives its times in UTC, which moves an evening or early
	// morning item to another day; the common layouts are read here first
	// with their own offset.
	for _, layout := range feedLayouts {
		if t, err := time.Parse(layout, raw); err == nil {
			return calendarDay(t)
		}
	}
	if t, err := ParseDate(raw); err == nil {
		return t
	}
	if parsed != nil && !parsed.IsZero() {
		return calendarDay(*parsed)
	}
	if raw == "" {
		return time.Time{}
	}
	// A date without a year is resolved against today, as timex resolves
	// one in an article against its publication day.
	for _, m := range timex.Find(text.Analyze(raw), time.Now()) {
		if m.Kind == timex.KindDate && m.Precision == 1 {
			return m.Start
		}
	}
	return time.Time{}
}

var feedLayouts = []string{
	time.RFC1123Z, time.RFC1123, time.RFC3339,
	"Mon, 2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04:05 MST", "2 Jan 2006 15:04:05 -0700",
	time.RFC822Z, time.RFC822,
}

// calendarDay keeps the day a date names where it was written: «27 March,
// 01:00 +03:00» is the 27th, though it is still the 26th in UTC. ParseDate
// does the same.
func calendarDay(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func resolveLink(base, link string) string {
	link = strings.TrimSpace(link)
	if link == "" || base == "" {
		return link
	}
	b, err := url.Parse(base)
	if err != nil {
		return link
	}
	l, err := b.Parse(link)
	if err != nil {
		return link
	}
	return l.String()
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}
