-- reiki-scan store. One SQLite file per workspace: corpus/reiki.sqlite.
-- Every document change is a new row in versions; nothing is overwritten.

CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE IF NOT EXISTS versions (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    document_key  TEXT NOT NULL,
    seq           INTEGER NOT NULL,              -- 1, 2, ... per document
    content_hash  TEXT NOT NULL,
    title         TEXT NOT NULL,
    number        TEXT NOT NULL DEFAULT '',
    kind          TEXT NOT NULL DEFAULT 'その他',
    promulgated   TEXT NOT NULL DEFAULT '',
    last_amended  TEXT NOT NULL DEFAULT '',
    taxonomy      TEXT NOT NULL DEFAULT '',
    source_url    TEXT NOT NULL DEFAULT '',
    fetched_at    TEXT NOT NULL DEFAULT '',
    stored_at     TEXT NOT NULL,
    data_json     TEXT NOT NULL,                 -- the whole Ordinance, for exact reload
    UNIQUE (document_key, seq)
);
CREATE INDEX IF NOT EXISTS versions_doc ON versions (document_key, seq);
-- a file imported again is known by where it came from (Store.key_of_source)
CREATE INDEX IF NOT EXISTS versions_source ON versions (source_url);

CREATE TABLE IF NOT EXISTS provisions (
    version_id  INTEGER NOT NULL REFERENCES versions(id),
    seq         INTEGER NOT NULL,                -- document order
    path        TEXT NOT NULL,
    unit_path   TEXT NOT NULL,
    kind        TEXT NOT NULL,
    heading     TEXT NOT NULL DEFAULT '',
    supplement  TEXT NOT NULL DEFAULT '',
    text        TEXT NOT NULL,
    PRIMARY KEY (version_id, seq)
);

-- What the crawler knows of each URL: conditional requests and resume.
CREATE TABLE IF NOT EXISTS fetch_state (
    url           TEXT PRIMARY KEY,
    etag          TEXT NOT NULL DEFAULT '',
    last_modified TEXT NOT NULL DEFAULT '',
    body_hash     TEXT NOT NULL DEFAULT '',
    document_key  TEXT NOT NULL DEFAULT '',
    crawl_id      INTEGER,
    fetched_at    TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS crawl_runs (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    start_url    TEXT NOT NULL,
    started_at   TEXT NOT NULL,
    finished_at  TEXT,
    summary_json TEXT NOT NULL DEFAULT '{}'
);

-- One row per scan (走査); findings belong to a scan run.
CREATE TABLE IF NOT EXISTS scan_runs (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    started_at    TEXT NOT NULL,
    finished_at   TEXT,
    model         TEXT NOT NULL DEFAULT '',      -- e.g. ja_ginza 5.3.0, split mode C
    rules_hash    TEXT NOT NULL DEFAULT '',
    summary_json  TEXT NOT NULL DEFAULT '{}'
);

CREATE TABLE IF NOT EXISTS findings (
    run_id         INTEGER NOT NULL REFERENCES scan_runs(id),
    finding_id     TEXT NOT NULL,                -- identity: sha256 over content (findings.py)
    document_key   TEXT NOT NULL,
    version_id     INTEGER NOT NULL REFERENCES versions(id),
    provision      TEXT NOT NULL,                -- canonical unit path
    category       TEXT NOT NULL,
    rule_id        TEXT NOT NULL,
    sentence       TEXT NOT NULL,
    provision_text TEXT NOT NULL,
    matches_json   TEXT NOT NULL DEFAULT '[]',
    explanation    TEXT NOT NULL DEFAULT '',
    legal_basis    TEXT NOT NULL DEFAULT '',      -- cited national law, '' = the town's own rule
    data_json      TEXT NOT NULL DEFAULT '{}',   -- the full finding as the engine produced it
    PRIMARY KEY (run_id, finding_id)
);
CREATE INDEX IF NOT EXISTS findings_id ON findings (finding_id);

-- ---- review (判定) ------------------------------------------------------------------------
-- Decisions live apart from findings and are keyed by finding identity, so a re-scan that
-- finds the same content finds its decision. Append-only: a new decision is a new row; the
-- row with the highest id per finding is in force, older rows are the history.
CREATE TABLE IF NOT EXISTS decisions (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    finding_id     TEXT NOT NULL,                -- findings.finding_id
    applicability  TEXT NOT NULL CHECK (applicability IN ('該当', '非該当', '未判定')),   -- 該非
    policy         TEXT NOT NULL DEFAULT '' CHECK (policy IN ('', '見直し', '存置', '検討中')),  -- 見直し方針
    schedule       TEXT NOT NULL DEFAULT '',     -- 見直し予定時期, e.g. 令和8年度
    department     TEXT NOT NULL DEFAULT '',     -- 所管課
    legal_basis    TEXT NOT NULL DEFAULT '',     -- 根拠法令 as confirmed (from the scan, editable); '' = the town's own rule
    note           TEXT NOT NULL DEFAULT '',     -- 存置理由・備考
    decided_by     TEXT NOT NULL DEFAULT '',     -- 判定者
    decided_at     TEXT NOT NULL,                -- ISO timestamp
    source         TEXT NOT NULL DEFAULT ''      -- where it came from, e.g. the imported sheet's name
);
CREATE INDEX IF NOT EXISTS decisions_finding ON decisions (finding_id, id);

-- 所管課 of each document by the assignment rules of reiki-scan.yaml (review assign). Append-only
-- like decisions: the row with the highest id per document is in force. A 所管課 typed in a review
-- sheet is stored with the decision and wins over this one.
CREATE TABLE IF NOT EXISTS assignments (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    document_key   TEXT NOT NULL,
    department     TEXT NOT NULL DEFAULT '',     -- '' = no rule gives it a 課 any more
    rule           TEXT NOT NULL DEFAULT '',     -- which rule, as the settings file says it
    assigned_at    TEXT NOT NULL                 -- ISO timestamp
);
CREATE INDEX IF NOT EXISTS assignments_document ON assignments (document_key, id);
