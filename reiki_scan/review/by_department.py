"""照会 to the 所管課: the rows of each 課, the workbook each 課 is sent, and which 課 still owe answers.

The 推進部門 sends each 課 the list of its own clauses and follows up on the 課 that have not answered;
the 課 of a row is state.department_of (typed in a sheet, else by the assignment rules).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from .state import UNASSIGNED, ReviewRow, count_rows, department_of

UNASSIGNED_FILE = "未割当"


def group_rows(rows: list[ReviewRow], departments: list[str]) -> dict[str, list[ReviewRow]]:
    """所管課 → its rows, for the 課 that have rows: the configured order first, then the rest by name
    (as state.counts_by orders them)."""
    groups: dict[str, list[ReviewRow]] = {}
    for row in rows:
        groups.setdefault(department_of(row), []).append(row)
    rank = {name: i for i, name in enumerate(departments)}
    return {name: groups[name] for name in sorted(groups, key=lambda name: (rank.get(name, len(rank)), name))}


def sheet_file_name(department: str) -> str:
    """総務課 → 総務課.xlsx, (未割当) → 未割当.xlsx; a character no file name may hold becomes _."""
    name = UNASSIGNED_FILE if department == UNASSIGNED else department
    return (re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", name).strip(" .") or "_") + ".xlsx"


@dataclass
class DepartmentSheet:
    """The workbook one 課 is sent."""
    department: str
    file_name: str
    rows: list[ReviewRow]        # the rows it lists: all of the 課's, or those still to decide
    counted: list[ReviewRow]     # all rows of the 課, for its 集計


def department_sheets(rows: list[ReviewRow], departments: list[str], only_pending: bool = False) \
        -> list[DepartmentSheet]:
    """A sheet for every 課 with something to answer: a current finding (only_pending: one still to decide).
    A 課 whose findings have all gone (撤廃済 / 消滅) is not sent a sheet."""
    sheets = []
    for name, members in group_rows(rows, departments).items():
        chosen = [r for r in members if r.is_pending] if only_pending else members
        if any(r.is_current for r in chosen):
            sheets.append(DepartmentSheet(name, sheet_file_name(name), chosen, members))
    return sheets


@dataclass
class DepartmentProgress:
    """Where one 課 stands (照会の回答状況): 検出 = 未判定 + 要再確認 + 判定済."""
    department: str
    found: int            # current findings (検出(現存))
    undecided: int        # 未判定
    changed: int          # 条文変更・要再確認
    decided: int          # 非該当 or 該当 (with or without a policy)
    last_import: str      # ISO date the newest decision of its rows was recorded ('' = none yet)

    @property
    def owing(self) -> int:
        """Answers still owed: 未判定 + 要再確認."""
        return self.undecided + self.changed

    def to_dict(self) -> dict:
        return asdict(self) | {"owing": self.owing}


def department_progress(rows: list[ReviewRow], departments: list[str]) -> list[DepartmentProgress]:
    """Per 所管課 with rows, the 課 that owe answers first (most owed first), then the others; the
    configured order among equals. The counts are state.count_rows' for the 課's rows."""
    progress = []
    for name, members in group_rows(rows, departments).items():
        counts = count_rows(members)
        dates = [r.decision.decided_at for r in members if r.decision is not None and r.decision.decided_at]
        progress.append(DepartmentProgress(name, counts["found"], counts["undecided"], counts["changed"],
                                           counts["not_analog"] + counts["applicable"],
                                           max(dates)[:10] if dates else ""))
    return sorted(progress, key=lambda p: (p.owing == 0, -p.owing))
