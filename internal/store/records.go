package store

import (
	"encoding/json"
	"fmt"

	"rasd/internal/dedup"
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

// scanMembers reads a cluster's members: each row a document's doc_id,
// source, url, published day (” when unknown), title, lang and the
// event's record.
func scanMembers(rows recordRows) ([]dedup.Member, error) {
	var out []dedup.Member
	var rec []byte
	for rows.Next() {
		var m dedup.Member
		if err := rows.Scan(&m.Doc.ID, &m.Doc.Source, &m.Doc.URL, &m.Doc.Published, &m.Doc.Title, &m.Doc.Lang, &rec); err != nil {
			return nil, err
		}
		if err := json.Unmarshal(rec, &m.Event); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}
