"""Crawl bookkeeping in the store (収集の記録): crawl_runs and fetch_state.

fetch_state remembers, per URL, the validators (ETag, Last-Modified), the sha256 of the bytes last
seen and the document they were stored as, plus the crawl run that last saw them. That is enough to
resume a killed crawl (a URL already seen by the unfinished run is not fetched again) and to make a
re-crawl cheap (conditional requests; an identical body is not even parsed).
"""

from __future__ import annotations

import json
import sqlite3

from ..store.db import Store, now_iso


def begin_run(store: Store, start_url: str) -> tuple[int, bool]:
    """(run id, resumed): the unfinished run for this start URL is resumed, else a new one starts."""
    with store.transaction() as conn:
        row = conn.execute("SELECT id FROM crawl_runs WHERE start_url=? AND finished_at IS NULL"
                           " ORDER BY id DESC LIMIT 1", (start_url,)).fetchone()
        if row is not None:
            return row["id"], True
        cur = conn.execute("INSERT INTO crawl_runs (start_url, started_at) VALUES (?, ?)", (start_url, now_iso()))
        return cur.lastrowid, False


def finish_run(store: Store, run_id: int, summary: dict) -> None:
    with store.transaction() as conn:
        conn.execute("UPDATE crawl_runs SET finished_at=?, summary_json=? WHERE id=?",
                     (now_iso(), json.dumps(summary, ensure_ascii=False), run_id))


def url_state(store: Store, url: str) -> sqlite3.Row | None:
    return store.conn.execute("SELECT * FROM fetch_state WHERE url=?", (url,)).fetchone()


def record_url(store: Store, url: str, run_id: int, etag: str = "", last_modified: str = "",
               body_hash: str = "", document_key: str = "") -> None:
    """Remember what a URL gave in this run (one transaction, replacing the previous record)."""
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO fetch_state (url, etag, last_modified, body_hash, document_key, crawl_id, fetched_at)"
            " VALUES (?,?,?,?,?,?,?) ON CONFLICT(url) DO UPDATE SET etag=excluded.etag,"
            " last_modified=excluded.last_modified, body_hash=excluded.body_hash,"
            " document_key=excluded.document_key, crawl_id=excluded.crawl_id, fetched_at=excluded.fetched_at",
            (url, etag, last_modified, body_hash, document_key, run_id, now_iso()))


def previous_summary(store: Store, start_url: str, run_id: int) -> dict:
    """The summary of the last finished crawl of ``start_url`` before ``run_id`` ({} if none)."""
    row = store.conn.execute("SELECT summary_json FROM crawl_runs WHERE start_url=? AND id<>? AND finished_at"
                             " IS NOT NULL ORDER BY id DESC LIMIT 1", (start_url, run_id)).fetchone()
    try:
        return json.loads(row["summary_json"]) if row else {}
    except ValueError:
        return {}


def stored_elsewhere(store: Store, run_id: int) -> list[sqlite3.Row]:
    """URLs that gave a stored document in an earlier crawl and were not seen by run ``run_id``."""
    return store.conn.execute("SELECT url, document_key FROM fetch_state WHERE document_key<>''"
                              " AND (crawl_id IS NULL OR crawl_id<>?) ORDER BY url", (run_id,)).fetchall()


def latest_title(store: Store, document_key: str) -> str:
    row = store.conn.execute("SELECT title FROM versions WHERE document_key=? ORDER BY seq DESC LIMIT 1",
                             (document_key,)).fetchone()
    return row["title"] if row else ""
