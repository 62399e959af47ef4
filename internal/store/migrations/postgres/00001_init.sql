-- The first schema: documents by content hash, their events, the clusters
-- that merge one occurrence across documents, and a full-text index.

-- +goose Up
CREATE TABLE documents (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    hash      text        NOT NULL UNIQUE,
    doc_id    text        NOT NULL,
    source    text        NOT NULL,
    url       text        NOT NULL,
    published date,
    title     text        NOT NULL,
    lang      text        NOT NULL,
    body      text        NOT NULL,
    events    integer     NOT NULL,
    added_at  timestamptz NOT NULL,
    -- rasd's normalised forms (internal/store/words.go) as lexemes, taken
    -- as they are: no second tokenizer to disagree with the first.
    words     tsvector    NOT NULL
);
CREATE INDEX documents_doc_id ON documents (doc_id);
CREATE INDEX documents_words ON documents USING gin (words);

CREATE TABLE clusters (
    seq            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id             text    NOT NULL UNIQUE,
    event_type     text    NOT NULL,
    sub_event_type text    NOT NULL,
    event_date     date,
    date_start     date,
    date_end       date,
    week           date,
    country        text,
    admin1         text,
    admin1_code    text,
    lat            double precision,
    lon            double precision,
    actor1         text,
    fatalities     integer NOT NULL,
    sources        integer NOT NULL,
    -- Incremented by every rewrite of record, so that a writer knows
    -- whether the copy it decoded earlier is still current.
    version        bigint  NOT NULL,
    record         jsonb   NOT NULL
);
-- Cluster assignment looks for clusters of one type whose dates overlap.
CREATE INDEX clusters_type_dates ON clusters (event_type, date_end, date_start, seq, version);
CREATE INDEX clusters_event_date ON clusters (event_date, seq);
CREATE INDEX clusters_admin1 ON clusters (admin1_code);
CREATE INDEX clusters_country ON clusters (country);

-- Every actor id a merged event names (actor1, actor2, their associates),
-- for the actor filter.
CREATE TABLE cluster_actors (
    actor_id text   NOT NULL,
    cluster  bigint NOT NULL REFERENCES clusters (seq),
    PRIMARY KEY (actor_id, cluster)
);
CREATE INDEX cluster_actors_cluster ON cluster_actors (cluster);

CREATE TABLE events (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    document       bigint  NOT NULL REFERENCES documents (id),
    event_id       text    NOT NULL,
    cluster        bigint  NOT NULL REFERENCES clusters (seq),
    event_type     text    NOT NULL,
    sub_event_type text    NOT NULL,
    event_date     date,
    date_start     date,
    date_end       date,
    country        text,
    admin1         text,
    admin1_code    text,
    lat            double precision,
    lon            double precision,
    actor1         text,
    actor2         text,
    fatalities     integer NOT NULL,
    record         jsonb   NOT NULL
);
CREATE INDEX events_document ON events (document);
CREATE INDEX events_cluster ON events (cluster);

-- +goose Down
DROP TABLE events;
DROP TABLE cluster_actors;
DROP TABLE clusters;
DROP TABLE documents;
