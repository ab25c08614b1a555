"""Several filled review sheets imported as one batch: the 照会 answers coming back from the 課.

Every sheet is checked first (xlsx_import.plan_import); then the decisions of all of them are appended
in one transaction, or none is. A finding decided the same way in two sheets (a copy sent back twice)
is taken once; decided differently, it is a conflict that names both sheets, rows and values, and
nothing is imported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..store.db import Store
from .decisions import Decision, record_decisions
from .layout import CONTENT_COLUMNS
from .state import review_rows
from .xlsx_import import Change, ImportPlan, SheetError, plan_import


@dataclass
class SheetChange:
    sheet: str            # the sheet's name as shown to the user
    change: Change


@dataclass
class BatchPlan:
    changes: list[SheetChange] = field(default_factory=list)     # one per finding
    duplicates: int = 0          # the same decision in another sheet as well: taken once
    unchanged: int = 0
    skipped: list[str] = field(default_factory=list)
    reminders: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)        # wrong rows, and conflicts between sheets
    unreadable: list[str] = field(default_factory=list)    # files that are not a review sheet at all
    sheets: int = 0

    @property
    def problems(self) -> list[str]:
        return self.unreadable + self.errors


def _names(paths: list[Path]) -> dict[Path, str]:
    """How each sheet is named in messages: its file name, or the path as given when two names coincide."""
    names = [p.name for p in paths]
    return {p: (p.name if names.count(p.name) == 1 else str(p)) for p in paths}


def _values(change: Change, keys) -> str:
    return "、".join(f"{CONTENT_COLUMNS[k]} {getattr(change.after, k) or '(空欄)'}" for k in keys)


def _conflict(first: SheetChange, second: SheetChange) -> str:
    f = first.change.finding.finding
    keys = [k for k in CONTENT_COLUMNS if getattr(first.change.after, k) != getattr(second.change.after, k)]
    return (f"{f.title} {f.citation}({f.category_ja})の判定が食い違っています: "
            f"{first.sheet} {first.change.row}行目({_values(first.change, keys)})と "
            f"{second.sheet} {second.change.row}行目({_values(second.change, keys)})。"
            "どちらかに揃えてから、まとめて取り込み直してください")


def plan_batch(paths: list[Path], store: Store, departments: list[str], reviewer: str = "") -> BatchPlan:
    """Read and check every sheet and compare them with each other; nothing is written."""
    unique = list({Path(p).resolve(): Path(p) for p in paths}.values())
    names = _names(unique)
    several = len(unique) > 1
    rows = review_rows(store)
    batch = BatchPlan(sheets=len(unique))
    chosen: dict[str, SheetChange] = {}
    for path in unique:
        name = names[path]
        prefix = f"{name}: " if several else ""
        try:
            plan: ImportPlan = plan_import(path, store, departments, reviewer, rows=rows)
        except SheetError as exc:
            batch.unreadable.append(str(exc) if str(path) in str(exc) or not several else prefix + str(exc))
            continue
        batch.errors += [prefix + m for m in plan.errors]
        batch.skipped += [prefix + m for m in plan.skipped]
        batch.reminders += [prefix + m for m in plan.reminders]
        batch.unchanged += plan.unchanged
        for change in plan.changes:
            mine = SheetChange(name, change)
            other = chosen.get(change.finding.finding_id)
            if other is None:
                chosen[change.finding.finding_id] = mine
            elif other.change.after != change.after:
                batch.errors.append(_conflict(other, mine))
            else:
                batch.duplicates += 1
                if change.department and not other.change.department:     # the copy where the 課 was typed
                    chosen[change.finding.finding_id] = mine
    batch.changes = list(chosen.values())
    return batch


def apply_batch(store: Store, batch: BatchPlan) -> list[Decision]:
    """Append the decisions of every sheet in one transaction; each records the sheet it came from."""
    if batch.problems:
        raise SheetError("誤りのある判定表は取り込めません")
    return record_decisions(store, [c.change.decision(source=c.sheet) for c in batch.changes])
