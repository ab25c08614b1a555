"""summary.xlsx (集計表): the report's counts and breakdowns for staff who paste them into 本部資料."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from ..review.xlsx import put
from ..workspace import atomic_write_bytes
from .data import BUCKETS, CONFIDENCE_NOTE, HISTORY_COLUMNS, BreakdownRow, Report

SUMMARY_NAME = "summary.xlsx"
COUNT_LABELS = (("found", "検出(現存)"), ("abolished", "撤廃済"), ("revise", "見直し予定"), ("considering", "検討中"),
                ("keep", "存置"), ("not_analog", "非該当"), ("undecided", "未判定"), ("changed", "要再確認"))


def _append(sheet, values: list) -> None:
    sheet.append(values)
    for cell in sheet[sheet.max_row]:
        put(cell, cell.value)   # a department or town name typed as "=…" stays text, never a formula


def _header(sheet, values: list[str], widths: list[int]) -> None:
    _append(sheet, values)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.freeze_panes = "A2"


def _breakdown_sheet(book: Workbook, title: str, first_column: str, rows: list[BreakdownRow]) -> None:
    sheet = book.create_sheet(title)
    _header(sheet, [first_column, "検出(現存)", *BUCKETS], [22] + [10] * (len(BUCKETS) + 1))
    for row in rows:
        _append(sheet, [row.label, row.total, *(row.counts[b] for b in BUCKETS)])


def _history_sheet(book: Workbook, report: Report) -> None:
    """推移: one row per scan, as in the page's history table (うち引継ぎ: carried over unchanged, not re-scanned)."""
    sheet = book.create_sheet("推移")
    _header(sheet, list(HISTORY_COLUMNS), [16] + [10] * (len(HISTORY_COLUMNS) - 1))
    for h in report.history:
        _append(sheet, [h.date_wareki, h.documents, h.carried, h.found, h.revise, h.abolished])


def summary_workbook(report: Report) -> Workbook:
    book = Workbook()
    sheet = book.active
    sheet.title = "集計"
    s, p = report.settings, report.pace
    _header(sheet, ["項目", "値"], [24, 40])
    for label, value in (("自治体", s.municipality), ("作成日", report.today_wareki),
                         ("目標(撤廃件数)", s.target), ("期限", f"{p.deadline_label}({p.deadline_wareki})"),
                         ("期限までの日数", p.days_left), ("必要なペース(件/月)", p.per_month),
                         ("達成率(%)", round(report.percent, 1))):
        _append(sheet, [label, value])
    for key, label in COUNT_LABELS:
        _append(sheet, [label, report.counts[key]])
    _breakdown_sheet(book, "類型別", "類型", report.by_category)
    _breakdown_sheet(book, "所管課別", "所管課", report.by_department)
    _breakdown_sheet(book, "根拠別", "根拠", report.by_basis)
    _breakdown_sheet(book, "確度別", "確度", report.by_confidence)
    _append(book["確度別"], [])
    _append(book["確度別"], [CONFIDENCE_NOTE])
    _history_sheet(book, report)
    return book


def write_summary(report: Report, out_dir: Path) -> Path:
    path = Path(out_dir) / SUMMARY_NAME
    buffer = BytesIO()
    summary_workbook(report).save(buffer)
    atomic_write_bytes(path, buffer.getvalue())
    return path
