"""The SQLite store (the truth): document versions, provisions, crawl state, scans, findings, decisions."""

from .db import Store, StoreError, now_iso

__all__ = ["Store", "StoreError", "now_iso"]
