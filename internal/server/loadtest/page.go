package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/textproto"
	"net/url"
	"os"
	"os/exec"
	"sort"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// page loads the dashboard in headless Chromium and reports what the
// browser downloaded until the page said it was ready: every request with
// the bytes on the wire (Chromium's encodedDataLength, compressed when the
// server compressed) and the bytes of the body after decoding. Measuring
// in a browser, rather than re-fetching the API, counts the requests the
// page really makes, with the headers it really sends. The browser starts
// with an empty cache; -reload reports a second load of the page instead,
// with what the first left in the cache.
//
//	rasd serve --db /tmp/some.db --addr 127.0.0.1:18082 &
//	go run ./internal/server/loadtest page -url http://127.0.0.1:18082/
func page(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("page", flag.ExitOnError)
	base := fs.String("url", "", "the dashboard's address, e.g. http://127.0.0.1:18082/")
	chromium := fs.String("chromium", "chromium", "the browser to drive (scripts/browser-up installs Debian's chromium)")
	reload := fs.Bool("reload", false, "report a second load of the page, with the browser's cache of the first")
	fs.Parse(args)
	if *base == "" || fs.NArg() != 0 {
		usage()
	}
	if _, err := url.Parse(*base); err != nil {
		return fmt.Errorf("-url %q: %w", *base, err)
	}
	path, err := exec.LookPath(*chromium)
	if err != nil {
		return fmt.Errorf("no %s on PATH: run scripts/browser-up", *chromium)
	}
	dir, err := os.MkdirTemp("", "rasd-page-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path), chromedp.Headless,
		chromedp.NoSandbox, chromedp.DisableGPU, chromedp.UserDataDir(dir), chromedp.WindowSize(1400, 1000))
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	ctx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	defer cancelAlloc()
	ctx, cancelTab := chromedp.NewContext(ctx)
	defer cancelTab()

	type request struct {
		url             string
		wire, body      int64
		status          int64
		finished        bool
		contentEncoding string
	}
	var mu sync.Mutex
	reqs := map[network.RequestID]*request{}
	get := func(id network.RequestID) *request {
		r := reqs[id]
		if r == nil {
			r = &request{}
			reqs[id] = r
		}
		return r
	}
	err = chromedp.Listen(ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch ev := ev.(type) {
		case *network.EventRequestWillBeSent:
			get(ev.RequestID).url = ev.Request.URL
		case *network.EventResponseReceived:
			r := get(ev.RequestID)
			r.status = ev.Response.Status
			for k, v := range ev.Response.Headers {
				if textproto.CanonicalMIMEHeaderKey(k) == "Content-Encoding" {
					r.contentEncoding = fmt.Sprint(v)
				}
			}
		case *network.EventDataReceived:
			get(ev.RequestID).body += ev.DataLength
		case *network.EventLoadingFinished:
			r := get(ev.RequestID)
			r.wire, r.finished = int64(ev.EncodedDataLength), true
		}
	})
	if err != nil {
		return fmt.Errorf("starting %s: %w", path, err)
	}
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		return err
	}
	ready := chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := chromedp.Poll[bool](`document.body.dataset.ready === "1"`, chromedp.WithPollingTimeout(90*time.Second))(ctx, t)
		return err
	})
	if _, err = chromedp.Run(ctx, chromedp.Steps(chromedp.Navigate(*base), ready)); err != nil {
		return fmt.Errorf("loading %s: %w", *base, err)
	}
	settle := func() {
		// The page is ready once its panels are drawn; requests it started
		// on the way (alerts) may still be finishing.
		for i := 0; i < 100; i++ {
			mu.Lock()
			open := 0
			for _, r := range reqs {
				if !r.finished && r.url != "" && !isDataURL(r.url) {
					open++
				}
			}
			mu.Unlock()
			if open == 0 {
				return
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	if *reload {
		settle()
		mu.Lock()
		reqs = map[network.RequestID]*request{}
		mu.Unlock()
		if _, err = chromedp.Run(ctx, chromedp.Steps(chromedp.Navigate(*base), ready)); err != nil {
			return fmt.Errorf("loading %s again: %w", *base, err)
		}
	}
	settle()
	mu.Lock()
	defer mu.Unlock()
	list := make([]*request, 0, len(reqs))
	for _, r := range reqs {
		if r.url != "" && !isDataURL(r.url) {
			list = append(list, r)
		}
	}
	sort.Slice(list, func(i, j int) bool { return list[i].wire > list[j].wire })
	tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "on the wire\tbody\tencoding\tstatus\trequest\t")
	var wire, body int64
	for _, r := range list {
		u, _ := url.Parse(r.url)
		name := u.RequestURI()
		fmt.Fprintf(tw, "%d\t%d\t%s\t%d\t%s\t\n", r.wire, r.body, orNone(r.contentEncoding), r.status, name)
		wire += r.wire
		body += r.body
	}
	fmt.Fprintf(tw, "%d\t%d\t\t\t%d requests\t\n", wire, body, len(list))
	return tw.Flush()
}

func isDataURL(u string) bool { return len(u) >= 5 && u[:5] == "data:" }

func orNone(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
