package server

import (
	"context"
	"fmt"
	"math"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"rasd/internal/browsertest"
	"rasd/internal/document"
	"rasd/internal/event"
	"rasd/internal/geodata"
	"rasd/internal/lexicon"
)

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

func TestDashboardInBrowser(t *testing.T) {
	ctx, problems := browsertest.Start(t)
	st := openFixtureStore(t)
	ts := newTestServer(t, st, Config{Alerts: fixtureAlerter})

	browsertest.Run(t, ctx, "loading the page", chromedp.Navigate(ts.URL+"/"))
	browsertest.Poll(t, ctx, "the page to finish loading", `document.body.dataset.ready === "1"`)

	// The map: the base map's polygons, and one point per located event.
	govs := browsertest.Run(t, ctx, "counting governorates", chromedp.Evaluate[int](`document.querySelectorAll("#gov path").length`))
	if want := provincesOnTheMap(t); govs != want {
		t.Errorf("%d governorate polygons on the map, want %d", govs, want)
	}
	browsertest.Poll(t, ctx, "the event points", `document.querySelectorAll("#points circle").length === 4`)
	rows := browsertest.Run(t, ctx, "counting rows", chromedp.Evaluate[int](`document.querySelectorAll("#events tbody tr").length`))
	if rows != 4 {
		t.Errorf("%d table rows, want 4", rows)
	}
	bars := browsertest.Run(t, ctx, "counting timeline bars", chromedp.Evaluate[int](`document.querySelectorAll("#timeline rect:not(.brush)").length`))
	if bars != 4 {
		t.Errorf("%d timeline bars, want 4 (one event in each of four weeks)", bars)
	}
	alerts := browsertest.Run(t, ctx, "reading alerts", chromedp.Text(chromedp.ID("alerts")))
	if !strings.Contains(alerts, "Deir-ez-Zor") {
		t.Errorf("alerts panel: %q", alerts)
	}

	// The filters list the countries of the events, and the governorates
	// of those countries by country.
	countries := browsertest.Run(t, ctx, "reading the country filter", chromedp.Evaluate[[]string](`[...document.querySelectorAll("#f-country option")].map((o) => o.value)`))
	if strings.Join(countries, ",") != ",IRQ,SYR" {
		t.Errorf("country filter options %q, want All, Iraq and Syria", countries)
	}
	groups := browsertest.Run(t, ctx, "reading the governorate filter", chromedp.Evaluate[[]string](`[...document.querySelectorAll("#f-admin1 optgroup")].map((g) => g.label + " " + g.children.length)`))
	if strings.Join(groups, ",") != "Iraq 19,Syria 14" {
		t.Errorf("governorate filter groups %q, want Iraq's 19 and Syria's 14", groups)
	}
	browsertest.CheckLabels(t, ctx)

	// Choosing a governorate filters the table and the map.
	browsertest.Choose(t, ctx, "#f-admin1", "SY.DY")
	browsertest.Poll(t, ctx, "the table to show only Deir-ez-Zor", `(() => {
		const cells = [...document.querySelectorAll("#events tbody td.admin1")];
		return cells.length === 1 && cells.every((c) => c.dataset.admin1 === "Deir-ez-Zor");
	})()`)
	browsertest.Poll(t, ctx, "the map to show one point", `document.querySelectorAll("#points circle").length === 1`)
	if q := browsertest.Run(t, ctx, "reading the address", chromedp.Evaluate[string](`location.search`)); q != "?admin1=SY.DY" {
		t.Errorf("address bar query %q", q)
	}

	// Clicking the event shows its Arabic evidence right to left, with the
	// spans highlighted at the right characters: the text starts with an
	// emoji, two UTF-16 units, so an offset error would shift every mark.
	browsertest.Run(t, ctx, "clicking the event", chromedp.Click(chromedp.CSS("#events tbody tr")))
	browsertest.Poll(t, ctx, "the evidence", `document.querySelectorAll("#detail .excerpt mark").length > 0`)
	type excerptView struct {
		Dir, Lang, Direction string
		Marks                map[string][]string
		Excerpts             int
	}
	x := browsertest.Run(t, ctx, "reading the evidence", chromedp.Evaluate[excerptView](`(() => {
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
	links := browsertest.Run(t, ctx, "reading the source links", chromedp.Evaluate[[]string](`[...document.querySelectorAll("#detail .source a")].map((a) => a.href)`))
	if len(links) != 2 || links[0] != "https://example.org/baghuz-a" {
		t.Errorf("source links %v", links)
	}

	// Each source says why it is part of the event: the first started it,
	// the second was joined with the signals the matcher weighed.
	why := browsertest.Run(t, ctx, "reading why the sources were joined", chromedp.Evaluate[[]string](`[...document.querySelectorAll("#detail .source")].map((s) => {
		const w = s.querySelector(".why");
		if (!w) return "";
		const summary = w.querySelector("summary");
		return (summary ? summary.textContent : w.textContent) + " / " + [...w.querySelectorAll("li b")].map((b) => b.textContent).join(",");
	})`))
	if len(why) != 2 || !strings.HasPrefix(why[0], "First report of this event") ||
		!strings.HasPrefix(why[1], "Joined by rasd, score ") || !strings.Contains(why[1], "place,date,actors,toll,shared wording") {
		t.Errorf("why the sources were joined: %q", why)
	}

	// Clicking a point on the map opens that event.
	browsertest.Run(t, ctx, "resetting the filters", chromedp.Click(chromedp.ID("reset")))
	browsertest.Poll(t, ctx, "all points again", `document.querySelectorAll("#points circle").length === 4`)
	browsertest.Run(t, ctx, "clicking a point", chromedp.Click(chromedp.CSS(`#points circle[fill]:last-child`)))
	browsertest.Poll(t, ctx, "the point's detail", `document.querySelector("#points circle.chosen") !== null && document.querySelector("#detail h3") !== null`)

	// Brushing the timeline narrows the dates of the map and the table.
	box := browsertest.Run(t, ctx, "measuring the timeline", chromedp.Dimensions(chromedp.ID("timeline")))
	q := box.Content
	left, top, right, bottom := q[0], q[1], q[2], q[5]
	y := (top + bottom) / 2
	// The last quarter of the axis holds only the week of the Mosul strike.
	from, to := left+(right-left)*0.97, right-2
	browsertest.Run(t, ctx, "brushing", chromedp.Steps(
		chromedp.MouseEvent("mousePressed", from, y, chromedp.ButtonLeft),
		chromedp.MouseEvent("mouseMoved", (from+to)/2, y, chromedp.ButtonLeft),
		chromedp.MouseEvent("mouseMoved", to, y, chromedp.ButtonLeft),
		chromedp.MouseEvent("mouseReleased", to, y, chromedp.ButtonLeft),
	))
	browsertest.Poll(t, ctx, "the brushed dates", `document.querySelector("#f-since").value === "2019-03-25" && document.querySelectorAll("#events tbody tr").length === 1`)

	// The Arabic labels.
	browsertest.Run(t, ctx, "switching to Arabic", chromedp.Click(chromedp.ID("lang")))
	browsertest.Poll(t, ctx, "Arabic labels", `document.documentElement.dir === "rtl" && document.querySelector("[data-i18n=governorate]").textContent === "المحافظة"`)

	browsertest.Screenshot(t, ctx, "fixture-ar.png")

	if p := problems(); len(p) > 0 {
		t.Errorf("the page reported errors:\n%s", strings.Join(p, "\n"))
	}
}

// The dashboard leaves out recalled (background) events until told not to:
// the box is ticked by default, unticking it shows them and says so in the
// address bar, and that address opens the same view.
func TestDashboardHidesBackgroundEvents(t *testing.T) {
	ctx, problems := browsertest.Start(t)
	st := openFixtureStore(t)
	recalled := recalledDoc(t)
	if _, err := st.Add(context.Background(), recalled.doc, recalled.res); err != nil {
		t.Fatal(err)
	}
	ts := newTestServer(t, st, Config{Alerts: fixtureAlerter})

	browsertest.Run(t, ctx, "loading the page", chromedp.Navigate(ts.URL+"/"))
	browsertest.Poll(t, ctx, "the page to finish loading", `document.body.dataset.ready === "1"`)
	if !browsertest.Run(t, ctx, "reading the box", chromedp.Evaluate[bool](`document.querySelector("#f-background").checked`)) {
		t.Error("the hide-background box is not ticked by default")
	}
	browsertest.Poll(t, ctx, "four rows without the recalled battle", `document.querySelectorAll("#events tbody tr").length === 4`)
	// Four bars, one a week: the timeline does not reach back to 2014.
	browsertest.Poll(t, ctx, "the timeline of 2019 only", `document.querySelectorAll("#timeline rect:not(.brush)").length === 4`)

	browsertest.Run(t, ctx, "unticking the box", chromedp.Click(chromedp.ID("f-background")))
	browsertest.Poll(t, ctx, "the recalled battle in the table", `document.querySelectorAll("#events tbody tr").length === 5`)
	browsertest.Poll(t, ctx, "the timeline back to 2014", `document.querySelectorAll("#timeline rect:not(.brush)").length === 5`)
	q := browsertest.Run(t, ctx, "reading the address", chromedp.Evaluate[string](`location.search`))
	if q != "?background=all" {
		t.Errorf("address bar query %q, want ?background=all", q)
	}

	browsertest.Run(t, ctx, "opening that address", chromedp.Navigate(ts.URL+"/"+q))
	browsertest.Poll(t, ctx, "the page to finish loading", `document.body.dataset.ready === "1"`)
	browsertest.Poll(t, ctx, "five rows", `document.querySelectorAll("#events tbody tr").length === 5`)
	if browsertest.Run(t, ctx, "reading the box", chromedp.Evaluate[bool](`document.querySelector("#f-background").checked`)) {
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
	ctx, problems := browsertest.Start(t)
	ts := newTestServer(t, openRegionStore(t), Config{Alerts: fixtureAlerter})

	browsertest.Run(t, ctx, "loading the page", chromedp.Navigate(ts.URL+"/"))
	browsertest.Poll(t, ctx, "the page to finish loading", `document.body.dataset.ready === "1"`)
	browsertest.Poll(t, ctx, "seven points", `document.querySelectorAll("#points circle").length === 7`)
	browsertest.Screenshot(t, ctx, "fixture-region.png")

	// Every dot is on screen, over the province its event is in.
	type dot struct {
		Admin1, Under string
		OnScreen      bool
	}
	dots := func() []dot {
		return browsertest.Run(t, ctx, "finding the dots", chromedp.Evaluate[[]dot](`(() => {
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
	countries := browsertest.Run(t, ctx, "reading the country filter", chromedp.Evaluate[[]string](`[...document.querySelectorAll("#f-country option")].map((o) => o.value + " " + o.textContent)`))
	if got := strings.Join(countries, ","); got != " All,IRQ Iraq,LBY Libya,SYR Syria,YEM Yemen" {
		t.Errorf("country filter options %q", got)
	}
	groups := browsertest.Run(t, ctx, "reading the governorate filter", chromedp.Evaluate[[]string](`[...document.querySelectorAll("#f-admin1 optgroup")].map((g) => g.label + " " + g.children.length)`))
	n := provincesOf(t)
	if got, want := strings.Join(groups, ","), fmt.Sprintf("Iraq %d,Libya %d,Syria %d,Yemen %d", n["IRQ"], n["LBY"], n["SYR"], n["YEM"]); got != want {
		t.Errorf("governorate filter groups %q, want %q", got, want)
	}
	browsertest.CheckLabels(t, ctx)
	scale := func() float64 {
		return browsertest.Run(t, ctx, "reading the zoom", chromedp.Evaluate[float64](`(() => {
			const m = /scale\(([0-9.e+-]+)\)/.exec(document.querySelector("#viewport").getAttribute("transform") || "");
			return m ? Number(m[1]) : 1;
		})()`))
	}
	before := scale()

	// A province of Yemen: one row, one dot, the province outlined, and
	// the map closer in.
	browsertest.Choose(t, ctx, "#f-admin1", "YE.HU")
	browsertest.Poll(t, ctx, "the table to show only Al Hudaydah", `(() => {
		const cells = [...document.querySelectorAll("#events tbody td.admin1")];
		return cells.length === 1 && cells[0].dataset.code === "YE.HU" && cells[0].textContent === "Al Hudaydah";
	})()`)
	browsertest.Poll(t, ctx, "the map to show one dot", `document.querySelectorAll("#points circle").length === 1`)
	browsertest.Poll(t, ctx, "Al Hudaydah outlined", `document.querySelector('#gov path[data-admin1="YE.HU"]').classList.contains("chosen")`)
	if q := browsertest.Run(t, ctx, "reading the address", chromedp.Evaluate[string](`location.search`)); q != "?admin1=YE.HU" {
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
	browsertest.Choose(t, ctx, "#f-country", "LBY")
	browsertest.Poll(t, ctx, "the table to show only Tripoli", `(() => {
		const cells = [...document.querySelectorAll("#events tbody td.admin1")];
		return cells.length === 1 && cells[0].dataset.code === "LY.TR";
	})()`)
	if q := browsertest.Run(t, ctx, "reading the address", chromedp.Evaluate[string](`location.search`)); q != "?country=LBY" {
		t.Errorf("address bar query %q, want ?country=LBY", q)
	}
	// The governorate filter is rebuilt from the answer for the country,
	// which may land after the table's: wait for it, then say what it shows
	// if it never comes.
	wantGroups := fmt.Sprintf("Libya %d", n["LBY"])
	groupsExpr := `[...document.querySelectorAll("#f-admin1 optgroup")].map((g) => g.label + " " + g.children.length).join(",")`
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](groupsExpr+` === `+strconv.Quote(wantGroups), chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		got := browsertest.Run(t, ctx, "reading the governorate filter", chromedp.Evaluate[string](groupsExpr))
		t.Errorf("governorate filter groups %q, want %q", got, wantGroups)
	}
	browsertest.Choose(t, ctx, "#f-admin1", "LY.TR")
	browsertest.Poll(t, ctx, "Tripoli outlined", `document.querySelector('#gov path[data-admin1="LY.TR"]').classList.contains("chosen") && location.search === "?country=LBY&admin1=LY.TR"`)
	if d := dots(); len(d) != 1 || !d[0].OnScreen || d[0].Under != "LY.TR" {
		t.Errorf("the dot of Tripoli: %+v", d)
	}

	// In Arabic the filters name the places as Arabic news does.
	browsertest.Run(t, ctx, "switching to Arabic", chromedp.Click(chromedp.ID("lang")))
	browsertest.Poll(t, ctx, "Arabic names in the filters", `document.querySelector('#f-country option[value="LBY"]').textContent === "ليبيا" &&
		document.querySelector('#f-admin1 option[value="LY.TR"]').textContent === "طرابلس" &&
		document.querySelector("#events tbody td.admin1").textContent === "طرابلس"`)
	browsertest.CheckLabels(t, ctx)

	// An address may name the province and the country as people write
	// them; the page shows them as its filters name them.
	browsertest.Run(t, ctx, "opening an address with names", chromedp.Navigate(ts.URL+"/?country=Yemen&admin1="+url.QueryEscape("الحديدة")))
	browsertest.Poll(t, ctx, "the page to finish loading", `document.body.dataset.ready === "1"`)
	browsertest.Poll(t, ctx, "Al Hudaydah chosen by its Arabic name", `(() => {
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

// The header, the table and the map's note count the same events, and each
// says what it leaves out: background events hidden by the box, events
// beyond the base map's countries, events without a place.
func TestDashboardCounts(t *testing.T) {
	ctx, problems := browsertest.Start(t)
	st := openFixtureStore(t)
	for _, f := range append([]fixtureDoc{recalledDoc(t)}, farDocs(t)...) {
		if _, err := st.Add(context.Background(), f.doc, f.res); err != nil {
			t.Fatal(err)
		}
	}
	ts := newTestServer(t, st, Config{Alerts: fixtureAlerter})
	browsertest.Run(t, ctx, "loading the page", chromedp.Navigate(ts.URL+"/"))
	browsertest.Poll(t, ctx, "the page to finish loading", `document.body.dataset.ready === "1"`)
	circles := func() int {
		return browsertest.Run(t, ctx, "counting the dots", chromedp.Evaluate[int](`document.querySelectorAll("#points circle").length`))
	}

	// Seven events (the two reports of the Baghuz attack are one) from
	// eight documents; the recalled battle of 2014 is hidden; of the six
	// others, Geneva lies beyond the map and one raid has no place.
	browsertest.WaitText(t, ctx, "#summary", "7 events from 8 documents · 6 shown, 1 background hidden")
	browsertest.WaitText(t, ctx, "#page-info", "1–6 of 6")
	browsertest.WaitText(t, ctx, "#map-note", "4 of 6 events on the map · 1 outside its countries · 1 without a place")
	if n := circles(); n != 4 {
		t.Errorf("%d dots on the map, want the 4 its note counts", n)
	}

	browsertest.Run(t, ctx, "unticking the box", chromedp.Click(chromedp.ID("f-background")))
	browsertest.WaitText(t, ctx, "#summary", "7 events from 8 documents · 7 shown")
	browsertest.WaitText(t, ctx, "#page-info", "1–7 of 7")
	browsertest.WaitText(t, ctx, "#map-note", "5 of 7 events on the map · 1 outside its countries · 1 without a place")
	if n := circles(); n != 5 {
		t.Errorf("%d dots on the map, want 5", n)
	}

	browsertest.Run(t, ctx, "ticking the box", chromedp.Click(chromedp.ID("f-background")))
	browsertest.Choose(t, ctx, "#f-country", "IRQ")
	browsertest.WaitText(t, ctx, "#summary", "7 events from 8 documents · 2 match the filters, 1 background hidden")
	browsertest.WaitText(t, ctx, "#page-info", "1–2 of 2")
	browsertest.WaitText(t, ctx, "#map-note", "2 events, all on the map")

	// The same in Arabic, with Arabic-Indic digits and nouns counted as
	// Arabic counts them.
	browsertest.Run(t, ctx, "switching to Arabic", chromedp.Click(chromedp.ID("lang")))
	browsertest.WaitText(t, ctx, "#summary", "٧ أحداث من ٨ وثائق · المطابق للمرشحات: ٢، وأحداث الخلفية المخفية: ١")
	browsertest.WaitText(t, ctx, "#map-note", "كل الأحداث على الخريطة: ٢")
	browsertest.Run(t, ctx, "resetting the filters", chromedp.Click(chromedp.ID("reset")))
	browsertest.WaitText(t, ctx, "#summary", "٧ أحداث من ٨ وثائق · المعروض: ٦، وأحداث الخلفية المخفية: ١")
	browsertest.WaitText(t, ctx, "#page-info", "١–٦ من ٦")
	browsertest.WaitText(t, ctx, "#map-note", "على الخريطة ٤ من ٦ أحداث · خارج بلدانها: ١ · بلا مكان: ١")

	if p := problems(); len(p) > 0 {
		t.Errorf("the page reported errors:\n%s", strings.Join(p, "\n"))
	}
}

// Alerts read in the page's language, worded from their figures, and one
// about civilians reads as violence against them, never as civilians
// acting ("Surge · Civilians").
func TestDashboardAlertsInBothLanguages(t *testing.T) {
	ctx, problems := browsertest.Start(t)
	ts := newTestServer(t, openFixtureStore(t), Config{Alerts: wordedAlerter})
	browsertest.Run(t, ctx, "loading the page", chromedp.Navigate(ts.URL+"/"))
	browsertest.Poll(t, ctx, "the page to finish loading", `document.body.dataset.ready === "1"`)
	type line struct{ Title, Why string }
	read := func() []line {
		return browsertest.Run(t, ctx, "reading the alerts", chromedp.Evaluate[[]line](`[...document.querySelectorAll("#alerts li")].map((li) => ({
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

	browsertest.Run(t, ctx, "switching to Arabic", chromedp.Click(chromedp.ID("lang")))
	browsertest.Poll(t, ctx, "Arabic alerts", `document.querySelector("#alerts .kind").textContent.startsWith("تصاعد")`)
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
	panel := browsertest.Run(t, ctx, "reading the panel", chromedp.Text(chromedp.ID("alerts")))
	if latin := regexp.MustCompile(`[A-Za-z]+`).FindAllString(panel, -1); len(latin) > 0 {
		t.Errorf("the Arabic alerts panel has Latin words %q:\n%s", latin, panel)
	}
	browsertest.Screenshot(t, ctx, "fixture-alerts-ar.png")
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
	ctx, problems := browsertest.Start(t)
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
	browsertest.Run(t, ctx, "loading the page", chromedp.Navigate(ts.URL+"/"))
	browsertest.Poll(t, ctx, "the page to finish loading", `document.body.dataset.ready === "1"`)
	browsertest.Poll(t, ctx, "five dots", `document.querySelectorAll("#points circle").length === 5`)

	type dot struct {
		Label, Class, Opacity string
		X, Y                  float64
	}
	read := func() dot {
		return browsertest.Run(t, ctx, "finding the dot", chromedp.Evaluate[dot](`(() => {
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
	browsertest.CheckLabels(t, ctx)
	browsertest.Run(t, ctx, "pointing at the dot", chromedp.MouseEvent("mouseMoved", d.X, d.Y))
	if d := read(); d.Opacity != "1" {
		t.Errorf("the dot under the mouse: fill-opacity %s, want 1", d.Opacity)
	}
	if p := problems(); len(p) > 0 {
		t.Errorf("the page reported errors:\n%s", strings.Join(p, "\n"))
	}
}
