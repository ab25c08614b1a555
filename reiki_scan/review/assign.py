"""所管課の割り当て (assignment): which 課 a 例規 belongs to, by the rules in reiki-scan.yaml.

A rule looks at what the 例規集 says of a document: 例規名, 体系 (when the crawl recorded it), 例規番号.
The result is stored per document (table assignments), so that every finding of the document, also
one a later scan adds, has that 課 without anyone running assign again; and a rule that matched any
version of the document still counts, so that an amendment renaming the 例規 does not lose its 課.
A 所管課 typed in a review sheet is part of a decision and wins over the rule (state.department_of).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..store.db import Store, now_iso
from ..workspace import ASSIGN_CONDITIONS


def _plain(text: str) -> str:
    """NFKC without spaces: 第１号 and 第1号, 職員 and 職 員 are the same words to a clerk."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))


@dataclass(frozen=True)
class AssignmentRule:
    """One rule of ``assign:`` in the settings file: the documents whose fields contain the words."""
    position: int                                  # 1, 2, … as listed in the settings file
    department: str
    conditions: tuple[tuple[str, tuple[str, ...]], ...]    # (title / taxonomy / number, words: any of them)

    def matches(self, fields: dict[str, str]) -> bool:
        return all(any(_plain(word) in _plain(fields.get(key, "")) for word in words)
                   for key, words in self.conditions)

    def describe(self) -> str:
        """2番目の規則(例規名に「職員」か「服務」)."""
        parts = [f"{ASSIGN_CONDITIONS[key]}に" + "か".join(f"「{w}」" for w in words) for key, words in self.conditions]
        return f"{self.position}番目の規則({'、'.join(parts)})"


def rules_from_config(config: dict) -> list[AssignmentRule]:
    """The rules of the settings file (already checked by workspace.checked_config), in order."""
    return [AssignmentRule(n, rule["department"],
                           tuple((key, tuple(rule[key])) for key in ASSIGN_CONDITIONS if key in rule))
            for n, rule in enumerate(config.get("assign") or [], start=1)]


@dataclass(frozen=True)
class Assignment:
    """A document's 所管課 as stored (before) and as the rules give it now (after)."""
    document: str
    title: str
    number: str
    before: str          # '' = none
    after: str           # '' = no rule matches any version
    rule: str = ""       # the rule that gave ``after``

    @property
    def changes(self) -> bool:
        return self.before != self.after


def assigned_departments(store: Store) -> dict[str, str]:
    """document key → 所管課 in force by the assignment rules (documents without one are left out)."""
    rows = store.conn.execute(
        "SELECT a.document_key, a.department FROM assignments a JOIN (SELECT document_key, MAX(id) AS id"
        " FROM assignments GROUP BY document_key) m ON a.id = m.id").fetchall()
    return {key: department for key, department in rows if department}


def plan_assignments(store: Store, rules: list[AssignmentRule]) -> list[Assignment]:
    """Every document of the corpus with its 所管課 before and after applying ``rules``; nothing is written.

    The newest version that some rule matches decides, and within it the first rule listed.
    """
    before = assigned_departments(store)
    versions: dict[str, list] = {}
    for row in store.conn.execute("SELECT document_key, title, number, taxonomy FROM versions"
                                  " ORDER BY document_key, seq DESC"):
        versions.setdefault(row["document_key"], []).append(row)
    plan = []
    for key, history in versions.items():
        after, rule = "", ""
        for version in history:
            fields = {name: version[name] for name in ASSIGN_CONDITIONS}
            found = next((r for r in rules if r.matches(fields)), None)
            if found is not None:
                after, rule = found.department, found.describe()
                break
        plan.append(Assignment(key, history[0]["title"], history[0]["number"], before.get(key, ""), after, rule))
    return plan


def record_assignments(store: Store, plan: list[Assignment]) -> int:
    """Store the assignments that change, in one transaction; returns how many."""
    changed = [a for a in plan if a.changes]
    stamp = now_iso()
    with store.transaction() as conn:
        conn.executemany("INSERT INTO assignments (document_key, department, rule, assigned_at) VALUES (?,?,?,?)",
                         [(a.document, a.after, a.rule, stamp) for a in changed])
    return len(changed)
