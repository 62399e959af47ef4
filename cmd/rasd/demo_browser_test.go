package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"rasd/internal/browsertest"
)

// arabicDigits writes a count as the dashboard does in Arabic (ar-EG):
// Arabic-Indic digits, thousands apart with U+066C.
func arabicDigits(n int) string {
	return strings.NewReplacer("0", "٠", "1", "١", "2", "٢", "3", "٣", "4", "٤", "5", "٥", "6", "٦", "7", "٧", "8", "٨", "9", "٩",
		",", "٬").Replace(group(n))
}

// The demo as a new user meets it: `rasd serve --demo` on the bench corpus,
// then the dashboard. The figures of the log are those of the header, the
// table and the map's note; the map's names stay readable over its dots;
// the alerts read in the page's language. Its screenshots are the README's:
//
//	RASD_SCREENSHOTS=$PWD/docs go test -count=1 -run TestDemoInBrowser ./cmd/rasd
func TestDemoInBrowser(t *testing.T) {
	browsertest.Chromium(t) // skips without a browser, before the demo's extraction
	corpus := filepath.Join("..", "..", "..", "shared", "data", "bench", "ant-2018-news.jsonl.gz")
	if _, err := os.Stat(corpus); err != nil {
		t.Skipf("the bench corpus is not beside the repository (%v)", err)
	}
	base, log := startServeLog(t, serveFlags{addr: "127.0.0.1:0", demo: true, demoCorpus: corpus, demoDocs: 400, maxBody: 1 << 20})
	text := strings.Join(log, "\n")
	t.Logf("the demo says:\n%s", text)
	figures := func(pattern string) []int {
		t.Helper()
		m := regexp.MustCompile(pattern).FindStringSubmatch(text)
		if m == nil {
			t.Fatalf("the demo's log has no %q", pattern)
		}
		var out []int
		for _, s := range m[1:] {
			n, _ := strconv.Atoi(strings.ReplaceAll(s, ",", ""))
			out = append(out, n)
		}
		return out
	}
	served := figures(`: ([\d,]+) events from ([\d,]+) documents \(([\d,]+) current, ([\d,]+) background`)
	all, documents, current, background := served[0], served[1], served[2], served[3]
	onMap := figures(`opens on [\d,]+ current events, ([\d,]+) of them on the map`)[0]
	left := figures(`on the map(?: \((?:([\d,]+) outside its countries)?(?:, )?(?:([\d,]+) without a place)?\))?\n`)
	elsewhere, noPlace := left[0], left[1]
	if onMap+elsewhere+noPlace != current || current+background != all {
		t.Fatalf("the log's figures do not add up: %d events, %d current and %d background; %d on the map, %d elsewhere, %d without a place",
			all, current, background, onMap, elsewhere, noPlace)
	}

	ctx, problems := browsertest.Start(t)
	browsertest.Run(t, ctx, "loading the page", chromedp.Navigate(base+"/"))
	browsertest.Poll(t, ctx, "the page to finish loading", `document.body.dataset.ready === "1"`)
	note := fmt.Sprintf("%s of %s events on the map", group(onMap), group(current))
	if elsewhere > 0 {
		note += fmt.Sprintf(" · %s outside its countries", group(elsewhere))
	}
	if noPlace > 0 {
		note += fmt.Sprintf(" · %s without a place", group(noPlace))
	}
	browsertest.WaitText(t, ctx, "#summary", fmt.Sprintf("%s events from %s documents · %s shown, %s background hidden",
		group(all), group(documents), group(current), group(background)))
	browsertest.WaitText(t, ctx, "#page-info", fmt.Sprintf("1–%d of %s", min(50, current), group(current)))
	browsertest.WaitText(t, ctx, "#map-note", note)
	if n := browsertest.Run(t, ctx, "counting the dots", chromedp.Evaluate[int](`document.querySelectorAll("#points circle").length`)); n != onMap {
		t.Errorf("%d dots on the map, where the log and the note say %d", n, onMap)
	}
	browsertest.CheckLabels(t, ctx)
	faded := browsertest.Run(t, ctx, "counting faded dots", chromedp.Evaluate[int](`document.querySelectorAll("#points circle.under-label").length`))
	t.Logf("%d of %d dots faded under a province's name", faded, onMap)

	type alert struct{ Key, Title string }
	alerts := func() []alert {
		return browsertest.Run(t, ctx, "reading the alerts", chromedp.Evaluate[[]alert](`[...document.querySelectorAll("#alerts li button")].map((b) => ({
			Key: b.dataset.key, Title: b.querySelector(".kind").textContent}))`))
	}
	for _, a := range alerts() {
		if strings.Contains(a.Title, "·") || a.Key == "CIVILIANS" && !strings.Contains(a.Title, "against civilians") {
			t.Errorf("alert %q for %s", a.Title, a.Key)
		}
	}

	// The README shows an event open beside the map: the newest with
	// fatalities among those the map draws (its fatalities are marked in
	// the evidence; the deadliest are often misread counts).
	opened := browsertest.Run(t, ctx, "opening an event", chromedp.Evaluate[string](`(() => {
		const drawn = new Map([...document.querySelectorAll("#points circle")].map((c) => [c.point.id, c.point]));
		const row = [...document.querySelectorAll("#events tbody tr")].find((tr) => {
			const p = drawn.get(tr.dataset.id);
			return p && p.fatalities > 0;
		});
		if (!row) return "";
		row.click(); // a script's click: the page stays at its top for the screenshot
		return row.dataset.id;
	})()`))
	if opened == "" {
		t.Fatal("no event of the table's first page with fatalities on the map")
	}
	browsertest.Poll(t, ctx, "its evidence", `document.querySelectorAll("#detail .excerpt mark").length > 0`)
	browsertest.Screenshot(t, ctx, "dashboard.png")

	browsertest.Run(t, ctx, "switching to Arabic", chromedp.Click(chromedp.ID("lang")))
	browsertest.Poll(t, ctx, "the Arabic alerts", `document.documentElement.dir === "rtl" && !/[A-Za-z]/.test(document.querySelector("#alerts").textContent)`)
	summary := browsertest.Run(t, ctx, "reading the header", chromedp.Text(chromedp.ID("summary")))
	mapNote := browsertest.Run(t, ctx, "reading the map's note", chromedp.Text(chromedp.ID("map-note")))
	for _, n := range []int{all, documents, current, background} {
		if !strings.Contains(summary, arabicDigits(n)) {
			t.Errorf("the Arabic header %q does not say %s", summary, arabicDigits(n))
		}
	}
	if !strings.Contains(mapNote, arabicDigits(onMap)) || !strings.Contains(mapNote, arabicDigits(current)) {
		t.Errorf("the Arabic map note %q does not say %s of %s", mapNote, arabicDigits(onMap), arabicDigits(current))
	}
	for _, a := range alerts() {
		if a.Key == "CIVILIANS" && !strings.Contains(a.Title, "ضد المدنيين") {
			t.Errorf("alert %q for civilians", a.Title)
		}
	}
	browsertest.CheckLabels(t, ctx)
	browsertest.Screenshot(t, ctx, "dashboard-ar.png")

	if p := problems(); len(p) > 0 {
		t.Errorf("the page reported errors:\n%s", strings.Join(p, "\n"))
	}
}
