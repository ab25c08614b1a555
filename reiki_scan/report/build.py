"""Fill the report view model from the store, through the review state (review/state.py)."""

from __future__ import annotations

from datetime import date

from ..categories import CATEGORIES
from ..findings import CONFIDENCE_LEVELS
from ..review.by_department import department_progress
from ..review.located import locate_all
from ..review.state import UNASSIGNED, changes_since_last_scan, progress_history, review_counts, review_rows
from ..wareki import to_wareki
from .data import (NATIONAL_LAW, OWN_RULE, AmendedDocument, Changes, FindingView, HistoryPoint, InquiryRow, Report,
                   Settings, breakdown, finding_view, pace, safe_link)
from .svg import burn_up


def _changes(store, views: dict[str, FindingView], documents: dict) -> Changes:
    changes = changes_since_last_scan(store)

    def listed(key: str) -> list[FindingView]:
        return [views[row.finding_id] for row in changes[key]]

    amended = [AmendedDocument(documents[key]["title"], documents[key]["number"],
                               safe_link(documents[key]["source_url"]))
               for key in changes["amended_documents"]]
    return Changes(listed("new"), listed("changed"), listed("abolished"), listed("vanished"), amended)


def build_report(store, settings: Settings, today: date) -> Report:
    """Everything the page shows, read from the store through the review state."""
    documents = {row["document_key"]: row for row in store.latest_versions()}
    urls = {key: row["source_url"] for key, row in documents.items()}
    rows = review_rows(store)
    located = locate_all(store, [row.finding for row in rows])
    findings = [finding_view(row, urls, located[row.finding_id].path) for row in rows]
    history = [HistoryPoint(date.fromisoformat(h["date"][:10]), to_wareki(h["date"]), h["found"],
                            h["revise"], h["abolished"], h["documents"], h["carried"]) for h in progress_history(store)]
    counts = review_counts(store)
    return Report(
        settings=settings, today=today, counts=counts,
        pace=pace(counts["abolished"], settings.target, settings.deadline, today),
        history=history,
        chart=burn_up([vars(h) for h in history], settings.target, settings.deadline),
        by_category=breakdown(findings, lambda f: f.category_ja, [c.name_ja for c in CATEGORIES]),
        by_department=breakdown(findings, lambda f: f.department, settings.departments + [UNASSIGNED]),
        by_basis=breakdown(findings, lambda f: f.basis, [NATIONAL_LAW, OWN_RULE]),
        changes=_changes(store, {f.id: f for f in findings}, documents), findings=findings,
        # 未設定 (a finding stored before 確度 existed) gets a row only when there is one
        by_confidence=breakdown(findings, lambda f: f.confidence, list(CONFIDENCE_LEVELS)),
        inquiry=[InquiryRow(p.department, p.found, p.undecided, p.changed, p.decided, p.owing,
                            to_wareki(p.last_import) if p.last_import else "")
                 for p in department_progress(rows, settings.departments)])
