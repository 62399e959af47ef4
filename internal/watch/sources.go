// Package watch polls news feeds and pages on a schedule and takes each new
// article once: conditional requests, robots.txt, a pause between requests
// to one host and a back-off for sources that fail, and a memory of every
// article URL taken, kept in the store so that a restart fetches nothing it
// already has.
package watch

import (
	"bufio"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"

	"rasd/internal/store"
)

// MinInterval is the shortest poll interval a source may ask for: news sites
// publish a few items a minute at most, and polling faster only costs them.
const MinInterval = 10 * time.Second

// ParseSources reads a sources file: one source a line, "URL [INTERVAL]
// [OUTLET NAME…]", with # comments and blank lines. INTERVAL is a Go
// duration (90s, 5m, 1h); the outlet name is the rest of the line and may
// have spaces («الجزيرة نت»).
func ParseSources(r io.Reader, name string) ([]store.Source, error) {
	var out []store.Source
	seen := map[string]int{}
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if i := strings.Index(line, "#"); i >= 0 && (i == 0 || line[i-1] == ' ' || line[i-1] == '\t') {
			line = line[:i]
		}
		fields := strings.Fields(line)
		if len(fields) == 0 {
			continue
		}
		s, err := ParseSource(fields)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, n, err)
		}
		if prev, ok := seen[s.URL]; ok {
			return nil, fmt.Errorf("%s:%d: %s is listed already on line %d", name, n, s.URL, prev)
		}
		seen[s.URL] = n
		out = append(out, s)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return out, nil
}

// ParseSource reads one source from its words: URL, then an optional
// interval, then an optional outlet name.
func ParseSource(fields []string) (store.Source, error) {
	var s store.Source
	if len(fields) == 0 {
		return s, fmt.Errorf("no URL")
	}
	u, err := url.Parse(fields[0])
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return s, fmt.Errorf("%q is not an http(s) URL", fields[0])
	}
	s.URL = u.String()
	rest := fields[1:]
	if len(rest) > 0 {
		if d, err := time.ParseDuration(rest[0]); err == nil {
			if d < MinInterval {
				return s, fmt.Errorf("interval %s is shorter than %s", rest[0], MinInterval)
			}
			s.Every = d
			rest = rest[1:]
		} else if startsWithDigit(rest[0]) {
			return s, fmt.Errorf("interval %q: want a duration such as 90s, 5m or 1h", rest[0])
		}
	}
	s.Outlet = strings.Join(rest, " ")
	return s, nil
}

func startsWithDigit(s string) bool { return s != "" && s[0] >= '0' && s[0] <= '9' }
