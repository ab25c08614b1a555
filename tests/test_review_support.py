"""A small town for review tests: documents we amend, scanned by a keyword stand-in for the rule engine.

The findings go through the real store path (Store.save_ordinance, Store.record_scan); only the
detection is simplified, because the review does not care how a finding was found.
"""

from __future__ import annotations

from reiki_scan.findings import Finding, Match
from reiki_scan.model import Ordinance, Provision
from reiki_scan.store.db import Store, now_iso

# keyword → (category, rule)
KEYWORDS = {"掲示": ("posting", "PST001"), "立入検査": ("onsite_audit", "AUD001"), "常駐": ("resident_dedicated", "RES001")}


class Town:
    """Documents as {key: {provision path: sentence}}; scan() records one scan run."""

    def __init__(self, store: Store):
        self.store = store
        self.documents: dict[str, dict[str, str]] = {}

    def write(self, key: str, provisions: dict[str, str]) -> None:
        self.documents[key] = dict(provisions)

    def ordinance(self, key: str) -> Ordinance:
        return Ordinance(key, f"{key}条例", number=f"令和元年条例第{len(key)}号", kind="条例",
                         provisions=[Provision(path, text) for path, text in self.documents[key].items()])

    def findings(self, key: str) -> list[Finding]:
        ordinance = self.ordinance(key)
        found = []
        for p in ordinance.provisions:
            for word, (category, rule) in KEYWORDS.items():
                start = p.text.find(word)
                if start >= 0:
                    found.append(Finding(key, ordinance.title, ordinance.number, p.path, category, rule, p.text,
                                         f"「{word}」を求めている", [Match(word, start, start + len(word))],
                                         legal_basis="建築基準法第12条" if "法" in p.text else "",
                                         provision_text=p.text, kind="条例"))
        return found

    def scan(self) -> int:
        versions, findings = {}, []
        for key in sorted(self.documents):
            _, versions[key] = self.store.save_ordinance(self.ordinance(key))
            findings += self.findings(key)
        return self.store.record_scan(findings, versions, "keyword stand-in", "test", now_iso())


def identity(town: Town, key: str, path: str, category: str = "posting") -> str:
    for f in town.findings(key):
        if f.provision == path and f.category == category:
            return f.identity
    raise KeyError((key, path, category))


def fill(path, edits: dict[str, dict[str, str]], out=None) -> None:
    """Write values into the review sheet as a reviewer would: {finding id: {column header: value}}."""
    from openpyxl import load_workbook
    wb = load_workbook(path)
    sheet = wb["点検・見直し一覧"]
    columns = {c.value: c.column for c in sheet[1]}
    for r in range(2, sheet.max_row + 1):
        for header, value in edits.get(sheet.cell(r, columns["ID"]).value, {}).items():
            sheet.cell(r, columns[header]).value = value
    wb.save(out or path)


def sheet_rows(path) -> list[dict]:
    from openpyxl import load_workbook
    sheet = load_workbook(path)["点検・見直し一覧"]
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], r)) for r in rows[1:]]
