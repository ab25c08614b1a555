"""Parse cache (解析キャッシュ): token rows keyed by sha256(sentence) and model version.

A separate SQLite file (corpus/cache/parse_cache.sqlite in a workspace) so that a re-scan parses
only sentences it has not seen, and so that the cache can be deleted without touching the corpus.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path
from typing import Sequence

from .base import ParsedSentence, Parser

SCHEMA = """
CREATE TABLE IF NOT EXISTS parse_cache (
    sentence_hash TEXT NOT NULL,
    model         TEXT NOT NULL,
    rows_json     TEXT NOT NULL,
    PRIMARY KEY (sentence_hash, model)
);
"""


def sentence_hash(sentence: str) -> str:
    return hashlib.sha256(sentence.encode("utf-8")).hexdigest()


class ParseCache:
    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.conn = sqlite3.connect(self.path, timeout=30)
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=NORMAL")
        self.conn.executescript(SCHEMA)

    def get_many(self, sentences: Sequence[str], model: str) -> dict[str, list]:
        found: dict[str, list] = {}
        keys = {sentence_hash(s): s for s in sentences}
        items = list(keys.items())
        for i in range(0, len(items), 500):
            chunk = items[i:i + 500]
            marks = ",".join("?" * len(chunk))
            rows = self.conn.execute(
                f"SELECT sentence_hash, rows_json FROM parse_cache WHERE model=? AND sentence_hash IN ({marks})",
                [model, *[h for h, _ in chunk]]).fetchall()
            for h, rows_json in rows:
                found[keys[h]] = json.loads(rows_json)
        return found

    def put_many(self, parsed: Sequence[ParsedSentence], model: str) -> None:
        with self.conn:
            self.conn.executemany(
                "INSERT OR REPLACE INTO parse_cache VALUES (?,?,?)",
                [(sentence_hash(p.text), model, json.dumps(p.rows, ensure_ascii=False)) for p in parsed])

    def close(self) -> None:
        self.conn.close()


class CachedParser:
    """Parser protocol: cache first, the wrapped parser only for sentences not seen before."""

    def __init__(self, parser: Parser, cache: ParseCache | None):
        self.parser = parser
        self.cache = cache
        self.model = parser.model
        self.parsed = 0          # sentences that went to the model
        self.cached = 0          # sentences served from the cache

    def parse(self, sentences: Sequence[str]) -> list[ParsedSentence]:
        unique = list(dict.fromkeys(sentences))
        known = self.cache.get_many(unique, self.model) if self.cache else {}
        todo = [s for s in unique if s not in known]
        self.cached += len(unique) - len(todo)
        self.parsed += len(todo)
        if todo:
            fresh = self.parser.parse(todo)
            if self.cache:
                self.cache.put_many(fresh, self.model)
            known.update({p.text: p.rows for p in fresh})
        return [ParsedSentence(s, known[s]) for s in sentences]
