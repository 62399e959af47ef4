-- rasd watch's memory across restarts: the sources a team registered
-- (rasd sources add), what each source's server said last (its validators
-- for conditional requests, when to poll it next, how often it failed in a
-- row), every article URL already taken (canonical, with the content hash
-- of what it gave), and the alerts already sent to each rule's destination.
-- Times are Unix seconds, alike in both dialects.

-- +goose Up
CREATE TABLE watch_sources (
	url TEXT PRIMARY KEY,
	outlet TEXT NOT NULL DEFAULT '',
	interval_seconds BIGINT NOT NULL DEFAULT 0,
	added_at BIGINT NOT NULL
);
CREATE TABLE watch_state (
	url TEXT PRIMARY KEY,
	etag TEXT NOT NULL DEFAULT '',
	last_modified TEXT NOT NULL DEFAULT '',
	polled_at BIGINT NOT NULL DEFAULT 0,
	next_poll BIGINT NOT NULL DEFAULT 0,
	failures INTEGER NOT NULL DEFAULT 0,
	last_status TEXT NOT NULL DEFAULT '',
	last_error TEXT NOT NULL DEFAULT ''
);
CREATE TABLE watch_urls (
	url TEXT PRIMARY KEY,
	source TEXT NOT NULL DEFAULT '',
	hash TEXT NOT NULL DEFAULT '',
	note TEXT NOT NULL DEFAULT '',
	seen_at BIGINT NOT NULL
);
CREATE TABLE alerts_sent (
	rule TEXT NOT NULL,
	alert TEXT NOT NULL,
	sent_at BIGINT NOT NULL,
	PRIMARY KEY (rule, alert)
);

-- +goose Down
DROP TABLE alerts_sent;
DROP TABLE watch_urls;
DROP TABLE watch_state;
DROP TABLE watch_sources;
