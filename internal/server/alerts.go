package server

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"time"

	"rasd/internal/alerting"
	"rasd/internal/trend"
)

// GET /api/alerts takes the filters of the other endpoints and as_of, the
// day the alerts are computed for (default: until, else the store's latest
// event date). The report's shape is internal/trend's Report.

func (s *Server) handleAlerts(w http.ResponseWriter, r *http.Request) {
	if body, ok := s.alertsReport(w, r); ok {
		writeJSON(w, http.StatusOK, body)
	}
}

// alertsReport reads the request of either alerts endpoint and computes
// its report; on a bad request or a failure it has answered already.
func (s *Server) alertsReport(w http.ResponseWriter, r *http.Request) (any, bool) {
	q := r.URL.Query()
	if err := checkParams(q, filterParams, []string{"as_of"}); err != nil {
		s.fail(w, r, err)
		return nil, false
	}
	f, err := parseFilter(q)
	if err != nil {
		s.fail(w, r, err)
		return nil, false
	}
	asOf, err := parseDay(q, "as_of")
	if err != nil {
		s.fail(w, r, err)
		return nil, false
	}
	if asOf.IsZero() {
		// A view of an earlier period asks for that period's alerts.
		asOf = f.Until
	}
	if s.cfg.Alerts == nil {
		writeError(w, http.StatusNotImplemented, "alerts are not available on this server")
		return nil, false
	}
	ctx, cancel := context.WithTimeout(r.Context(), queryTimeout)
	defer cancel()
	body, err := s.cfg.Alerts(ctx, s.cfg.Store, asOf, f)
	if err != nil {
		s.fail(w, r, err)
		return nil, false
	}
	return body, true
}

// GET /api/alerts/feed is the same report as an Atom feed, one entry per
// alert, for people who follow alerts in a feed reader: an entry's id is
// the alert's (kind, place or actor, weeks), so a reader shows it once
// however often it polls, and its link opens the dashboard on it.
func (s *Server) handleAlertsFeed(w http.ResponseWriter, r *http.Request) {
	body, ok := s.alertsReport(w, r)
	if !ok {
		return
	}
	report, ok := body.(trend.Report)
	if !ok {
		writeError(w, http.StatusNotImplemented, "alerts are not available as a feed on this server")
		return
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	base := scheme + "://" + r.Host
	w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	io.WriteString(w, xml.Header)
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	enc.Encode(alertsFeed(report, base, base+r.URL.RequestURI()))
}

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	ID      string      `xml:"id"`
	Title   string      `xml:"title"`
	Updated string      `xml:"updated"`
	Author  atomPerson  `xml:"author"`
	Links   []atomLink  `xml:"link"`
	Entries []atomEntry `xml:"entry"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomEntry struct {
	ID      string   `xml:"id"`
	Title   string   `xml:"title"`
	Updated string   `xml:"updated"`
	Link    atomLink `xml:"link"`
	Summary string   `xml:"summary"`
}

func alertsFeed(r trend.Report, base, self string) atomFeed {
	updated := atomDay(r.AsOf)
	feed := atomFeed{
		ID:      self,
		Title:   "rasd alerts, week " + r.Week,
		Updated: updated,
		Author:  atomPerson{Name: "rasd"},
		Links:   []atomLink{{Rel: "self", Href: self}, {Rel: "alternate", Href: base + "/"}},
		Entries: []atomEntry{},
	}
	for _, a := range r.Alerts {
		sum := sha256.Sum256([]byte(alerting.Key(a)))
		entry := atomEntry{
			ID:      "urn:rasd:alert:" + hex.EncodeToString(sum[:16]),
			Title:   a.Message,
			Updated: atomDay(a.To),
			Link:    atomLink{Rel: "alternate", Href: alerting.DashboardLink(base, a)},
			Summary: fmt.Sprintf("%s (%s %s%s), %s to %s: %d events, %d dead.", a.Message, a.KeyKind, a.Key, countryNote(a.Country), a.From, a.To, len(a.Events), a.Fatalities),
		}
		feed.Entries = append(feed.Entries, entry)
	}
	return feed
}

func countryNote(c string) string {
	if c == "" {
		return ""
	}
	return ", " + c
}

// atomDay is a YYYY-MM-DD day as an Atom date (RFC 3339, midnight UTC).
func atomDay(day string) string {
	if t, err := time.Parse("2006-01-02", day); err == nil {
		return t.Format(time.RFC3339)
	}
	return time.Now().UTC().Format(time.RFC3339)
}
