package server

import (
	"context"
	"net/http"
)

// GET /api/alerts takes the filters of the other endpoints and as_of, the
// day the alerts are computed for (default: until, else the store's latest
// event date). The report's shape is internal/trend's Report.

func (s *Server) handleAlerts(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if err := checkParams(q, filterParams, []string{"as_of"}); err != nil {
		s.fail(w, r, err)
		return
	}
	f, err := parseFilter(q)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	asOf, err := parseDay(q, "as_of")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if asOf.IsZero() {
		// A view of an earlier period asks for that period's alerts.
		asOf = f.Until
	}
	if s.cfg.Alerts == nil {
		writeError(w, http.StatusNotImplemented, "alerts are not available on this server")
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), queryTimeout)
	defer cancel()
	body, err := s.cfg.Alerts(ctx, s.cfg.Store, asOf, f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, body)
}
