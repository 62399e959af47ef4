package server

import (
	"context"
	"fmt"
	"math"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"rasd/internal/document"
	"rasd/internal/event"
	"rasd/internal/geodata"
	"rasd/internal/lexicon"
)

// findChromium returns Debian's chromium (scripts/browser-up installs it).
func findChromium(t *testing.T) string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("no chromium on PATH: run scripts/browser-up (apt-get install -y chromium) to run the dashboard's browser test")
	return ""
}

// browser starts a headless Chromium with a fresh profile and collects
// every console error, uncaught exception and failed resource load.
func browser(t *testing.T) (context.Context, func() []string) {
	path := findChromium(t)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1400, 1000),
	)
	// A safety net for a hung browser, not a performance threshold.
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancel)
	ctx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	t.Cleanup(cancelAlloc)
	ctx, cancelTab := chromedp.NewContext(ctx)
	t.Cleanup(cancelTab)

	var mu sync.Mutex
	var problems []string
	note := func(format string, args ...any) {
		mu.Lock()
		problems = append(problems, fmt.Sprintf(format, args...))
		mu.Unlock()
	}
	err := chromedp.Listen(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if ev.Type == "error" || ev.Type == "assert" {
				var parts []string
				for _, a := range ev.Args {
					parts = append(parts, string(a.Value)+a.Description)
				}
				note("console.%s: %s", ev.Type, strings.Join(parts, " "))
			}
		case *runtime.EventExceptionThrown:
			d := ev.ExceptionDetails
			desc := d.Text
			if d.Exception != nil {
				desc += " " + d.Exception.Description
			}
			note("exception at %s:%d: %s", d.URL, d.LineNumber+1, desc)
		case *cdplog.EventEntryAdded:
			if ev.Entry.Level == cdplog.EntryLevelError {
				note("log %s: %s %s", ev.Entry.Source, ev.Entry.Text, ev.Entry.URL)
			}
		}
	})
	if err != nil {
		t.Fatalf("starting chromium: %v", err)
	}
	if _, err := chromedp.Call(ctx, cdplog.Enable, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	return ctx, func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), problems...)
	}
}

// screenshot saves the page as a user sees it (the viewport: full-page
// shots crop right-to-left pages) in $RASD_SCREENSHOTS, when set, so that a
// look at the page is one test run away, else in the test's directory.
func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	shot := run(t, ctx, "taking a screenshot", chromedp.CaptureScreenshot())
	dir := os.Getenv("RASD_SCREENSHOTS")
	if dir == "" {
		dir = t.TempDir()
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, shot, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)
}

// choose picks a value of a select of the filter bar, as a user does.
func choose(t *testing.T, ctx context.Context, sel, value string) {
	t.Helper()
	run(t, ctx, "choosing "+value+" in "+sel, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => {
		const s = document.querySelector(%q);
		s.value = %q;
		if (s.value !== %q) throw new Error("no option " + %q);
		s.dispatchEvent(new Event("change", {bubbles: true}));
	})()`, sel, value, value, value)))
}

// checkLabels checks that the province names on the map stay readable:
// drawn above the points in an opaque halo, letting clicks through to
// them, never one over another, and never over a dot at full strength (a
// dot whose centre lies under a name's letters, the middle of its box, is
// faded).
func checkLabels(t *testing.T, ctx context.Context) {
	t.Helper()
	type labels struct {
		AbovePoints bool
		Events      string
		Halo        string
		Shown       []string
		Overlaps    []string
		Covered     []string
	}
	l := run(t, ctx, "reading the labels", chromedp.Evaluate[labels](`(() => {
		const g = document.querySelector("#labels");
		const shown = [...g.children].filter((t) => t.getAttribute("visibility") === "visible");
		const boxes = shown.map((t) => t.getBoundingClientRect());
		const overlaps = [];
		for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
			const a = boxes[i], b = boxes[j];
			if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) overlaps.push(shown[i].textContent + "/" + shown[j].textContent);
		}
		const covered = [];
		const dots = [...document.querySelectorAll("#points circle:not(.chosen)")].map((c) => {
			const r = c.getBoundingClientRect();
			return {c, x: (r.left + r.right) / 2, y: (r.top + r.bottom) / 2};
		});
		shown.forEach((t, i) => {
			const b = boxes[i], pad = b.height * 0.2;
			for (const d of dots) {
				if (d.x > b.left && d.x < b.right && d.y > b.top + pad && d.y < b.bottom - pad &&
					Number(getComputedStyle(d.c).fillOpacity) > 0.5) covered.push(t.textContent + " over " + d.c.point.id);
			}
		});
		const style = getComputedStyle(shown[0] || g);
		return {AbovePoints: g.previousElementSibling === document.querySelector("#points"),
			Events: style.pointerEvents, Halo: style.stroke + " " + style.strokeWidth,
			Shown: shown.map((t) => t.textContent), Overlaps: overlaps, Covered: covered};
	})()`))
	if !l.AbovePoints || l.Events != "none" {
		t.Errorf("labels above the points %v, pointer-events %q; want true and none", l.AbovePoints, l.Events)
	}
	if l.Halo != "rgb(255, 255, 255) 4px" {
		t.Errorf("labels' halo %q, want opaque white, 4px", l.Halo)
	}
	if len(l.Shown) == 0 || len(l.Overlaps) > 0 {
		t.Errorf("labels shown %q, overlapping %q", l.Shown, l.Overlaps)
	}
	if len(l.Covered) > 0 {
		t.Errorf("labels over dots that keep their strength: %q", l.Covered)
	}
}

// provincesOnTheMap counts the base map's governorates and provinces.
func provincesOnTheMap(t *testing.T) int {
	areas, err := geodata.Areas()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, a := range areas {
		if a.Level == geodata.Governorate {
			n++
		}
	}
	return n
}

func run[T any](t *testing.T, ctx context.Context, what string, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	return v
}

// poll waits for a JavaScript condition; a failure names the step.
func poll(t *testing.T, ctx context.Context, what, expr string) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](expr, chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(30*time.Second))); err != nil {
		t.Fatalf("waiting for %s: %v", what, err)
	}
}

func TestDashboardInBrowser(t *testing.T) {
	ctx, problems := browser(t)
	st := openFixtureStore(t)
	ts := newTestServer(t, st, Config{Alerts: fixtureAlerter})

	run(t, ctx, "loading the page", chromedp.Navigate(ts.URL+"/"))
	poll(t, ctx, "the page to finish loading", `document.body.dataset.ready === "1"`)

	// The map: the base map's polygons, and one point per located event.
	govs := run(t, ctx, "counting governorates", chromedp.Evaluate[int](`document.querySelectorAll("#gov path").length`))
	if want := provincesOnTheMap(t); govs != want {
		t.Errorf("%d governorate polygons on the map, want %d", govs, want)
	}
	poll(t, ctx, "the event points", `document.querySelectorAll("#points circle").length === 4`)
	rows := run(t, ctx, "counting rows", chromedp.Evaluate[int](`document.querySelectorAll("#events tbody tr").length`))
	if rows != 4 {
		t.Errorf("%d table rows, want 4", rows)
	}
	bars := run(t, ctx, "counting timeline bars", chromedp.Evaluate[int](`document.querySelectorAll("#timeline rect:not(.brush)").length`))
	if bars != 4 {
		t.Errorf("%d timeline bars, want 4 (one event in each of four weeks)", bars)
	}
	alerts := run(t, ctx, "reading alerts", chromedp.Text(chromedp.ID("alerts")))
	if !strings.Contains(alerts, "Deir-ez-Zor") {
		t.Errorf("alerts panel: %q", alerts)
	}

	// The filters list the countries of the events, and the governorates
	// of those countries by country.
	countries := run(t, ctx, "reading the country filter", chromedp.Evaluate[[]string](`[...document.querySelectorAll("#f-country option")].map((o) => o.value)`))
	if strings.Join(countries, ",") != ",IRQ,SYR" {
		t.Errorf("country filter options %q, want All, Iraq and Syria", countries)
	}
	groups := run(t, ctx, "reading the governorate filter", chromedp.Evaluate[[]string](`[...document.querySelectorAll("#f-admin1 optgroup")].map((g) => g.label + " " + g.children.length)`))
	if strings.Join(groups, ",") != "Iraq 19,Syria 14" {
		t.Errorf("governorate filter groups %q, want Iraq's 19 and Syria's 14", groups)
	}
	checkLabels(t, ctx)

	// Choosing a governorate filters the table and the map.
	choose(t, ctx, "#f-admin1", "SY.DY")
	poll(t, ctx, "the table to show only Deir-ez-Zor", `(() => {
		const cells = [...document.querySelectorAll("#events tbody td.admin1")];
		return cells.length === 1 && cells.every((c) => c.dataset.admin1 === "Deir-ez-Zor");
	})()`)
	poll(t, ctx, "the map to show one point", `document.querySelectorAll("#points circle").length === 1`)
	if q := run(t, ctx, "reading the address", chromedp.Evaluate[string](`location.search`)); q != "?admin1=SY.DY" {
		t.Errorf("address bar query %q", q)
	}

	// Clicking the event shows its Arabic evidence right to left, with the
	// spans highlighted at the right characters: the text starts with an
	// emoji, two UTF-16 units, so an offset error would shift every mark.
	run(t, ctx, "clicking the event", chromedp.Click(chromedp.CSS("#events tbody tr")))
	poll(t, ctx, "the evidence", `document.querySelectorAll("#detail .excerpt mark").length > 0`)
	type excerptView struct {
		Dir, Lang, Direction string
		Marks                map[string][]string
		Excerpts             int
	}
	x := run(t, ctx, "reading the evidence", chromedp.Evaluate[excerptView](`(() => {
		const p = document.querySelector("#detail .excerpt");
		const marks = {};
		for (const m of document.querySelectorAll("#detail .excerpt mark")) {
			(marks[m.dataset.kind] = marks[m.dataset.kind] || []).push(m.textContent);
		}
		return {Dir: p.dir, Lang: p.lang, Direction: getComputedStyle(p).direction, Marks: marks,
			Excerpts: document.querySelectorAll("#detail .excerpt").length};
	})()`))
	if x.Dir != "rtl" || x.Lang != "ar" || x.Direction != "rtl" {
		t.Errorf("evidence dir=%q lang=%q direction %q, want rtl, ar, rtl", x.Dir, x.Lang, x.Direction)
	}
	if x.Excerpts != 2 {
		t.Errorf("%d excerpts, want one for each of the two sources", x.Excerpts)
	}
	joined := map[string]string{}
	for k, v := range x.Marks {
		joined[k] = strings.Join(v, "|")
	}
	// «مدنيين», an actor, is a mark inside the fatality phrase.
	for kind, want := range map[string]string{"actor": "تنظيم داعش|مدنيين", "place": "الباغوز", "date": "يوم الاثنين", "fatalities": "قتل خمسة مدنيين", "trigger": "هجوم"} {
		if !strings.Contains(joined[kind], want) {
			t.Errorf("%s marks %q, want %q among them", kind, joined[kind], want)
		}
	}
	links := run(t, ctx, "reading the source links", chromedp.Evaluate[[]string](`[...document.querySelectorAll("#detail .source a")].map((a) => a.href)`))
	if len(links) != 2 || links[0] != "https://example.org/baghuz-a" {
		t.Errorf("source links %v", links)
	}

	// Clicking a point on the map opens that event.
	run(t, ctx, "resetting the filters", chromedp.Click(chromedp.ID("reset")))
	poll(t, ctx, "all points again", `document.querySelectorAll("#points circle").length === 4`)
	run(t, ctx, "clicking a point", chromedp.Click(chromedp.CSS(`#points circle[fill]:last-child`)))
	poll(t, ctx, "the point's detail", `document.querySelector("#points circle.chosen") !== null && document.querySelector("#detail h3") !== null`)

	// Brushing the timeline narrows the dates of the map and the table.
	box := run(t, ctx, "measuring the timeline", chromedp.Dimensions(chromedp.ID("timeline")))
	q := box.Content
	left, top, right, bottom := q[0], q[1], q[2], q[5]
	y := (top + bottom) / 2
	// The last quarter of the axis holds only the week of the Mosul strike.
	from, to := left+(right-left)*0.97, right-2
	run(t, ctx, "brushing", chromedp.Steps(
		chromedp.MouseEvent("mousePressed", from, y, chromedp.ButtonLeft),
		chromedp.MouseEvent("mouseMoved", (from+to)/2, y, chromedp.ButtonLeft),
		chromedp.MouseEvent("mouseMoved", to, y, chromedp.ButtonLeft),
		chromedp.MouseEvent("mouseReleased", to, y, chromedp.ButtonLeft),
	))
	poll(t, ctx, "the brushed dates", `document.querySelector("#f-since").value === "2019-03-25" && document.querySelectorAll("#events tbody tr").length === 1`)

	// The Arabic labels.
	run(t, ctx, "switching to Arabic", chromedp.Click(chromedp.ID("lang")))
	poll(t, ctx, "Arabic labels", `document.documentElement.dir === "rtl" && document.querySelector("[data-i18n=governorate]").textContent === "المحافظة"`)

	screenshot(t, ctx, "dashboard.png")

	if p := problems(); len(p) > 0 {
		t.Errorf("the page reported errors:\n%s", strings.Join(p, "\n"))
	}
}

// The dashboard leaves out recalled (background) events until told not to:
// the box is ticked by default, unticking it shows them and says so in the
// address bar, and that address opens the same view.
func TestDashboardHidesBackgroundEvents(t *testing.T) {
	ctx, problems := browser(t)
	st := openFixtureStore(t)
	recalled := recalledDoc(t)
	if _, err := st.Add(context.Background(), recalled.doc, recalled.res); err != nil {
		t.Fatal(err)
	}
	ts := newTestServer(t, st, Config{Alerts: fixtureAlerter})

	run(t, ctx, "loading the page", chromedp.Navigate(ts.URL+"/"))
	poll(t, ctx, "the page to finish loading", `document.body.dataset.ready === "1"`)
	if !run(t, ctx, "reading the box", chromedp.Evaluate[bool](`document.querySelector("#f-background").checked`)) {
		t.Error("the hide-background box is not ticked by default")
	}
	poll(t, ctx, "four rows without the recalled battle", `document.querySelectorAll("#events tbody tr").length === 4`)
	// Four bars, one a week: the timeline does not reach back to 2014.
	poll(t, ctx, "the timeline of 2019 only", `document.querySelectorAll("#timeline rect:not(.brush)").length === 4`)

	run(t, ctx, "unticking the box", chromedp.Click(chromedp.ID("f-background")))
	poll(t, ctx, "the recalled battle in the table", `document.querySelectorAll("#events tbody tr").length === 5`)
	poll(t, ctx, "the timeline back to 2014", `document.querySelectorAll("#timeline rect:not(.brush)").length === 5`)
	q := run(t, ctx, "reading the address", chromedp.Evaluate[string](`location.search`))
	if q != "?background=all" {
		t.Errorf("address bar query %q, want ?background=all", q)
	}

	run(t, ctx, "opening that address", chromedp.Navigate(ts.URL+"/"+q))
	poll(t, ctx, "the page to finish loading", `document.body.dataset.ready === "1"`)
	poll(t, ctx, "five rows", `document.querySelectorAll("#events tbody tr").length === 5`)
	if run(t, ctx, "reading the box", chromedp.Evaluate[bool](`document.querySelector("#f-background").checked`)) {
		t.Error("the box is ticked on an address that shows background events")
	}
	if p := problems(); len(p) > 0 {
		t.Errorf("the page reported errors:\n%s", strings.Join(p, "\n"))
	}
}

// The dashboard on reports from Yemen and Libya besides Syria and Iraq: the
// map is framed to take in every event, each dot lies on its province of
// the base map, the filters list the four countries and their provinces,
// and choosing a province of Yemen, then Libya, filters the map and the
// table and frames what remains.
func TestDashboardAcrossTheRegion(t *testing.T) {
	ctx, problems := browser(t)
	ts := newTestServer(t, openRegionStore(t), Config{Alerts: fixtureAlerter})

	run(t, ctx, "loading the page", chromedp.Navigate(ts.URL+"/"))
	poll(t, ctx, "the page to finish loading", `document.body.dataset.ready === "1"`)
	poll(t, ctx, "seven points", `document.querySelectorAll("#points circle").length === 7`)
	screenshot(t, ctx, "dashboard-region.png")

	// Every dot is on screen, over the province its event is in.
	type dot struct {
		Admin1, Under string
		OnScreen      bool
	}
	dots := func() []dot {
		return run(t, ctx, "finding the dots", chromedp.Evaluate[[]dot](`(() => {
			const m = document.querySelector("#map").getBoundingClientRect();
			return [...document.querySelectorAll("#points circle")].map((c) => {
				const r = c.getBoundingClientRect();
				const x = (r.left + r.right) / 2, y = (r.top + r.bottom) / 2;
				const gov = document.elementsFromPoint(x, y).find((e) => e.parentNode && e.parentNode.id === "gov");
				return {Admin1: c.point.admin1, Under: gov ? gov.dataset.admin1 : "",
					OnScreen: x > m.left && x < m.right && y > m.top && y < m.bottom};
			});
		})()`))
	}
	want := map[string]string{"Al Hudaydah": "YE.HU", "Taizz": "YE.TA", "Tripoli": "LY.TR", "Deir-ez-Zor": "SY.DY",
		"Ar-Raqqa": "SY.RA", "Ninewa": "IQ.NI", "Al-Anbar": "IQ.AN"}
	for _, d := range dots() {
		if !d.OnScreen || d.Under != want[d.Admin1] {
			t.Errorf("the dot of an event in %s: on screen %v, over %q; want on screen over %s", d.Admin1, d.OnScreen, d.Under, want[d.Admin1])
		}
	}

	// The filters list the countries of the events and their provinces.
	countries := run(t, ctx, "reading the country filter", chromedp.Evaluate[[]string](`[...document.querySelectorAll("#f-country option")].map((o) => o.value + " " + o.textContent)`))
	if got := strings.Join(countries, ","); got != " All,IRQ Iraq,LBY Libya,SYR Syria,YEM Yemen" {
		t.Errorf("country filter options %q", got)
	}
	groups := run(t, ctx, "reading the governorate filter", chromedp.Evaluate[[]string](`[...document.querySelectorAll("#f-admin1 optgroup")].map((g) => g.label + " " + g.children.length)`))
	n := provincesOf(t)
	if got, want := strings.Join(groups, ","), fmt.Sprintf("Iraq %d,Libya %d,Syria %d,Yemen %d", n["IRQ"], n["LBY"], n["SYR"], n["YEM"]); got != want {
		t.Errorf("governorate filter groups %q, want %q", got, want)
	}
	checkLabels(t, ctx)
	scale := func() float64 {
		return run(t, ctx, "reading the zoom", chromedp.Evaluate[float64](`(() => {
			const m = /scale\(([0-9.e+-]+)\)/.exec(document.querySelector("#viewport").getAttribute("transform") || "");
			return m ? Number(m[1]) : 1;
		})()`))
	}
	before := scale()

	// A province of Yemen: one row, one dot, the province outlined, and
	// the map closer in.
	choose(t, ctx, "#f-admin1", "YE.HU")
	poll(t, ctx, "the table to show only Al Hudaydah", `(() => {
		const cells = [...document.querySelectorAll("#events tbody td.admin1")];
		return cells.length === 1 && cells[0].dataset.code === "YE.HU" && cells[0].textContent === "Al Hudaydah";
	})()`)
	poll(t, ctx, "the map to show one dot", `document.querySelectorAll("#points circle").length === 1`)
	poll(t, ctx, "Al Hudaydah outlined", `document.querySelector('#gov path[data-admin1="YE.HU"]').classList.contains("chosen")`)
	if q := run(t, ctx, "reading the address", chromedp.Evaluate[string](`location.search`)); q != "?admin1=YE.HU" {
		t.Errorf("address bar query %q, want ?admin1=YE.HU", q)
	}
	if after := scale(); after <= before {
		t.Errorf("the map stayed at zoom %.2f (it was %.2f) for one province", after, before)
	}
	if d := dots(); len(d) != 1 || !d[0].OnScreen || d[0].Under != "YE.HU" {
		t.Errorf("the dot of Al Hudaydah: %+v", d)
	}

	// Libya: the province of Yemen no longer applies, and the governorate
	// filter offers Libya's.
	choose(t, ctx, "#f-country", "LBY")
	poll(t, ctx, "the table to show only Tripoli", `(() => {
		const cells = [...document.querySelectorAll("#events tbody td.admin1")];
		return cells.length === 1 && cells[0].dataset.code === "LY.TR";
	})()`)
	if q := run(t, ctx, "reading the address", chromedp.Evaluate[string](`location.search`)); q != "?country=LBY" {
		t.Errorf("address bar query %q, want ?country=LBY", q)
	}
	// The governorate filter is rebuilt from the answer for the country,
	// which may land after the table's: wait for it, then say what it shows
	// if it never comes.
	wantGroups := fmt.Sprintf("Libya %d", n["LBY"])
	groupsExpr := `[...document.querySelectorAll("#f-admin1 optgroup")].map((g) => g.label + " " + g.children.length).join(",")`
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](groupsExpr+` === `+strconv.Quote(wantGroups), chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		got := run(t, ctx, "reading the governorate filter", chromedp.Evaluate[string](groupsExpr))
		t.Errorf("governorate filter groups %q, want %q", got, wantGroups)
	}
	choose(t, ctx, "#f-admin1", "LY.TR")
	poll(t, ctx, "Tripoli outlined", `document.querySelector('#gov path[data-admin1="LY.TR"]').classList.contains("chosen") && location.search === "?country=LBY&admin1=LY.TR"`)
	if d := dots(); len(d) != 1 || !d[0].OnScreen || d[0].Under != "LY.TR" {
		t.Errorf("the dot of Tripoli: %+v", d)
	}

	// In Arabic the filters name the places as Arabic news does.
	run(t, ctx, "switching to Arabic", chromedp.Click(chromedp.ID("lang")))
	poll(t, ctx, "Arabic names in the filters", `document.querySelector('#f-country option[value="LBY"]').textContent === "ليبيا" &&
		document.querySelector('#f-admin1 option[value="LY.TR"]').textContent === "طرابلس" &&
		document.querySelector("#events tbody td.admin1").textContent === "طرابلس"`)
	checkLabels(t, ctx)

	// An address may name the province and the country as people write
	// them; the page shows them as its filters name them.
	run(t, ctx, "opening an address with names", chromedp.Navigate(ts.URL+"/?country=Yemen&admin1="+url.QueryEscape("الحديدة")))
	poll(t, ctx, "the page to finish loading", `document.body.dataset.ready === "1"`)
	poll(t, ctx, "Al Hudaydah chosen by its Arabic name", `(() => {
		const cells = [...document.querySelectorAll("#events tbody td.admin1")];
		return cells.length === 1 && cells[0].dataset.code === "YE.HU" &&
			document.querySelector("#f-admin1").value === "YE.HU" && document.querySelector("#f-country").value === "YEM" &&
			document.querySelector('#gov path[data-admin1="YE.HU"]').classList.contains("chosen");
	})()`)

	if p := problems(); len(p) > 0 {
		t.Errorf("the page reported errors:\n%s", strings.Join(p, "\n"))
	}
}

// provincesOf counts the provinces of each country the filters can name.
func provincesOf(t *testing.T) map[string]int {
	rows, err := lexicon.Admin1s()
	if err != nil {
		t.Fatal(err)
	}
	n := map[string]int{}
	for _, r := range rows {
		n[r.Country]++
	}
	return n
}

// waitText waits until an element's text is want, and says what it was
// when it never is.
func waitText(t *testing.T, ctx context.Context, sel, want string) {
	t.Helper()
	expr := fmt.Sprintf(`document.querySelector(%q).textContent`, sel)
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](expr+" === "+strconv.Quote(want), chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		got := run(t, ctx, "reading "+sel, chromedp.Evaluate[string](expr))
		t.Errorf("%s says %q, want %q", sel, got, want)
	}
}

// The header, the table and the map's note count the same events, and each
// says what it leaves out: background events hidden by the box, events
// beyond the base map's countries, events without a place.
func TestDashboardCounts(t *testing.T) {
	ctx, problems := browser(t)
	st := openFixtureStore(t)
	for _, f := range append([]fixtureDoc{recalledDoc(t)}, farDocs(t)...) {
		if _, err := st.Add(context.Background(), f.doc, f.res); err != nil {
			t.Fatal(err)
		}
	}
	ts := newTestServer(t, st, Config{Alerts: fixtureAlerter})
	run(t, ctx, "loading the page", chromedp.Navigate(ts.URL+"/"))
	poll(t, ctx, "the page to finish loading", `document.body.dataset.ready === "1"`)
	circles := func() int {
		return run(t, ctx, "counting the dots", chromedp.Evaluate[int](`document.querySelectorAll("#points circle").length`))
	}

	// Seven events (the two reports of the Baghuz attack are one) from
	// eight documents; the recalled battle of 2014 is hidden; of the six
	// others, Geneva lies beyond the map and one raid has no place.
	waitText(t, ctx, "#summary", "7 events from 8 documents · 6 shown, 1 background hidden")
	waitText(t, ctx, "#page-info", "1–6 of 6")
	waitText(t, ctx, "#map-note", "4 of 6 events on the map · 1 outside its countries · 1 without a place")
	if n := circles(); n != 4 {
		t.Errorf("%d dots on the map, want the 4 its note counts", n)
	}

	run(t, ctx, "unticking the box", chromedp.Click(chromedp.ID("f-background")))
	waitText(t, ctx, "#summary", "7 events from 8 documents · 7 shown")
	waitText(t, ctx, "#page-info", "1–7 of 7")
	waitText(t, ctx, "#map-note", "5 of 7 events on the map · 1 outside its countries · 1 without a place")
	if n := circles(); n != 5 {
		t.Errorf("%d dots on the map, want 5", n)
	}

	run(t, ctx, "ticking the box", chromedp.Click(chromedp.ID("f-background")))
	choose(t, ctx, "#f-country", "IRQ")
	waitText(t, ctx, "#summary", "7 events from 8 documents · 2 match the filters, 1 background hidden")
	waitText(t, ctx, "#page-info", "1–2 of 2")
	waitText(t, ctx, "#map-note", "2 events, all on the map")

	// The same in Arabic, with Arabic-Indic digits and nouns counted as
	// Arabic counts them.
	run(t, ctx, "switching to Arabic", chromedp.Click(chromedp.ID("lang")))
	waitText(t, ctx, "#summary", "٧ أحداث من ٨ وثائق · المطابق للمرشحات: ٢، وأحداث الخلفية المخفية: ١")
	waitText(t, ctx, "#map-note", "كل الأحداث على الخريطة: ٢")
	run(t, ctx, "resetting the filters", chromedp.Click(chromedp.ID("reset")))
	waitText(t, ctx, "#summary", "٧ أحداث من ٨ وثائق · المعروض: ٦، وأحداث الخلفية المخفية: ١")
	waitText(t, ctx, "#page-info", "١–٦ من ٦")
	waitText(t, ctx, "#map-note", "على الخريطة ٤ من ٦ أحداث · خارج بلدانها: ١ · بلا مكان: ١")

	if p := problems(); len(p) > 0 {
		t.Errorf("the page reported errors:\n%s", strings.Join(p, "\n"))
	}
}

// Alerts read in the page's language, worded from their figures, and one
// about civilians reads as violence against them, never as civilians
// acting ("Surge · Civilians").
func TestDashboardAlertsInBothLanguages(t *testing.T) {
	ctx, problems := browser(t)
	ts := newTestServer(t, openFixtureStore(t), Config{Alerts: wordedAlerter})
	run(t, ctx, "loading the page", chromedp.Navigate(ts.URL+"/"))
	poll(t, ctx, "the page to finish loading", `document.body.dataset.ready === "1"`)
	type line struct{ Title, Why string }
	read := func() []line {
		return run(t, ctx, "reading the alerts", chromedp.Evaluate[[]line](`[...document.querySelectorAll("#alerts li")].map((li) => ({
			Title: li.querySelector(".kind").textContent, Why: li.querySelector(".why").textContent}))`))
	}
	check := func(lang string, want []line) {
		t.Helper()
		got := read()
		if len(got) != len(want) {
			t.Fatalf("%s: %d alerts, want %d: %q", lang, len(got), len(want), got)
		}
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("%s alert %d:\n got %q\nwant %q", lang, i, got[i], want[i])
			}
			if strings.Contains(got[i].Title, "·") || strings.HasSuffix(got[i].Title, "Civilians") {
				t.Errorf("%s alert %d reads as if an actor acted: %q", lang, i, got[i].Title)
			}
		}
	}
	check("English", []line{
		{"Surge in violence in Deir-ez-Zor (Syria)", "5 violent events in the week of 2019-03-18, 150% above the weekly average of 2 over the 4 weeks before"},
		{"Surge in violence against civilians", "4 violent events in the week of 2019-03-18, 167% above the weekly average of 1.5 over the 4 weeks before"},
		{"Sustained rise in violence in Ar-Raqqa (Syria)", "3 violent events a week over the four weeks to 2019-03-24, where the 52 weeks before had none"},
		{"Emerging actor: Hurras al-Din", "2 violent events in the four weeks from 2019-02-25, after no event at all since 2018-10-01"},
		{"Most violent week in Ninewa (Iraq) in 12 weeks", "4 violent events in the week of 2019-03-18, the most in 12 weeks (the previous high: 3)"},
		{"Most violent week involving Islamic State since the data begin", "6 violent events in the week of 2019-03-18, the most of any week since the data's coverage begins (2018-10-01, 25 weeks)"},
		{"Large decrease in violence involving Islamic State", "1 violent event in the week of 2019-03-18, 75% below the weekly average of 4 over the 4 weeks before"},
	})

	run(t, ctx, "switching to Arabic", chromedp.Click(chromedp.ID("lang")))
	poll(t, ctx, "Arabic alerts", `document.querySelector("#alerts .kind").textContent.startsWith("تصاعد")`)
	// Dates are isolated left to right, or the Arabic around them turns
	// 2019-03-18 into 18-03-2019.
	d := func(day string) string { return "\u2066" + day + "\u2069" }
	check("Arabic", []line{
		{"تصاعد العنف في دير الزور (سوريا)", "٥ أحداث عنف في أسبوع " + d("2019-03-18") + "، بزيادة ١٥٠٪ على المتوسط الأسبوعي (٢) في الأسابيع الـ٤ السابقة"},
		{"تصاعد العنف ضد المدنيين", "٤ أحداث عنف في أسبوع " + d("2019-03-18") + "، بزيادة ١٦٧٪ على المتوسط الأسبوعي (١٫٥) في الأسابيع الـ٤ السابقة"},
		{"ارتفاع متواصل في العنف في الرقة (سوريا)", "بمعدل ٣ أحداث عنف أسبوعياً في الأسابيع الأربعة حتى " + d("2019-03-24") + "، ولم يقع أي حدث عنف في الأسابيع الـ٥٢ السابقة"},
		{"فاعل ناشئ: تنظيم حراس الدين", "حدثا عنف في الأسابيع الأربعة من " + d("2019-02-25") + "، بعد غياب تام منذ " + d("2018-10-01")},
		{"أعلى حصيلة أسبوعية للعنف في نينوى (العراق) منذ ١٢ أسبوعاً", "٤ أحداث عنف في أسبوع " + d("2019-03-18") + "، وهي الأعلى منذ ١٢ أسبوعاً (الأعلى قبلها: ٣)"},
		{"أعلى حصيلة أسبوعية للعنف منذ بدء البيانات، وتنظيم الدولة الإسلامية طرفٌ فيه", "٦ أحداث عنف في أسبوع " + d("2019-03-18") + "، وهي الأعلى منذ بدء التغطية المتواصلة للبيانات (" + d("2018-10-01") + "، ٢٥ أسبوعاً)"},
		{"تراجع كبير في العنف، وتنظيم الدولة الإسلامية طرفٌ فيه", "حدث عنف واحد في أسبوع " + d("2019-03-18") + "، بانخفاض ٧٥٪ عن المتوسط الأسبوعي (٤) في الأسابيع الـ٤ السابقة"},
	})
	// Nothing of the panel stays in English: no Latin letter at all.
	panel := run(t, ctx, "reading the panel", chromedp.Text(chromedp.ID("alerts")))
	if latin := regexp.MustCompile(`[A-Za-z]+`).FindAllString(panel, -1); len(latin) > 0 {
		t.Errorf("the Arabic alerts panel has Latin words %q:\n%s", latin, panel)
	}
	screenshot(t, ctx, "fixture-alerts-ar.png")
	if p := problems(); len(p) > 0 {
		t.Errorf("the page reported errors:\n%s", strings.Join(p, "\n"))
	}
}

// labelPoint is where the dashboard writes a province's name: the
// area-weighted centre of the outer ring of its largest polygon.
func labelPoint(t *testing.T, hasc string) orb.Point {
	t.Helper()
	areas, err := geodata.Areas()
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range areas {
		if a.Level != geodata.Governorate || a.HASC != hasc {
			continue
		}
		var polys orb.MultiPolygon
		switch g := a.Geometry.(type) {
		case orb.Polygon:
			polys = orb.MultiPolygon{g}
		case orb.MultiPolygon:
			polys = g
		}
		var best orb.Point
		bestArea := 0.0
		for _, p := range polys {
			// The ring's area is signed by its winding.
			c, area := planar.CentroidArea(p[0])
			if area = math.Abs(area); area > bestArea {
				best, bestArea = c, area
			}
		}
		return best
	}
	t.Fatalf("no province %s on the base map", hasc)
	return orb.Point{}
}

// A dot right under a province's name, too big for the name to move
// beside it, fades so that the name reads, and comes back when the mouse
// is on it (the name lets the mouse through).
func TestDashboardFadesDotsUnderLabels(t *testing.T) {
	ctx, problems := browser(t)
	st := openFixtureStore(t)
	at := labelPoint(t, "IQ.AN")
	text := "قتل مئة مسلح في معارك عنيفة مع القوات العراقية وسط صحراء الأنبار."
	c := coder{t, text}
	doc := &document.Document{ID: "anbar-desert", Source: "Outlet F", URL: "https://example.org/anbar-desert", Published: day("2019-03-22"), Text: text}
	res := event.Result{Doc: event.Doc{ID: doc.ID, Source: doc.Source, URL: doc.URL, Published: "2019-03-22", Lang: "ar"},
		Events: []event.Event{{ID: "anbar-desert#1", EventType: event.Battles, SubEventType: "Armed clash",
			Actor1:      c.actor("STATE:IRQ", "Military Forces of Iraq", "القوات العراقية", "state", "القوات العراقية"),
			AssocActor1: []event.Actor{}, AssocActor2: []event.Actor{},
			Location: c.place("test:anbar-desert", "Anbar desert", "صحراء الأنبار", "IRQ", "Al-Anbar", "IQ.AN", "", at.Lat(), at.Lon(), "صحراء الأنبار"),
			Date:     c.date("2019-03-21", ""), Fatalities: c.dead(100, "قتل مئة مسلح"), Trigger: c.span("معارك"),
			Certainty: event.Reported, Confidence: 0.8, Rule: "hand-coded test fixture", Evidence: []event.Span{c.span(text)}}}}
	if _, err := st.Add(context.Background(), doc, res); err != nil {
		t.Fatal(err)
	}
	ts := newTestServer(t, st, Config{Alerts: fixtureAlerter})
	run(t, ctx, "loading the page", chromedp.Navigate(ts.URL+"/"))
	poll(t, ctx, "the page to finish loading", `document.body.dataset.ready === "1"`)
	poll(t, ctx, "five dots", `document.querySelectorAll("#points circle").length === 5`)

	type dot struct {
		Label, Class, Opacity string
		X, Y                  float64
	}
	read := func() dot {
		return run(t, ctx, "finding the dot", chromedp.Evaluate[dot](`(() => {
			const c = [...document.querySelectorAll("#points circle")].find((c) => c.point.fatalities === 100);
			const r = c.getBoundingClientRect(), x = (r.left + r.right) / 2, y = (r.top + r.bottom) / 2;
			const label = [...document.querySelectorAll("#labels text")].find((t) => {
				if (t.getAttribute("visibility") !== "visible") return false;
				const b = t.getBoundingClientRect();
				return x > b.left && x < b.right && y > b.top && y < b.bottom;
			});
			return {Label: label ? label.textContent : "", Class: c.getAttribute("class") || "",
				Opacity: getComputedStyle(c).fillOpacity, X: x, Y: y};
		})()`))
	}
	d := read()
	if d.Label != "Al-Anbar" || d.Class != "under-label" || d.Opacity != "0.4" {
		t.Errorf("the dot under Al-Anbar's name: label %q, class %q, fill-opacity %s; want Al-Anbar, under-label, 0.4", d.Label, d.Class, d.Opacity)
	}
	checkLabels(t, ctx)
	run(t, ctx, "pointing at the dot", chromedp.MouseEvent("mouseMoved", d.X, d.Y))
	if d := read(); d.Opacity != "1" {
		t.Errorf("the dot under the mouse: fill-opacity %s, want 1", d.Opacity)
	}
	if p := problems(); len(p) > 0 {
		t.Errorf("the page reported errors:\n%s", strings.Join(p, "\n"))
	}
}
