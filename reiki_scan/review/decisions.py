"""Decision (判定): what a 所管課 decided about one finding. Append-only; the latest row wins."""

from __future__ import annotations

from dataclasses import astuple, dataclass, fields

from ..store.db import Store, now_iso

APPLICABILITY = ("該当", "非該当", "未判定")     # 該非
POLICIES = ("見直し", "存置", "検討中")           # 見直し方針, only when 該当
UNDECIDED = "未判定"


@dataclass(frozen=True)
class DecisionContent:
    """The part of a decision a reviewer writes; two decisions with equal content are the same."""
    applicability: str = UNDECIDED
    policy: str = ""
    schedule: str = ""
    department: str = ""
    legal_basis: str = ""
    note: str = ""


@dataclass
class Decision:
    """判定: 該非, 見直し方針, 見直し予定時期, 所管課, 根拠, 存置理由・備考, 判定者, 判定日."""
    finding_id: str
    applicability: str
    policy: str = ""
    schedule: str = ""
    department: str = ""
    legal_basis: str = ""
    note: str = ""
    decided_by: str = ""
    decided_at: str = ""
    decision_id: int = 0       # row id in the decisions table; 0 = not stored yet
    source: str = ""           # where it came from, e.g. the imported sheet's name

    @property
    def content(self) -> DecisionContent:
        return DecisionContent(*(getattr(self, f.name) for f in fields(DecisionContent)))

    @property
    def is_revise(self) -> bool:
        """該当・見直し: the town plans to revise; counts toward the goal once the wording is gone."""
        return self.applicability == "該当" and self.policy == "見直し"

    @property
    def is_undecided(self) -> bool:
        return self.applicability == UNDECIDED


def content_problems(content: DecisionContent) -> list[tuple[str, str]]:
    """(column, message) for each rule the content breaks; [] when it can be stored."""
    problems = []
    if content.applicability not in APPLICABILITY:
        problems.append(("該非", f"「{content.applicability}」は選べません({' / '.join(APPLICABILITY)} のいずれか)"))
    if content.policy and content.policy not in POLICIES:
        problems.append(("見直し方針", f"「{content.policy}」は選べません({' / '.join(POLICIES)} のいずれか)"))
    elif content.policy and content.applicability != "該当":
        problems.append(("見直し方針", f"該非が「該当」でないのに見直し方針「{content.policy}」が入っています"))
    if content.policy == "存置" and not content.note:
        problems.append(("存置理由・備考", "存置とする場合は理由を書いてください"))
    return problems


def record_decisions(store: Store, decisions: list[Decision], source: str = "") -> list[Decision]:
    """Append decisions in one transaction (all or none); returns them with id and time filled.

    ``source`` is recorded for the decisions that do not name their own.
    """
    stamped = []
    with store.transaction() as conn:
        for d in decisions:
            problems = content_problems(d.content)
            if problems:
                raise ValueError(f"判定 {d.finding_id}: {problems[0][0]} {problems[0][1]}")
            decided_at = d.decided_at or now_iso()
            cur = conn.execute(
                "INSERT INTO decisions (finding_id, applicability, policy, schedule, department, legal_basis,"
                " note, decided_by, decided_at, source) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (*astuple(d)[:8], decided_at, d.source or source))
            stamped.append(Decision(*astuple(d)[:8], decided_at=decided_at, decision_id=cur.lastrowid,
                                    source=d.source or source))
    return stamped


def _decision(row) -> Decision:
    return Decision(row["finding_id"], row["applicability"], row["policy"], row["schedule"], row["department"],
                    row["legal_basis"], row["note"], row["decided_by"], row["decided_at"], row["id"], row["source"])


def latest_decisions(store: Store) -> dict[str, Decision]:
    """finding identity → the decision in force (the newest row)."""
    rows = store.conn.execute(
        "SELECT d.* FROM decisions d JOIN (SELECT finding_id, MAX(id) AS id FROM decisions GROUP BY finding_id) m"
        " ON d.id = m.id").fetchall()
    return {r["finding_id"]: _decision(r) for r in rows}


def decisions_as_of(store: Store, timestamp: str) -> dict[str, Decision]:
    """finding identity → the decision in force at ``timestamp`` (ISO, to the second: a decision taken
    in the same second as a scan started counts as before it)."""
    rows = store.conn.execute(
        "SELECT d.* FROM decisions d JOIN (SELECT finding_id, MAX(id) AS id FROM decisions"
        " WHERE decided_at <= ? GROUP BY finding_id) m ON d.id = m.id", (timestamp,)).fetchall()
    return {r["finding_id"]: _decision(r) for r in rows}


def decision_history(store: Store, finding_id: str) -> list[Decision]:
    """Every decision ever recorded for one finding, oldest first (who, when, what)."""
    rows = store.conn.execute("SELECT * FROM decisions WHERE finding_id=? ORDER BY id", (finding_id,)).fetchall()
    return [_decision(r) for r in rows]
