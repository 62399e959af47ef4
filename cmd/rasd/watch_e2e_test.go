package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sync"
	"syscall"
	"testing"
	"time"

	"rasd/internal/store"
)

// Attacks of our own in Deir ez Zor, one a week for four weeks and one in
// the week of 2019-03-25: no surge yet (the week before has no four covered
// weeks behind it). A second attack that week, on Sunday the 31st, makes it
// twice the four weeks' average: ACLED's Subnational Surge.
var e2eArticles = []struct{ path, title, body, day string }{
	{"/news/a1", "هجوم على حاجز في الشحيل", "هاجم مسلحو تنظيم داعش حاجزا لقوات سوريا الديمقراطية قرب بلدة الشحيل بريف دير الزور الشرقي، ما أسفر عن مقتل ثلاثة عناصر من قسد.", "2019-02-27"},
	{"/news/a2", "هجوم في الميادين", "قتل جنديان من قوات النظام السوري في هجوم شنه مسلحو تنظيم داعش على نقطة عسكرية قرب مدينة الميادين في ريف دير الزور.", "2019-03-06"},
	{"/news/a3", "عبوة في ذيبان", "استهدف تنظيم داعش بعبوة ناسفة سيارة لقوات سوريا الديمقراطية في بلدة ذيبان بريف دير الزور، ما أدى إلى مقتل عنصرين.", "2019-03-13"},
	{"/news/a4", "غارة قرب هجين", "قصفت طائرات مسيرة مواقع لتنظيم داعش قرب بلدة هجين في ريف دير الزور الشرقي، ما أسفر عن مقتل خمسة مسلحين.", "2019-03-20"},
	{"/news/a5", "اشتباك في البصيرة", "اشتبك مقاتلون من قوات سوريا الديمقراطية مع خلايا تابعة لتنظيم داعش في بلدة البصيرة بريف دير الزور، وقتل أربعة من المهاجمين.", "2019-03-27"},
}

var (
	e2eSurge = siteItem{path: "/news/a6", title: "تفجير في الشعفة", body: "فجر انتحاري من تنظيم داعش سيارة مفخخة عند مدخل بلدة الشعفة في ريف دير الزور، ما أدى إلى مقتل ستة مدنيين.", published: mustDay("2019-03-31")}
	e2eOther = siteItem{path: "/news/a7", title: "هجوم في حلب", body: "قتل شرطيان في هجوم مسلح استهدف دورية للشرطة في مدينة حلب.", published: mustDay("2019-03-31")}
)

func mustDay(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t.Add(9 * time.Hour)
}

// hookReceiver is a webhook destination that keeps what it was sent.
type hookReceiver struct {
	mu     sync.Mutex
	bodies []map[string]any
}

func (h *hookReceiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var m map[string]any
	b, _ := io.ReadAll(r.Body)
	if err := json.Unmarshal(b, &m); err != nil {
		http.Error(w, "not JSON", http.StatusBadRequest)
		return
	}
	h.mu.Lock()
	h.bodies = append(h.bodies, m)
	h.mu.Unlock()
	w.Write([]byte("ok"))
}

func (h *hookReceiver) received() []map[string]any {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]map[string]any(nil), h.bodies...)
}

// waitFor polls cond until it holds or the deadline passes. The deadlines
// are generous: the test measures latency, it does not assert it.
func waitFor(t *testing.T, what string, within time.Duration, cond func() bool) time.Duration {
	t.Helper()
	start := time.Now()
	for !cond() {
		if time.Since(start) > within {
			t.Fatalf("no %s within %s", what, within)
		}
		time.Sleep(100 * time.Millisecond)
	}
	return time.Since(start)
}

// startProcess starts bin with args and returns it with its stderr and,
// when announce matches a line of its stdout, the match's first group.
func startProcess(t *testing.T, bin string, announce *regexp.Regexp, args ...string) (*exec.Cmd, *syncBuffer, string) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	stderr := &syncBuffer{}
	cmd.Stderr = stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGTERM)
		cmd.Wait()
	})
	found := ""
	if announce != nil {
		sc := bufio.NewScanner(stdout)
		for found == "" && sc.Scan() {
			if m := announce.FindStringSubmatch(sc.Text()); m != nil {
				found = m[1]
			}
		}
		if found == "" {
			t.Fatalf("%s announced nothing; stderr:\n%s", args[0], stderr.String())
		}
	}
	go io.Copy(io.Discard, stdout)
	return cmd, stderr, found
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// End to end: a local outlet publishes a feed, rasd watch polls it, a new
// item with an attack shows up in GET /api/events of rasd serve on the same
// store, and the surge it causes reaches a webhook exactly once, even as
// later rounds store more and compute the alerts again.
func TestWatchEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("runs rasd watch and rasd serve for some 30 s")
	}
	bin := buildRasd(t)
	site := newNewsSite(t)
	for _, a := range e2eArticles {
		site.add(siteItem{path: a.path, title: a.title, body: a.body, published: mustDay(a.day)})
	}
	hook := &hookReceiver{}
	hookSrv := httptest.NewServer(hook)
	t.Cleanup(hookSrv.Close)

	dir := t.TempDir()
	db := filepath.Join(dir, "rasd.db")
	sources := writeFile(t, "sources.txt", []byte(site.ts.URL+"/rss.xml 10s المرصد المحلي\n"))
	rules := writeFile(t, "rules.json", []byte(fmt.Sprintf(`{"dashboard": "https://rasd.example.org/",
		"rules": [{"name": "surges", "kinds": ["surge"], "key_kind": "admin1", "country": "SYR", "webhook": %q}]}`, hookSrv.URL+"/hook")))

	_, watchLog, _ := startProcess(t, bin, nil, "watch", "--db", db, "--sources", sources, "--allow-private", "--rules", rules, "--tick", "200ms")
	waitFor(t, "first round of five articles", 90*time.Second, func() bool { return storedDocs(db) == len(e2eArticles) })
	if got := hook.received(); len(got) != 0 {
		t.Fatalf("alerts before the surge: %v", got)
	}

	_, serveLog, base := startProcess(t, bin, regexp.MustCompile(`open (http://\S+)/ in`), "serve", "--db", db, "--addr", "127.0.0.1:0")
	site.add(e2eSurge)
	published := time.Now()
	latency := waitFor(t, "new event in GET /api/events", 120*time.Second, func() bool {
		var page struct {
			Total int `json:"total"`
		}
		code := getJSON(t, base+"/api/events?since=2019-03-31&admin1=Deir-ez-Zor", &page)
		return code == http.StatusOK && page.Total == 1
	})
	t.Logf("latency from publication to GET /api/events: %s (poll interval 10 s)", latency.Round(100*time.Millisecond))

	waitFor(t, "surge alert at the webhook", 60*time.Second, func() bool { return len(hook.received()) > 0 })
	t.Logf("latency from publication to the webhook: %s", time.Since(published).Round(100*time.Millisecond))

	// More news: another round stores it and computes the alerts again.
	polls := site.hitsOf("/rss.xml (conditional)")
	site.add(e2eOther)
	waitFor(t, "the later article stored", 90*time.Second, func() bool { return storedDocs(db) == len(e2eArticles)+2 })
	waitFor(t, "a round after it", 60*time.Second, func() bool { return site.hitsOf("/rss.xml (conditional)") >= polls+2 })

	got := hook.received()
	if len(got) != 1 {
		t.Fatalf("webhook got %d messages, want the surge once: %v\nwatch:\n%s", len(got), got, watchLog.String())
	}
	msg := got[0]
	alert, _ := msg["alert"].(map[string]any)
	events, _ := msg["events"].([]any)
	if alert["kind"] != "surge" || alert["key"] != "Deir-ez-Zor" || alert["from"] != "2019-03-25" || len(events) < 2 ||
		msg["text"] == "" || !regexp.MustCompile(`^https://rasd\.example\.org/\?.*admin1=Deir-ez-Zor`).MatchString(fmt.Sprint(msg["dashboard_url"])) {
		t.Errorf("webhook message %v", msg)
	}

	// The Atom feed of rasd serve has the same alert.
	resp, err := http.Get(base + "/api/alerts/feed")
	if err != nil {
		t.Fatal(err)
	}
	feed, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !bytes.Contains(feed, []byte("<entry>")) || !bytes.Contains(feed, []byte("admin1=Deir-ez-Zor")) {
		t.Errorf("alerts feed: %s\nserve:\n%s", feed, serveLog.String())
	}
}

// storedDocs counts a store's documents, 0 while it cannot be read.
func storedDocs(db string) int {
	if _, err := os.Stat(db); err != nil {
		return 0
	}
	st, err := store.Open(context.Background(), db)
	if err != nil {
		return 0
	}
	defer st.Close()
	n, err := st.Counts(context.Background())
	if err != nil {
		return 0
	}
	return n.Documents
}
