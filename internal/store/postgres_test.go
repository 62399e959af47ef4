package store

import (
	"context"
	"testing"

	"rasd/internal/store/pgtest"
)

func TestPostgres(t *testing.T) {
	runSuite(t, func(t *testing.T) Store {
		s, err := Open(context.Background(), pgtest.NewDatabase(t))
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}

func TestPostgresMigratesOnce(t *testing.T) {
	ctx := context.Background()
	url := pgtest.NewDatabase(t)
	s, err := Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	seed(t, s)
	want, _ := s.Counts(ctx)
	s.Close()
	s, err = Open(ctx, url)
	if err != nil {
		t.Fatalf("reopening: %v", err)
	}
	defer s.Close()
	if got, _ := s.Counts(ctx); got != want {
		t.Errorf("after reopening: %+v, want %+v", got, want)
	}
}
