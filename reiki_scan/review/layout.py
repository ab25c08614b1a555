"""The review sheet's layout (点検・見直し一覧): columns in the order of review_sheet.md, and cell text."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..findings import CONFIDENCE_LEVELS, Finding
from ..model import cite
from ..wareki import to_wareki
from .decisions import DecisionContent
from .located import Located
from .state import UNASSIGNED, ReviewRow, department_of

SHEET = "点検・見直し一覧"
SUMMARY_SHEET = "集計"
BASE_SHEET = "_出力時点"       # hidden: what each row said when exported (to tell reviewers' edits apart)
LISTS_SHEET = "_選択肢"        # hidden: the 所管課 list the dropdown reads


@dataclass(frozen=True)
class Column:
    header: str
    width: int
    editable: bool = False     # the reviewer writes it; everything else is the tool's
    locked: bool = False       # protected in the sheet: what the import relies on, or what must not look edited


COLUMNS = (
    Column("No.", 6),
    Column("例規名", 24),
    Column("例規番号", 18),
    Column("種別", 7),
    Column("条項", 14),
    Column("条文", 60),
    Column("類型", 12),
    Column("検出理由", 30),
    Column("確度", 6, locked=True),
    Column("確度の理由", 26, locked=True),
    Column("根拠", 20, editable=True),
    Column("所管課", 14, editable=True),
    Column("該非", 9, editable=True),
    Column("見直し方針", 11, editable=True),
    Column("見直し予定時期", 13, editable=True),
    Column("存置理由・備考", 30, editable=True),
    Column("判定者", 12, editable=True),
    Column("判定日", 16),
    Column("状態", 18),
    Column("ID", 18, locked=True),
)
HEADERS = tuple(c.header for c in COLUMNS)

# The decision fields the reviewer edits, by column header.
CONTENT_COLUMNS = {"applicability": "該非", "policy": "見直し方針", "schedule": "見直し予定時期",
                   "department": "所管課", "legal_basis": "根拠", "note": "存置理由・備考"}

BASE_HEADERS = ("ID", "状態", *CONTENT_COLUMNS.values(), "判定者")


def marked_text(finding: Finding, provision_text: str | None = None) -> str:
    """The provision text with the matched words in 【】 (just the sentence when the text lacks it).

    ``provision_text``: the text to show instead of the finding's own (the unit with its 号 numbered).
    """
    full = finding.provision_text if provision_text is None else provision_text
    text, offset = finding.sentence, 0
    if full and finding.sentence in full:
        text, offset = full, full.index(finding.sentence)
    spans = []
    for m in finding.matches:
        start = m.start if finding.sentence[m.start:m.end] == m.text else finding.sentence.find(m.text)
        if start >= 0 and m.text:
            spans.append((offset + start, offset + start + len(m.text)))
    out, pos = [], 0
    for start, end in sorted(spans):
        if start < pos:            # overlapping matches: one pair of brackets
            start = pos
        if start >= end:
            continue
        out += [text[pos:start], "【", text[start:end], "】"]
        pos = end
    out.append(text[pos:])
    return "".join(out)


def basis_label(legal_basis: str, municipality: str) -> str:
    """根拠 as shown: 法令に基づく(建築基準法第12条), or 町独自 when no law is cited."""
    if legal_basis:
        return f"法令に基づく({legal_basis})"
    own = municipality[-1] if municipality[-1:] in ("市", "町", "村", "区") else "団体"
    return f"{own}独自"


_CITED = re.compile(r"法令に基づく\s*[((](.+)[))]")


def parse_basis(text: str) -> str:
    """The cited law from a 根拠 cell ('' = the town's own rule), whatever way the reviewer wrote it."""
    text = text.strip()
    if not text or text.endswith("独自"):
        return ""
    cited = _CITED.fullmatch(text)
    return cited.group(1).strip() if cited else text


def shown_department(row: ReviewRow) -> str:
    """所管課 as the sheet shows it: typed in a sheet, else by the assignment rules; '' when neither."""
    department = department_of(row)
    return "" if department == UNASSIGNED else department


def shown_content(row: ReviewRow) -> DecisionContent:
    """The decision in force, or an undecided one carrying the scan's 根拠法令; with the 所管課 the row
    belongs to.

    A reworded clause's suggestion is not filled in (importing an untouched row must not turn a
    suggestion into a decision nobody made), except its 所管課: the clause still belongs to the same
    課, and the 法規担当 filters the sheet by 所管課 to hand each 課 its rows. The same goes for a 所管課
    from the assignment rules. An untouched row still imports as no change, because the sheet's export
    record holds the same 所管課.
    """
    content = row.decision.content if row.decision is not None \
        else DecisionContent(legal_basis=row.finding.legal_basis)
    return replace(content, department=shown_department(row))


CONFIDENCE_RANK = {level: i for i, level in enumerate(CONFIDENCE_LEVELS)}


def sheet_order(rows: list[ReviewRow]) -> list[ReviewRow]:
    """The rows as the sheet lists them: within each 例規, 確度 高, 中, 低, then none (a finding stored
    before 確度 existed), in document order within one 確度; the 例規 stay in the order given, and the
    rows no longer found stay after the current ones."""
    first: dict[tuple[bool, str], int] = {}
    for i, row in enumerate(rows):
        first.setdefault((row.is_current, row.finding.document), i)
    return sorted(rows, key=lambda r: (first[(r.is_current, r.finding.document)],
                                       CONFIDENCE_RANK.get(r.finding.confidence, len(CONFIDENCE_RANK))))


def row_values(number: int, row: ReviewRow, municipality: str, located: Located | None = None) -> list:
    """One sheet row; ``located`` gives the 条項 down to the 号 and the text with 号 numbers."""
    f, d = row.finding, row.decision
    c = shown_content(row)
    path, text = (located.path, located.text) if located else (f.provision, None)
    return [number, f.title, f.number, f.kind, cite(path, f.articles_without_jo), marked_text(f, text), f.category_ja,
            f"{f.rule}: {f.explanation}", f.confidence, f.confidence_reason, basis_label(c.legal_basis, municipality), c.department,
            "" if d is None else c.applicability, c.policy, c.schedule, c.note,
            d.decided_by if d else "", to_wareki(d.decided_at) if d and d.decided_at else "",
            row.status, f.identity]


def suggestion_text(row: ReviewRow) -> str:
    s = row.suggestion
    parts = [s.applicability, s.policy, s.schedule, s.department, s.note and f"備考: {s.note}"]
    return "条文が変わりました。前回の判定: " + " / ".join(p for p in parts if p)
