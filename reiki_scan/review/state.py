"""Review state (点検状況): every finding with its status and the decision in force.

This is the API the HTML report and the review sheet read. Merge rules across re-scans:

- same identity (same content) → the decision is carried over, also when the identity comes back
  after having gone;
- same document, provision and category, new sentence in the scan where the old one went →
  新規 finding with status 条文変更・要再確認 and the old decision as ``suggestion``; the provision
  is followed to its new number when the amendment moved it (renumber.py: 第5条 → 第6条);
- a finding decided 見直し that is gone after its document was amended → 撤廃済, dated by the scan
  that saw it go: it counts toward the town's goal;
- any other finding that is gone → 消滅: still a row, never dropped.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..categories import CATEGORIES
from ..findings import Finding
from ..model import same_provision
from ..store.db import Store
from .assign import assigned_departments
from .decisions import Decision, decisions_as_of, latest_decisions
from .history import ScanHistory, Stretch
from .renumber import ClauseMoves

NEW = "新規"
CONTINUED = "継続"
CHANGED = "条文変更・要再確認"
ABOLISHED = "撤廃済"
VANISHED = "消滅"
CURRENT_STATUSES = (NEW, CONTINUED, CHANGED)
STATUSES = (*CURRENT_STATUSES, ABOLISHED, VANISHED)

# review_counts keys → Japanese labels, in the order a status table shows them.
COUNT_LABELS = {
    "found": "検出(現存)",
    "new": "うち新規",
    "changed": "条文変更・要再確認",
    "undecided": "未判定",
    "not_analog": "非該当",
    "revise": "該当・見直し",
    "keep": "該当・存置",
    "considering": "該当・検討中(方針未定を含む)",
    "abolished": "撤廃済",
    "vanished": "消滅",
}

# The columns of a per-類型 / per-所管課 breakdown.
GROUP_LABELS = {"found": "検出", "undecided": "未判定", "changed": "要再確認", "not_analog": "非該当",
                "revise": "見直し", "keep": "存置", "considering": "検討中", "abolished": "撤廃済"}
UNASSIGNED = "(未割当)"
CATEGORY_ORDER = tuple(c.name_ja for c in CATEGORIES)


@dataclass
class ReviewRow:
    """One line of the review (点検・見直し一覧)."""
    finding: Finding
    status: str                             # one of STATUSES
    decision: Decision | None = None        # this finding's own decision in force
    suggestion: Decision | None = None      # decision of the clause before its change (when not decided again)
    status_run_id: int | None = None        # scan that gave the status (撤廃済/消滅: the scan that saw it go)
    status_date: str = ""                   # ISO date of that scan
    previous: Finding | None = None         # the finding the suggestion was made for
    lineage: tuple[str, ...] = ()           # identities this finding replaced, nearest first
    assigned_department: str = ""           # 所管課 of its document by the assignment rules (review assign)

    @property
    def finding_id(self) -> str:
        return self.finding.identity

    @property
    def is_current(self) -> bool:
        return self.status in CURRENT_STATUSES

    @property
    def effective(self) -> Decision | None:
        """The decision that counts: its own, or for a reworded clause the one it inherits."""
        if self.decision is not None and not self.decision.is_undecided:
            return self.decision
        return self.suggestion or self.decision

    @property
    def is_pending(self) -> bool:
        """Still needs a reviewer: current and not decided (or reworded since its decision)."""
        return self.is_current and (self.status == CHANGED or self.decision is None or self.decision.is_undecided)


class _Merge:
    """The merge rules applied to the scans up to one run."""

    def __init__(self, history: ScanHistory, decisions: dict[str, Decision], upto: int,
                 moves: ClauseMoves | None = None):
        self.history, self.decisions, self.upto, self.moves = history, decisions, upto, moves
        self.stretches = history.stretches(upto)
        occ = history.occurrences
        starting = {}
        for fid, s in self.stretches.items():
            starting.setdefault((occ[fid].document, occ[fid].category, s.start), []).append(fid)
        # A finding that went in the scan where another of its category appeared in the same
        # provision (第3条 = 第3条第1項 once a 第2項 is added) was replaced by it: the clause was reworded.
        self.predecessors: dict[str, list[str]] = {}
        for fid, s in self.stretches.items():
            if s.end < upto:
                went_to = self._went_to(fid, s.end)
                for successor in starting.get((occ[fid].document, occ[fid].category, s.end + 1), ()):
                    if same_provision(occ[successor].provision, went_to):
                        self.predecessors.setdefault(successor, []).append(fid)
        self.replaced = {p for ps in self.predecessors.values() for p in ps}
        self._inherited: dict[str, tuple[Decision, str] | None] = {}

    def _went_to(self, fid: str, last_seen: int) -> str:
        """The path of a finding's clause in the next scan: where the amendment moved it (第5条 → 第6条
        after an inserted article), else its own path."""
        occ = self.history.occurrences[fid]
        if self.moves is None:
            return occ.provision
        versions = (self.history.runs[last_seen].versions.get(occ.document),
                    self.history.runs[last_seen + 1].versions.get(occ.document))
        return self.moves.new_path(*versions, occ.provision) or occ.provision

    def own(self, fid: str) -> Decision | None:
        return self.decisions.get(fid)

    def inherited(self, fid: str) -> tuple[Decision, str] | None:
        """(decision, identity it was made for) of the nearest decided clause this one replaced."""
        if fid not in self._inherited:
            occ = self.history.occurrences
            candidates = sorted(
                self.predecessors.get(fid, ()),
                key=lambda p: (occ[p].rule != occ[fid].rule, -(self.own(p).decision_id if self.own(p) else 0)))
            found = None
            for p in candidates:
                mine = self.own(p)
                found = (mine, p) if mine and not mine.is_undecided else self.inherited(p)
                if found:
                    break
            self._inherited[fid] = found
        return self._inherited[fid]

    def lineage(self, fid: str) -> tuple[str, ...]:
        result: list[str] = []
        todo = list(self.predecessors.get(fid, ()))
        while todo:
            p = todo.pop(0)
            if p not in result:
                result.append(p)
                todo.extend(self.predecessors.get(p, ()))
        return tuple(result)

    def status(self, fid: str) -> tuple[str, int, tuple[Decision, str] | None]:
        """(status, position of the scan that gave it, inherited decision) of one identity."""
        s: Stretch = self.stretches[fid]
        own = self.own(fid)
        inherited = self.inherited(fid) if own is None or own.is_undecided else None
        if s.end < self.upto:
            effective = own if own and not own.is_undecided else (inherited[0] if inherited else None)
            amended = self.history.amended(self.history.occurrences[fid].document, s.end, s.end + 1)
            abolished = effective is not None and effective.is_revise and amended
            return (ABOLISHED if abolished else VANISHED), s.end + 1, inherited
        if inherited is not None:
            return CHANGED, s.start, inherited
        return (NEW if s.first == self.upto else CONTINUED), s.first, None

    def row(self, fid: str) -> ReviewRow:
        status, at, inherited = self.status(fid)
        suggestion, previous = (inherited[0], self.history.occurrences[inherited[1]].finding()) if inherited \
            else (None, None)
        run = self.history.runs[at]
        return ReviewRow(self.history.occurrences[fid].finding(), status, self.own(fid), suggestion, run.run_id,
                         run.date, previous, self.lineage(fid))

    def current(self) -> list[str]:
        """Identities the scan at ``upto`` saw, in document order."""
        return self.history.run_findings[self.history.runs[self.upto].run_id]

    def gone(self) -> list[str]:
        """Identities seen before but not by the scan at ``upto``, and not replaced by a reworded clause."""
        occ = self.history.occurrences
        return sorted((fid for fid, s in self.stretches.items() if s.end < self.upto and fid not in self.replaced),
                      key=lambda fid: (occ[fid].document, occ[fid].provision, fid))

    def rows(self) -> list[ReviewRow]:
        return [self.row(fid) for fid in self.current() + self.gone()]


def category_of(row: ReviewRow) -> str:
    return row.finding.category_ja


def hand_department(row: ReviewRow) -> str:
    """所管課 typed in a review sheet ('' when none): the finding's own, else that of the decision that counts
    (a reworded clause stays with the 課 of the clause it replaced)."""
    own = row.decision.department if row.decision else ""
    return own or (row.effective.department if row.effective else "")


def department_of(row: ReviewRow) -> str:
    """所管課: typed in a sheet (it wins), else its document's by the assignment rules, else (未割当)."""
    return hand_department(row) or row.assigned_department or UNASSIGNED


def review_rows(store: Store) -> list[ReviewRow]:
    """One row per finding of the latest scan run (in document order), then the findings that went."""
    history = ScanHistory(store)
    if not history.runs:
        return []
    rows = _Merge(history, latest_decisions(store), len(history.runs) - 1, ClauseMoves(store)).rows()
    assigned = assigned_departments(store)
    for row in rows:
        row.assigned_department = assigned.get(row.finding.document, "")
    return rows


def count_rows(rows: list[ReviewRow]) -> dict[str, int]:
    """The counts of COUNT_LABELS (plus applicable, pending) for a list of rows."""
    counts = dict.fromkeys(COUNT_LABELS, 0) | {"applicable": 0, "pending": 0}
    for row in rows:
        if row.status == ABOLISHED:
            counts["abolished"] += 1
            continue
        if row.status == VANISHED:
            counts["vanished"] += 1
            continue
        counts["found"] += 1
        counts["new"] += row.status == NEW
        counts["pending"] += row.is_pending
        d = row.decision
        if row.status == CHANGED:
            counts["changed"] += 1
        elif d is None or d.is_undecided:
            counts["undecided"] += 1
        elif d.applicability == "非該当":
            counts["not_analog"] += 1
        else:
            counts["applicable"] += 1
            counts[{"見直し": "revise", "存置": "keep"}.get(d.policy, "considering")] += 1
    return counts


def review_counts(store: Store) -> dict[str, int]:
    """found, new, changed, undecided, not_analog, revise, keep, considering, abolished, vanished,
    applicable (該当 in all), pending (what reviewers still have to do: undecided + changed)."""
    return count_rows(review_rows(store))


def counts_by(rows: list[ReviewRow], key, order=()) -> dict[str, dict[str, int]]:
    """count_rows per group that has rows, e.g. ``counts_by(rows, category_of)``: the names in
    ``order`` first (the categories table, the workspace's 所管課 list), then the rest by name."""
    groups: dict[str, list[ReviewRow]] = {}
    for row in rows:
        groups.setdefault(key(row), []).append(row)
    rank = {name: i for i, name in enumerate(order)}
    names = sorted(groups, key=lambda name: (rank.get(name, len(rank)), name))
    return {name: count_rows(groups[name]) for name in names}


def progress_history(store: Store) -> list[dict]:
    """Per scan run, oldest first: run_id, date, documents (例規 the run covered), carried (of them, kept
    from the run before without scanning: unchanged text, same rules and model), found, revise (current
    and decided 見直し) and abolished (撤廃済 up to that scan).

    見直し予定 counts the decisions in force until the next scan (decisions are append-only, so the
    past can be replayed): a decision taken today does not raise an old point of the burn-up chart.
    撤廃済 is dated by the scan that saw the wording go, whenever the 見直し decision was recorded.
    """
    history = ScanHistory(store)
    decisions = latest_decisions(store)
    moves = ClauseMoves(store)
    result = []
    for i, run in enumerate(history.runs):
        merge = _Merge(history, decisions, i, moves)
        current = merge.current()
        in_force = (decisions if i + 1 == len(history.runs)
                    else decisions_as_of(store, history.runs[i + 1].started_at))
        revise = sum(1 for fid in current if fid in in_force and in_force[fid].is_revise)
        abolished = sum(1 for fid in merge.gone() if merge.status(fid)[0] == ABOLISHED)
        result.append({"run_id": run.run_id, "date": run.date, "documents": len(run.versions), "carried": run.carried,
                       "found": len(current), "revise": revise, "abolished": abolished})
    return result


def changes_since_last_scan(store: Store) -> dict:
    """What the latest scan changed: run_id, previous_run_id, and lists of ReviewRow
    new / changed (要再確認) / abolished / vanished, plus document keys amended_documents
    (scanned by both runs, different version) and added_documents (not scanned before)."""
    history = ScanHistory(store)
    if not history.runs:
        return {"run_id": None, "previous_run_id": None, "new": [], "changed": [], "abolished": [],
                "vanished": [], "amended_documents": [], "added_documents": []}
    rows = _Merge(history, latest_decisions(store), len(history.runs) - 1, ClauseMoves(store)).rows()
    last = history.runs[-1]
    before = history.runs[-2] if len(history.runs) > 1 else None

    def of_last(status):
        return [r for r in rows if r.status == status and r.status_run_id == last.run_id]

    old = before.versions if before else {}
    return {
        "run_id": last.run_id,
        "previous_run_id": before.run_id if before else None,
        "new": of_last(NEW),
        "changed": of_last(CHANGED),
        "abolished": of_last(ABOLISHED),
        "vanished": of_last(VANISHED),
        "amended_documents": sorted(k for k, v in last.versions.items() if k in old and old[k] != v),
        "added_documents": sorted(k for k in last.versions if before and k not in old),
    }
