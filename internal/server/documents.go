package server

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"rasd/internal/document"
	"strings"
	"sync/atomic"
	"time"

	"rasd/internal/event"
	"rasd/internal/extract"
	"rasd/internal/ingest"
	"rasd/internal/store"
	"rasd/internal/text"
)

// requireToken lets a request through only with the configured bearer
// token. With no token configured every write is refused: a server started
// without RASD_TOKEN is read-only, never open.
func (s *Server) requireToken(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if s.cfg.Token == "" {
			writeError(w, http.StatusForbidden, "writing is disabled on this server: start rasd serve with RASD_TOKEN set to allow it")
			return
		}
		// RFC 7235: the scheme is case-insensitive ("bearer" is as good as
		// "Bearer"); the token itself is compared exactly.
		scheme, got, ok := strings.Cut(strings.TrimSpace(r.Header.Get("Authorization")), " ")
		if !ok || !strings.EqualFold(scheme, "Bearer") {
			w.Header().Set("WWW-Authenticate", `Bearer realm="rasd"`)
			writeError(w, http.StatusUnauthorized, "missing bearer token: send the header 'Authorization: Bearer <RASD_TOKEN>'")
			return
		}
		if subtle.ConstantTimeCompare([]byte(strings.TrimSpace(got)), []byte(s.cfg.Token)) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="rasd", error="invalid_token"`)
			writeError(w, http.StatusUnauthorized, "wrong bearer token")
			return
		}
		next(w, r)
	}
}

// postedDocument is the body of POST /api/documents: one article, the shape
// of a JSON Lines input line, or just a URL to fetch it from.
type postedDocument struct {
	ID        string `json:"id"`
	Source    string `json:"source"`
	URL       string `json:"url"`
	Published string `json:"published"`
	Title     string `json:"title"`
	Text      string `json:"text"`
}

type postedResult struct {
	DocID    string        `json:"doc_id"`
	Added    bool          `json:"added"` // false: the same text was already stored
	Clusters int           `json:"new_clusters"`
	Events   []event.Event `json:"events"`
	Note     string        `json:"note,omitempty"`
}

// fetchTimeout bounds reading a page for {"url": ...}.
const fetchTimeout = 30 * time.Second

// storedAlready is the note of an answer for a text the store holds.
const storedAlready = "this text is stored already, so it was not extracted again; its events are in /api/events"

func (s *Server) handlePostDocument(w http.ResponseWriter, r *http.Request) {
	if s.extract == nil {
		writeError(w, http.StatusServiceUnavailable, "this server has no extractor loaded; it cannot code documents")
		return
	}
	if ct := r.Header.Get("Content-Type"); ct != "" && !strings.HasPrefix(ct, "application/json") {
		writeError(w, http.StatusUnsupportedMediaType, "Content-Type %q: send the document as application/json", ct)
		return
	}
	// A write holds its slot until both this handler and its extraction
	// are done: an extraction whose client has gone still runs to its end
	// (the extractor cannot be stopped), and must go on counting against
	// the writes at work, or a client hanging up and posting again could
	// start any number of them.
	if !s.acquire(w, r, s.writeSlots) {
		return
	}
	var holders atomic.Int32
	holders.Store(1)
	release := func() {
		if holders.Add(-1) == 0 {
			<-s.writeSlots
		}
	}
	defer release()

	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.cfg.MaxBody))
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		writeError(w, http.StatusRequestEntityTooLarge, "the body is over %d bytes; post one article at a time", s.cfg.MaxBody)
		return
	}
	if err != nil {
		writeError(w, http.StatusBadRequest, "reading the body: %v", err)
		return
	}
	doc, err := s.readPosted(r.Context(), body)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	// A text stored already is not extracted again: the store would keep
	// the old copy anyway, and posting a long text twice must not cost
	// twice.
	ctx, cancel := context.WithTimeout(r.Context(), queryTimeout)
	defer cancel()
	known, err := s.cfg.Store.HasDocument(ctx, doc.Hash())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if known {
		writeJSON(w, http.StatusOK, postedResult{DocID: doc.ID, Events: []event.Event{}, Note: storedAlready})
		return
	}
	if s.extractorReady != nil {
		if err := s.extractorReady(); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	holders.Add(1)
	res, analysis, err := s.extractWithin(r.Context(), doc, release)
	switch {
	case errors.Is(err, errExtractBudget):
		s.log.Warn("extraction over budget", "doc", doc.ID, "bytes", len(doc.Text), "budget", s.cfg.ExtractTimeout)
		writeError(w, http.StatusServiceUnavailable, "extracting this document took longer than %v, the server's budget for one document: "+
			"a text this long or this repetitive cannot be coded here; post one article at a time", s.cfg.ExtractTimeout)
		return
	case errors.Is(err, extract.ErrTooCostly):
		s.log.Warn("extraction over its step budget", "doc", doc.ID, "bytes", len(doc.Text), "err", err)
		writeError(w, http.StatusUnprocessableEntity, "%v; nothing was stored: post one article at a time", err)
		return
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return // the client went away: nobody reads an answer
	case err != nil:
		s.log.Error("extraction failed", "doc", doc.ID, "err", err)
		writeError(w, http.StatusInternalServerError, "%v", err)
		return
	}
	prepared, err := store.PrepareAnalyzed(doc, res, analysis)
	if err != nil {
		// Only the text can be refused here (a NUL character): the
		// poster's doing.
		s.fail(w, r, badParam("the document cannot be stored: %v", err))
		return
	}
	ctx, cancel = context.WithTimeout(r.Context(), queryTimeout)
	defer cancel()
	stored, err := s.cfg.Store.AddBatch(ctx, []*store.Prepared{prepared})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	added := stored[0]
	code := http.StatusCreated
	if !added.Added {
		code = http.StatusOK
	}
	s.log.Info("document posted", "doc", doc.ID, "added", added.Added, "events", len(res.Events))
	writeJSON(w, code, postedResult{DocID: doc.ID, Added: added.Added, Clusters: added.Clusters, Events: res.Events})
}

// errExtractBudget is an extraction that ran past Config.ExtractTimeout.
var errExtractBudget = errors.New("extraction over budget")

type extraction struct {
	res      event.Result
	analysis *text.Analysis
	err      error
}

// extractWithin extracts doc, but stops waiting for it when ctx ends or
// the budget runs out. The extractor takes no context, so it is run on
// its own goroutine, which calls done when it finishes, however long after
// the answer that is.
func (s *Server) extractWithin(ctx context.Context, doc *document.Document, done func()) (event.Result, *text.Analysis, error) {
	out := make(chan extraction, 1) // the goroutine never blocks on it
	go func() {
		defer done()
		res, a, err := s.extract(doc)
		out <- extraction{res, a, err}
	}()
	budget := time.NewTimer(s.cfg.ExtractTimeout)
	defer budget.Stop()
	select {
	case x := <-out:
		return x.res, x.analysis, x.err
	case <-budget.C:
		return event.Result{}, nil, errExtractBudget
	case <-ctx.Done():
		return event.Result{}, nil, ctx.Err()
	}
}

// readPosted checks a posted body and turns it into a Document, fetching
// the page when only a URL is given.
func (s *Server) readPosted(ctx context.Context, body []byte) (*document.Document, error) {
	if len(strings.TrimSpace(string(body))) == 0 {
		return nil, badParam(`empty body: post {"id","source","url","published","title","text"} or {"url": "https://…"}`)
	}
	// encoding/json would quietly turn bad UTF-8 into U+FFFD and shift
	// every span after it; reject it instead.
	if err := ingest.CheckText(body); err != nil {
		return nil, badParam("the body is not UTF-8 JSON: %v", err)
	}
	dec := json.NewDecoder(strings.NewReader(string(body)))
	dec.DisallowUnknownFields()
	var p postedDocument
	if err := dec.Decode(&p); err != nil {
		return nil, badParam("bad JSON: %v", err)
	}
	if dec.More() {
		return nil, badParam("the body holds more than one JSON value; post one article at a time")
	}
	if strings.TrimSpace(p.Text) == "" {
		if p.URL == "" {
			return nil, badParam(`the document has no "text" and no "url"`)
		}
		return s.fetch(ctx, p)
	}
	doc := &document.Document{ID: p.ID, Source: p.Source, URL: p.URL, Title: p.Title, Text: p.Text}
	if p.Published != "" {
		t, err := ingest.ParseDate(p.Published)
		if err != nil {
			return nil, badParam("published: %v", err)
		}
		doc.Published = t
	}
	if doc.ID == "" {
		doc.ID = "api-" + doc.Hash()[:16]
	}
	return doc, nil
}

func (s *Server) fetch(ctx context.Context, p postedDocument) (*document.Document, error) {
	u, err := url.Parse(p.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, badParam("url %q: want an http or https address", p.URL)
	}
	if s.cfg.Fetch == nil {
		return nil, badParam("this server cannot fetch pages; post the article's text instead")
	}
	ctx, cancel := context.WithTimeout(ctx, fetchTimeout)
	defer cancel()
	doc, err := s.cfg.Fetch(ctx, p.URL)
	if err != nil {
		return nil, &fetchError{url: p.URL, err: err}
	}
	// What the poster says overrides what the page says about itself.
	if p.ID != "" {
		doc.ID = p.ID
	}
	if p.Source != "" {
		doc.Source = p.Source
	}
	if p.Title != "" {
		doc.Title = p.Title
	}
	if p.Published != "" {
		t, err := ingest.ParseDate(p.Published)
		if err != nil {
			return nil, badParam("published: %v", err)
		}
		doc.Published = t
	}
	if doc.ID == "" {
		doc.ID = "url-" + doc.Hash()[:16]
	}
	return doc, nil
}

// fetchError is a page that could not be read; the server answers 502, as
// a gateway whose upstream failed, or 400 when the URL leads where the
// server may not go.
type fetchError struct {
	url string
	err error
}

func (e *fetchError) Error() string {
	// ingest names the URL it read; say it once.
	var se *ingest.SourceError
	if errors.As(e.err, &se) && se.Origin == e.url {
		return fmt.Sprintf("fetching %s: %v", e.url, se.Err)
	}
	return fmt.Sprintf("fetching %s: %v", e.url, e.err)
}

func (e *fetchError) Unwrap() error { return e.err }

// FetchArticle is the Fetcher of a server that reads {"url": …} posts with
// ingest's page reader; f says what the server may reach (by default public
// addresses only). A feed yields several documents and is refused: the
// endpoint takes one article.
func FetchArticle(f *ingest.Fetcher) Fetcher {
	return func(ctx context.Context, url string) (*document.Document, error) {
		var docs []*document.Document
		err := ingest.Read(ctx, url, ingest.Options{Fetcher: f}, func(d *document.Document, err error) error {
			if err != nil {
				return err
			}
			docs = append(docs, d)
			return nil
		})
		if err != nil {
			return nil, err
		}
		switch len(docs) {
		case 0:
			return nil, errors.New("the page holds no article text")
		case 1:
			return docs[0], nil
		}
		return nil, fmt.Errorf("the URL is a feed of %d items; post the page of one article", len(docs))
	}
}
