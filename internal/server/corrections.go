package server

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"

	"rasd/internal/event"
	"rasd/internal/store"
)

// An analyst's corrections of cross-source merging, behind the token:
//
//	POST /api/events/{id}/split {"event_id": "<a source's event_id>"}
//	POST /api/events/{id}/merge {"with": "<another event's cluster_id>"}
//
// Both answer the events as they are after the correction. The store
// records them, so that an article stored again keeps them.

// correctionBody is the body of both endpoints; each reads its own field.
type correctionBody struct {
	EventID string `json:"event_id"`
	With    string `json:"with"`
}

// maxCorrectionBody bounds a body that holds two ids.
const maxCorrectionBody = 4 << 10

func readCorrection(w http.ResponseWriter, r *http.Request) (correctionBody, error) {
	var b correctionBody
	raw, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxCorrectionBody))
	if err != nil {
		return b, errors.New("the body is too large or unreadable: send a small JSON object")
	}
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&b); err != nil {
		return b, errors.New("the body is not the JSON object wanted: " + err.Error())
	}
	return b, nil
}

func (s *Server) handleSplit(w http.ResponseWriter, r *http.Request) {
	b, err := readCorrection(w, r)
	if err == nil && b.EventID == "" {
		err = errors.New(`name the source to split out: {"event_id": "<a source's event_id>"}`)
	}
	if err != nil {
		writeError(w, http.StatusBadRequest, "%v", err)
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), queryTimeout)
	defer cancel()
	id := r.PathValue("id")
	newID, err := s.cfg.Store.Split(ctx, id, b.EventID)
	if s.correctionFailed(w, r, err) {
		return
	}
	s.answerEvents(ctx, w, r, id, newID)
}

func (s *Server) handleMerge(w http.ResponseWriter, r *http.Request) {
	b, err := readCorrection(w, r)
	if err == nil && b.With == "" {
		err = errors.New(`name the event to merge into this one: {"with": "<its cluster_id>"}`)
	}
	if err != nil {
		writeError(w, http.StatusBadRequest, "%v", err)
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), queryTimeout)
	defer cancel()
	id := r.PathValue("id")
	if s.correctionFailed(w, r, s.cfg.Store.Join(ctx, id, b.With)) {
		return
	}
	s.answerEvents(ctx, w, r, id)
}

// correctionFailed answers a failed correction: 404 for an unknown event,
// 400 for one that cannot be made.
func (s *Server) correctionFailed(w http.ResponseWriter, r *http.Request, err error) bool {
	switch {
	case err == nil:
		return false
	case errors.Is(err, store.ErrNotFound):
		writeError(w, http.StatusNotFound, "%v", err)
	case errors.Is(err, store.ErrBadCorrection):
		writeError(w, http.StatusBadRequest, "%v", err)
	default:
		s.fail(w, r, err)
	}
	return true
}

// answerEvents writes {"events": [...]}, the stored events of ids.
func (s *Server) answerEvents(ctx context.Context, w http.ResponseWriter, r *http.Request, ids ...string) {
	out := struct {
		Events []*event.Stored `json:"events"`
	}{}
	for _, id := range ids {
		e, err := s.cfg.Store.Event(ctx, id)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		out.Events = append(out.Events, e)
	}
	writeJSON(w, http.StatusOK, out)
}
