package watch

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"rasd/internal/ingest"
)

// robotsAgent is the product token rasd looks for in robots.txt; a group
// for it wins over the group for every robot ("*").
const robotsAgent = "rasd"

// How long a host's robots.txt is trusted: RFC 9309 asks crawlers not to
// cache it for more than 24 hours. One that could not be fetched (a 5xx,
// a timeout) forbids the whole site, as the RFC says, and is asked again
// sooner.
const (
	robotsTTL       = 24 * time.Hour
	robotsFailedTTL = 10 * time.Minute
	maxRobotsBytes  = 500 << 10 // RFC 9309: at least 500 KiB are to be read
)

// robots are the rules of one robots.txt for rasd.
type robots struct {
	rules      []robotsRule
	disallowed bool // every path: robots.txt could not be fetched
	delay      time.Duration
}

type robotsRule struct {
	allow   bool
	pattern string
}

// parseRobots reads the group for rasd, or the one for every robot when
// none names rasd. Groups that name several agents, and rules of several
// groups for the same agent, are combined, as RFC 9309 says.
func parseRobots(b []byte) *robots {
	type group struct {
		agents []string
		rules  []robotsRule
		delay  time.Duration
	}
	var groups []*group
	var cur *group
	lastWasAgent := false
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 64<<10), maxRobotsBytes)
	for sc.Scan() {
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		key, val, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		key, val = strings.ToLower(strings.TrimSpace(key)), strings.TrimSpace(val)
		switch key {
		case "user-agent":
			if !lastWasAgent || cur == nil {
				cur = &group{}
				groups = append(groups, cur)
			}
			cur.agents = append(cur.agents, strings.ToLower(val))
			lastWasAgent = true
			continue
		case "allow", "disallow":
			if cur != nil && val != "" {
				cur.rules = append(cur.rules, robotsRule{allow: key == "allow", pattern: val})
			}
		case "crawl-delay":
			if f, err := strconv.ParseFloat(val, 64); err == nil && f > 0 && cur != nil {
				cur.delay = time.Duration(f * float64(time.Second))
			}
		}
		lastWasAgent = false
	}
	pick := func(name string) *robots {
		var r *robots
		for _, g := range groups {
			for _, a := range g.agents {
				if a == name || name != "*" && strings.HasPrefix(a, name+"/") {
					if r == nil {
						r = &robots{}
					}
					r.rules = append(r.rules, g.rules...)
					r.delay = max(r.delay, g.delay)
					break
				}
			}
		}
		return r
	}
	if r := pick(robotsAgent); r != nil {
		return r
	}
	if r := pick("*"); r != nil {
		return r
	}
	return &robots{}
}

// allowed applies the longest matching rule to a path (with its query);
// an allow wins a tie, and no matching rule allows.
func (r *robots) allowed(path string) bool {
	if r.disallowed {
		return false
	}
	if path == "/robots.txt" {
		return true
	}
	best, allow := -1, true
	for _, rule := range r.rules {
		if robotsMatch(rule.pattern, path) {
			n := len(rule.pattern)
			if n > best || n == best && rule.allow {
				best, allow = n, rule.allow
			}
		}
	}
	return allow
}

// robotsMatch matches a robots.txt path pattern: a prefix, with * for any
// run of characters and a final $ for the end of the path.
func robotsMatch(pattern, path string) bool {
	anchored := strings.HasSuffix(pattern, "$")
	parts := strings.Split(strings.TrimSuffix(pattern, "$"), "*")
	if !strings.HasPrefix(path, parts[0]) {
		return false
	}
	rest := path[len(parts[0]):]
	if len(parts) == 1 {
		return !anchored || rest == ""
	}
	for _, p := range parts[1 : len(parts)-1] {
		j := strings.Index(rest, p)
		if j < 0 {
			return false
		}
		rest = rest[j+len(p):]
	}
	last := parts[len(parts)-1]
	if anchored {
		return strings.HasSuffix(rest, last)
	}
	return strings.Contains(rest, last)
}

// robotsCache fetches each host's robots.txt once a day.
type robotsCache struct {
	fetch *ingest.Fetcher
	now   func() time.Time

	mu    sync.Mutex
	hosts map[string]robotsEntry
}

type robotsEntry struct {
	r       *robots
	expires time.Time
}

// Allowed says whether robots.txt lets rasd fetch rawURL, fetching the
// host's robots.txt first when it is not known or has expired.
func (c *robotsCache) Allowed(ctx context.Context, rawURL string) (bool, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return false, err
	}
	key := u.Scheme + "://" + u.Host
	c.mu.Lock()
	e, ok := c.hosts[key]
	c.mu.Unlock()
	if !ok || c.now().After(e.expires) {
		r, ttl, err := c.load(ctx, key)
		if err != nil {
			return false, err
		}
		e = robotsEntry{r: r, expires: c.now().Add(ttl)}
		c.mu.Lock()
		c.hosts[key] = e
		c.mu.Unlock()
		if r.delay > 0 {
			c.fetch.SetHostDelay(u.Host, r.delay)
		}
	}
	path := u.EscapedPath()
	if path == "" {
		path = "/"
	}
	if u.RawQuery != "" {
		path += "?" + u.RawQuery
	}
	return e.r.allowed(path), nil
}

func (c *robotsCache) load(ctx context.Context, site string) (*robots, time.Duration, error) {
	resp, err := c.fetch.Get(ctx, site+"/robots.txt")
	if ctx.Err() != nil {
		return nil, 0, ctx.Err()
	}
	var he *ingest.HTTPError
	switch {
	case err == nil:
		b := resp.Body
		if len(b) > maxRobotsBytes {
			b = b[:maxRobotsBytes]
		}
		return parseRobots(b), robotsTTL, nil
	case errors.As(err, &he) && he.StatusCode >= 400 && he.StatusCode < 500 && he.StatusCode != 429:
		// No robots.txt: no rules.
		return &robots{}, robotsTTL, nil
	case errors.As(err, &he) && he.StatusCode == 429:
		return &robots{disallowed: true}, max(robotsFailedTTL, he.RetryAfter), nil
	}
	var be *ingest.BlockedError
	if errors.As(err, &be) {
		// The guard's refusal is the user's to fix; say it once as it is.
		return nil, 0, err
	}
	return &robots{disallowed: true}, robotsFailedTTL, nil
}
