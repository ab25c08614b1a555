"""Each check of `review import`, one sheet mistake at a time: the sheet is refused (or the row is held
back) with the row and column named, and nothing is stored.

test_review_xlsx.py covers a sheet with several mistakes at once; here every check has to bite alone,
so that removing any one of them fails a test.
"""

import pytest
from openpyxl import load_workbook

from reiki_scan.review.layout import HEADERS
from test_review_support import Town, fill, sheet_rows
from test_review_xlsx import decisions, export, ids, ws  # noqa: F401  (ws is a fixture)


def _import(run_cli, ws, path):
    return run_cli("review", "import", path, "--workspace", ws.root, check=False)


def _row_of(path, finding_id) -> int:
    return 2 + [r["ID"] for r in sheet_rows(path)].index(finding_id)


def _column(header: str) -> int:
    """The sheet column (1-based) of a header, from the sheet's one layout."""
    from reiki_scan.review.layout import HEADERS
    return HEADERS.index(header) + 1


@pytest.mark.parametrize("edit, column, message", [
    ({"該非": "該当", "見直し方針": "見直す"}, "見直し方針", "「見直す」は選べません(見直し / 存置 / 検討中 のいずれか)"),
    ({"該非": "該当", "見直し方針": "廃止"}, "見直し方針", "「廃止」は選べません"),
    ({"該非": "非該当", "見直し方針": "見直し"}, "見直し方針", "該非が「該当」でないのに見直し方針「見直し」"),
    ({"該非": "未判定", "見直し方針": "存置", "存置理由・備考": "法令の義務"}, "見直し方針",
     "該非が「該当」でないのに見直し方針「存置」"),
    ({"見直し方針": "検討中"}, "見直し方針", "該非が「該当」でないのに見直し方針「検討中」"),
    ({"該非": "該当", "見直し方針": "存置"}, "存置理由・備考", "存置とする場合は理由を書いてください"),
    ({"該非": "がいとう"}, "該非", "「がいとう」は選べません(該当 / 非該当 / 未判定 のいずれか)"),
], ids=["unknown-policy", "another-unknown-policy", "policy-with-not-analog", "policy-with-undecided",
        "policy-with-blank-applicability", "keep-without-reason", "unknown-applicability"])
def test_one_wrong_cell_refuses_the_whole_sheet_naming_row_and_column(run_cli, ws, edit, column, message):
    post, audit = ids(ws)[:2]
    path = export(run_cli, ws)
    fill(path, {post: edit, audit: {"該非": "非該当"}})              # a good row: held back as well
    proc = _import(run_cli, ws, path)
    assert proc.returncode != 0
    assert f"{_row_of(path, post)}行目「{column}」列: {message}" in proc.stderr
    assert "誤りが 1 件" in proc.stderr and "何も取り込んでいません" in proc.stderr
    assert decisions(ws) == {}


def test_a_filled_row_whose_id_was_blanked_is_refused_not_skipped(run_cli, ws):
    post = ids(ws)[0]
    path = export(run_cli, ws)
    fill(path, {post: {"該非": "非該当"}})
    wb = load_workbook(path)
    sheet = wb["点検・見直し一覧"]
    row = _row_of(path, post)
    sheet.cell(row, _column("ID")).value = None
    wb.save(path)
    proc = _import(run_cli, ws, path)
    assert proc.returncode != 0 and f"{row}行目「ID」列: ID がありません" in proc.stderr
    assert decisions(ws) == {}


def test_a_row_added_to_the_sheet_is_refused(run_cli, ws):
    path = export(run_cli, ws)
    wb = load_workbook(path)
    sheet = wb["点検・見直し一覧"]
    sheet.append([5, "追加した条例", None, None, "第9条", "掲示する。", None, None, None, "総務課", "該当", "見直し"])
    wb.save(path)
    proc = _import(run_cli, ws, path)
    assert proc.returncode != 0 and "6行目「ID」列: ID がありません。行を追加せず" in proc.stderr
    assert decisions(ws) == {}


def test_a_row_with_an_id_from_elsewhere_is_refused(run_cli, ws):
    post = ids(ws)[0]
    path = export(run_cli, ws)
    fill(path, {post: {"該非": "非該当"}})
    wb = load_workbook(path)
    sheet = wb["点検・見直し一覧"]
    added = [None] * len(HEADERS)                 # another town's sheet
    added[0], added[_column("該非") - 1], added[_column("ID") - 1] = 5, "非該当", "fedcba9876543210"
    sheet.append(added)
    wb.save(path)
    proc = _import(run_cli, ws, path)
    assert proc.returncode != 0 and "6行目「ID」列: ID「fedcba9876543210」はこの作業フォルダの検出結果にありません" in proc.stderr
    assert decisions(ws) == {}


def _rescan(ws, change):
    with ws.store() as store:
        town = Town(store)
        town.documents = ws.town.documents
        change(town.documents)
        town.scan()


def test_a_row_whose_finding_vanished_after_export_is_held_back(run_cli, ws):
    post, audit = ids(ws)[:2]
    path = export(run_cli, ws)
    fill(path, {audit: {"該非": "該当", "見直し方針": "見直し"}, post: {"該非": "非該当"}})
    _rescan(ws, lambda docs: docs["kouen"].pop("第4条"))           # the 立入検査 clause is repealed
    proc = _import(run_cli, ws, path)
    assert proc.returncode == 0 and "反映 1 件" in proc.stdout and "見送り 1 件" in proc.stdout
    assert f"{_row_of(path, audit)}行目: 出力後の再走査で検出されなくなった(状態: 消滅)" in proc.stderr
    stored = decisions(ws)
    assert audit not in stored and stored[post].applicability == "非該当"


def test_a_row_whose_finding_came_back_after_export_is_held_back(run_cli, ws):
    audit = ids(ws)[1]
    clause = ws.town.documents["kouen"]["第4条"]
    _rescan(ws, lambda docs: docs["kouen"].pop("第4条"))
    path = export(run_cli, ws)
    assert next(r for r in sheet_rows(path) if r["ID"] == audit)["状態"] == "消滅"
    fill(path, {audit: {"該非": "非該当"}})
    _rescan(ws, lambda docs: docs["kouen"].__setitem__("第4条", clause))   # restored by a later amendment
    proc = _import(run_cli, ws, path)
    assert "見送り 1 件" in proc.stdout and "再び検出されるようになった" in proc.stderr
    assert audit not in decisions(ws)


def test_rows_deleted_from_the_sheet_keep_their_stored_decisions(run_cli, ws):
    post, audit = ids(ws)[:2]
    path = export(run_cli, ws)
    fill(path, {post: {"該非": "非該当"}, audit: {"該非": "該当", "見直し方針": "検討中"}})
    run_cli("review", "import", path, "--workspace", ws.root)
    path = export(run_cli, ws)
    wb = load_workbook(path)
    wb["点検・見直し一覧"].delete_rows(_row_of(path, post))           # a department sends back only its rows
    wb.save(path)
    proc = _import(run_cli, ws, path)
    assert proc.returncode == 0 and "反映 0 件 / 変更なし 3 件" in proc.stdout
    stored = decisions(ws)
    assert stored[post].applicability == "非該当" and stored[audit].policy == "検討中"


# ---- a sheet saved in another format (no LibreOffice needed: the files are written here) -----------

ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"


def _as_ods(rows: list[list], path) -> None:
    """A minimal OpenDocument spreadsheet as LibreOffice lays one out: an uncompressed ``mimetype``
    first, then the manifest and content.xml with one table."""
    import zipfile
    from xml.sax.saxutils import escape

    def cell(value):
        if value is None:
            return "<table:table-cell/>"
        return f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}</text:p></table:table-cell>'
    table = "".join("<table:table-row>" + "".join(cell(v) for v in row) + "</table:table-row>" for row in rows)
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content'
               ' xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
               ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
               ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3">'
               f'<office:body><office:spreadsheet><table:table table:name="点検・見直し一覧">{table}'
               '</table:table></office:spreadsheet></office:body></office:document-content>')
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest'
                ' xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
                f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{ODS_MIMETYPE.decode()}"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                '</manifest:manifest>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr(zipfile.ZipInfo("mimetype"), ODS_MIMETYPE, compress_type=zipfile.ZIP_STORED)
        package.writestr("META-INF/manifest.xml", manifest)
        package.writestr("content.xml", content)


def _as_text(rows: list[list], path, encoding: str, delimiter: str) -> None:
    """The sheet as Excel's 「CSV」 (cp932 on a Japanese PC), 「CSV UTF-8」 or a tab-separated text."""
    import csv
    with open(path, "w", encoding=encoding, newline="") as fh:
        csv.writer(fh, delimiter=delimiter).writerows([["" if v is None else v for v in row] for row in rows])


@pytest.mark.parametrize("suffix, write, message", [
    ("ods", _as_ods, "OpenDocument の .ods 形式です"),
    ("csv", lambda rows, path: _as_text(rows, path, "cp932", ","), "CSV 形式です"),
    ("csv", lambda rows, path: _as_text(rows, path, "utf-8-sig", ","), "CSV 形式です"),
    ("txt", lambda rows, path: _as_text(rows, path, "utf-8", "\t"), "CSV 形式です"),
], ids=["ods", "csv-cp932", "csv-utf8", "tab-separated"])
def test_sheet_saved_in_another_format_is_refused_with_how_to_resave(run_cli, ws, tmp_path, suffix, write, message):
    post = ids(ws)[0]
    path = export(run_cli, ws)
    fill(path, {post: {"該非": "非該当"}})
    rows = [list(r) for r in load_workbook(path)["点検・見直し一覧"].iter_rows(values_only=True)]
    saved = tmp_path / f"review.{suffix}"
    write(rows, saved)
    proc = _import(run_cli, ws, saved)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert message in proc.stderr and "Excel ブック(.xlsx)として保存し直して" in proc.stderr
    assert decisions(ws) == {}
