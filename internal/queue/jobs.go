package queue

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"rasd/internal/store"
)

// States are River's job states in the order a job goes through them;
// "discarded" (out of attempts) and "cancelled" (unreadable) are the dead
// letters.
var States = []string{"available", "scheduled", "retryable", "pending", "running", "completed", "discarded", "cancelled"}

// Dead reports whether a state is a dead letter's.
func Dead(state string) bool { return state == "discarded" || state == "cancelled" }

// Counts counts the jobs of each state; every state has an entry.
func Counts(ctx context.Context, st store.Store) (map[string]int64, error) {
	pool, err := poolOf(ctx, st)
	if err != nil {
		return nil, err
	}
	out := map[string]int64{}
	for _, s := range States {
		out[s] = 0
	}
	rows, err := pool.Query(ctx, `SELECT state::text, count(*) FROM river_job GROUP BY state`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var s string
		var n int64
		if err := rows.Scan(&s, &n); err != nil {
			return nil, err
		}
		out[s] = n
	}
	return out, rows.Err()
}

// DeadJob is a job that will not be tried again, with its last error.
type DeadJob struct {
	ID       int64
	State    string
	Attempts int
	Article  string // the item's link or the document's id
	Error    string
	At       time.Time
}

// DeadJobs lists the latest dead letters, newest first.
func DeadJobs(ctx context.Context, st store.Store, limit int) ([]DeadJob, error) {
	pool, err := poolOf(ctx, st)
	if err != nil {
		return nil, err
	}
	rows, err := pool.Query(ctx, `SELECT id, state::text, attempt,
			coalesce(args->'item'->>'link', args->'doc'->>'id', ''),
			coalesce(errors[array_length(errors, 1)]->>'error', ''),
			coalesce(finalized_at, attempted_at, created_at)
		FROM river_job WHERE state IN ('discarded', 'cancelled') ORDER BY id DESC LIMIT $1`, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []DeadJob
	for rows.Next() {
		var d DeadJob
		if err := rows.Scan(&d.ID, &d.State, &d.Attempts, &d.Article, &d.Error, &d.At); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

func poolOf(ctx context.Context, st store.Store) (*pgxpool.Pool, error) {
	pool, ok := store.Pool(st)
	if !ok {
		return nil, errNotPostgres
	}
	return pool, Migrate(ctx, pool)
}
