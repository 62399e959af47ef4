-- An analyst's corrections of cross-source merging (issue 10): a report
-- split out of a merged event, or two merged events joined. Each is kept as
-- pairs of per-document event ids: 'apart' pairs may never share a merged
-- event, 'together' pairs must, so that reports stored later (an article
-- stored again with an edited text keeps its event ids) respect them.
--
-- changed is clusters.changed as the correction left it: a reader holding a
-- copy of the clusters (readindex.go) reads everything again when it finds a
-- correction newer than its copy, since a merge removes a cluster and a split
-- moves a document's event, which the copy cannot follow row by row.

-- +goose Up
CREATE TABLE merge_decisions (
    id       INTEGER PRIMARY KEY,
    kind     TEXT    NOT NULL CHECK (kind IN ('apart', 'together')),
    event_a  TEXT    NOT NULL,
    event_b  TEXT    NOT NULL,
    note     TEXT    NOT NULL,
    made_at  TEXT    NOT NULL,
    changed  INTEGER NOT NULL
);
CREATE INDEX merge_decisions_a ON merge_decisions (event_a);
CREATE INDEX merge_decisions_b ON merge_decisions (event_b);
CREATE INDEX merge_decisions_changed ON merge_decisions (changed);
CREATE INDEX events_event_id ON events (event_id);

-- +goose Down
DROP INDEX events_event_id;
DROP TABLE merge_decisions;
