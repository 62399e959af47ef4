package main

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/spf13/cobra"

	"rasd/internal/alerting"
	"rasd/internal/ingest"
	"rasd/internal/store"
)

// alertFlags name the alert rules a long-running command sends.
type alertFlags struct {
	rules, dashboard string
}

func (a *alertFlags) register(c *cobra.Command) {
	c.Flags().StringVar(&a.rules, "rules", "", "a JSON file of alert rules and their destinations (webhook, command); each alert is sent once")
	c.Flags().StringVar(&a.dashboard, "dashboard", "", "the dashboard's URL that alerts link to (overrides the rules file's)")
}

// alertNotifier runs the rules after a watch round and logs what failed.
type alertNotifier struct {
	n   *alerting.Notifier
	log *slog.Logger
}

func (n *alertNotifier) Run(ctx context.Context) {
	if _, err := n.n.Run(ctx); err != nil && ctx.Err() == nil {
		n.log.Error("alerts not computed", "err", err)
	}
}

// notifier is nil without --rules.
func (a *alertFlags) notifier(ctx context.Context, st store.Store, w store.Watch, _ *ingest.Fetcher, log *slog.Logger) (*alertNotifier, error) {
	if a.rules == "" {
		if a.dashboard != "" {
			return nil, usageError{fmt.Errorf("--dashboard needs --rules: it is the link alerts carry")}
		}
		return nil, nil
	}
	rules, err := alerting.LoadRules(a.rules)
	if err != nil {
		return nil, usageError{fmt.Errorf("--rules %w", err)}
	}
	if a.dashboard != "" {
		rules.Dashboard = a.dashboard
	}
	return &alertNotifier{n: &alerting.Notifier{Store: st, Watch: w, Rules: rules, Log: log}, log: log}, nil
}
