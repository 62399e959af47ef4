-- An analyst's corrections of cross-source merging (issue 10): a report
-- split out of a merged event, or two merged events joined. Each is kept as
-- pairs of per-document event ids: 'apart' pairs may never share a merged
-- event, 'together' pairs must, so that reports stored later (an article
-- stored again with an edited text keeps its event ids) respect them.
-- changed mirrors SQLite's column, unused here (PostgreSQL keeps no copy).

-- pub_start and pub_end are the days a cluster's reports were published,
-- from the lag before the first (dedup.PublicationSpan): a report whose
-- date the extractor read right finds the cluster of an earlier report whose
-- date it misread (a campaign's start for the day of the attack) through
-- them, as well as through date_start and date_end.

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
ALTER TABLE clusters ADD COLUMN pub_start date, ADD COLUMN pub_end date;
CREATE INDEX clusters_type_published ON clusters (event_type, pub_end, pub_start, seq, version);

-- +goose Down
DROP INDEX clusters_type_published;
ALTER TABLE clusters DROP COLUMN pub_end, DROP COLUMN pub_start;
DROP INDEX events_event_id;
DROP TABLE merge_decisions;
