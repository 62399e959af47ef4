package store

import (
	"encoding/json"
	"fmt"

	"rasd/internal/event"
)

// recordRows is what database/sql's and pgx's rows share.
type recordRows interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
}

// streamRecords decodes each row's one column, a stored event's JSON
// record, and hands it to fn.
func streamRecords(rows recordRows, fn func(*event.Stored) error) error {
	var rec []byte
	for rows.Next() {
		if err := rows.Scan(&rec); err != nil {
			return err
		}
		if err := emitRecord(rec, fn); err != nil {
			return err
		}
	}
	return rows.Err()
}

// emitRecord decodes one stored event's record and hands it to fn.
func emitRecord(rec []byte, fn func(*event.Stored) error) error {
	var st event.Stored
	if err := json.Unmarshal(rec, &st); err != nil {
		return fmt.Errorf("stored event: %w", err)
	}
	return fn(&st)
}
