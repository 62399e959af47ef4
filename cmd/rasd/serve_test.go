package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"rasd/internal/document"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"rasd/internal/demo"
	"rasd/internal/extract"
	"rasd/internal/mention"
	"rasd/internal/store"
	"rasd/internal/trend"
)

func TestServeErrors(t *testing.T) {
	db := alertStore(t)
	missing := filepath.Join(t.TempDir(), "typo.db")
	for _, c := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"serve", "--db", missing, "--addr", "127.0.0.1:0"}, 1, "no store at"},
		{[]string{"serve", "--db", db, "--addr", "nonsense"}, 2, "--addr nonsense"},
		{[]string{"serve", "--db", db, "extra"}, 2, "takes no arguments"},
		{[]string{"serve", "--demo", "--demo-docs", "0"}, 2, "--demo-docs 0"},
		{[]string{"serve", "--db", db, "--max-body", "0"}, 2, "--max-body 0"},
		{[]string{"serve", "--demo", "--addr", "127.0.0.1:0", "--demo-corpus", missing}, 1, "demo corpus"},
	} {
		var out, errb bytes.Buffer
		code := run(c.args, strings.NewReader(""), &out, &errb)
		if code != c.code || !strings.Contains(errb.String(), c.msg) {
			t.Errorf("%v: exit %d, %q; want %d and %q", c.args, code, errb.String(), c.code, c.msg)
		}
	}
	if _, err := os.Stat(missing); !os.IsNotExist(err) {
		t.Errorf("serve created %s", missing)
	}
}

// startServe runs serve in this process until the test ends and returns
// its base URL, read from what it tells the user.
func startServe(t *testing.T, f serveFlags) string {
	t.Helper()
	base, _ := startServeLog(t, f)
	return base
}

// startServeLog is startServe that also returns the lines serve printed
// up to the one with its address.
func startServeLog(t *testing.T, f serveFlags) (string, []string) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		err := serve(ctx, f, pw, io.Discard)
		pw.CloseWithError(io.EOF)
		done <- err
	}()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve returned %v after cancel", err)
		}
	})
	open := regexp.MustCompile(`open (http://\S+/) in a browser`)
	sc := bufio.NewScanner(pr)
	var lines []string
	for sc.Scan() {
		lines = append(lines, sc.Text())
		if m := open.FindStringSubmatch(sc.Text()); m != nil {
			go io.Copy(io.Discard, pr)
			return strings.TrimSuffix(m[1], "/"), lines
		}
	}
	t.Fatalf("serve stopped before listening: %v", <-done)
	return "", nil
}

func getJSON(t *testing.T, url string, into any) int {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if err := json.NewDecoder(res.Body).Decode(into); err != nil {
		t.Fatalf("%s: %v", url, err)
	}
	return res.StatusCode
}

// The alerts endpoint of a served store says what `rasd alerts` says of it
// (alerts_test.go computes those alerts by hand).
func TestServeAlertsAndWrites(t *testing.T) {
	t.Setenv("RASD_TOKEN", "tok")
	base := startServe(t, serveFlags{addr: "127.0.0.1:0", db: alertStore(t), demoDocs: 1, maxBody: 1 << 20})

	var r trend.Report
	if code := getJSON(t, base+"/api/alerts", &r); code != 200 || r.AsOf != "2019-03-24" {
		t.Fatalf("alerts: %d, as of %q", code, r.AsOf)
	}
	found := false
	for _, a := range r.Alerts {
		if a.Kind == trend.KindSurge && a.Key == "Deir-ez-Zor" && a.Current == 4 && a.Baseline == 1.5 {
			found = true
		}
	}
	if !found {
		t.Errorf("no Deir-ez-Zor surge in %+v", r.Alerts)
	}
	// until dates the alerts: as of 17 March the surge week has not come.
	r = trend.Report{}
	if code := getJSON(t, base+"/api/alerts?until=2019-03-17", &r); code != 200 || r.Week != "2019-W11" {
		t.Errorf("alerts until 2019-03-17: %d, week %q", code, r.Week)
	}

	var before, after map[string]any
	getJSON(t, base+"/healthz", &before)
	body := `{"id": "w1", "published": "2019-04-02", "text": "قتل ثلاثة عناصر من قوات النظام السوري أمس في هجوم شنه تنظيم داعش على حاجز قرب مدينة الميادين."}`
	req, _ := http.NewRequest(http.MethodPost, base+"/api/documents", strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer tok")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusCreated {
		t.Errorf("POST with RASD_TOKEN: %d", res.StatusCode)
	}
	if getJSON(t, base+"/healthz", &after); after["documents"].(float64) != before["documents"].(float64)+1 {
		t.Errorf("healthz before the post %v, after %v", before, after)
	}
}

// demoCorpusFile writes a small gzipped JSON Lines corpus of our own
// sentences: reports from countries of the map among others that are not.
func demoCorpusFile(t *testing.T) (string, []*document.Document) {
	t.Helper()
	texts := []string{
		"فاز المنتخب الوطني على منافسه بهدفين نظيفين في المباراة الودية أمس.",
		"قتل ثلاثة عناصر من قوات النظام السوري أمس في هجوم شنه تنظيم داعش على حاجز قرب مدينة الميادين في ريف دير الزور.",
		"ارتفعت أسعار النفط في الأسواق العالمية خلال تعاملات اليوم.",
		"قصفت طائرات التحالف مواقع للحوثيين في مدينة الحديدة غرب اليمن أمس، ما أسفر عن مقتل خمسة مسلحين.",
		"اشتبكت القوات العراقية مع مسلحين من داعش قرب مدينة الرطبة غرب الأنبار، ما أدى إلى مقتل جنديين.",
		"شنت طائرات التحالف الدولي غارة جوية على مخبأ لتنظيم داعش قرب مدينة الموصل، وأسفرت عن مقتل عشرة من عناصره.",
	}
	var docs []*document.Document
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	enc := json.NewEncoder(zw)
	for i, text := range texts {
		id := "demo-" + string(rune('a'+i))
		enc.Encode(map[string]string{"id": id, "source": "test", "published": "2019-03-27", "text": text})
		docs = append(docs, &document.Document{ID: id, Source: "test", Published: time.Date(2019, 3, 27, 0, 0, 0, 0, time.UTC), Text: text})
	}
	zw.Close()
	path := filepath.Join(t.TempDir(), "corpus.jsonl.gz")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, docs
}

func TestServeDemo(t *testing.T) {
	corpus, docs := demoCorpusFile(t)
	lex, err := mention.Load()
	if err != nil {
		t.Fatal(err)
	}
	x := extract.New(lex)
	// Which documents count is the extractor's call; the demo must take
	// the first three of those, in corpus order, and nothing else.
	onMap, err := demo.MapCountries()
	if err != nil {
		t.Fatal(err)
	}
	var relevant []string
	for _, d := range docs {
		if demo.OnTheMap(x.Extract(d).Events, onMap) {
			relevant = append(relevant, d.ID)
		}
	}
	if len(relevant) < 4 {
		t.Fatalf("the extractor finds events on the map in %v only; the fixture needs four such reports", relevant)
	}
	db := filepath.Join(t.TempDir(), "demo.db")
	base, log := startServeLog(t, serveFlags{addr: "127.0.0.1:0", db: db, demo: true, demoCorpus: corpus, demoDocs: 3, maxBody: 1 << 20})
	var page struct {
		Total  int `json:"total"`
		Events []struct {
			Sources []struct {
				DocID string `json:"doc_id"`
			} `json:"sources"`
		} `json:"events"`
	}
	getJSON(t, base+"/api/events?limit=500", &page)
	stored := map[string]bool{}
	for _, e := range page.Events {
		for _, s := range e.Sources {
			stored[s.DocID] = true
		}
	}
	want := map[string]bool{relevant[0]: true, relevant[1]: true, relevant[2]: true}
	if len(stored) != 3 || !stored[relevant[0]] || !stored[relevant[1]] || !stored[relevant[2]] {
		t.Errorf("the demo stored %v, want %v", stored, want)
	}

	// What the demo says it stored is what the API, and so the dashboard,
	// counts: events as the articles report them are the store's per-document
	// events; merged, they are the events the header and the table count.
	text := strings.Join(log, "\n")
	figure := func(pattern string) int {
		t.Helper()
		m := regexp.MustCompile(pattern).FindStringSubmatch(text)
		if m == nil {
			t.Fatalf("the demo's log has no %q:\n%s", pattern, text)
		}
		n, err := strconv.Atoi(strings.ReplaceAll(m[1], ",", ""))
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	var health struct{ Documents, Events, Clusters int }
	getJSON(t, base+"/healthz", &health)
	var c struct{ Total int }
	getJSON(t, base+"/api/events?limit=1&background=false", &c)
	for _, f := range []struct {
		what, pattern string
		want          int
	}{
		{"articles stored", `([\d,]+) articles stored`, health.Documents},
		{"events reported", `they report ([\d,]+) events`, health.Events},
		{"events merged", `([\d,]+) once the reports of one occurrence are merged`, health.Clusters},
		{"events served", `serving \S+: ([\d,]+) events`, health.Clusters},
		{"documents served", `events from ([\d,]+) documents`, health.Documents},
		{"current events", `opens on ([\d,]+) current events`, c.Total},
	} {
		if got := figure(f.pattern); got != f.want {
			t.Errorf("the log says %d %s, the API %d", got, f.what, f.want)
		}
	}
	if on := figure(`([\d,]+) of them on the map`); on > c.Total || on == 0 {
		t.Errorf("the log puts %d of %d current events on the map", on, c.Total)
	}
}

// The lines serve prints say what the dashboard counts and leaves out.
func TestServeLines(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{storeLine(store.Counts{Documents: 400, Events: 1013, Clusters: 749}, 81),
			"749 events from 400 documents (668 current, 81 background: recalled past events, which the dashboard hides until asked)"},
		{storeLine(store.Counts{Documents: 2, Events: 3, Clusters: 3}, 0), "3 events from 2 documents"},
		{mapLine(demo.Counts{Current: 668, OnMap: 664, Elsewhere: 4}),
			"the dashboard opens on 668 current events, 664 of them on the map (4 outside its countries)"},
		{mapLine(demo.Counts{Current: 1200, OnMap: 1190, Elsewhere: 4, NoPlace: 6}),
			"the dashboard opens on 1,200 current events, 1,190 of them on the map (4 outside its countries, 6 without a place)"},
		{mapLine(demo.Counts{Current: 2, OnMap: 2}), "the dashboard opens on 2 current events, 2 of them on the map"},
		{group(0) + " " + group(999) + " " + group(1000) + " " + group(1234567) + " " + group(-12345), "0 999 1,000 1,234,567 -12,345"},
	} {
		if c.got != c.want {
			t.Errorf("got  %q\nwant %q", c.got, c.want)
		}
	}
}

// SIGTERM stops a real rasd serve process cleanly: exit 0 after it says so.
func TestServeStopsOnSIGTERM(t *testing.T) {
	bin := buildRasd(t)
	cmd := exec.Command(bin, "serve", "--db", alertStore(t), "--addr", "127.0.0.1:0")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(stdout)
	var base string
	for base == "" && sc.Scan() {
		if m := regexp.MustCompile(`open (http://\S+)/ in`).FindStringSubmatch(sc.Text()); m != nil {
			base = m[1]
		}
	}
	if base == "" {
		cmd.Process.Kill()
		t.Fatalf("no address announced; stderr:\n%s", stderr.String())
	}
	var h map[string]any
	if code := getJSON(t, base+"/healthz", &h); code != 200 {
		t.Errorf("healthz %d", code)
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	rest, _ := io.ReadAll(stdout)
	if err := cmd.Wait(); err != nil {
		t.Errorf("exit after SIGTERM: %v\n%s", err, stderr.String())
	}
	if !strings.Contains(string(rest), "rasd: stopped") {
		t.Errorf("stdout after SIGTERM: %q", rest)
	}
}
