"""Scan history (走査の履歴): which finding identities each scan run saw, and where each stretch ends.

The merge rules of the review live in state.py; this module only answers "when was this content
seen" so that they can be stated in terms of runs.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from ..findings import Finding
from ..store.db import Store


@dataclass(frozen=True)
class ScanRun:
    run_id: int
    date: str                          # ISO date the scan started
    versions: dict[str, int]           # document key → version scanned
    started_at: str = ""               # ISO timestamp
    carried: int = 0                   # documents unchanged since the run before: its findings kept, not scanned


@dataclass
class Occurrence:
    """One finding identity across runs."""
    finding_id: str
    document: str
    provision: str
    category: str
    rule: str
    runs: list[int] = field(default_factory=list)
    data_json: str = "{}"              # as stored by the newest run that saw it

    def finding(self) -> Finding:
        return Finding.from_dict(json.loads(self.data_json))


@dataclass(frozen=True)
class Stretch:
    """The last unbroken run of scans (as positions in the run list) that saw an identity."""
    first: int          # first scan that ever saw it
    start: int          # first scan of the last stretch
    end: int            # last scan that saw it


class ScanHistory:
    def __init__(self, store: Store):
        summaries = [(r, json.loads(r["summary_json"] or "{}")) for r in store.scan_runs()]
        self.runs = [ScanRun(r["id"], (r["started_at"] or "")[:10], summary.get("versions", {}), r["started_at"] or "",
                             summary.get("carried_over", 0))
                     for r, summary in summaries]
        self.occurrences: dict[str, Occurrence] = {}
        self.run_findings: dict[int, list[str]] = {r.run_id: [] for r in self.runs}
        rows = store.conn.execute(
            "SELECT run_id, finding_id, document_key, provision, category, rule_id, data_json FROM findings"
            " ORDER BY run_id, document_key, rowid")
        for r in rows:
            occ = self.occurrences.get(r["finding_id"])
            if occ is None:
                occ = self.occurrences[r["finding_id"]] = Occurrence(
                    r["finding_id"], r["document_key"], r["provision"], r["category"], r["rule_id"])
            occ.runs.append(r["run_id"])
            # The newest run's copy: a renumbered provision shows its new path.
            occ.provision, occ.data_json = r["provision"], r["data_json"]
            self.run_findings[r["run_id"]].append(r["finding_id"])

    def position(self, run_id: int) -> int:
        for i, run in enumerate(self.runs):
            if run.run_id == run_id:
                return i
        raise KeyError(run_id)

    def stretches(self, upto: int) -> dict[str, Stretch]:
        """Stretch of every identity seen by the scans at positions 0..upto."""
        positions = {run.run_id: i for i, run in enumerate(self.runs[:upto + 1])}
        result = {}
        for fid, occ in self.occurrences.items():
            seen = [positions[r] for r in occ.runs if r in positions]
            if not seen:
                continue
            start, seen_at = seen[-1], set(seen)
            while start - 1 in seen_at:
                start -= 1
            result[fid] = Stretch(seen[0], start, seen[-1])
        return result

    def amended(self, document: str, before: int, after: int) -> bool:
        """Whether the scans at these positions read different versions of a document (or it went away)."""
        return self.runs[before].versions.get(document) != self.runs[after].versions.get(document)
