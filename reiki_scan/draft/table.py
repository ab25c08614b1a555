"""新旧対照表 (.docx): per 例規, a two-column table 改正後 | 改正前 with the changed words underlined,
then the 改め文; the town's name and the 和暦 date at the top; A4 portrait, 明朝.

The layout follows the tables 法規担当 send to the 例規審査 and the 議会: the new wording on the
left, the old on the right, a clause's other paragraphs shown as (略), 傍線 under what changes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from io import BytesIO
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from ..review.located import item_label
from ..wareki import to_wareki
from ..workspace import atomic_write_bytes
from .amend import Change
from .build import Draft

TABLE_NAME = "新旧対照表.docx"
FONT = "ＭＳ 明朝"
HEADERS = ("改正後", "改正前")
#: 第2条第3項, or 第2第3項 in a 要綱 numbered without 条 (not 附則第3項: a paragraph of no article)
_PARAGRAPH = re.compile(r"^(.*?第\d+条?(?:の\d+)*)第(\d+)項$")


@dataclass
class _Clause:
    """One changed clause of a document: its 見出し and (label, old text, new text) lines."""
    heading: str
    lines: list[tuple[str, str, str]]      # (label, old, new)
    changes: dict[int, list[Change]]       # line index → the changes cited at its provision


def clause_lines(provisions: list[tuple[str, str]], before: str, after: str) -> list[tuple[str, str, str]]:
    """(label, old, new) per line of the clause as 法規担当 print it: 第2条 (略) / 2 …, items 一 …"""
    olds, news = before.split("\n"), after.split("\n")
    out = []
    for (path, _), old, new in zip(provisions, olds, news):
        label = item_label(path)
        if not label:
            m = _PARAGRAPH.match(path)
            if m and m.group(2) != "1":
                out.append((f"{m.group(1)}", "(略)", "(略)"))
                label = m.group(2)
            else:
                label = m.group(1) if m else path
        out.append((label, old, new))
    return out


def _core(a: str, b: str) -> tuple[int, int]:
    """(prefix, suffix) lengths that 「a」 and 「b」 share: the words around the change itself."""
    prefix = 0
    while prefix < min(len(a), len(b)) and a[prefix] == b[prefix]:
        prefix += 1
    suffix = 0
    while suffix < min(len(a), len(b)) - prefix and a[-1 - suffix] == b[-1 - suffix]:
        suffix += 1
    return prefix, suffix


def _pieces(text: str, spans: list[tuple[int, int]]) -> list[tuple[str, bool]]:
    out, last = [], 0
    for start, end in sorted(spans):
        out += [(text[last:start], False), (text[start:end], True)]
        last = end
    return [p for p in out + [(text[last:], False)] if p[0]]


def underlined(old: str, changes: list[Change]) -> tuple[list[tuple[str, bool]], list[tuple[str, bool]]]:
    """(text, underlined) pieces of one line before and after its changes. The changed words are
    underlined in both columns; where words are only inserted (or only deleted), the quoted 「A」
    (or 「B」) of the 改め文 is underlined on the side that has nothing of its own to mark."""
    placed = sorted((old.index(c.old), c) for c in changes if c.old in old)
    old_spans, new_spans, new, last = [], [], "", 0
    for at, change in placed:
        new += old[last:at]
        prefix, suffix = _core(change.old, change.new)
        core_old = (at + prefix, at + len(change.old) - suffix)
        core_new = (len(new) + prefix, len(new) + len(change.new) - suffix)
        old_spans.append(core_old if core_old[1] > core_old[0] else (at, at + len(change.old)))
        new_spans.append(core_new if core_new[1] > core_new[0] else (len(new), len(new) + len(change.new)))
        new += change.new
        last = at + len(change.old)
    new += old[last:]
    return _pieces(old, old_spans), _pieces(new, new_spans)


def _font(run, size: float = 10.5) -> None:
    run.font.name = FONT
    run.font.size = Pt(size)
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)


def _paragraph(container, text: str = "", size: float = 10.5, bold: bool = False, align=None):
    paragraph = container.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    if text:
        run = paragraph.add_run(text)
        run.bold = bold
        _font(run, size)
    return paragraph


def _cell_line(cell, label: str, pieces: list[tuple[str, bool]], first: bool) -> None:
    paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
    run = paragraph.add_run(f"{label} " if label else "")
    _font(run)
    for text, underlined in pieces:
        run = paragraph.add_run(text)
        run.underline = underlined
        _font(run)


def _clauses(drafts: list[Draft]) -> list[_Clause]:
    seen: dict[str, _Clause] = {}
    for d in drafts:
        if d.pattern is None or d.finding.provision in seen:
            continue
        heading = d.finding.details.get("heading", "") if isinstance(d.finding.details, dict) else ""
        lines = clause_lines(d.clause.provisions, d.before, d.after)
        paths = [p for p, _ in d.clause.provisions]
        changes = {}
        for i, (label, old, _) in enumerate(lines):
            if old != "(略)":
                path = paths[sum(1 for _, o, _ in lines[:i] if o != "(略)")]
                changes[i] = [c for c in d.changes if c.path == path]
        seen[d.finding.provision] = _Clause(heading, lines, changes)
    return list(seen.values())


def _document_section(doc, title: str, number: str, drafts: list[Draft]) -> None:
    _paragraph(doc, f"○{title}" + (f"({number})" if number else ""), size=12, bold=True)
    clauses = _clauses(drafts)
    if clauses:
        _paragraph(doc, "(傍線部分は改正部分)", size=9, align=WD_ALIGN_PARAGRAPH.RIGHT)
        table = doc.add_table(rows=1, cols=2)
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for cell, header in zip(table.rows[0].cells, HEADERS):
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
            _font(cell.paragraphs[0].add_run(header))
        for clause in clauses:
            after_cell, before_cell = table.add_row().cells
            if clause.heading:
                _cell_line(after_cell, "", [(clause.heading, False)], True)
                _cell_line(before_cell, "", [(clause.heading, False)], True)
            for i, (label, old, new) in enumerate(clause.lines):
                old_runs, new_runs = underlined(old, clause.changes.get(i, []))
                first = i == 0 and not clause.heading
                _cell_line(after_cell, label, new_runs, first)
                _cell_line(before_cell, label, old_runs, first)
        _paragraph(doc, "改め文(案)", bold=True)
        _paragraph(doc, f"{title}" + (f"({number})" if number else "") + "の一部を次のように改正する。")
        sentences = dict.fromkeys(s for d in drafts if d.amendment for s in d.amendment.split("\n"))
        for sentence in sentences:
            _paragraph(doc, sentence)
    manual = [d for d in drafts if d.pattern is None]
    if manual:
        _paragraph(doc, "用例なし(手で起案してください): "
                   + "、".join(f"{d.finding.citation}({d.finding.category_ja})" for d in manual), size=9)


def table_document(drafts: list[Draft], municipality: str, today: date):
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(20)
    section.top_margin = section.bottom_margin = Mm(20)
    _paragraph(doc, f"{municipality}  {to_wareki(today)}", align=WD_ALIGN_PARAGRAPH.RIGHT)
    _paragraph(doc, "アナログ規制の見直しに係る新旧対照表(案)", size=14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    documents: dict[str, list[Draft]] = {}
    for d in drafts:
        documents.setdefault(d.finding.document, []).append(d)
    for items in documents.values():
        _document_section(doc, items[0].finding.title, items[0].finding.number, items)
    return doc


def write_table(drafts: list[Draft], out_dir: Path, municipality: str, today: date) -> Path:
    path = Path(out_dir) / TABLE_NAME
    buffer = BytesIO()
    table_document(drafts, municipality, today).save(buffer)
    atomic_write_bytes(path, buffer.getvalue())
    return path
