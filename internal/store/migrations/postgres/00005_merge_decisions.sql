-- An analyst's corrections of cross-source merging (issue 10): a report
-- split out of a merged event, or two merged events joined. Each is kept as
-- pairs of per-document event ids: 'apart' pairs may never share a merged
-- event, 'together' pairs must, so that reports stored later (an article
-- stored again with an edited text keeps its event ids) respect them.
-- changed mirrors SQLite's column, unused here (PostgreSQL keeps no copy).

-- +goose Up
CREATE TABLE merge_decisions (
    id       bigserial PRIMARY KEY,
    kind     text      NOT NULL CHECK (kind IN ('apart', 'together')),
    event_a  text      NOT NULL,
    event_b  text      NOT NULL,
    note     text      NOT NULL,
    made_at  timestamptz NOT NULL,
    changed  bigint    NOT NULL DEFAULT 0
);
CREATE INDEX merge_decisions_a ON merge_decisions (event_a);
CREATE INDEX merge_decisions_b ON merge_decisions (event_b);
CREATE INDEX events_event_id ON events (event_id);

-- +goose Down
DROP INDEX events_event_id;
DROP TABLE merge_decisions;
