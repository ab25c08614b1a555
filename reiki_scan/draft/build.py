"""Drafts (改正案) for the findings decided 該当・見直し, read from the store and the review."""

from __future__ import annotations

from dataclasses import dataclass

from ..categories import SLUGS, name_ja
from ..findings import Finding
from ..model import cite
from ..review.state import ReviewRow, department_of, review_rows
from ..store.db import Store
from .amend import NO_PATTERN_NOTE, Change, ClauseDraft, draft_clause
from .patterns import HouseStyle, PatternSet

#: the fields of one draft, in the order jsonl and the xlsx give them (xlsx header in Japanese)
FIELDS = {
    "id": "ID", "document": "例規(キー)", "title": "例規名", "number": "例規番号", "provision": "条項",
    "category": "類型(slug)", "category_ja": "類型", "department": "所管課", "before": "改正前",
    "after": "改正後", "amendment": "改め文", "pattern": "用例", "note": "注記",
}


@dataclass
class Draft:
    """改正案 for one finding: the clause before and after, the 改め文, the pattern used and what
    the reviewer must still decide. ``after`` and ``amendment`` are None where no pattern fits."""
    finding: Finding
    department: str
    clause: ClauseDraft
    pattern: str | None
    note: str

    @property
    def before(self) -> str:
        return self.clause.before

    @property
    def changes(self) -> list[Change]:
        return self.clause.changes if self.pattern else []

    @property
    def after(self) -> str | None:
        return self.clause.after if self.pattern else None

    @property
    def amendment(self) -> str | None:
        return self.clause.amendment if self.pattern else None

    def as_dict(self) -> dict:
        f = self.finding
        return {"id": f.identity, "document": f.document, "title": f.title, "number": f.number,
                "provision": f.citation, "category": f.category, "category_ja": f.category_ja,
                "department": self.department, "before": self.before, "after": self.after,
                "amendment": self.amendment, "pattern": self.pattern, "note": self.note}


def _clause_provisions(store: Store, findings: list[Finding]) -> dict[str, list[tuple[str, str]]]:
    """finding identity → (path, text) of its clause in the version the latest scan read (号 with
    their own paths, so that a 改め文 can cite 第5条第1号), the paths as the document cites them."""
    run_id = store.latest_run_id()
    versions = dict(store.conn.execute(
        "SELECT finding_id, version_id FROM findings WHERE run_id=?", (run_id,)).fetchall())
    out = {}
    for f in findings:
        rows = store.conn.execute(
            "SELECT path, text FROM provisions WHERE version_id=? AND unit_path=? ORDER BY seq",
            (versions.get(f.identity, -1), f.provision)).fetchall()
        provisions = [(r["path"], r["text"]) for r in rows]
        if "\n".join(t for _, t in provisions) != f.provision_text:
            provisions = [(f.provision, f.provision_text)]      # not the text that was scanned
        # cited as the document numbers them: a 改め文 of a 要綱 says 第3第2項中
        out[f.identity] = [(cite(path, f.articles_without_jo), text) for path, text in provisions]
    return out


def _document_styles(store: Store, findings: list[Finding]) -> dict[str, HouseStyle]:
    """document key → the punctuation its latest version is written in (inserted words follow it)."""
    styles = {}
    for key in sorted({f.document for f in findings}):
        rows = store.conn.execute(
            "SELECT p.text FROM provisions p JOIN versions v ON p.version_id = v.id WHERE v.document_key=?"
            " AND v.seq=(SELECT MAX(seq) FROM versions WHERE document_key=?)", (key, key)).fetchall()
        styles[key] = HouseStyle.of("\n".join(r["text"] for r in rows))
    return styles


def _note(pattern_id: str | None, clause: ClauseDraft, category: str, patterns: PatternSet) -> str:
    if pattern_id is None:
        return NO_PATTERN_NOTE
    note = patterns.by_id(pattern_id).note
    if category in clause.shared_with:
        note += f"(この条項の「{name_ja(clause.shared_with[category])}」と同じ改正で、この類型の行為もデジタル化します)"
    return note


def revise_rows(store: Store, department: str | None = None) -> list[ReviewRow]:
    """Current findings whose own decision is 該当・見直し (of one 所管課 when given), in document order."""
    rows = [r for r in review_rows(store) if r.is_current and r.decision is not None and r.decision.is_revise]
    return [r for r in rows if department is None or department_of(r) == department]


def drafts_for(store: Store, patterns: PatternSet, department: str | None = None) -> list[Draft]:
    """One draft per finding decided 該当・見直し; a clause flagged in several categories is amended once."""
    rows = revise_rows(store, department)
    provisions = _clause_provisions(store, [r.finding for r in rows])
    styles = _document_styles(store, [r.finding for r in rows])
    clauses: dict[tuple[str, str], list[ReviewRow]] = {}
    for row in rows:
        clauses.setdefault((row.finding.document, row.finding.provision), []).append(row)
    drafted: dict[str, Draft] = {}
    for clause_rows in clauses.values():
        clause_rows.sort(key=lambda r: SLUGS.index(r.finding.category))
        first = clause_rows[0].finding
        clause = draft_clause(provisions[first.identity], [r.finding.category for r in clause_rows], patterns,
                              styles.get(first.document) or HouseStyle.of(first.provision_text))
        for row in clause_rows:
            pattern_id = clause.served[row.finding.category]
            drafted[row.finding_id] = Draft(row.finding, department_of(row), clause, pattern_id,
                                            _note(pattern_id, clause, row.finding.category, patterns))
    return [drafted[r.finding_id] for r in rows]
