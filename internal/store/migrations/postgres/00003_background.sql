-- Whether a merged event is only recalled as past context (every source
-- says so, as dedup.Merge sets the record's background), as a column, so
-- that the background filter is a comparison the indexes can hold rather
-- than a look into every record.

-- +goose Up
ALTER TABLE clusters ADD COLUMN background boolean NOT NULL DEFAULT false;
UPDATE clusters SET background = true WHERE (record ->> 'background')::boolean;

-- +goose Down
ALTER TABLE clusters DROP COLUMN background;
