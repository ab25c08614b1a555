"""改正案.xlsx: one row per draft with the fields of ``draft --format jsonl`` (Japanese headers)."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from ..review.xlsx import put
from ..workspace import atomic_write_bytes
from .build import FIELDS, Draft

SHEET_NAME = "改正案"
XLSX_NAME = "改正案.xlsx"
WIDTHS = {"before": 50, "after": 50, "amendment": 60, "note": 40, "title": 30}


def drafts_workbook(drafts: list[Draft]) -> Workbook:
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET_NAME
    sheet.append(list(FIELDS.values()))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for i, key in enumerate(FIELDS, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = WIDTHS.get(key, 14)
    for d in drafts:
        values = d.as_dict()
        row = sheet.max_row + 1
        for column, key in enumerate(FIELDS, start=1):
            cell = sheet.cell(row, column)
            put(cell, values[key])
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    return book


def write_drafts_xlsx(drafts: list[Draft], out_dir: Path) -> Path:
    path = Path(out_dir) / XLSX_NAME
    buffer = BytesIO()
    drafts_workbook(drafts).save(buffer)
    atomic_write_bytes(path, buffer.getvalue())
    return path
