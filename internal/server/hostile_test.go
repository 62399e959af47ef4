package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
)

// Eight texts of a megabyte each, built to be slow (one cue word repeated;
// a cue on every line), posted at once with the real extractor: each ends
// in a stored document or a clear refusal (422 over the step budget, 503
// when every write slot stays busy), and GET /api/events keeps answering
// 200 the whole time.
func TestHostilePostsKeepReadsAnswering(t *testing.T) {
	if testing.Short() {
		t.Skip("extracts megabytes")
	}
	st := openFixtureStore(t)
	ts := newTestServer(t, st, Config{Extractor: loadExtractor(t), Token: "t"})
	texts := []string{strings.Repeat("قصف ", 145_000), strings.Repeat("غارة\n", 100_000)}

	var wg sync.WaitGroup
	codes := make([]int, 8)
	bodies := make([]string, 8)
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			body, _ := json.Marshal(map[string]string{"id": fmt.Sprintf("h%d", i), "text": fmt.Sprintf("%s(%d)", texts[i%2], i)})
			req, _ := http.NewRequest(http.MethodPost, ts.URL+"/api/documents", bytes.NewReader(body))
			req.Header.Set("Authorization", "Bearer t")
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Errorf("post %d: %v", i, err)
				return
			}
			b, _ := io.ReadAll(res.Body)
			res.Body.Close()
			codes[i], bodies[i] = res.StatusCode, string(b)
		}()
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	reads := 0
	for {
		select {
		case <-done:
		default:
			res, err := http.Get(ts.URL + "/api/events?limit=5")
			if err != nil {
				t.Fatal(err)
			}
			io.Copy(io.Discard, res.Body)
			res.Body.Close()
			if res.StatusCode != http.StatusOK {
				t.Fatalf("GET /api/events answered %d while the posts ran", res.StatusCode)
			}
			reads++
			continue
		}
		break
	}
	t.Logf("%d reads answered 200 during the posts; posts answered %v", reads, codes)
	for i, code := range codes {
		switch {
		case code == http.StatusCreated, code == http.StatusServiceUnavailable && strings.Contains(bodies[i], "busy"):
		case code == http.StatusUnprocessableEntity && strings.Contains(bodies[i], "too costly"):
		default:
			t.Errorf("post %d (%s): %d %.200s", i, []string{"one cue word", "a cue on every line"}[i%2], code, bodies[i])
		}
	}
	if codes[1] != http.StatusUnprocessableEntity && codes[3] != http.StatusUnprocessableEntity && codes[5] != http.StatusUnprocessableEntity && codes[7] != http.StatusUnprocessableEntity {
		t.Errorf("no post of a cue on every line was refused as too costly: %v", codes)
	}
}
