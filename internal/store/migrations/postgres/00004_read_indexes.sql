-- Indexes for the queries of Filter (query.go), the same as SQLite's
-- migration 4: each leads with what one filter compares or one sort orders
-- by, then the default order, and INCLUDEs the other filter columns, so that
-- a count can be answered from the index alone. The orders name NULLS LAST
-- as the queries do: PostgreSQL reads a B-tree backwards with NULLs first,
-- so newest-first needs indexes built that way; oldest-first reads
-- clusters_event_date forwards.

-- +goose Up
DROP INDEX clusters_admin1;
DROP INDEX clusters_country;
CREATE INDEX clusters_by_date ON clusters (event_date DESC NULLS LAST, seq DESC)
    INCLUDE (background, event_type, sub_event_type, country, admin1_code, lon, lat);
CREATE INDEX clusters_by_type ON clusters (event_type, event_date DESC NULLS LAST, seq DESC)
    INCLUDE (background, sub_event_type, country, admin1_code, lon, lat);
CREATE INDEX clusters_by_sub_type ON clusters (sub_event_type, event_date DESC NULLS LAST, seq DESC)
    INCLUDE (background, event_type, country, admin1_code, lon, lat);
CREATE INDEX clusters_by_country ON clusters (country, event_date DESC NULLS LAST, seq DESC)
    INCLUDE (background, event_type, sub_event_type, admin1_code, lon, lat);
CREATE INDEX clusters_by_admin1 ON clusters (admin1_code, event_date DESC NULLS LAST, seq DESC)
    INCLUDE (background, event_type, sub_event_type, country, lon, lat);
CREATE INDEX clusters_by_admin1_name ON clusters (lower(admin1));
CREATE INDEX clusters_by_place ON clusters (lon, lat)
    INCLUDE (event_date, background, event_type, sub_event_type, country, admin1_code);
CREATE INDEX clusters_by_fatalities ON clusters (fatalities DESC, event_date DESC NULLS LAST, seq DESC)
    INCLUDE (background, event_type, sub_event_type, country, admin1_code, lon, lat);
CREATE INDEX events_document_cluster ON events (document, cluster);
DROP INDEX events_document;
ANALYZE clusters;
ANALYZE events;

-- +goose Down
DROP INDEX clusters_by_date;
DROP INDEX clusters_by_type;
DROP INDEX clusters_by_sub_type;
DROP INDEX clusters_by_country;
DROP INDEX clusters_by_admin1;
DROP INDEX clusters_by_admin1_name;
DROP INDEX clusters_by_place;
DROP INDEX clusters_by_fatalities;
CREATE INDEX events_document ON events (document);
DROP INDEX events_document_cluster;
CREATE INDEX clusters_admin1 ON clusters (admin1_code);
CREATE INDEX clusters_country ON clusters (country);
