-- The first schema: documents by content hash, their events, the clusters
-- that merge one occurrence across documents, and a full-text index.
-- Dates are ISO YYYY-MM-DD text, which sorts and compares as dates do.

-- +goose Up
CREATE TABLE documents (
    id        INTEGER PRIMARY KEY,
    hash      TEXT    NOT NULL UNIQUE,
    doc_id    TEXT    NOT NULL,
    source    TEXT    NOT NULL,
    url       TEXT    NOT NULL,
    published TEXT,
    title     TEXT    NOT NULL,
    lang      TEXT    NOT NULL,
    body      TEXT    NOT NULL,
    events    INTEGER NOT NULL,
    added_at  TEXT    NOT NULL
);
CREATE INDEX documents_doc_id ON documents (doc_id);

CREATE TABLE clusters (
    seq            INTEGER PRIMARY KEY,
    id             TEXT    NOT NULL UNIQUE,
    event_type     TEXT    NOT NULL,
    sub_event_type TEXT    NOT NULL,
    event_date     TEXT,
    date_start     TEXT,
    date_end       TEXT,
    week           TEXT,
    country        TEXT,
    admin1         TEXT,
    admin1_code    TEXT,
    lat            REAL,
    lon            REAL,
    actor1         TEXT,
    fatalities     INTEGER NOT NULL,
    sources        INTEGER NOT NULL,
    -- Incremented by every rewrite of record, so that a writer knows
    -- whether the copy it decoded earlier is still current.
    version        INTEGER NOT NULL,
    record         TEXT    NOT NULL
);
-- Cluster assignment looks for clusters of one type whose dates overlap.
CREATE INDEX clusters_type_dates ON clusters (event_type, date_end, date_start, seq, version);
CREATE INDEX clusters_event_date ON clusters (event_date, seq);
CREATE INDEX clusters_admin1 ON clusters (admin1_code);
CREATE INDEX clusters_country ON clusters (country);

-- Every actor id a merged event names (actor1, actor2, their associates),
-- for the actor filter.
CREATE TABLE cluster_actors (
    actor_id TEXT    NOT NULL,
    cluster  INTEGER NOT NULL REFERENCES clusters (seq),
    PRIMARY KEY (actor_id, cluster)
) WITHOUT ROWID;
CREATE INDEX cluster_actors_cluster ON cluster_actors (cluster);

CREATE TABLE events (
    id             INTEGER PRIMARY KEY,
    document       INTEGER NOT NULL REFERENCES documents (id),
    event_id       TEXT    NOT NULL,
    cluster        INTEGER NOT NULL REFERENCES clusters (seq),
    event_type     TEXT    NOT NULL,
    sub_event_type TEXT    NOT NULL,
    event_date     TEXT,
    date_start     TEXT,
    date_end       TEXT,
    country        TEXT,
    admin1         TEXT,
    admin1_code    TEXT,
    lat            REAL,
    lon            REAL,
    actor1         TEXT,
    actor2         TEXT,
    fatalities     INTEGER NOT NULL,
    record         TEXT    NOT NULL
);
CREATE INDEX events_document ON events (document);
CREATE INDEX events_cluster ON events (cluster);

-- Contentless: the words are rasd's normalised forms (internal/store/words.go),
-- never shown, so only the index is kept; rowid is documents.id. detail=none
-- because queries are sets of words, never phrases. '.' and ',' are word
-- characters so that a number such as 8.5 stays one token.
CREATE VIRTUAL TABLE document_words USING fts5 (
    words,
    content = '',
    detail = none,
    tokenize = "ascii tokenchars '.,'"
);

-- +goose Down
DROP TABLE document_words;
DROP TABLE events;
DROP TABLE cluster_actors;
DROP TABLE clusters;
DROP TABLE documents;
