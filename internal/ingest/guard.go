package ingest

import (
	"context"
	"fmt"
	"net"
	"net/netip"
	"strings"
	"syscall"
)

// A URL given to rasd (on the command line, in a feed, in a POST to the
// server) must not become a way to read what only the host running rasd can
// reach: its own /metrics, a database port, a cloud metadata service, the
// office's intranet. The guard checks the address every connection actually
// goes to, after DNS resolution, so that neither a redirect nor a name that
// resolves differently the second time (DNS rebinding) gets around it.

// BlockedError is a connection the fetcher refused to open because of where
// it would go.
type BlockedError struct {
	Addr netip.Addr
	Rule string // what the address is: "loopback", "private", "link-local" …
}

func (e *BlockedError) Error() string {
	return fmt.Sprintf("address %s is %s (rasd reaches such addresses only when allowed: use --allow-private, or --allow-host for one host or network)", e.Addr, e.Rule)
}

// blockedRange is a network rasd does not reach unless allowed, with the
// name an error gives it.
type blockedRange struct {
	prefix netip.Prefix
	rule   string
}

// blockedRanges are the networks that are not the public internet, beyond
// those netip.Addr's own predicates name (loopback, private, link-local,
// multicast, unspecified). 0.0.0.0/8 reaches the local host on Linux;
// 100.64.0.0/10 is carrier-grade NAT, where some clouds put their metadata
// services.
var blockedRanges = func() []blockedRange {
	var out []blockedRange
	for _, r := range []struct{ cidr, rule string }{
		{"0.0.0.0/8", `"this network" (0.0.0.0/8, reaching the local host)`},
		{"100.64.0.0/10", "shared address space (carrier-grade NAT, 100.64.0.0/10)"},
		{"192.0.0.0/24", "reserved for IETF protocol assignments (192.0.0.0/24)"},
		{"192.0.2.0/24", "reserved for documentation (192.0.2.0/24)"},
		{"198.18.0.0/15", "reserved for benchmarking (198.18.0.0/15)"},
		{"198.51.100.0/24", "reserved for documentation (198.51.100.0/24)"},
		{"203.0.113.0/24", "reserved for documentation (203.0.113.0/24)"},
		{"240.0.0.0/4", "reserved (240.0.0.0/4, broadcast included)"},
		{"::/96", "an IPv4-compatible IPv6 address (deprecated)"},
		{"100::/64", "a discard-only IPv6 address (100::/64)"},
		{"2001:db8::/32", "reserved for documentation (2001:db8::/32)"},
		{"fec0::/10", "site-local (fec0::/10, deprecated)"},
	} {
		out = append(out, blockedRange{netip.MustParsePrefix(r.cidr), r.rule})
	}
	return out
}()

// Translation prefixes carry an IPv4 address inside an IPv6 one: the
// IPv4 address is what is reached in the end, so it is the one checked.
var (
	nat64     = netip.MustParsePrefix("64:ff9b::/96")
	sixToFour = netip.MustParsePrefix("2002::/16")
)

// addrRule names why a is not to be reached, or "" when it is a public
// address.
func addrRule(a netip.Addr) string {
	a = a.Unmap() // ::ffff:127.0.0.1 is 127.0.0.1
	a = a.WithZone("")
	switch {
	case !a.IsValid():
		return "not an IP address"
	case a.IsLoopback():
		return "loopback"
	case a.IsUnspecified():
		return "unspecified"
	case a.IsPrivate():
		return "private"
	case a.IsLinkLocalUnicast():
		return "link-local"
	case a.IsMulticast(), a.IsLinkLocalMulticast(), a.IsInterfaceLocalMulticast():
		return "multicast"
	}
	for _, r := range blockedRanges {
		if r.prefix.Contains(a) {
			return r.rule
		}
	}
	if a.Is6() {
		b := a.As16()
		switch {
		case nat64.Contains(a):
			if rule := addrRule(netip.AddrFrom4([4]byte(b[12:16]))); rule != "" {
				return rule + " (inside a NAT64 address)"
			}
		case sixToFour.Contains(a):
			if rule := addrRule(netip.AddrFrom4([4]byte(b[2:6]))); rule != "" {
				return rule + " (inside a 6to4 address)"
			}
		}
	}
	return ""
}

// allowList is what the operator lets rasd reach although the guard would
// refuse it: host names (any address they resolve to) and networks.
type allowList struct {
	all   bool // every address: --allow-private
	hosts map[string]bool
	nets  []netip.Prefix
}

// parseAllowList reads FetchConfig.Allow: each entry an IP address, a
// network in CIDR notation, or a host name.
func parseAllowList(all bool, entries []string) (*allowList, error) {
	l := &allowList{all: all, hosts: map[string]bool{}}
	for _, e := range entries {
		e = strings.TrimSpace(e)
		if p, err := netip.ParsePrefix(e); err == nil {
			l.nets = append(l.nets, p.Masked())
			continue
		}
		if a, err := netip.ParseAddr(e); err == nil {
			l.nets = append(l.nets, netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()))
			continue
		}
		if !validHostName(e) {
			return nil, fmt.Errorf("allowed host %q: want a host name (intranet.example), an IP address or a network (10.1.0.0/16), without scheme, port or path", e)
		}
		l.hosts[strings.ToLower(strings.TrimSuffix(e, "."))] = true
	}
	return l, nil
}

func validHostName(s string) bool {
	s = strings.TrimSuffix(s, ".")
	if s == "" || len(s) > 253 {
		return false
	}
	for _, label := range strings.Split(s, ".") {
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for _, c := range label {
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
				return false
			}
		}
	}
	return true
}

func (l *allowList) host(name string) bool {
	return l.all || l.hosts[strings.ToLower(strings.TrimSuffix(name, "."))]
}

// check returns a *BlockedError for an address the fetcher may not reach.
func (l *allowList) check(a netip.Addr) error {
	if l.all {
		return nil
	}
	a = a.Unmap().WithZone("")
	rule := addrRule(a)
	if rule == "" {
		return nil
	}
	for _, p := range l.nets {
		if p.Contains(a) {
			return nil
		}
	}
	return &BlockedError{Addr: a, Rule: rule}
}

// dialer opens the fetcher's connections. A host on the allow list is
// dialled as it is; any other is checked in the dialer's Control hook,
// which sees each address the connection is about to use once DNS has
// answered: an address that was public when a name was first resolved and
// is loopback now is still refused, and so is every hop of a redirect.
func (l *allowList) dialer() func(ctx context.Context, network, addr string) (net.Conn, error) {
	base := &net.Dialer{Timeout: dialTimeout, KeepAlive: dialKeepAlive}
	guarded := &net.Dialer{Timeout: dialTimeout, KeepAlive: dialKeepAlive,
		Control: func(network, address string, _ syscall.RawConn) error {
			ap, err := netip.ParseAddrPort(address)
			if err != nil {
				return fmt.Errorf("dialling %s: %w", address, err)
			}
			return l.check(ap.Addr())
		},
	}
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		if host, _, err := net.SplitHostPort(addr); err == nil && l.host(host) {
			return base.DialContext(ctx, network, addr)
		}
		return guarded.DialContext(ctx, network, addr)
	}
}
