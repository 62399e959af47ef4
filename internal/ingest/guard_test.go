package ingest

import (
	"bufio"
	"context"
	"errors"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strings"
	"testing"
)

func TestAddrRule(t *testing.T) {
	for addr, want := range map[string]string{
		"127.0.0.1":             "loopback",
		"127.9.9.9":             "loopback",
		"::1":                   "loopback",
		"::ffff:127.0.0.1":      "loopback",
		"10.1.2.3":              "private",
		"172.16.0.1":            "private",
		"192.168.1.1":           "private",
		"::ffff:192.168.1.1":    "private",
		"fd00::1":               "private",
		"169.254.169.254":       "link-local",
		"fe80::1":               "link-local",
		"fe80::1%eth0":          "link-local",
		"0.0.0.0":               "unspecified",
		"::":                    "unspecified",
		"0.1.2.3":               `"this network"`,
		"224.0.0.1":             "multicast",
		"239.1.1.1":             "multicast",
		"ff02::1":               "multicast",
		"ff0e::1":               "multicast",
		"100.100.100.200":       "shared address space",
		"255.255.255.255":       "reserved",
		"64:ff9b::7f00:1":       "loopback (inside a NAT64 address)",
		"64:ff9b::a00:1":        "private (inside a NAT64 address)",
		"2002:7f00:1::":         "loopback (inside a 6to4 address)",
		"2002:a9fe:a9fe::1":     "link-local (inside a 6to4 address)",
		"::7f00:1":              "IPv4-compatible",
		"8.8.8.8":               "",
		"1.1.1.1":               "",
		"2606:4700:4700::1111":  "",
		"::ffff:8.8.4.4":        "",
		"64:ff9b::808:808":      "",
		"2002:808:808::1":       "",
		"100.128.0.1":           "",
		"172.32.0.1":            "",
		"2a00:1450:4001:80b::e": "",
	} {
		got := addrRule(netip.MustParseAddr(addr))
		if want == "" && got != "" || !strings.Contains(got, want) {
			t.Errorf("%s: %q, want %q", addr, got, want)
		}
	}
}

func TestAllowList(t *testing.T) {
	l, err := parseAllowList(false, []string{"10.20.0.0/16", "192.168.5.7", "Intranet.Example.", "fd00:1::/32"})
	if err != nil {
		t.Fatal(err)
	}
	for addr, allowed := range map[string]bool{
		"10.20.1.1": true, "10.21.0.1": false, "192.168.5.7": true, "192.168.5.8": false,
		"::ffff:10.20.3.4": true, "fd00:1::5": true, "fd00:2::5": false, "127.0.0.1": false, "8.8.8.8": true,
	} {
		err := l.check(netip.MustParseAddr(addr))
		var be *BlockedError
		if allowed && err != nil || !allowed && !errors.As(err, &be) {
			t.Errorf("%s: %v, want allowed=%v", addr, err, allowed)
		}
	}
	if !l.host("intranet.example") || !l.host("INTRANET.example.") || l.host("example") {
		t.Errorf("host names: %v", l.hosts)
	}
	for _, bad := range []string{"http://intranet.example", "intranet.example:8080", "intranet.example/feed", "", "10.0.0.0/33", "-x.example"} {
		if _, err := parseAllowList(false, []string{bad}); err == nil || !strings.Contains(err.Error(), "allowed host") {
			t.Errorf("%q: err = %v", bad, err)
		}
	}
	if _, err := NewFetcher(FetchConfig{Timeout: 1, MaxBytes: 1, UserAgent: "x", Allow: []string{"a b"}}); err == nil {
		t.Errorf("NewFetcher took a bad allow-list entry")
	}
}

// guarded is the default fetcher, without the pause: it refuses the test
// sites, which listen on the loopback interface.
func guarded(t *testing.T, mod func(*FetchConfig)) *Fetcher {
	return testFetcher(t, func(c *FetchConfig) {
		c.AllowPrivate = false
		if mod != nil {
			mod(c)
		}
	})
}

func TestFetcherRefusesLocalAddresses(t *testing.T) {
	s := newSite(t)
	f := guarded(t, nil)
	for _, c := range []struct{ host, says string }{
		{"127.0.0.1", "address 127.0.0.1 is loopback"},
		{"localhost", " is loopback"},
		{"[::ffff:127.0.0.1]", "address 127.0.0.1 is loopback"},
		{"[::1]", "address ::1 is loopback"},
		{"0.0.0.0", "address 0.0.0.0 is unspecified"},
	} {
		u := "http://" + net.JoinHostPort(strings.Trim(c.host, "[]"), portOf(s.URL)) + "/article"
		_, err := f.Get(context.Background(), u)
		var be *BlockedError
		if !errors.As(err, &be) || !strings.Contains(err.Error(), "refusing to connect: address ") || !strings.Contains(err.Error(), c.says) || !strings.Contains(err.Error(), "--allow-private") {
			t.Errorf("%s: err = %v", u, err)
		}
		// Read names the URL, the rule and the way to allow it, once each.
		res := readAll(t, u, Options{Fetcher: f})
		if len(res.docs) != 0 || len(res.errs) != 1 || strings.Count(res.errs[0].Error(), u) != 1 || !errors.As(res.errs[0], &be) {
			t.Errorf("Read %s: docs %v, errors %v", u, res.ids(), res.errs)
		}
	}
	if n := s.hitsOf("/article"); n != 0 {
		t.Errorf("the guarded fetcher reached the site %d times", n)
	}

	// Allowed by --allow-private, by the address, by its network, or by
	// the name used in the URL.
	for _, c := range []struct {
		host string
		mod  func(*FetchConfig)
	}{
		{"127.0.0.1", func(c *FetchConfig) { c.AllowPrivate = true }},
		{"127.0.0.1", func(c *FetchConfig) { c.Allow = []string{"127.0.0.1"} }},
		{"127.0.0.1", func(c *FetchConfig) { c.Allow = []string{"127.0.0.0/8"} }},
		{"localhost", func(c *FetchConfig) { c.Allow = []string{"localhost"} }},
	} {
		u := "http://" + net.JoinHostPort(c.host, portOf(s.URL)) + "/article"
		if _, err := guarded(t, c.mod).Get(context.Background(), u); err != nil {
			t.Errorf("%s allowed: %v", u, err)
		}
	}
}

func portOf(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		panic(err)
	}
	return u.Port()
}

// Every hop of a redirect is checked: a site the operator allowed cannot
// send rasd on to an address that is not allowed.
func TestFetcherChecksEveryRedirect(t *testing.T) {
	s := newSite(t)
	f := guarded(t, func(c *FetchConfig) { c.Allow = []string{"127.0.0.1"} })
	inside := "http://127.0.0.2:" + portOf(s.URL) + "/metrics"
	start := s.URL + "/redirect?to=" + url.QueryEscape(inside)
	_, err := f.Get(context.Background(), start)
	var be *BlockedError
	if !errors.As(err, &be) || be.Rule != "loopback" || !strings.Contains(err.Error(), "redirected to "+inside+"; refusing to connect: address 127.0.0.2 is loopback") {
		t.Errorf("err = %v", err)
	}
	if s.hitsOf("/redirect") != 1 {
		t.Errorf("the allowed first hop was not fetched")
	}
	// A redirect to an allowed address is followed.
	resp, err := f.Get(context.Background(), s.URL+"/redirect?to=/article")
	if err != nil || resp.URL != s.URL+"/article" {
		t.Errorf("redirect within the allowed host: %v", err)
	}
}

func TestFetcherBoundsRedirects(t *testing.T) {
	s := newSite(t)
	f := testFetcher(t, func(c *FetchConfig) { c.MaxRedirects = 3 })
	if resp, err := f.Get(context.Background(), s.URL+"/hops/2"); err != nil || resp.URL != s.URL+"/article" {
		t.Errorf("two redirects: %v", err)
	}
	if _, err := f.Get(context.Background(), s.URL+"/hops/3"); err != nil {
		t.Errorf("three redirects: %v", err)
	}
	if _, err := f.Get(context.Background(), s.URL+"/hops/4"); err == nil || err.Error() != "more than 3 redirects; not followed further" {
		t.Errorf("four redirects: %v", err)
	}
	none := testFetcher(t, func(c *FetchConfig) { c.MaxRedirects = 0 })
	if _, err := none.Get(context.Background(), s.URL+"/hops/1"); err == nil || !strings.Contains(err.Error(), "more than 0 redirects") {
		t.Errorf("no redirects allowed: %v", err)
	}
	if _, err := f.Get(context.Background(), s.URL+"/redirect?to="+url.QueryEscape("file:///etc/passwd")); err == nil || !strings.Contains(err.Error(), "only http and https") {
		t.Errorf("redirect to a file: %v", err)
	}
}

// rawServer answers every connection with reply, whatever was asked: a
// service that does not speak HTTP, or a server with a chatty status line.
func rawServer(t *testing.T, reply string) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				r := bufio.NewReader(c)
				for {
					line, err := r.ReadString('\n')
					if err != nil || line == "\r\n" {
						break
					}
				}
				c.Write([]byte(reply))
			}()
		}
	}()
	return "http://" + ln.Addr().String() + "/"
}

// What a server sends never comes back in an error: not the first bytes
// of another protocol, not a reason phrase.
func TestFetchErrorsDoNotEchoTheAnswer(t *testing.T) {
	f := testFetcher(t, nil)
	for reply, says := range map[string]string{
		"d\x00\x00\x00SECRET-BANNER\r\n\r\n":                                          "not valid HTTP",
		"HTTP/1.1 200 OK\r\nSECRET-HEADER\r\n\r\n":                                    "not valid HTTP",
		"HTTP/1.1 404 SECRET-REASON\r\nContent-Length: 0\r\n\r\n":                     "HTTP 404 Not Found",
		"HTTP/1.1 2x0 SECRET-CODE\r\nContent-Length: 0\r\n\r\n":                       "not valid HTTP",
		"HTTP/9 200 OK SECRET-VERSION\r\nContent-Length: 0\r\n\r\n":                   "not valid HTTP",
		"HTTP/1.1 500 Internal SECRET\r\nContent-Length: 6\r\n\r\nSECRET":             "HTTP 500 Internal Server Error",
		"HTTP/1.1 302 Found\r\nLocation: http://[SECRET\r\nContent-Length: 0\r\n\r\n": "not valid HTTP",
	} {
		_, err := f.Get(context.Background(), rawServer(t, reply))
		if err == nil || strings.Contains(err.Error(), "SECRET") || strings.Contains(err.Error(), "\x00") || !strings.Contains(err.Error(), says) {
			t.Errorf("%q: err = %v, want it to say %q", reply, err, says)
		}
	}
}

// A certificate that does not verify is reported as one, not as a reply
// that is not HTTP.
func TestFetcherReportsCertificateErrors(t *testing.T) {
	ts := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	ts.Config.ErrorLog = log.New(io.Discard, "", 0) // the handshake the client broke off
	ts.StartTLS()
	defer ts.Close()
	_, err := testFetcher(t, nil).Get(context.Background(), ts.URL+"/")
	if err == nil || !strings.Contains(err.Error(), "certificate") || strings.Contains(err.Error(), "not valid HTTP") {
		t.Errorf("err = %v", err)
	}
}
