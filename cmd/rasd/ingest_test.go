package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"rasd/internal/document"
	"strings"
	"testing"
	"time"

	"rasd/internal/event"
	"rasd/internal/store"
	"rasd/internal/store/pgtest"
)

// Sentences of our own, filled in with a town, a count and a serial number
// so that every generated article has its own text. Raids and clashes give
// events; book fairs give none.
var (
	towns = []struct{ name, province string }{
		{"معرة النعمان", "إدلب"}, {"خان شيخون", "إدلب"}, {"سراقب", "إدلب"}, {"أريحا", "إدلب"},
		{"جسر الشغور", "إدلب"}, {"كفرنبل", "إدلب"}, {"الأتارب", "حلب"}, {"اللطامنة", "حماة"},
	}
	raidTemplates = []string{
		"قصفت طائرات حربية روسية مدينة %s في ريف %s صباح اليوم، ما أدى إلى مقتل %d مدنيين.",
		"قتل %[3]d مدنيين جراء غارات جوية شنتها الطائرات الروسية على %[1]s في ريف %[2]s اليوم.",
		"أفاد ناشطون بأن الطيران الروسي استهدف سوقا شعبيا في %s بريف %s، وأسفر القصف عن مقتل %d مدنيين.",
	}
	clashTemplate = "اندلعت اشتباكات عنيفة بين قوات النظام وفصائل المعارضة في محيط %s بريف %s، أسفرت عن مقتل %d عنصرا."
	fairTemplate  = "افتتح في %s بريف %s اليوم معرض للكتاب بمشاركة %d دار نشر."
	outlets       = []string{"وكالة الأنباء", "الصحيفة اليومية", "الموقع الإخباري"}
)

type genDoc struct {
	ID        string `json:"id"`
	Source    string `json:"source"`
	URL       string `json:"url"`
	Published string `json:"published"`
	Title     string `json:"title"`
	Text      string `json:"text"`
}

// corpus generates n articles: each raid of a town on a day is reported by
// up to three outlets in different words, so that ingest has reports to
// merge; every tenth article has no event.
func corpus(n int) []genDoc {
	start := time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC)
	docs := make([]genDoc, 0, n)
	for i := 0; len(docs) < n; i++ {
		town := towns[i%len(towns)]
		day := start.AddDate(0, 0, i/len(towns)%365).Format("2006-01-02")
		var text string
		switch {
		case i%10 == 9:
			text = fmt.Sprintf(fairTemplate, town.name, town.province, 20+i%30)
		case i%7 == 3:
			text = fmt.Sprintf(clashTemplate, town.name, town.province, 3+i%9)
		default:
			text = fmt.Sprintf(raidTemplates[0], town.name, town.province, 2+i%6)
		}
		reports := []string{text}
		if strings.HasPrefix(text, "قصفت") {
			for _, tpl := range raidTemplates[1 : 1+i%3] {
				reports = append(reports, fmt.Sprintf(tpl, town.name, town.province, 2+i%6))
			}
		}
		for k, r := range reports {
			if len(docs) == n {
				break
			}
			id := fmt.Sprintf("gen-%05d", len(docs))
			docs = append(docs, genDoc{ID: id, Source: outlets[k%len(outlets)], URL: "https://news.example/" + id,
				Published: day, Title: strings.SplitN(r, "،", 2)[0], Text: r + fmt.Sprintf(" (متابعة %d)", len(docs))})
		}
	}
	return docs
}

// writeJSONLTo writes docs as JSON Lines.
func writeJSONLTo(w io.Writer, docs []genDoc) {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, d := range docs {
		enc.Encode(d)
	}
}

func writeJSONL(t testing.TB, path string, docs []genDoc) {
	t.Helper()
	var buf bytes.Buffer
	writeJSONLTo(&buf, docs)
	b := buf.Bytes()
	if strings.HasSuffix(path, ".gz") {
		var z bytes.Buffer
		zw := gzip.NewWriter(&z)
		zw.Write(b)
		zw.Close()
		b = z.Bytes()
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// rasd runs one command line in-process.
func rasd(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

func counts(t *testing.T, db string) store.Counts {
	t.Helper()
	st, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	n, err := st.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestIngestTwiceAddsNothing(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "news.jsonl.gz")
	writeJSONL(t, in, corpus(120))
	db := filepath.Join(dir, "rasd.db")
	code, _, stderr := rasd("ingest", "--db", db, "--workers", "2", in)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if !strings.Contains(stderr, "120 read, 120 added, 0 already stored, 0 failed") {
		t.Errorf("first run's summary:\n%s", stderr)
	}
	first := counts(t, db)
	if first.Documents != 120 || first.Events == 0 || first.Clusters == 0 || first.Clusters >= first.Events {
		t.Errorf("after the first run: %+v; want 120 documents and fewer clusters than events", first)
	}
	code, _, stderr = rasd("ingest", "--db", db, in)
	if code != 0 || !strings.Contains(stderr, "120 read, 0 added, 120 already stored, 0 failed; 0 events, 0 new clusters") {
		t.Errorf("second run: exit %d\n%s", code, stderr)
	}
	if again := counts(t, db); again != first {
		t.Errorf("the second run changed the store: %+v → %+v", first, again)
	}
}

func TestIngestReportsBadInputsAndGoesOn(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.jsonl")
	writeJSONL(t, good, corpus(20))
	bad := filepath.Join(dir, "latin1.txt")
	os.WriteFile(bad, []byte{'c', 'a', 'f', 0xe9}, 0o644)
	lines := filepath.Join(dir, "lines.jsonl")
	os.WriteFile(lines, []byte("{\"id\":\"x\",\"text\":\"نص قصير عن لا شيء.\"}\nnot json\n"), 0o644)
	db := filepath.Join(dir, "rasd.db")
	code, _, stderr := rasd("ingest", "--db", db, good, bad, filepath.Join(dir, "missing.jsonl"), lines)
	if code != 1 {
		t.Errorf("exit %d, want 1 when some inputs failed", code)
	}
	for _, want := range []string{"latin1.txt", "missing.jsonl", "line 2", "21 read, 21 added, 0 already stored, 3 failed"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr does not mention %q:\n%s", want, stderr)
		}
	}
	if n := counts(t, db); n.Documents != 21 {
		t.Errorf("stored %d documents, want the 21 readable ones", n.Documents)
	}
}

func TestIngestUsageErrors(t *testing.T) {
	db := filepath.Join(t.TempDir(), "rasd.db")
	for _, args := range [][]string{
		{"ingest", "--db", db},
		{"ingest", "--db", db, "--workers", "0", "x.jsonl"},
		{"ingest", "--db", db, "--published", "27/03/2019", "x.jsonl"},
		{"ingest", "--db", db, "--no-such-flag", "x.jsonl"},
	} {
		if code, _, stderr := rasd(args...); code != 2 || stderr == "" {
			t.Errorf("%q: exit %d, stderr %q; want 2 and a message", args, code, stderr)
		}
	}
	if _, err := os.Stat(db); err == nil {
		t.Error("a usage error created the database")
	}
	if code, _, stderr := rasd("ingest", "--db", "mysql://x/y", "x.jsonl"); code != 1 || !strings.Contains(stderr, "unsupported scheme") {
		t.Errorf("bad --db: exit %d, %q", code, stderr)
	}
}

// One raid, three outlets, three wordings: one stored event with three
// sources. This runs the real extractor and dedup's real rules.
func TestOneRaidThreeOutletsIsOneEvent(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "raid.jsonl")
	writeJSONL(t, in, []genDoc{
		{ID: "outlet-a", Source: "وكالة أ", Published: "2019-03-12", URL: "https://a.example/1",
			Text: "قصفت طائرات حربية روسية مدينة معرة النعمان في ريف إدلب الجنوبي صباح اليوم، ما أدى إلى مقتل خمسة مدنيين وإصابة آخرين."},
		{ID: "outlet-b", Source: "صحيفة ب", Published: "2019-03-12", URL: "https://b.example/2",
			Text: "قتل سبعة مدنيين بينهم طفلان جراء غارات جوية شنتها الطائرات الروسية على معرة النعمان جنوب إدلب اليوم الثلاثاء."},
		{ID: "outlet-c", Source: "موقع ج", Published: "2019-03-13", URL: "https://c.example/3",
			Text: "أفاد ناشطون بأن الطيران الروسي استهدف أمس سوقا شعبيا في معرة النعمان بريف إدلب، وأسفر القصف عن مقتل ستة مدنيين."},
	})
	db := filepath.Join(dir, "rasd.db")
	if code, _, stderr := rasd("ingest", "--db", db, in); code != 0 {
		t.Fatalf("ingest: exit %d\n%s", code, stderr)
	}
	code, out, stderr := rasd("export", "--db", db, "--format", "jsonl")
	if code != 0 {
		t.Fatalf("export: exit %d\n%s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 1 {
		t.Fatalf("%d stored events, want 1:\n%s", len(lines), out)
	}
	var st event.Stored
	if err := json.Unmarshal([]byte(lines[0]), &st); err != nil {
		t.Fatal(err)
	}
	var docs []string
	for _, s := range st.Sources {
		docs = append(docs, s.DocID)
	}
	if strings.Join(docs, ",") != "outlet-a,outlet-b,outlet-c" {
		t.Errorf("sources %v, want the three outlets", docs)
	}
	if st.EventType != event.Explosions || st.Location == nil || st.Location.Admin1 != "Idleb" {
		t.Errorf("merged event: %s / %s at %+v", st.EventType, st.SubEventType, st.Location)
	}
}

// The same input into SQLite and PostgreSQL ends in the same store: the
// same counts, and an export that is the same byte for byte.
func TestIngestSameInSQLiteAndPostgres(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "news.jsonl")
	writeJSONL(t, in, corpus(300))
	lite := filepath.Join(dir, "rasd.db")
	pg := pgtest.NewDatabase(t)
	var exports []string
	for _, db := range []string{lite, pg} {
		if code, _, stderr := rasd("ingest", "--db", db, in); code != 0 {
			t.Fatalf("ingest into %s: exit %d\n%s", store.Redact(db), code, stderr)
		}
		code, out, stderr := rasd("export", "--db", db)
		if code != 0 {
			t.Fatalf("export from %s: exit %d\n%s", store.Redact(db), code, stderr)
		}
		exports = append(exports, out)
	}
	a, b := counts(t, lite), counts(t, pg)
	if a != b || a.Documents != 300 {
		t.Errorf("SQLite %+v, PostgreSQL %+v", a, b)
	}
	if exports[0] != exports[1] {
		la, lb := strings.Split(exports[0], "\n"), strings.Split(exports[1], "\n")
		for i := range min(len(la), len(lb)) {
			if la[i] != lb[i] {
				t.Fatalf("exports differ at line %d:\nSQLite     %s\nPostgreSQL %s", i+1, la[i], lb[i])
			}
		}
		t.Fatalf("exports differ in length: %d and %d lines", len(la), len(lb))
	}
}

func TestExport(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "news.jsonl")
	writeJSONL(t, in, corpus(60))
	db := filepath.Join(dir, "rasd.db")
	if code, _, stderr := rasd("ingest", "--db", db, in); code != 0 {
		t.Fatalf("ingest: exit %d\n%s", code, stderr)
	}
	total := counts(t, db).Clusters

	code, out, stderr := rasd("export", "--db", db, "--format", "acled-csv")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != total+1 {
		t.Errorf("%d rows for %d stored events", len(rows)-1, total)
	}
	for i, c := range event.ACLEDColumns {
		if rows[0][i] != c {
			t.Fatalf("column %d is %q, want ACLED's %q", i+1, rows[0][i], c)
		}
	}
	if last := rows[0][len(rows[0])-len(event.StoredColumns):]; strings.Join(last, ",") != strings.Join(event.StoredColumns, ",") {
		t.Errorf("last columns %q", last)
	}

	code, out, _ = rasd("export", "--db", db, "--format", "geojson", "--type", "Battles", "--admin1", "Idleb")
	var fc struct {
		Type     string
		Features []struct{ Properties event.Stored }
	}
	if err := json.Unmarshal([]byte(out), &fc); code != 0 || err != nil || fc.Type != "FeatureCollection" {
		t.Fatalf("geojson: exit %d, %v\n%s", code, err, out)
	}
	for _, f := range fc.Features {
		if f.Properties.EventType != event.Battles || f.Properties.Location.Admin1 != "Idleb" {
			t.Errorf("filtered export holds %s in %s", f.Properties.EventType, f.Properties.Location.Admin1)
		}
	}
	if len(fc.Features) == 0 {
		t.Error("no battle in Idleb exported; the corpus has some")
	}

	code, out, _ = rasd("export", "--db", db, "--format", "jsonl", "--since", "2019-01-03", "--until", "2019-01-04", "--sort", "-date")
	prev := ""
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var st event.Stored
		if err := json.Unmarshal([]byte(line), &st); err != nil {
			t.Fatalf("jsonl line %q: %v", line, err)
		}
		d := st.Date.EventDate
		if d < "2019-01-03" || d > "2019-01-04" || d < prev {
			t.Errorf("event of %s after one of %s in an oldest-first export of 3–4 January", d, prev)
		}
		prev = d
	}
	if code != 0 || prev == "" {
		t.Errorf("dated export: exit %d, %q", code, out)
	}

	for _, args := range [][]string{
		{"--format", "xml"}, {"--since", "yesterday"}, {"--type", "Bombing"}, {"--bbox", "1,2,3"},
		{"--bbox", "40,30,35,37"}, {"--country", "Syrie"}, {"--admin1", "Nowhere"}, {"--sort", "size"}, {"--limit", "-1"},
		{"--since", "2019-02-01", "--until", "2019-01-01"}, {"--text", "!!!"},
	} {
		code, out, stderr := rasd(append([]string{"export", "--db", db}, args...)...)
		if code != 2 || out != "" || stderr == "" {
			t.Errorf("export %q: exit %d, stdout %q, stderr %q; want 2, nothing written, a message", args, code, out, stderr)
		}
	}
}

func TestStats(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "news.jsonl")
	writeJSONL(t, in, corpus(60))
	db := filepath.Join(dir, "rasd.db")
	if code, _, stderr := rasd("ingest", "--db", db, in); code != 0 {
		t.Fatalf("ingest: exit %d\n%s", code, stderr)
	}
	code, out, stderr := rasd("stats", "--db", db, "--format", "csv")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rows[0], ",") != "week,event_type,admin1,actor,events,fatalities,country,admin1_code" {
		t.Errorf("header %q", rows[0])
	}
	sum := 0
	for _, r := range rows[1:] {
		var n int
		fmt.Sscan(r[4], &n)
		sum += n
		if wd, err := time.Parse("2006-01-02", r[0]); err == nil && wd.Weekday() != time.Monday {
			t.Errorf("week %s is not a Monday", r[0])
		}
	}
	if total := counts(t, db).Clusters; sum != total {
		t.Errorf("stats count %d events, the store holds %d", sum, total)
	}
	code, out, _ = rasd("stats", "--db", db, "--type", "Battles")
	if code != 0 || !strings.Contains(out, "Battles") || strings.Contains(out, "Explosions") {
		t.Errorf("stats --type Battles: exit %d\n%s", code, out)
	}
	if code, _, _ := rasd("stats", "--db", db, "--format", "pie"); code != 2 {
		t.Errorf("--format pie: exit %d, want 2", code)
	}
	missing := filepath.Join(dir, "typo.db")
	for _, cmd := range []string{"stats", "export"} {
		if code, _, stderr := rasd(cmd, "--db", missing); code != 1 || !strings.Contains(stderr, "no store at") {
			t.Errorf("%s from a missing file: exit %d, %q", cmd, code, stderr)
		}
	}
	if _, err := os.Stat(missing); err == nil {
		t.Error("reading from a missing store created it")
	}
}

// A document the store refuses fails alone: the others of its batch are
// stored.
func TestIngestBatchWithADocumentTheStoreRefuses(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "rasd.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	prepare := func(id, text, day string) *store.Prepared { return prepareClash(t, id, text, day) }
	in := &ingester{store: st}
	results, errs, err := in.add(ctx, []*store.Prepared{
		prepare("good-1", "اشتباك أول في القرية.", "2019-03-01"),
		prepare("bad", "اشتباك في يوم لا وجود له.", "2019-13-45"),
		prepare("good-2", "اشتباك ثان في القرية.", "2019-03-02"),
	})
	if err != nil {
		t.Fatalf("the store was blamed: %v", err)
	}
	if !results[0].Added || errs[0] != nil || errs[1] == nil || !results[2].Added || errs[2] != nil {
		t.Errorf("results %+v, errors %v", results, errs)
	}
	if n, _ := st.Counts(ctx); n.Documents != 2 {
		t.Errorf("%d documents stored, want the two good ones", n.Documents)
	}
}

// prepareClash is a document reporting one clash on day, ready to store.
func prepareClash(t *testing.T, id, text, day string) *store.Prepared {
	t.Helper()
	doc := &document.Document{ID: id, Source: "test", Text: text}
	ev := event.Event{ID: id + "#1", EventType: event.Battles, SubEventType: "Armed clash",
		Date:     &event.Date{Start: day, End: day, EventDate: day, TimePrecision: 1},
		Evidence: []event.Span{{Text: text, Start: 0, End: len([]rune(text))}}}
	p, err := store.Prepare(doc, event.Result{Doc: event.Doc{ID: id}, Events: []event.Event{ev}})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// busyStore answers its first writes with ErrBusy, as a SQLite store does
// while another process holds the write lock past the busy timeout.
type busyStore struct {
	store.Store
	busy, tries int
}

func (s *busyStore) AddBatch(ctx context.Context, batch []*store.Prepared) ([]store.AddResult, error) {
	s.tries++
	if s.busy > 0 {
		s.busy--
		return nil, fmt.Errorf("%w (database is locked)", store.ErrBusy)
	}
	return s.Store.AddBatch(ctx, batch)
}

// A batch that finds the store locked by another writer waits for it,
// saying so once, instead of failing its documents one by one; stopped
// while it waits, it stores nothing and says why.
func TestIngestWaitsForAnotherWriter(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "rasd.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	batch := []*store.Prepared{
		prepareClash(t, "a", "اشتباك عند مدخل البلدة الشرقي.", "2019-03-01"),
		prepareClash(t, "b", "اشتباك قرب السوق القديم في البلدة.", "2019-03-02"),
	}
	busy := &busyStore{Store: st, busy: 3}
	var log bytes.Buffer
	in := &ingester{store: busy, log: newProgress(&log, false)}
	results, errs, err := in.add(ctx, batch)
	if err != nil || !results[0].Added || !results[1].Added || errs[0] != nil || errs[1] != nil {
		t.Fatalf("results %+v, errors %v, %v", results, errs, err)
	}
	if busy.tries != 4 || strings.Count(log.String(), "\n") != 1 ||
		!strings.Contains(log.String(), "rasd: the store is locked by another process writing to it (database is locked); waiting for it") {
		t.Errorf("%d tries, log:\n%s", busy.tries, log.String())
	}

	stopped, cancel := context.WithCancel(ctx)
	cancel()
	busy.busy, busy.tries = 1, 0
	batch = []*store.Prepared{prepareClash(t, "c", "اشتباك ثالث عند الجسر.", "2019-03-03")}
	if _, _, err := in.add(stopped, batch); !errors.Is(err, store.ErrBusy) || busy.tries != 1 {
		t.Errorf("stopped while waiting: %v after %d tries", err, busy.tries)
	}
}

// An interrupted run returns without waiting for a reader blocked on its
// input, and what that reader does afterwards reaches neither the store
// nor the log.
func TestInterruptedRunLeavesABlockedReaderBehind(t *testing.T) {
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "rasd.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	stdin, feed := io.Pipe()
	var log lockedWriter
	var logged bytes.Buffer
	log.w = &logged
	in := &ingester{store: st, workers: 2, stdin: stdin, log: newProgress(&log, false)}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- in.run(ctx, []string{"-"}) }()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("run: %v", err)
		}
	case <-time.After(time.Minute):
		t.Fatal("run is still waiting for its reader a minute after the interruption")
	}
	in.log.finish()
	// The reader wakes up to a bad line, which it must not report now.
	feed.Write([]byte("not json\n"))
	feed.Close()
	log.mu.Lock()
	defer log.mu.Unlock()
	if logged.Len() != 0 {
		t.Errorf("logged after the run ended: %q", logged.String())
	}
}

// Into a store that held no document when the run began, a document read
// for the first time is not looked up; one read before is, and so is every
// document once maxSightings are remembered, or when the store was not
// empty (no firstSightings).
func TestFirstSightings(t *testing.T) {
	var none *firstSightings
	if !none.mayBeStored("00") {
		t.Error("without firstSightings, a document must be looked up")
	}
	f := &firstSightings{seen: map[uint64]struct{}{}}
	a := (&document.Document{Text: "أ"}).Hash()
	b := (&document.Document{Text: "ب"}).Hash()
	if f.mayBeStored(a) || f.mayBeStored(b) {
		t.Error("a document read for the first time is looked up")
	}
	if !f.mayBeStored(a) {
		t.Error("a document read a second time is not looked up")
	}
	for i := range uint64(maxSightings) {
		f.seen[i<<1|1<<63] = struct{}{}
	}
	if c := (&document.Document{Text: "ج"}).Hash(); !f.mayBeStored(c) {
		t.Error("past maxSightings, a new document is not looked up")
	}
}

// A text read twice in one run into a new store is stored once, the second
// copy counted as already stored, whether its first copy was committed
// when it was read (a lookup finds it) or not yet (the store keeps the
// first).
func TestIngestRepeatsInOneRun(t *testing.T) {
	dir := t.TempDir()
	docs := corpus(40)
	for _, i := range []int{3, 17, 30} {
		again := docs[i]
		again.ID += "-again"
		docs = append(docs, again)
	}
	docs = append(docs, docs[0]) // the same id and text
	in := filepath.Join(dir, "news.jsonl")
	writeJSONL(t, in, docs)
	db := filepath.Join(dir, "rasd.db")
	code, _, stderr := rasd("ingest", "--db", db, in)
	if code != 0 || !strings.Contains(stderr, "44 read, 40 added, 4 already stored, 0 failed") {
		t.Errorf("exit %d\n%s", code, stderr)
	}
	if n := counts(t, db); n.Documents != 40 {
		t.Errorf("%d documents stored, want 40", n.Documents)
	}
}

// failingStarter is a store.BatchStarter whose batch number fail (from 1)
// fails, and so does every batch started after it until AddBatch is
// called, as a SQLite store's chained batches do.
type failingStarter struct {
	store.Store
	started, fail int
	broken        bool
	added         []string // the documents' hashes, in the order AddBatch was given them
}

type donePending struct {
	out []store.AddResult
	err error
}

func (d donePending) Wait() ([]store.AddResult, error) { return d.out, d.err }

func (f *failingStarter) StartBatch(ctx context.Context, batch []*store.Prepared) store.Pending {
	f.started++
	if f.started == f.fail || f.broken {
		f.broken = true
		return donePending{err: errors.New("mispredicted")}
	}
	out, err := f.AddBatch(ctx, batch)
	return donePending{out, err}
}

func (f *failingStarter) AddBatch(ctx context.Context, batch []*store.Prepared) ([]store.AddResult, error) {
	f.broken = false
	for _, p := range batch {
		f.added = append(f.added, p.Hash())
	}
	return f.Store.AddBatch(ctx, batch)
}

// A started batch that fails is written again, and so is every batch
// started after it, in their order; each is counted once, once stored.
func TestIngestWritesAgainFromAFailedBatchOn(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "rasd.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	fs := &failingStarter{Store: st, fail: 2}
	in := &ingester{store: fs, log: newProgress(io.Discard, false)}
	var want []string
	for b := range 4 {
		var batch []outcome
		for i := range 2 {
			id := fmt.Sprintf("doc-%d-%d", b, i)
			text := fmt.Sprintf("اشتباك رقم %d عند مدخل البلدة %d.", i, b)
			p := prepareClash(t, id, text, fmt.Sprintf("2019-03-%02d", 1+b))
			batch = append(batch, outcome{doc: &document.Document{ID: id, Text: text}, prepared: p})
			want = append(want, p.Hash())
		}
		if err := in.write(ctx, batch); err != nil {
			t.Fatal(err)
		}
		if len(in.inflight) > 1 {
			t.Fatalf("%d batches in flight after batch %d, want at most 1", len(in.inflight), b)
		}
	}
	if err := in.settle(ctx, 0); err != nil {
		t.Fatal(err)
	}
	if in.read != 8 || in.added != 8 || in.failed.Load() != 0 {
		t.Errorf("%d read, %d added, %d failed; want 8, 8, 0", in.read, in.added, in.failed.Load())
	}
	if strings.Join(fs.added, " ") != strings.Join(want, " ") {
		t.Errorf("stored in the order %v, want %v", fs.added, want)
	}
	if n, _ := st.Counts(ctx); n.Documents != 8 {
		t.Errorf("%d documents stored, want 8", n.Documents)
	}
}
