package ingest

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
)

// DefaultUserAgent tells a site's operators who is reading their pages and why.
const DefaultUserAgent = "rasd/0.1 (+https://github.com/rasd; Arabic conflict-event research)"

// FetchConfig is what a Fetcher is allowed to do. The defaults are choices, not
// measurements: 30 s is generous for a news page on a slow link, 10 MiB is well
// above an article page and below what would hurt to hold in memory, one
// request a second to one site is the usual courtesy for crawlers, and news
// sites redirect once or twice (http to https, a short link, a consent page).
type FetchConfig struct {
	Timeout      time.Duration // one request, from dialling to the last body byte, redirects included; > 0
	MaxBytes     int64         // a larger body is an error wrapping ErrTooLarge, never truncated; > 0
	Delay        time.Duration // least time between the starts of two requests to one host; 0: none
	UserAgent    string        // sent with every request; not empty
	MaxRedirects int           // redirects followed before giving up; 0 follows none

	// AllowPrivate lets the fetcher connect to loopback, private, link-local,
	// multicast and other non-public addresses (guard.go), which it refuses
	// otherwise, so that a URL cannot make rasd read what only its host can
	// reach.
	AllowPrivate bool
	// Allow names what may be reached despite that rule: host names (any
	// address they resolve to), IP addresses and networks in CIDR notation
	// ("intranet.example", "10.20.0.0/16").
	Allow []string
}

// DefaultFetchConfig is the configuration of the Fetcher Read uses when
// Options.Fetcher is nil. It reaches public addresses only.
func DefaultFetchConfig() FetchConfig {
	return FetchConfig{Timeout: 30 * time.Second, MaxBytes: 10 << 20, Delay: time.Second, UserAgent: DefaultUserAgent, MaxRedirects: 5}
}

// The dialler's own bounds, as net/http's default transport has them; the
// request's Timeout bounds the whole anyway.
const (
	dialTimeout   = 30 * time.Second
	dialKeepAlive = 30 * time.Second
	// maxHeaderBytes bounds a response's header, which net/http would let
	// grow to 10 MiB.
	maxHeaderBytes = 1 << 20
)

// ErrTooLarge is wrapped by the error for a response over FetchConfig.MaxBytes.
// Such a page is refused rather than cut: a truncated article would be
// stored as if it were whole.
var ErrTooLarge = errors.New("response too large")

// HTTPError is a response whose status is not 2xx.
type HTTPError struct {
	StatusCode int
	// Status is the code and its standard text, e.g. "404 Not Found", not
	// the reason phrase the server sent: errors never repeat what a server
	// wrote.
	Status string
	// RetryAfter is how long a 429 or 503 asked the client to wait (its
	// Retry-After header, in seconds or as a date); 0 when it did not say.
	RetryAfter time.Duration
}

func (e *HTTPError) Error() string { return "HTTP " + e.Status }

// Response is a fetched body, already read in full.
type Response struct {
	URL         string // after redirects
	ContentType string
	Body        []byte
	// Validators are the answer's ETag and Last-Modified, to ask for the
	// same URL again only if it changed (GetIfChanged).
	Validators Validators
	// NotModified is a 304 to GetIfChanged: the body is what the
	// validators were taken from, and Body is empty.
	NotModified bool
}

// Validators identify a version of a body, as its server described it.
type Validators struct{ ETag, LastModified string }

// Fetcher fetches pages and feeds politely: a User-Agent that names rasd, a
// timeout and a size cap on every request, and a pause between requests to
// the same host. It is safe for concurrent use; the pause holds across all
// its users, so one Fetcher should serve a whole run.
type Fetcher struct {
	cfg    FetchConfig
	client *http.Client

	mu    sync.Mutex
	next  map[string]time.Time     // host → earliest start of its next request
	delay map[string]time.Duration // host → a longer pause than cfg.Delay that the host asked for

	// The clock is a field so that tests can check the pauses without
	// waiting for them.
	now   func() time.Time
	sleep func(context.Context, time.Duration) error
}

// NewFetcher checks cfg and returns a Fetcher that applies it.
func NewFetcher(cfg FetchConfig) (*Fetcher, error) {
	switch {
	case cfg.Timeout <= 0:
		return nil, fmt.Errorf("fetch timeout must be positive (got %v)", cfg.Timeout)
	case cfg.MaxBytes <= 0:
		return nil, fmt.Errorf("fetch size cap must be positive (got %d bytes)", cfg.MaxBytes)
	case cfg.Delay < 0:
		return nil, fmt.Errorf("delay between requests cannot be negative (got %v)", cfg.Delay)
	case cfg.UserAgent == "":
		return nil, errors.New("fetch user agent must not be empty")
	case cfg.MaxRedirects < 0:
		return nil, fmt.Errorf("the number of redirects to follow cannot be negative (got %d)", cfg.MaxRedirects)
	}
	allow, err := parseAllowList(cfg.AllowPrivate, cfg.Allow)
	if err != nil {
		return nil, err
	}
	tr := http.DefaultTransport.(*http.Transport).Clone()
	// A proxy would make the connection, and the guard would see only the
	// proxy's address; rasd connects to sites itself.
	tr.Proxy = nil
	tr.DialContext = allow.dialer()
	tr.MaxResponseHeaderBytes = maxHeaderBytes
	client := &http.Client{
		Timeout:   cfg.Timeout,
		Transport: tr,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) > cfg.MaxRedirects {
				return &redirectError{max: cfg.MaxRedirects}
			}
			if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
				return fmt.Errorf("redirected to a %s: URL; only http and https are followed", req.URL.Scheme)
			}
			return nil
		},
	}
	return &Fetcher{
		cfg:    cfg,
		client: client,
		next:   map[string]time.Time{},
		delay:  map[string]time.Duration{},
		now:    time.Now,
		sleep:  sleepCtx,
	}, nil
}

// redirectError is a chain of redirects longer than FetchConfig.MaxRedirects.
type redirectError struct{ max int }

func (e *redirectError) Error() string {
	return fmt.Sprintf("more than %d redirects; not followed further", e.max)
}

// Config is the configuration the Fetcher applies.
func (f *Fetcher) Config() FetchConfig { return f.cfg }

var defaultFetcher = sync.OnceValue(func() *Fetcher {
	f, err := NewFetcher(DefaultFetchConfig())
	if err != nil {
		panic(err) // the defaults are constants checked by the tests
	}
	return f
})

// accept lists what rasd can read, so that servers that negotiate send a
// page or a feed rather than an app shell.
const accept = "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5"

// Get fetches rawURL, an http or https URL, and reads its body in full.
func (f *Fetcher) Get(ctx context.Context, rawURL string) (*Response, error) {
	return f.GetIfChanged(ctx, rawURL, Validators{})
}

// GetIfChanged is Get as a conditional request: with the validators of an
// earlier answer, a server that has nothing new answers 304 Not Modified,
// returned as a Response with NotModified set. A poller that asks this way
// costs a site a few hundred bytes per poll instead of its whole feed.
func (f *Fetcher) GetIfChanged(ctx context.Context, rawURL string, v Validators) (*Response, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, err
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return nil, fmt.Errorf("not an http(s) URL: %q", rawURL)
	}
	if err := f.wait(ctx, u.Host); err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", f.cfg.UserAgent)
	req.Header.Set("Accept", accept)
	if v.ETag != "" {
		req.Header.Set("If-None-Match", v.ETag)
	}
	if v.LastModified != "" {
		req.Header.Set("If-Modified-Since", v.LastModified)
	}
	resp, err := f.client.Do(req)
	if err != nil {
		return nil, f.explain(err, u.String())
	}
	defer resp.Body.Close()
	got := Validators{ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")}
	if resp.StatusCode == http.StatusNotModified && (v.ETag != "" || v.LastModified != "") {
		// A 304 may leave the validators out; the old ones still hold.
		if got.ETag == "" {
			got.ETag = v.ETag
		}
		if got.LastModified == "" {
			got.LastModified = v.LastModified
		}
		return &Response{URL: resp.Request.URL.String(), Validators: got, NotModified: true}, nil
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, &HTTPError{StatusCode: resp.StatusCode, Status: fmt.Sprintf("%d %s", resp.StatusCode, http.StatusText(resp.StatusCode)),
			RetryAfter: retryAfter(resp.Header.Get("Retry-After"), f.now())}
	}
	if resp.ContentLength > f.cfg.MaxBytes {
		return nil, fmt.Errorf("%w: %d bytes announced, the cap is %d", ErrTooLarge, resp.ContentLength, f.cfg.MaxBytes)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, f.cfg.MaxBytes+1))
	if err != nil {
		return nil, f.explain(err, u.String())
	}
	if int64(len(body)) > f.cfg.MaxBytes {
		return nil, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, f.cfg.MaxBytes)
	}
	return &Response{URL: resp.Request.URL.String(), ContentType: resp.Header.Get("Content-Type"), Body: body, Validators: got}, nil
}

// retryAfter reads a Retry-After header: seconds, or an HTTP date. At most a
// day: a server's typo must not silence a source for good.
func retryAfter(h string, now time.Time) time.Duration {
	h = strings.TrimSpace(h)
	if h == "" {
		return 0
	}
	var d time.Duration
	if n, err := strconv.Atoi(h); err == nil && n > 0 {
		d = time.Duration(n) * time.Second
	} else if t, err := http.ParseTime(h); err == nil {
		d = t.Sub(now)
	}
	return min(max(d, 0), 24*time.Hour)
}

// SetHostDelay makes the pause between two requests to host at least d
// (robots.txt's Crawl-delay), where the configuration's is shorter. At most
// a minute: a larger Crawl-delay would stall a whole poll round.
func (f *Fetcher) SetHostDelay(host string, d time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.delay[host] = min(d, time.Minute)
}

// explain words a failed request for a reader who already has the URL
// asked for: a timeout as one (net/http's wording varies with the moment the
// clock ran out), a refused address with the URL that led to it when a
// redirect did, a reply that is not HTTP without quoting it (net/http quotes
// the first bytes, which would make rasd a way to read other services'
// banners), anything else without the *url.Error prefix that repeats the
// URL.
func (f *Fetcher) explain(err error, asked string) error {
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return &timeoutError{after: f.cfg.Timeout, err: err}
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	var be *BlockedError
	if errors.As(err, &be) {
		if ue != nil && ue.URL != asked {
			return fmt.Errorf("redirected to %s; refusing to connect: %w", ue.URL, be)
		}
		return fmt.Errorf("refusing to connect: %w", be)
	}
	var re *redirectError
	if errors.As(err, &re) {
		return re
	}
	// A certificate's names are no secret, and the reader needs them.
	var ce *tls.CertificateVerificationError
	if errors.As(err, &ce) {
		return err
	}
	// net/http and net/textproto quote what they could not parse: a
	// status line, a header, a Location.
	if msg := err.Error(); strings.Contains(msg, "malformed") || strings.Contains(msg, `"`) {
		return &notHTTPError{err: err}
	}
	return err
}

// notHTTPError is an answer that is not HTTP (another protocol's port, a
// broken server). Its message leaves out what the server sent.
type notHTTPError struct{ err error }

func (e *notHTTPError) Error() string { return "the server's answer is not valid HTTP" }
func (e *notHTTPError) Unwrap() error { return e.err }

// timeoutError is a request that ran out of FetchConfig.Timeout; it is a
// net.Error whose Timeout is true, like the error it replaces.
type timeoutError struct {
	after time.Duration
	err   error
}

func (e *timeoutError) Error() string   { return fmt.Sprintf("no complete answer within %v", e.after) }
func (e *timeoutError) Unwrap() error   { return e.err }
func (e *timeoutError) Timeout() bool   { return true }
func (e *timeoutError) Temporary() bool { return true }

// wait books the next slot for host and sleeps until it comes. Booking
// before sleeping keeps concurrent callers spaced out as well.
func (f *Fetcher) wait(ctx context.Context, host string) error {
	f.mu.Lock()
	delay := max(f.cfg.Delay, f.delay[host])
	if delay == 0 {
		f.mu.Unlock()
		return nil
	}
	now := f.now()
	at := f.next[host]
	if at.Before(now) {
		at = now
	}
	f.next[host] = at.Add(delay)
	f.mu.Unlock()
	if d := at.Sub(now); d > 0 {
		return f.sleep(ctx, d)
	}
	return nil
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
