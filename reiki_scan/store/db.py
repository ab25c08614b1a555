"""SQLite store. Every write happens inside one transaction: all of it lands, or none."""

from __future__ import annotations

import json
import sqlite3
from contextlib import contextmanager
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path
from typing import Iterator

from ..model import Ordinance

SCHEMA_VERSION = "1"
#: the latest version of every document, by document key (``columns`` of versions v)
_LATEST = ("SELECT {columns} FROM versions v JOIN (SELECT document_key, MAX(seq) AS seq FROM versions"
           " GROUP BY document_key) m ON v.document_key=m.document_key AND v.seq=m.seq ORDER BY v.document_key")


class StoreError(Exception):
    """The store cannot be used (message in Japanese)."""


def now_iso() -> str:
    return datetime.now(timezone.utc).astimezone().isoformat(timespec="seconds")


class Store:
    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"データベース {self.path} を開けません(壊れているか、SQLite のファイルではありません): {exc}") from exc

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _migrate(self) -> None:
        # CREATE ... IF NOT EXISTS throughout: running the script again is harmless.
        sql = resources.files(__package__).joinpath("schema.sql").read_text(encoding="utf-8")
        self.conn.executescript(sql)
        self.conn.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", (SCHEMA_VERSION,))

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE … COMMIT; ROLLBACK on any exception (also KeyboardInterrupt)."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    # ---- documents -------------------------------------------------------------------------

    def save_ordinance(self, ordinance: Ordinance) -> tuple[str, int]:
        """Store a document; returns ("new" | "changed" | "unchanged", version id).

        An unchanged document (same content hash as its latest version) is not stored again; it only
        learns how it numbers its articles (Ordinance.articles_without_jo, outside the hash) when it was
        stored before that was read, so that its citations come out right.
        """
        digest = ordinance.content_hash()
        with self.transaction() as conn:
            row = conn.execute(
                "SELECT id, seq, content_hash, json_extract(data_json, '$.articles_without_jo') AS without_jo"
                " FROM versions WHERE document_key=? ORDER BY seq DESC LIMIT 1", (ordinance.key,)).fetchone()
            if row is not None and row["content_hash"] == digest:
                if bool(row["without_jo"]) != ordinance.articles_without_jo:
                    conn.execute("UPDATE versions SET data_json=json_set(data_json, '$.articles_without_jo', json(?))"
                                 " WHERE id=?", (json.dumps(ordinance.articles_without_jo), row["id"]))
                return "unchanged", row["id"]
            seq = 1 if row is None else row["seq"] + 1
            cur = conn.execute(
                "INSERT INTO versions (document_key, seq, content_hash, title, number, kind, promulgated,"
                " last_amended, taxonomy, source_url, fetched_at, stored_at, data_json)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (ordinance.key, seq, digest, ordinance.title, ordinance.number, ordinance.kind,
                 ordinance.promulgated, ordinance.last_amended, ordinance.taxonomy, ordinance.source_url,
                 ordinance.fetched_at, now_iso(), json.dumps(ordinance.to_dict(), ensure_ascii=False)))
            version_id = cur.lastrowid
            conn.executemany(
                "INSERT INTO provisions (version_id, seq, path, unit_path, kind, heading, supplement, text)"
                " VALUES (?,?,?,?,?,?,?,?)",
                [(version_id, i, p.path, p.unit_path, p.kind, p.heading, p.supplement, p.text)
                 for i, p in enumerate(ordinance.provisions)])
            return ("new" if row is None else "changed"), version_id

    def latest_versions(self) -> list[sqlite3.Row]:
        """The latest version row of every document, by document key."""
        return self.conn.execute(_LATEST.format(columns="v.*")).fetchall()

    def key_of_source(self, source_url: str) -> str | None:
        """The key of the document whose latest version came from ``source_url`` (None if none did).

        A file imported again keeps the key it was stored under, whatever way it is named this time.
        """
        row = self.conn.execute(
            "SELECT document_key FROM versions v WHERE source_url=? AND seq=(SELECT MAX(seq) FROM versions"
            " WHERE document_key=v.document_key) ORDER BY id DESC LIMIT 1", (source_url,)).fetchone()
        return row["document_key"] if row else None

    def versions_of(self, key: str) -> list[sqlite3.Row]:
        return self.conn.execute(
            "SELECT * FROM versions WHERE document_key=? ORDER BY seq", (key,)).fetchall()

    def load_version(self, version_id: int) -> Ordinance:
        row = self.conn.execute("SELECT data_json FROM versions WHERE id=?", (version_id,)).fetchone()
        if row is None:
            raise StoreError(f"版 {version_id} はありません")
        return Ordinance.from_dict(json.loads(row["data_json"]))

    def latest_ordinances(self) -> Iterator[tuple[int, Ordinance]]:
        for row in self.latest_versions():
            yield row["id"], Ordinance.from_dict(json.loads(row["data_json"]))

    def versions_without_jo(self) -> set[int]:
        """The versions whose document numbers its articles 第1, 第2 … (Ordinance.articles_without_jo)."""
        return {r[0] for r in self.conn.execute(
            "SELECT id FROM versions WHERE json_extract(data_json, '$.articles_without_jo')")}

    def latest_version_ids(self) -> dict[str, int]:
        """Document key → the id of its latest version (without reading the documents)."""
        return {r[0]: r[1] for r in self.conn.execute(_LATEST.format(columns="v.document_key, v.id"))}

    def ordinances(self, version_ids: list[int]) -> Iterator[Ordinance]:
        """The ordinances of the given versions, in that order."""
        for vid in version_ids:
            row = self.conn.execute("SELECT data_json FROM versions WHERE id=?", (vid,)).fetchone()
            yield Ordinance.from_dict(json.loads(row["data_json"]))

    def article_count(self, version_id: int) -> int:
        """条数: distinct articles of the 本則."""
        rows = self.conn.execute(
            "SELECT path FROM provisions WHERE version_id=? AND supplement='' AND kind='article'",
            (version_id,)).fetchall()
        return len({r["path"] for r in rows})

    # ---- scan runs (走査) ---------------------------------------------------------------------

    def record_scan(self, findings: list, version_ids: dict[str, int], model: str, rules_hash: str,
                    started_at: str, summary: dict | None = None) -> int:
        """Store one scan run and its findings atomically; returns the run id.

        ``version_ids`` maps document key → the version scanned (every document scanned, also
        those without findings, so that a vanished finding can be told from an unscanned one).
        """
        with self.transaction() as conn:
            summary = dict(summary or {})
            summary["versions"] = version_ids
            cur = conn.execute(
                "INSERT INTO scan_runs (started_at, finished_at, model, rules_hash, summary_json)"
                " VALUES (?,?,?,?,?)",
                (started_at, now_iso(), model, rules_hash, json.dumps(summary, ensure_ascii=False)))
            run_id = cur.lastrowid
            rows = {}
            for f in findings:
                while f.identity in rows:       # the same sentence again, in another provision
                    f.occurrence += 1
                rows[f.identity] = (
                    run_id, f.identity, f.document, version_ids[f.document], f.provision, f.category,
                    f.rule, f.sentence, f.provision_text,
                    json.dumps([m.__dict__ for m in f.matches], ensure_ascii=False), f.explanation,
                    f.legal_basis, json.dumps(f.to_dict(), ensure_ascii=False))
            conn.executemany("INSERT INTO findings VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", list(rows.values()))
            return run_id

    def scan_runs(self) -> list[sqlite3.Row]:
        return self.conn.execute("SELECT * FROM scan_runs ORDER BY id").fetchall()

    def latest_run(self) -> sqlite3.Row | None:
        return self.conn.execute("SELECT * FROM scan_runs ORDER BY id DESC LIMIT 1").fetchone()

    def latest_run_id(self) -> int | None:
        row = self.conn.execute("SELECT MAX(id) FROM scan_runs").fetchone()
        return row[0]

    def findings_of_run(self, run_id: int) -> list:
        from ..findings import Finding
        rows = self.conn.execute(
            "SELECT data_json FROM findings WHERE run_id=? ORDER BY document_key, rowid", (run_id,)).fetchall()
        return [Finding.from_dict(json.loads(r["data_json"])) for r in rows]
