package server

import (
	"context"
	"net/http"
)

func (s *Server) handleAlerts(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if err := checkParams(q, filterParams); err != nil {
		s.fail(w, r, err)
		return
	}
	f, err := parseFilter(q)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if s.cfg.Alerts == nil {
		writeError(w, http.StatusNotImplemented, "alerts are not available on this server")
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), queryTimeout)
	defer cancel()
	body, err := s.cfg.Alerts(ctx, s.cfg.Store, f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, body)
}
