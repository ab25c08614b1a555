"""The review sheet as an Excel file: export here, import in xlsx_import.py.

The database is the truth; the sheet is a view reviewers fill in. The export remembers, in a
hidden sheet, what every row said when it was written, so that an import can tell a reviewer's
edit from a row nobody touched (and a decision someone else made in the meantime is not undone).
"""

from __future__ import annotations

import io
import math
import unicodedata
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from ..store.db import Store
from ..wareki import to_wareki
from ..workspace import atomic_write_bytes
from .decisions import APPLICABILITY, POLICIES
from .layout import (BASE_HEADERS, BASE_SHEET, COLUMNS, CONTENT_COLUMNS, HEADERS, LISTS_SHEET, SHEET, SUMMARY_SHEET,
                     row_values, sheet_order, shown_content, suggestion_text)
from .located import Located, locate_all
from .state import (CATEGORY_ORDER, CHANGED, COUNT_LABELS, GROUP_LABELS, ReviewRow, category_of, count_rows, counts_by,
                    department_of, review_rows)

# A spreadsheet reads text that starts with these as a formula (CSV/formula injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


# Excel refuses a cell longer than this; a long 別表 is cut with a note rather than break the file.
CELL_LIMIT = 32767
CUT_NOTE = "…(長いため以下省略)"


def put(cell, value) -> None:
    """Write a value; text that a spreadsheet would run as a formula stays text.

    Control characters (a form feed from a PDF) are not allowed in xlsx and are dropped.
    """
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        if len(value) > CELL_LIMIT:
            value = value[:CELL_LIMIT - len(CUT_NOTE)] + CUT_NOTE
    cell.value = value
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        cell.data_type = "s"


# Neither Excel nor LibreOffice grows a row to fit wrapped text in a file written by a program
# (LibreOffice 7 keeps the stored height on load), so the sheet states each row's height itself.
LINE_HEIGHT = 16.5      # points per line of 11-point text, with room for Japanese glyphs
MAX_ROW_HEIGHT = 409    # the most Excel allows


def display_width(text: str) -> int:
    """Width in column units: a full-width (Japanese) character takes two, like a column width counts."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WFA" else 1 for ch in text)


def wrapped_lines(text: str, width: float) -> int:
    """How many lines ``text`` takes when wrapped in a column ``width`` units wide."""
    usable = max(width - 1.5, 1.0)       # cell padding
    return sum(max(1, math.ceil(display_width(line) / usable)) for line in str(text).split("\n"))


def row_height(values, widths) -> float:
    """Points for a row whose cells wrap, tall enough for the longest cell (capped at Excel's limit)."""
    lines = max((wrapped_lines(v, w) for v, w in zip(values, widths) if v not in (None, "")), default=1)
    return min(MAX_ROW_HEIGHT, round(lines * LINE_HEIGHT + 3, 1))


def column_letter(header: str) -> str:
    return get_column_letter(HEADERS.index(header) + 1)


def export_review_sheet(store: Store, path: Path, departments: list[str], municipality: str,
                        only_pending: bool = False) -> int:
    """Write the review sheet atomically; returns the number of rows written."""
    rows = review_rows(store)
    chosen = [r for r in rows if r.is_pending] if only_pending else rows
    write_review_sheet(store, path, chosen, rows, departments, municipality)
    return len(chosen)


def write_review_sheet(store: Store, path: Path, chosen: list[ReviewRow], counted: list[ReviewRow],
                       departments: list[str], municipality: str, scope: str = "") -> None:
    """Write a review sheet of the rows ``chosen`` atomically, its 集計 counting the rows ``counted``
    (all of them, also when only the pending rows are listed); ``scope`` names a part (総務課) in the 集計."""
    chosen = sheet_order(chosen)
    wb = Workbook()
    sheet = wb.active
    sheet.title = SHEET
    _write_rows(sheet, chosen, municipality, locate_all(store, [r.finding for r in chosen]))
    _write_summary(wb.create_sheet(SUMMARY_SHEET), counted, municipality, departments, scope)
    _add_validations(wb, sheet, len(chosen), departments)
    _protect(sheet, len(chosen))
    _write_base(wb.create_sheet(BASE_SHEET), chosen)
    buffer = io.BytesIO()
    wb.save(buffer)
    atomic_write_bytes(Path(path), buffer.getvalue())


def _write_rows(sheet, rows: list[ReviewRow], municipality: str, located: dict[str, Located]) -> None:
    header_fill = PatternFill("solid", fgColor="DDE5F0")
    for i, column in enumerate(COLUMNS, start=1):
        cell = sheet.cell(1, i)
        put(cell, column.header)
        cell.font, cell.fill = Font(bold=True), header_fill
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        sheet.column_dimensions[get_column_letter(i)].width = column.width
    widths = [c.width for c in COLUMNS]
    sheet.row_dimensions[1].height = row_height(HEADERS, widths)
    wrap = Alignment(wrap_text=True, vertical="top")
    for n, row in enumerate(rows, start=1):
        values = row_values(n, row, municipality, located.get(row.finding_id))
        sheet.row_dimensions[n + 1].height = row_height(values, widths)
        for i, (column, value) in enumerate(zip(COLUMNS, values), start=1):
            cell = sheet.cell(n + 1, i)
            put(cell, value)
            cell.alignment = wrap
            if column.editable:
                cell.number_format = "@"      # what a reviewer types stays text, never a formula
        if row.status == CHANGED and row.suggestion is not None:
            sheet.cell(n + 1, HEADERS.index("該非") + 1).comment = Comment(suggestion_text(row), "reiki-scan")
        elif not row.is_current and row.status_date:
            sheet.cell(n + 1, HEADERS.index("状態") + 1).comment = Comment(
                f"{to_wareki(row.status_date)}の走査(#{row.status_run_id})で検出されなくなりました", "reiki-scan")
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{len(rows) + 1}"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4      # what a town office prints on
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _add_validations(wb: Workbook, sheet, count: int, departments: list[str]) -> None:
    last = max(count, 1) + 1
    lists = [("該非", f'"{",".join(APPLICABILITY)}"'), ("見直し方針", f'"{",".join(POLICIES)}"')]
    if departments:
        # A list sheet rather than an inline list: an inline list is limited to 255 characters.
        names = wb.create_sheet(LISTS_SHEET)
        names.sheet_state = "hidden"
        for i, name in enumerate(departments, start=1):
            put(names.cell(i, 1), name)
        lists.append(("所管課", f"'{LISTS_SHEET}'!$A$1:$A${len(departments)}"))
    for header, formula in lists:
        dv = DataValidation(type="list", formula1=formula, allow_blank=True, showErrorMessage=True,
                            errorTitle="選べない値です", error=f"{header}は一覧から選んでください")
        letter = column_letter(header)
        dv.add(f"{letter}2:{letter}{last}")
        sheet.add_data_validation(dv)


def _protect(sheet, count: int) -> None:
    """Lock the locked columns only (ID, 確度); no password, and filtering, sorting and resizing stay allowed."""
    unlocked = Protection(locked=False)
    for r in range(2, count + 2):
        for c, column in enumerate(COLUMNS, start=1):
            if not column.locked:
                sheet.cell(r, c).protection = unlocked
    p = sheet.protection
    p.sheet = True
    p.autoFilter = p.sort = p.formatColumns = p.formatRows = p.formatCells = False


def _write_summary(sheet, rows: list[ReviewRow], municipality: str, departments: list[str], scope: str = "") -> None:
    headings = ("項目", "類型", "所管課")
    title = f"{municipality} アナログ規制 点検・見直し 集計" + (f"({scope}分)" if scope else "")
    lines: list[list] = [[title], [f"出力日 {to_wareki(date.today())}"], []]
    counts = count_rows(rows)
    lines += [["項目", "件数"]] + [[label, counts[key]] for key, label in COUNT_LABELS.items()] + [[]]
    for title, key, order in (("類型", category_of, CATEGORY_ORDER), ("所管課", department_of, departments)):
        lines.append([title, *GROUP_LABELS.values()])
        for name, c in counts_by(rows, key, order).items():
            lines.append([name, *(c[k] for k in GROUP_LABELS)])
        lines.append([])
    for r, values in enumerate(lines, start=1):
        for c, value in enumerate(values, start=1):
            cell = sheet.cell(r, c)
            put(cell, value)
            if r == 1 or values[0] in headings:
                cell.font = Font(bold=True)
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.column_dimensions["A"].width = 30
    for c in range(2, len(GROUP_LABELS) + 2):
        sheet.column_dimensions[get_column_letter(c)].width = 14


def _write_base(sheet, rows: list[ReviewRow]) -> None:
    sheet.sheet_state = "veryHidden"
    for c, header in enumerate(BASE_HEADERS, start=1):
        put(sheet.cell(1, c), header)
    for r, row in enumerate(rows, start=2):
        content = shown_content(row)
        values = [row.finding_id, row.status, *(getattr(content, f) for f in CONTENT_COLUMNS),
                  row.decision.decided_by if row.decision else ""]
        for c, value in enumerate(values, start=1):
            put(sheet.cell(r, c), value)
