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

-- pub_start and pub_end are the days a cluster's reports were published,
-- from the lag before the first (dedup.PublicationSpan): a report whose
-- date the extractor read right finds the cluster of an earlier report whose
-- date it misread (a campaign's start for the day of the attack) through
-- them, as well as through date_start and date_end.

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
ALTER TABLE clusters ADD COLUMN pub_start TEXT;
ALTER TABLE clusters ADD COLUMN pub_end TEXT;

-- +goose Down
ALTER TABLE clusters DROP COLUMN pub_end;
ALTER TABLE clusters DROP COLUMN pub_start;
DROP INDEX events_event_id;
DROP TABLE merge_decisions;
