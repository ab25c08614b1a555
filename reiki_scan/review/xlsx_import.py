"""Import a filled review sheet: check every row first, then append the decisions in one go.

Nothing is applied when any row is wrong. Rows are compared three ways — as exported (hidden sheet),
as the reviewer left them, as stored now — so that an untouched row changes nothing and a row
someone else decided after the export is reported instead of overwritten.
"""

from __future__ import annotations

import getpass
import io
import re
import zipfile
from dataclasses import asdict, dataclass, field, replace
from datetime import date, datetime
from pathlib import Path

from openpyxl import load_workbook

from ..store.db import Store
from ..wareki import schedule_label, to_wareki
from ..workspace import os_error_ja
from .decisions import UNDECIDED, Decision, DecisionContent, content_problems, record_decisions
from .layout import BASE_SHEET, CONTENT_COLUMNS, SHEET, parse_basis, shown_content
from .state import CURRENT_STATUSES, ReviewRow, hand_department, review_rows

REQUIRED = ("ID", *CONTENT_COLUMNS.values(), "判定者")
IDENTITY = re.compile(r"^[0-9a-f]{16}$")


class SheetError(Exception):
    """The file as a whole cannot be read (message in Japanese)."""


@dataclass
class Change:
    row: int
    finding: ReviewRow
    before: DecisionContent
    after: DecisionContent
    decided_by: str
    department: str = ""     # 所管課 to store: typed in this sheet, else the one typed before ('' = by the rules)

    def describe(self) -> str:
        f = self.finding.finding
        diffs = [f"{CONTENT_COLUMNS[k]} {getattr(self.before, k) or '(空欄)'}→{getattr(self.after, k) or '(空欄)'}"
                 for k in CONTENT_COLUMNS if getattr(self.before, k) != getattr(self.after, k)]
        return f"{self.row}行目 {f.title} {f.citation}({f.category_ja}): " + "、".join(diffs)

    def decision(self, source: str = "") -> Decision:
        """The decision to append."""
        content = asdict(self.after) | {"department": self.department}
        return Decision(self.finding.finding_id, **content, decided_by=self.decided_by, source=source)


@dataclass
class ImportPlan:
    sheet: str
    changes: list[Change] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)     # rows reported and not applied
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)
    reminders: list[str] = field(default_factory=list)   # applied, but worth a second look


def text(value) -> str:
    """A cell as the text a reviewer meant: dates in 和暦, 2027.0 as 2027."""
    if value is None:
        return ""
    if isinstance(value, (datetime, date)):
        return to_wareki(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def open_workbook(path: Path):
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise SheetError(f"{path} を開けません: {os_error_ja(exc)}") from exc
    if data.startswith(b"\xd0\xcf\x11\xe0"):      # OLE container: encrypted xlsx or old .xls
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise SheetError(f"{path} はパスワードで保護されています。パスワードを解除して保存し直してから取り込んでください")
        raise SheetError(f"{path} は古い Excel 形式(.xls)です。Excel ブック(.xlsx)として保存し直してください")
    resave = "Excel ブック(.xlsx)として保存し直してから取り込んでください"
    if not zipfile.is_zipfile(io.BytesIO(data)):
        if _looks_like_csv(data):
            raise SheetError(f"{path} は Excel ブック(.xlsx)ではありません(CSV 形式です)。{resave}")
        raise SheetError(f"{path} は Excel ブック(.xlsx)ではありません")
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = set(package.namelist())
        if "mimetype" in names and b"opendocument" in package.read("mimetype"):
            raise SheetError(f"{path} は Excel ブック(.xlsx)ではありません(OpenDocument の .ods 形式です)。"
                              f"LibreOffice の「名前を付けて保存」で {resave}")
        if "[Content_Types].xml" not in names:
            raise SheetError(f"{path} は Excel ブック(.xlsx)ではありません")
    try:
        return load_workbook(io.BytesIO(data))
    except Exception as exc:  # openpyxl raises many kinds on a damaged package; all mean the same here
        raise SheetError(f"{path} は壊れているため読めません({type(exc).__name__})") from exc


def _looks_like_csv(data: bytes) -> bool:
    """Text with commas or tabs on its first line: a sheet saved as CSV/TSV."""
    head = data[:4096]
    for encoding in ("utf-8-sig", "cp932"):
        try:
            first = head.decode(encoding).splitlines()[0] if head else ""
        except UnicodeDecodeError:
            continue
        return "," in first or "\t" in first
    return False


def _find_sheet(wb):
    if SHEET in wb.sheetnames:
        return wb[SHEET]
    for sheet in wb.worksheets:
        if {"ID", "該非"} <= {text(c.value) for c in sheet[1]}:
            return sheet
    raise SheetError(f"シート「{SHEET}」がありません(reiki-scan review export で出力した判定表を使ってください)")


def _base(wb) -> dict[str, dict[str, str]] | None:
    """What each row said at export, by ID; None when the hidden sheet is gone."""
    if BASE_SHEET not in wb.sheetnames:
        return None
    rows = wb[BASE_SHEET].iter_rows(values_only=True)
    headers = [text(v) for v in next(rows, ())]
    return {text(r[0]): dict(zip(headers, map(text, r))) for r in rows if r and r[0]}


def _content(values: dict[str, str]) -> DecisionContent:
    fields = {k: values.get(header, "") for k, header in CONTENT_COLUMNS.items()}
    fields["applicability"] = fields["applicability"] or UNDECIDED     # a blank 該非 is 未判定
    fields["legal_basis"] = parse_basis(fields["legal_basis"])
    fields["schedule"] = schedule_label(fields["schedule"])      # 2026年度 / R8 → 令和8年度
    return DecisionContent(**fields)


def default_reviewer() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return ""


def plan_import(path: Path, store: Store, departments: list[str], reviewer: str = "",
                rows: list[ReviewRow] | None = None) -> ImportPlan:
    """Read and check the whole sheet; nothing is written. Raises SheetError for an unreadable file.

    ``rows``: review_rows(store), when the caller has them already (a batch of sheets).
    """
    wb = open_workbook(path)
    sheet = _find_sheet(wb)
    plan = ImportPlan(sheet.title)
    columns = {text(c.value): c.column for c in sheet[1] if text(c.value)}
    missing = [h for h in REQUIRED if h not in columns]
    if missing:
        raise SheetError(f"シート「{sheet.title}」の1行目(見出し行)に " + "、".join(f"「{h}」" for h in missing)
                         + " 列がありません。見出しは書き換えないでください")
    base = _base(wb)
    rows = {r.finding_id: r for r in (review_rows(store) if rows is None else rows)}
    known = {r[0] for r in store.conn.execute("SELECT DISTINCT finding_id FROM findings")}
    seen: dict[str, int] = {}

    def error(row: int, column: str, message: str) -> None:
        plan.errors.append(f"シート「{sheet.title}」{row}行目「{column}」列: {message}")

    read = [h for h in (*REQUIRED, "状態") if h in columns]
    for r in range(2, sheet.max_row + 1):
        cells = {h: sheet.cell(r, columns[h]) for h in read}
        values = {h: text(c.value) for h, c in cells.items()}
        if not any(values.values()):
            continue
        errors_before = len(plan.errors)
        for h, c in cells.items():
            if c.data_type == "f":
                error(r, h, "数式は使えません。値を直接入力してください")
        fid = values["ID"]
        if not fid:
            error(r, "ID", "ID がありません。行を追加せず、出力された行に記入してください")
            continue
        if not IDENTITY.match(fid) or fid not in known:
            error(r, "ID", f"ID「{fid}」はこの作業フォルダの検出結果にありません(ID 列が書き換えられていませんか)")
            continue
        if fid in seen:
            error(r, "ID", f"{seen[fid]}行目と同じ検出結果の行が重複しています。どちらか1行にまとめてください")
            continue
        seen[fid] = r
        content = _content(values)
        exported = base.get(fid) if base is not None else None
        for column, message in content_problems(content):
            error(r, column, message)
        if (departments and content.department and content.department not in departments
                and content.department != (exported or {}).get("所管課")):
            error(r, "所管課", f"「{content.department}」は所管課の一覧にありません(一覧は reiki-scan.yaml の departments)")
        if len(plan.errors) > errors_before:
            continue
        _plan_row(plan, r, rows.get(fid), content, exported, values, reviewer)
    return plan


def _plan_row(plan: ImportPlan, r: int, row: ReviewRow | None, content: DecisionContent,
              exported: dict[str, str] | None, values: dict[str, str], reviewer: str) -> None:
    now = shown_content(row) if row is not None else None
    before = _content(exported) if exported else now
    moved = before is not None and content.department != before.department     # 所管課 typed in this sheet
    if now is not None and before is not None:
        # A 所管課 left as exported follows the store: a rule changed since (a 課 renamed) is not undone.
        # One typed in the sheet wins, whatever the 所管課 was at the export.
        before = replace(before, department=now.department)
        if not moved:
            content = replace(content, department=now.department)
    if content == before:
        plan.unchanged += 1          # untouched since the export: a newer decision, if any, stands
        return
    exported_status = exported["状態"] if exported else values.get("状態", "")
    if row is None or (exported_status in CURRENT_STATUSES) != row.is_current:
        if row is None:
            why = "条文が変わった"
        elif row.is_current:
            why = "再び検出されるようになった"
        else:
            why = f"検出されなくなった(状態: {row.status})"
        plan.skipped.append(f"{r}行目: 出力後の再走査で{why}ため反映しません。新しい判定表で確認してください")
        return
    if content == now:
        plan.unchanged += 1
        return
    if before != now:
        plan.skipped.append(f"{r}行目: 出力後に別の取り込みで判定が変わっています(現在: {now.applicability}"
                            f"{' / ' + now.policy if now.policy else ''})。新しい判定表で確認してください")
        return
    typed_by = values.get("判定者", "")
    if exported is not None and typed_by == exported.get("判定者"):
        typed_by = ""                # the name of whoever decided last time, not of this reviewer
    plan.changes.append(Change(r, row, now, content, reviewer or typed_by or default_reviewer(),
                               content.department if moved else hand_department(row)))
    if moved and not content.department and row.assigned_department:
        plan.reminders.append(f"{r}行目: 所管課を空欄にしましたが、割り当て規則により「{row.assigned_department}」の"
                              "ままです。ほかの課に移すときは課名を選んでください")
    if content.policy == "見直し" and not content.schedule:
        plan.reminders.append(f"{r}行目: 見直しの予定時期が空欄です(例: 令和8年度)。決まったら記入してください")


def apply_plan(store: Store, plan: ImportPlan, source: str) -> list[Decision]:
    """Append every planned decision in one transaction."""
    if plan.errors:
        raise SheetError("誤りのある判定表は取り込めません")
    return record_decisions(store, [c.decision() for c in plan.changes], source=source)
