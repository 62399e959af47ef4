// Package browsertest drives the dashboard in a headless Chromium for the
// tests of internal/server and cmd/rasd: a browser that records every
// console error, steps that name themselves when they fail, and the checks
// more than one test makes (screenshots, the map's labels).
package browsertest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// Chromium returns Debian's chromium (scripts/browser-up installs it).
func Chromium(t *testing.T) string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("no chromium on PATH: run scripts/browser-up (apt-get install -y chromium) to run the dashboard's browser test")
	return ""
}

// Start starts a headless Chromium with a fresh profile and collects
// every console error, uncaught exception and failed resource load.
func Start(t *testing.T) (context.Context, func() []string) {
	path := Chromium(t)
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

// Screenshot saves the page as a user sees it (the viewport: full-page
// shots crop right-to-left pages) in $RASD_SCREENSHOTS, when set, so that a
// look at the page is one test run away, else in the test's directory.
// The README's are the demo's (cmd/rasd's TestDemoInBrowser writes
// dashboard.png and dashboard-ar.png); the fixtures' are named fixture-*,
// so that pointing $RASD_SCREENSHOTS at docs/ replaces only those two.
func Screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	shot := Run(t, ctx, "taking a screenshot", chromedp.CaptureScreenshot())
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

// Choose picks a value of a select of the filter bar, as a user does.
func Choose(t *testing.T, ctx context.Context, sel, value string) {
	t.Helper()
	Run(t, ctx, "choosing "+value+" in "+sel, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => {
		const s = document.querySelector(%q);
		s.value = %q;
		if (s.value !== %q) throw new Error("no option " + %q);
		s.dispatchEvent(new Event("change", {bubbles: true}));
	})()`, sel, value, value, value)))
}

// CheckLabels checks that the province names on the map stay readable:
// drawn above the points in an opaque halo, letting clicks through to
// them, never one over another, and never over a dot at full strength (a
// dot whose centre lies under a name's letters, the middle of its box, is
// faded).
func CheckLabels(t *testing.T, ctx context.Context) {
	t.Helper()
	type labels struct {
		AbovePoints bool
		Events      string
		Halo        string
		Shown       []string
		Overlaps    []string
		Covered     []string
	}
	l := Run(t, ctx, "reading the labels", chromedp.Evaluate[labels](`(() => {
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

// Run runs one chromedp action and ends the test, naming the step, when it
// fails.
func Run[T any](t *testing.T, ctx context.Context, what string, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	return v
}

// Poll waits for a JavaScript condition; a failure names the step.
func Poll(t *testing.T, ctx context.Context, what, expr string) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](expr, chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(30*time.Second))); err != nil {
		t.Fatalf("waiting for %s: %v", what, err)
	}
}

// WaitText waits until an element's text is want, and says what it was
// when it never is.
func WaitText(t *testing.T, ctx context.Context, sel, want string) {
	t.Helper()
	expr := fmt.Sprintf(`document.querySelector(%q).textContent`, sel)
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](expr+" === "+strconv.Quote(want), chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		got := Run(t, ctx, "reading "+sel, chromedp.Evaluate[string](expr))
		t.Errorf("%s says %q, want %q", sel, got, want)
	}
}
