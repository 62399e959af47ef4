package server

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
)

func TestAcceptsGzip(t *testing.T) {
	for header, want := range map[string]bool{
		"":                      false,
		"gzip":                  true,
		"gzip, deflate, br":     true,
		"br, GZIP;q=0.8":        true,
		"*":                     true,
		"identity":              false,
		"gzip;q=0":              false,
		"gzip; q=0.0, identity": false,
		"deflate, gzip;q=1.0":   true,
	} {
		if got := acceptsGzip(header); got != want {
			t.Errorf("acceptsGzip(%q) = %v, want %v", header, got, want)
		}
	}
}

// raw fetches path as a client that decodes nothing itself.
func raw(t *testing.T, url string, header map[string]string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	res, err := (&http.Client{Transport: &http.Transport{DisableCompression: true}}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, b
}

func gunzip(t *testing.T, b []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("not gzip: %v", err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// The API, the page's files and the metrics reach a browser compressed and
// whole; clients that do not ask, and range requests, get them as they are.
func TestAnswersAreCompressed(t *testing.T) {
	ts := newTestServer(t, openFixtureStore(t), Config{})
	gz := map[string]string{"Accept-Encoding": "gzip, deflate"}

	plain, plainBody := raw(t, ts.URL+"/api/places", nil)
	if plain.Header.Get("Content-Encoding") != "" || !json.Valid(plainBody) {
		t.Fatalf("without Accept-Encoding: %q, %d bytes", plain.Header.Get("Content-Encoding"), len(plainBody))
	}
	res, body := raw(t, ts.URL+"/api/places", gz)
	if res.Header.Get("Content-Encoding") != "gzip" || !strings.Contains(res.Header.Get("Vary"), "Accept-Encoding") {
		t.Fatalf("with gzip: Content-Encoding %q, Vary %q", res.Header.Get("Content-Encoding"), res.Header.Get("Vary"))
	}
	if got := gunzip(t, body); !bytes.Equal(got, plainBody) {
		t.Errorf("the compressed base map differs from the plain one (%d and %d bytes)", len(got), len(plainBody))
	}
	if len(body)*2 > len(plainBody) {
		t.Errorf("the base map compressed to %d of %d bytes", len(body), len(plainBody))
	}
	t.Logf("/api/places: %d bytes, %d compressed", len(plainBody), len(body))

	res, body = raw(t, ts.URL+"/static/app.js", gz)
	if res.Header.Get("Content-Encoding") != "gzip" || !strings.Contains(string(gunzip(t, body)), "use strict") {
		t.Errorf("app.js: Content-Encoding %q", res.Header.Get("Content-Encoding"))
	}
	res, body = raw(t, ts.URL+"/static/app.js", map[string]string{"Accept-Encoding": "gzip", "Range": "bytes=0-9"})
	if res.StatusCode != http.StatusPartialContent || res.Header.Get("Content-Encoding") != "" || len(body) != 10 {
		t.Errorf("a range of app.js: %d, Content-Encoding %q, %d bytes", res.StatusCode, res.Header.Get("Content-Encoding"), len(body))
	}
	// An error is compressed like any answer, and still says what is wrong.
	res, body = raw(t, ts.URL+"/api/events?admin1=Nowhere", gz)
	if res.StatusCode != http.StatusBadRequest || !strings.Contains(string(gunzip(t, body)), "not a province") {
		t.Errorf("a bad filter: %d", res.StatusCode)
	}
	// The metrics handler compresses by itself: once is enough.
	res, body = raw(t, ts.URL+"/metrics", gz)
	if res.Header.Get("Content-Encoding") == "gzip" {
		body = gunzip(t, body)
	}
	if !strings.Contains(string(body), "rasd_") {
		t.Errorf("metrics: %q…", string(body[:min(len(body), 80)]))
	}
}

// The base map is encoded and compressed once; a browser that has it is
// told so without a body.
func TestBaseMap(t *testing.T) {
	ts := newTestServer(t, openFixtureStore(t), Config{})
	plain, body := raw(t, ts.URL+"/api/basemap", nil)
	if plain.StatusCode != 200 || plain.Header.Get("Content-Encoding") != "" || plain.Header.Get("ETag") == "" {
		t.Fatalf("%d, encoding %q, etag %q", plain.StatusCode, plain.Header.Get("Content-Encoding"), plain.Header.Get("ETag"))
	}
	var bm struct {
		Type     string `json:"type"`
		Credit   string `json:"credit"`
		Features []struct {
			Properties map[string]any `json:"properties"`
		} `json:"features"`
		Countries []mapCountry `json:"countries"`
	}
	if err := json.Unmarshal(body, &bm); err != nil {
		t.Fatal(err)
	}
	places, _, err := loadBaseMap()
	if err != nil {
		t.Fatal(err)
	}
	if bm.Type != "FeatureCollection" || !strings.Contains(bm.Credit, "Who's On First") || len(bm.Features) != len(places.areas) {
		t.Errorf("type %q, credit %q, %d features of %d", bm.Type, bm.Credit, len(bm.Features), len(places.areas))
	}
	for _, f := range bm.Features {
		if _, ok := f.Properties["events"]; ok {
			t.Fatalf("the base map carries counts: %v", f.Properties)
		}
	}
	found := map[string]mapCountry{}
	for _, c := range bm.Countries {
		found[c.Code] = c
	}
	if y := found["YEM"]; y.NameAR != "اليمن" || y.BBox == nil || y.BBox[0] > 43 || y.BBox[2] < 52 {
		t.Errorf("Yemen: %+v", y)
	}
	// Countries named by events but not drawn are listed without a frame.
	if f := found["FRA"]; f.NameEN != "France" || f.BBox != nil {
		t.Errorf("France: %+v", f)
	}

	res, gz := raw(t, ts.URL+"/api/basemap", map[string]string{"Accept-Encoding": "gzip"})
	if res.Header.Get("Content-Encoding") != "gzip" || !bytes.Equal(gunzip(t, gz), body) {
		t.Errorf("compressed: encoding %q", res.Header.Get("Content-Encoding"))
	}
	t.Logf("/api/basemap: %d bytes, %d compressed", len(body), len(gz))
	res, again := raw(t, ts.URL+"/api/basemap", map[string]string{"Accept-Encoding": "gzip", "If-None-Match": plain.Header.Get("ETag")})
	if res.StatusCode != http.StatusNotModified || len(again) != 0 {
		t.Errorf("revalidation: %d, %d bytes", res.StatusCode, len(again))
	}
	res, _ = raw(t, ts.URL+"/api/basemap?level=admin1", nil)
	if res.StatusCode != http.StatusBadRequest {
		t.Errorf("a parameter: %d, want 400", res.StatusCode)
	}
}
