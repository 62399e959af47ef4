package server

import (
	"encoding/json"
	"math"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
)

// FuzzQuery: any query string on the read endpoints gets 200 with JSON or
// a 4xx with a JSON error, never a 5xx or a panic; and a filter that
// parses holds only finite, in-range numbers.
func FuzzQuery(f *testing.F) {
	for _, q := range []string{
		"since=2019-01-01&until=2019-12-31&type=Battles,Riots&limit=10&offset=5",
		"bbox=35.5,32.0,42.5,37.5&admin1=SY.DY&country=Syria",
		"bbox=NaN,NaN,NaN,NaN", "bbox=0,0,Inf,-Inf", "bbox=1e400,0,0,0",
		"q=%D8%AF%D8%A7%D8%B9%D8%B4&actor=ISIS&view=map&sort=date",
		"background=all&limit=0&offset=-1", "type=&type=Explosions%2FRemote+violence",
		"admin1=%D8%AF%D9%8A%D8%B1+%D8%A7%D9%84%D8%B2%D9%88%D8%B1", "q=%ff%fe", "since=2019-02-30",
	} {
		f.Add(q)
	}
	s, err := New(Config{Store: openFixtureStore(f), Alerts: fixtureAlerter})
	if err != nil {
		f.Fatal(err)
	}
	h := s.Handler()
	f.Fuzz(func(t *testing.T, raw string) {
		if q, err := url.ParseQuery(raw); err == nil {
			if flt, err := parseFilter(q); err == nil && flt.BBox != nil {
				for _, v := range []float64{flt.BBox.MinLon, flt.BBox.MinLat, flt.BBox.MaxLon, flt.BBox.MaxLat} {
					if math.IsNaN(v) || math.IsInf(v, 0) {
						t.Fatalf("%q: bbox %+v accepted", raw, *flt.BBox)
					}
				}
			}
			if p, err := parsePage(q); err == nil && (p.Limit < 1 || p.Offset < 0) {
				t.Fatalf("%q: page %+v accepted", raw, p)
			}
		}
		for _, path := range []string{"/api/events", "/api/stats", "/api/places", "/api/alerts"} {
			req := httptest.NewRequest(http.MethodGet, "/", nil)
			req.URL = &url.URL{Path: path, RawQuery: raw}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != http.StatusOK && (rec.Code < 400 || rec.Code >= 500) {
				t.Fatalf("GET %s?%s: %d %.200s", path, raw, rec.Code, rec.Body.String())
			}
			if !json.Valid(rec.Body.Bytes()) {
				t.Fatalf("GET %s?%s: %d, not JSON: %.200s", path, raw, rec.Code, rec.Body.String())
			}
		}
	})
}
