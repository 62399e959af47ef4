-- Whether a merged event is only recalled as past context (every source
-- says so, as dedup.Merge sets the record's background), as a column, so
-- that the background filter is a comparison the indexes can hold rather
-- than a look into every record. SQLite has no boolean: 0 or 1.

-- +goose Up
ALTER TABLE clusters ADD COLUMN background INTEGER NOT NULL DEFAULT 0;
UPDATE clusters SET background = 1 WHERE json_extract(record, '$.background') = 1;

-- +goose Down
ALTER TABLE clusters DROP COLUMN background;
