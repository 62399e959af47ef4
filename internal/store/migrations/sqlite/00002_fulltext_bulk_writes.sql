-- Full-text settings for writing many documents per transaction; neither
-- changes what a search finds.
--
-- hashsize: FTS5 keeps the terms of the open transaction in memory and
-- writes them out as a new segment whenever this much is pending (default
-- 1 MB). The words of one 256-document ingest batch are about 0.8 MB of
-- text, and FTS5's entries for them more than 1 MB, so with the default a
-- batch went out as several small segments, each to be merged again
-- later; at 64 MiB it goes out as one, at its commit.
--
-- automerge: how many segments of one level FTS5 lets pile up before it
-- merges them into one of the next level (default 4). At 16 each term's
-- entries are rewritten by fewer merges over a large ingest; a search then
-- reads up to 15 segments per level instead of 3.

-- +goose Up
INSERT INTO document_words (document_words, rank) VALUES ('hashsize', 67108864);
INSERT INTO document_words (document_words, rank) VALUES ('automerge', 16);

-- +goose Down
INSERT INTO document_words (document_words, rank) VALUES ('hashsize', 1048576);
INSERT INTO document_words (document_words, rank) VALUES ('automerge', 4);
