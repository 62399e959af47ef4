package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"rasd/internal/ingest"
	"rasd/internal/queue"
	"rasd/internal/store"
	"rasd/internal/store/pgtest"
	"rasd/internal/watch"
)

// syntheticArticles writes n short articles of our own, each a different
// text (so a different content hash), as JSON Lines.
func syntheticArticles(t *testing.T, n int) string {
	t.Helper()
	places := []string{"الشحيل", "الميادين", "ذيبان", "هجين", "البصيرة", "الشعفة", "البوكمال", "العشارة"}
	forms := []string{
		"هاجم مسلحو تنظيم داعش حاجزا لقوات سوريا الديمقراطية قرب بلدة %s بريف دير الزور، ما أسفر عن مقتل %d عناصر.",
		"انفجرت عبوة ناسفة بسيارة عسكرية في بلدة %s بريف دير الزور، ما أدى إلى إصابة %d أشخاص.",
		"افتتحت البلدية سوقا جديدة في بلدة %s بريف دير الزور تضم %d محلا.",
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	day := time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		text := fmt.Sprintf(forms[i%len(forms)], places[i%len(places)], 2+i%7) + fmt.Sprintf(" (النشرة رقم %d)", i+1)
		enc.Encode(map[string]string{
			"id": fmt.Sprintf("synthetic-%04d", i+1), "source": "نشرة الاختبار",
			"published": day.AddDate(0, 0, i%90).Format("2006-01-02"), "text": text,
		})
	}
	return writeFile(t, "articles.jsonl", b.Bytes())
}

// Three rasd worker processes on one PostgreSQL store take 3,000 articles
// from the queue; one is killed with SIGKILL mid-run. Every article is
// stored exactly once, no job is lost, and an article that cannot be read
// (its page is gone) ends as a dead letter with its error.
func TestWorkersSurviveAKilledWorker(t *testing.T) {
	if testing.Short() {
		t.Skip("runs three rasd worker processes over 3,000 articles")
	}
	const articles = 3000
	db := pgtest.NewDatabase(t)
	bin := buildRasd(t)
	ctx := context.Background()

	if out, err := exec.Command(bin, "ingest", "--queue", "--db", db, syntheticArticles(t, articles)).CombinedOutput(); err != nil ||
		!strings.Contains(string(out), fmt.Sprintf("%d documents enqueued", articles)) {
		t.Fatalf("ingest --queue: %v\n%s", err, out)
	}
	gone := httptest.NewServer(http.NotFoundHandler())
	t.Cleanup(gone.Close)
	st, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	q, err := queue.Open(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	if err := q.EnqueueArticles(ctx, []watch.Article{{Feed: gone.URL + "/rss.xml", Item: ingest.FeedItem{Link: gone.URL + "/news/gone", Index: 1}}},
		[]store.SeenURL{{URL: gone.URL + "/news/gone", Note: "queued"}}); err != nil {
		t.Fatal(err)
	}

	start := time.Now()
	var workers []*exec.Cmd
	var logs []*syncBuffer
	startWorker := func() {
		cmd := exec.Command(bin, "worker", "--db", db, "--allow-private", "--concurrency", "2", "--job-timeout", "5s", "--rescue-after", "6s")
		buf := &syncBuffer{}
		cmd.Stderr = buf
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			cmd.Process.Signal(syscall.SIGTERM)
			cmd.Wait()
		})
		workers = append(workers, cmd)
		logs = append(logs, buf)
	}
	documents := func() int {
		n, err := st.Counts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return n.Documents
	}
	conn, err := pgx.Connect(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	claimants := func() int {
		var clients int
		if err := conn.QueryRow(ctx, `SELECT count(DISTINCT attempted_by[1]) FROM river_job WHERE attempted_by IS NOT NULL`).Scan(&clients); err != nil {
			t.Fatal(err)
		}
		return clients
	}
	// The worker to be killed starts first, so that it is surely holding
	// jobs when it dies: started together, two fast workers could drain
	// the queue before the third had loaded its lexicons.
	startWorker()
	waitFor(t, "jobs claimed by the first worker", 3*time.Minute, func() bool { return claimants() == 1 })
	startWorker()
	startWorker()
	waitFor(t, "jobs claimed by a second worker", 3*time.Minute, func() bool { return claimants() >= 2 })
	if err := workers[0].Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	workers[0].Wait()
	killedAt := documents()
	t.Logf("killed one worker with %d of %d articles stored, %s in", killedAt, articles, time.Since(start).Round(time.Second))

	var counts map[string]int64
	waitFor(t, "every job finished", 5*time.Minute, func() bool {
		counts, err = queue.Counts(ctx, st)
		if err != nil {
			t.Fatal(err)
		}
		return counts["available"]+counts["scheduled"]+counts["retryable"]+counts["pending"]+counts["running"] == 0
	})
	t.Logf("all %d jobs done in %s: %v", articles+1, time.Since(start).Round(time.Second), counts)

	if n := documents(); n != articles {
		t.Errorf("%d documents stored, want %d", n, articles)
	}
	var rescued int
	if err := conn.QueryRow(ctx, `SELECT count(*) FROM river_job WHERE state = 'completed' AND attempt > 1`).Scan(&rescued); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d jobs completed on a later attempt (those the killed worker held, rescued)", rescued)
	var ids, rows int
	if err := conn.QueryRow(ctx, `SELECT count(DISTINCT doc_id), count(*) FROM documents`).Scan(&ids, &rows); err != nil || ids != articles || rows != articles {
		t.Errorf("documents: %d ids in %d rows (%v), want %d in %d", ids, rows, err, articles, articles)
	}
	if counts["completed"] != articles || counts["cancelled"]+counts["discarded"] != 1 {
		t.Errorf("job states %v, want %d completed and one dead letter", counts, articles)
	}
	dead, err := queue.DeadJobs(ctx, st, 10)
	if err != nil || len(dead) != 1 || !strings.Contains(dead[0].Error, "404") || !strings.HasSuffix(dead[0].Article, "/news/gone") {
		t.Errorf("dead letters %+v (%v), want the gone page with its 404", dead, err)
	}
	out, err := exec.Command(bin, "jobs", "--db", db).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "/news/gone") || !strings.Contains(string(out), fmt.Sprintf("completed  %d", articles)) {
		t.Errorf("rasd jobs: %v\n%s", err, out)
	}
	if t.Failed() {
		for i, l := range logs {
			t.Logf("worker %d:\n%s", i, l.String())
		}
	}
}

// With a PostgreSQL store, watch enqueues each new item instead of storing
// it, and a second watch enqueues nothing again.
func TestWatchEnqueuesOnPostgres(t *testing.T) {
	db := pgtest.NewDatabase(t)
	site := newNewsSite(t)
	day := time.Date(2019, 3, 27, 9, 0, 0, 0, time.UTC)
	site.add(
		siteItem{path: "/news/1", title: "هجوم في الشحيل", body: attackSentences[0], published: day},
		siteItem{path: "/news/2", title: "هجوم في الميادين", body: attackSentences[1], published: day},
		siteItem{path: "/private/3", title: "خبر محجوب", body: attackSentences[2], published: day},
	)
	sources := site.sourcesFile(t)
	for round := range 2 {
		if code, _, stderr := runRasd(t, "", "watch", "--once", "--db", db, "--sources", sources, "--allow-private"); code != 0 {
			t.Fatalf("watch --once: exit %d\n%s", code, stderr)
		}
		st, err := store.Open(context.Background(), db)
		if err != nil {
			t.Fatal(err)
		}
		counts, err := queue.Counts(context.Background(), st)
		st.Close()
		if err != nil || counts["available"] != 2 {
			t.Errorf("round %d: jobs %v (%v), want the 2 allowed items available", round, counts, err)
		}
	}
	if site.hitsOf("/news/1")+site.hitsOf("/news/2")+site.hitsOf("/private/3") != 0 {
		t.Errorf("watch fetched article pages itself: %v", site.totalHits())
	}

	// A worker reads the items' pages and stores them.
	if testing.Short() {
		return
	}
	cmd := exec.Command(buildRasd(t), "worker", "--db", db, "--allow-private", "--concurrency", "2")
	logs := &syncBuffer{}
	cmd.Stderr = logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	// A job is completed only after its article is stored: waiting for the
	// documents alone raced the second job's completion against SIGTERM on
	// a loaded machine.
	waitFor(t, "both articles stored and their jobs completed by the worker", 2*time.Minute, func() bool {
		n, err := st.Counts(context.Background())
		if err != nil || n.Documents != 2 {
			return false
		}
		counts, err := queue.Counts(context.Background(), st)
		return err == nil && counts["completed"] == 2
	})
	cmd.Process.Signal(syscall.SIGTERM)
	if err := cmd.Wait(); err != nil {
		t.Errorf("worker after SIGTERM: %v\n%s", err, logs.String())
	}
	if site.hitsOf("/news/1") != 1 || site.hitsOf("/news/2") != 1 {
		t.Errorf("pages fetched %v, want each once", site.totalHits())
	}
	if counts, err := queue.Counts(context.Background(), st); err != nil || counts["completed"] != 2 {
		t.Errorf("jobs %v (%v), want 2 completed", counts, err)
	}
}
