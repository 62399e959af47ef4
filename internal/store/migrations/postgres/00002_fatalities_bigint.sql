-- Fatality figures as the extractor reads them can exceed 2^31 (a figure
-- misread from an economic article, say); SQLite's INTEGER already holds
-- 64 bits, and both stores must accept what the other does.

-- +goose Up
ALTER TABLE events ALTER COLUMN fatalities TYPE bigint;
ALTER TABLE clusters ALTER COLUMN fatalities TYPE bigint;

-- +goose Down
ALTER TABLE events ALTER COLUMN fatalities TYPE integer;
ALTER TABLE clusters ALTER COLUMN fatalities TYPE integer;
