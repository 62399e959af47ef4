package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

// localSite serves sampleArticle as a page at /article. It listens on the
// loopback interface, which rasd refuses to reach unless allowed.
func localSite(t *testing.T) (url string, hits *atomic.Int64) {
	t.Helper()
	hits = new(atomic.Int64)
	page := "<html><head><meta charset=\"utf-8\"><title>هجوم</title></head><body><article><p>" +
		strings.ReplaceAll(sampleArticle, "\n", "</p><p>") + "</p></article></body></html>"
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(page))
	}))
	t.Cleanup(ts.Close)
	return ts.URL + "/article", hits
}

// Every command that fetches URLs refuses a loopback address, naming the
// rule and the flag, and fetches it when the flag allows it.
func TestURLsToPrivateAddresses(t *testing.T) {
	url, hits := localSite(t)
	db := filepath.Join(t.TempDir(), "rasd.db")
	for _, args := range [][]string{
		{"extract", "--format", "json", "--published", "2019-03-27", url},
		{"tag", "--format", "json", url},
		{"ingest", "--db", db, "--published", "2019-03-27", url},
	} {
		code, _, stderr := rasd(args...)
		if code != 1 || !strings.Contains(stderr, url+": refusing to connect: address 127.0.0.1 is loopback") || !strings.Contains(stderr, "--allow-private") {
			t.Errorf("%s: exit %d, stderr %q", args[0], code, stderr)
		}
	}
	if n := hits.Load(); n != 0 {
		t.Fatalf("the site was reached %d times", n)
	}

	for _, allow := range [][]string{{"--allow-private"}, {"--allow-host", "127.0.0.1"}, {"--allow-host", "10.0.0.0/8,127.0.0.0/8"}} {
		code, out, stderr := rasd(append([]string{"extract", "--format", "json", "--published", "2019-03-27"}, append(allow, url)...)...)
		var res struct {
			Events []json.RawMessage `json:"events"`
		}
		if code != 0 || json.Unmarshal([]byte(out), &res) != nil || len(res.Events) == 0 {
			t.Errorf("extract %v: exit %d, %d events, stderr %q", allow, code, len(res.Events), stderr)
		}
	}
	if code, _, stderr := rasd("ingest", "--db", db, "--allow-private", "--published", "2019-03-27", url); code != 0 || counts(t, db).Documents != 1 {
		t.Errorf("ingest --allow-private: exit %d, stderr %q", code, stderr)
	}

	for _, args := range [][]string{
		{"extract", "--allow-host", "http://intranet.example/", url},
		{"ingest", "--db", db, "--allow-host", "intranet.example:8080", url},
		{"serve", "--db", db, "--addr", "127.0.0.1:0", "--allow-host", "10.0.0.0/99"},
	} {
		if code, _, stderr := rasd(args...); code != 2 || !strings.Contains(stderr, "--allow-host") {
			t.Errorf("%v: exit %d, stderr %q", args, code, stderr)
		}
	}
}

// rasd serve passes its flags to the fetcher of POST /api/documents.
func TestServeFetchesPublicAddressesOnly(t *testing.T) {
	url, hits := localSite(t)
	t.Setenv("RASD_TOKEN", "tok")
	postURL := func(base string) (int, string) {
		req, _ := http.NewRequest(http.MethodPost, base+"/api/documents", strings.NewReader(`{"url": "`+url+`", "published": "2019-03-27"}`))
		req.Header.Set("Authorization", "Bearer tok")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		var e struct {
			Error string `json:"error"`
		}
		json.NewDecoder(res.Body).Decode(&e)
		return res.StatusCode, e.Error
	}
	db := alertStore(t)
	guarded := startServe(t, serveFlags{addr: "127.0.0.1:0", db: db, demoDocs: 1, maxBody: 1 << 20})
	if code, msg := postURL(guarded); code != http.StatusBadRequest || !strings.Contains(msg, "address 127.0.0.1 is loopback") || hits.Load() != 0 {
		t.Errorf("default: %d %q, %d hits", code, msg, hits.Load())
	}
	open := startServe(t, serveFlags{addr: "127.0.0.1:0", db: db, demoDocs: 1, maxBody: 1 << 20, fetch: fetchFlags{allowPrivate: true}})
	if code, msg := postURL(open); code != http.StatusCreated || hits.Load() != 1 {
		t.Errorf("--allow-private: %d %q, %d hits", code, msg, hits.Load())
	}
}
