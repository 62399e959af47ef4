package main

import (
	"context"
	"log/slog"

	"github.com/spf13/cobra"

	"rasd/internal/ingest"
	"rasd/internal/store"
)

// alertFlags name the alert rules a long-running command sends.
type alertFlags struct {
	rules, dashboard string
}

func (a *alertFlags) register(c *cobra.Command) {}

type alertNotifier struct{}

func (n *alertNotifier) Run(ctx context.Context) {}

func (a *alertFlags) notifier(ctx context.Context, st store.Store, w store.Watch, f *ingest.Fetcher, log *slog.Logger) (*alertNotifier, error) {
	return nil, nil
}
