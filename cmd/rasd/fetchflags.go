package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"rasd/internal/ingest"
)

// fetchFlags say what the URLs a command fetches may reach. By default
// only public addresses: a URL in a feed or a POST must not make rasd read
// its own host's services or the local network.
type fetchFlags struct {
	allowPrivate bool
	allowHosts   []string
}

func (f *fetchFlags) register(c *cobra.Command) {
	c.Flags().BoolVar(&f.allowPrivate, "allow-private", false,
		"let URLs reach loopback, private, link-local and other non-public addresses (refused by default)")
	c.Flags().StringSliceVar(&f.allowHosts, "allow-host", nil,
		"a host name, IP address or CIDR network URLs may reach although it is not public, e.g. intranet.example or 10.20.0.0/16 (repeat or separate with commas)")
}

// fetcher is the one Fetcher of a run: its pause between requests to a
// site holds across every input.
func (f *fetchFlags) fetcher() (*ingest.Fetcher, error) {
	cfg := ingest.DefaultFetchConfig()
	cfg.AllowPrivate = f.allowPrivate
	cfg.Allow = f.allowHosts
	fetcher, err := ingest.NewFetcher(cfg)
	if err != nil {
		return nil, usageError{fmt.Errorf("--allow-host: %w", err)}
	}
	return fetcher, nil
}
