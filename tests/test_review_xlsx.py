import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from reiki_scan.review.decisions import decision_history, latest_decisions
from reiki_scan.review.layout import HEADERS
from reiki_scan.review.state import review_counts
from reiki_scan.workspace import Workspace
from test_review_support import Town, fill, identity, sheet_rows

# The columns of ../shared/domain/review_sheet.md, in order.
# (確度 and its reason follow 検出理由: how sure the tool is, next to why it flagged the clause.)
SHEET_COLUMNS = ["No.", "例規名", "例規番号", "種別", "条項", "条文", "類型", "検出理由", "確度", "確度の理由", "根拠",
                 "所管課", "該非", "見直し方針", "見直し予定時期", "存置理由・備考", "判定者", "判定日", "状態", "ID"]


@pytest.fixture
def ws(tmp_path):
    workspace = Workspace.open(tmp_path / "ws")
    with workspace.store() as store:
        town = Town(store)
        town.write("kouen", {"第3条": "管理者は、利用者の見やすい場所に掲示しなければならない。",
                             "第4条": "町長は、法の定めにより立入検査をさせることができる。"})
        town.write("jigyo", {"第2条": "事業者は、許可証を事務所に掲示しなければならない。",
                             "第5条": "管理者は、施設に常駐しなければならない。"})
        town.scan()
    workspace.town = town
    return workspace


def ids(ws):
    t = ws.town
    return (identity(t, "kouen", "第3条"), identity(t, "kouen", "第4条", "onsite_audit"),
            identity(t, "jigyo", "第2条"), identity(t, "jigyo", "第5条", "resident_dedicated"))


def letter(header: str) -> str:
    return get_column_letter(SHEET_COLUMNS.index(header) + 1)


def export(run_cli, ws, *more) -> Path:
    out = ws.reports_dir / "review.xlsx"
    run_cli("review", "export", "--workspace", ws.root, "-o", out, *more)
    return out


def decisions(ws):
    with ws.store() as store:
        return latest_decisions(store)


def test_sheet_has_the_review_sheet_columns_in_order(run_cli, ws):
    path = export(run_cli, ws)
    assert list(HEADERS) == SHEET_COLUMNS
    wb = load_workbook(path)
    assert wb.sheetnames[:2] == ["点検・見直し一覧", "集計"]
    sheet = wb["点検・見直し一覧"]
    assert [c.value for c in sheet[1]] == SHEET_COLUMNS
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:T5"
    summary = {r[0]: r[1] for r in wb["集計"].iter_rows(values_only=True) if r[0]}
    assert (summary["検出(現存)"], summary["未判定"], summary["撤廃済"]) == (4, 4, 0)
    assert wb["_出力時点"].sheet_state == "veryHidden" and wb["_選択肢"].sheet_state == "hidden"
    rows = sheet_rows(path)
    assert [r["No."] for r in rows] == [1, 2, 3, 4]
    assert {r["状態"] for r in rows} == {"新規"}
    post, audit = (next(r for r in rows if r["ID"] == fid) for fid in ids(ws)[:2])
    assert post["条文"] == "管理者は、利用者の見やすい場所に【掲示】しなければならない。" and post["根拠"] == "町独自"
    assert audit["根拠"] == "法令に基づく(建築基準法第12条)" and audit["類型"] == "実地監査"


def test_sheet_has_dropdowns_wrapping_widths_and_only_the_id_and_confidence_locked(run_cli, ws):
    sheet = load_workbook(export(run_cli, ws))["点検・見直し一覧"]
    lists = {str(dv.sqref).split(":")[0][0]: dv.formula1 for dv in sheet.data_validations.dataValidation}
    assert lists[letter("該非")] == '"該当,非該当,未判定"' and lists[letter("見直し方針")] == '"見直し,存置,検討中"'
    assert lists[letter("所管課")].startswith("'_選択肢'!")
    assert load_workbook(export(run_cli, ws))["_選択肢"]["A1"].value == "総務課"
    assert sheet.protection.sheet and not sheet.protection.password and not sheet.protection.autoFilter
    locked = {h for h in SHEET_COLUMNS if sheet[f"{letter(h)}2"].protection.locked}
    assert locked == {"ID", "確度", "確度の理由"}
    assert sheet["F2"].alignment.wrap_text and sheet.column_dimensions["F"].width == 60


def test_filled_sheet_round_trips_every_decision(run_cli, ws):
    post, audit, permit, resident = ids(ws)
    path = export(run_cli, ws)
    fill(path, {post: {"該非": "該当", "見直し方針": "見直し", "見直し予定時期": "令和8年度", "所管課": "建設課"},
                audit: {"該非": "該当", "見直し方針": "存置", "存置理由・備考": "法令で義務付けられている"},
                permit: {"該非": "非該当", "判定者": "総務課 山田"}})
    proc = run_cli("review", "import", path, "--workspace", ws.root, "--reviewer", "法規担当 佐藤")
    assert "反映 3 件" in proc.stdout
    stored = decisions(ws)
    assert (stored[post].policy, stored[post].schedule, stored[post].department) == ("見直し", "令和8年度", "建設課")
    assert stored[audit].note == "法令で義務付けられている" and stored[audit].legal_basis == "建築基準法第12条"
    assert stored[permit].applicability == "非該当" and stored[permit].decided_by == "法規担当 佐藤"
    status = json.loads(run_cli("review", "status", "--workspace", ws.root, "--format", "json").stdout)
    assert {k: status[k] for k in ("found", "undecided", "not_analog", "revise", "keep", "considering", "changed",
                                   "abolished")} == dict(found=4, undecided=1, not_analog=1, revise=1, keep=1,
                                                         considering=0, changed=0, abolished=0)
    again = sheet_rows(export(run_cli, ws))
    row = next(r for r in again if r["ID"] == post)
    assert (row["該非"], row["見直し方針"], row["所管課"], row["状態"]) == ("該当", "見直し", "建設課", "新規")
    assert row["判定日"].startswith("令和") and row["判定者"] == "法規担当 佐藤"


def test_reviewer_name_typed_in_the_sheet_is_recorded(run_cli, ws):
    post = ids(ws)[0]
    path = export(run_cli, ws)
    fill(path, {post: {"該非": "非該当", "判定者": "総務課 山田"}})
    run_cli("review", "import", path, "--workspace", ws.root)
    assert decisions(ws)[post].decided_by == "総務課 山田"


def test_untouched_sheet_and_second_import_append_nothing(run_cli, ws):
    post = ids(ws)[0]
    path = export(run_cli, ws)
    assert "反映 0 件 / 変更なし 4 件" in run_cli("review", "import", path, "--workspace", ws.root).stdout
    fill(path, {post: {"該非": "非該当"}})
    run_cli("review", "import", path, "--workspace", ws.root)
    run_cli("review", "import", path, "--workspace", ws.root)
    with ws.store() as store:
        assert len(decision_history(store, post)) == 1


def test_dry_run_shows_changes_and_writes_nothing(run_cli, ws):
    post = ids(ws)[0]
    path = export(run_cli, ws)
    fill(path, {post: {"該非": "該当", "見直し方針": "見直し"}})
    before = ws.db_path.read_bytes()
    proc = run_cli("review", "import", path, "--workspace", ws.root, "--dry-run")
    assert "該非 未判定→該当" in proc.stdout and "反映予定 1 件" in proc.stdout
    assert decisions(ws) == {} and ws.db_path.read_bytes() == before


def test_bad_sheet_is_refused_whole_with_row_level_errors(run_cli, ws):
    post, audit, permit, resident = ids(ws)
    path = export(run_cli, ws)
    wb = load_workbook(path)
    sheet = wb["点検・見直し一覧"]
    col = {h: SHEET_COLUMNS.index(h) + 1 for h in SHEET_COLUMNS}
    by_id = {sheet.cell(r, col["ID"]).value: r for r in range(2, 6)}
    sheet.cell(by_id[post], col["該非"]).value = "該当"               # a good row: must not be applied either
    sheet.cell(by_id[audit], col["該非"]).value = "がいとう"          # not in the list
    sheet.cell(by_id[permit], col["該非"]).value = "該当"
    sheet.cell(by_id[permit], col["見直し方針"]).value = "存置"       # 存置 without a reason
    sheet.cell(by_id[resident], col["ID"]).value = "0123456789abcdef"       # edited ID
    sheet.append([5, *[None] * (len(SHEET_COLUMNS) - 2), post])       # duplicate row
    sheet.cell(6, col["所管課"]).value = "存在しない課"
    wb.save(path)
    proc = run_cli("review", "import", path, "--workspace", ws.root, check=False)
    assert proc.returncode != 0
    err = proc.stderr
    assert f"{by_id[audit]}行目「該非」列: 「がいとう」は選べません" in err
    assert f"{by_id[permit]}行目「存置理由・備考」列" in err
    assert f"{by_id[resident]}行目「ID」列" in err
    assert f"6行目「ID」列: {by_id[post]}行目と同じ" in err
    assert "何も取り込んでいません" in err
    assert decisions(ws) == {}


def test_value_outside_the_department_list_and_formulas_are_refused(run_cli, ws):
    post, audit = ids(ws)[:2]
    path = export(run_cli, ws)
    fill(path, {post: {"所管課": "存在しない課"}, audit: {"存置理由・備考": "=1+1"}})
    err = run_cli("review", "import", path, "--workspace", ws.root, check=False).stderr
    assert "「所管課」列: 「存在しない課」は所管課の一覧にありません" in err
    assert "「存置理由・備考」列: 数式は使えません" in err


def test_formula_like_text_is_written_as_text(run_cli, ws):
    with ws.store() as store:
        town = Town(store)
        town.documents = dict(ws.town.documents)
        town.write("evil", {"第1条": '=HYPERLINK("http://x","掲示")', "第2条": "@SUM(1)掲示", "第3条": "+1掲示",
                            "第4条": "-1掲示"})
        town.scan()
    path = export(run_cli, ws)
    xml = zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml
    texts = [r["条文"] for r in sheet_rows(path)]
    assert '=HYPERLINK("http://x","【掲示】")' in texts and "@SUM(1)【掲示】" in texts and "-1【掲示】" in texts
    assert "反映 0 件" in run_cli("review", "import", path, "--workspace", ws.root).stdout


@pytest.mark.parametrize("content, message", [
    (b"No.,ID\n1,abc\n", "Excel ブック(.xlsx)ではありません"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le"), "パスワードで保護されています"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64, "古い Excel 形式"),
])
def test_unreadable_files_are_refused_in_plain_japanese(run_cli, ws, tmp_path, content, message):
    path = tmp_path / "review.xlsx"
    path.write_bytes(content)
    proc = run_cli("review", "import", path, "--workspace", ws.root, check=False)
    assert proc.returncode != 0 and message in proc.stderr and "Traceback" not in proc.stderr


def test_corrupt_xlsx_and_missing_header_are_refused(run_cli, ws, tmp_path):
    path = export(run_cli, ws)
    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(broken, "w") as dst:
        for item in src.infolist():
            if item.filename != "xl/workbook.xml":
                dst.writestr(item, src.read(item))
    assert "壊れているため読めません" in run_cli("review", "import", broken, "--workspace", ws.root, check=False).stderr
    wb = load_workbook(path)
    wb["点検・見直し一覧"][f"{letter('該非')}1"].value = "判定"
    wb.save(path)
    err = run_cli("review", "import", path, "--workspace", ws.root, check=False).stderr
    assert "「該非」 列がありません" in err


def reword_and_rescan(ws):
    """An amendment rewords kouen 第3条, then the town scans again."""
    with ws.store() as store:
        town = Town(store)
        town.documents = ws.town.documents
        town.documents["kouen"]["第3条"] = "管理者は、見やすい場所に掲示するものとする。"
        town.scan()


def test_sheet_exported_before_a_rescan_skips_rows_whose_finding_changed(run_cli, ws):
    post, audit, permit, _ = ids(ws)
    path = export(run_cli, ws)
    fill(path, {post: {"該非": "該当", "見直し方針": "見直し"}, permit: {"該非": "非該当"}})
    reword_and_rescan(ws)
    proc = run_cli("review", "import", path, "--workspace", ws.root)
    assert "見送り 1 件" in proc.stdout and "条文が変わった" in proc.stderr
    stored = decisions(ws)
    assert post not in stored and stored[permit].applicability == "非該当"


def test_a_decision_made_after_export_is_not_undone_by_an_older_sheet(run_cli, ws, tmp_path):
    post, audit = ids(ws)[:2]
    first = export(run_cli, ws)
    second = tmp_path / "second.xlsx"
    shutil.copy(first, second)
    fill(first, {post: {"該非": "該当", "見直し方針": "見直し"}})
    run_cli("review", "import", first, "--workspace", ws.root)
    fill(second, {audit: {"該非": "非該当"}})                     # this department left row `post` alone
    run_cli("review", "import", second, "--workspace", ws.root)
    assert decisions(ws)[post].policy == "見直し" and decisions(ws)[audit].applicability == "非該当"
    fill(second, {post: {"該非": "非該当"}})                      # …and now contradicts the newer decision
    proc = run_cli("review", "import", second, "--workspace", ws.root)
    assert "別の取り込みで判定が変わっています" in proc.stderr and decisions(ws)[post].policy == "見直し"


def test_only_pending_exports_the_rows_still_to_decide(run_cli, ws):
    post = ids(ws)[0]
    path = export(run_cli, ws)
    fill(path, {post: {"該非": "非該当"}})
    run_cli("review", "import", path, "--workspace", ws.root)
    rows = sheet_rows(export(run_cli, ws, "--only", "pending"))
    assert len(rows) == 3 and post not in {r["ID"] for r in rows}


def test_status_table_shows_japanese_breakdowns(run_cli, ws):
    out = run_cli("review", "status", "--workspace", ws.root).stdout
    for label in ("判定別", "類型別", "所管課別", "未判定", "書面掲示", "(未割当)", "撤廃済 0 件 / 目標 50 件"):
        assert label in out


def test_export_before_any_scan_says_what_to_do(run_cli, tmp_path):
    Workspace.open(tmp_path / "imported").store().close()      # documents imported, never scanned
    proc = run_cli("review", "export", "--workspace", tmp_path / "imported", check=False)
    assert proc.returncode != 0 and "reiki-scan scan" in proc.stderr


@pytest.mark.skipif(not (shutil.which("soffice") or shutil.which("libreoffice")),
                    reason="LibreOffice (soffice) is not installed; the LibreOffice round-trip is not checked")
def test_sheet_saved_by_libreoffice_imports_the_same(run_cli, ws, tmp_path):
    post, audit = ids(ws)[:2]
    path = export(run_cli, ws)
    fill(path, {post: {"該非": "該当", "見直し方針": "見直し", "見直し予定時期": "令和8年度"},
                audit: {"該非": "該当", "見直し方針": "存置", "存置理由・備考": "法令の義務"}})
    out = tmp_path / "lo"
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
                    "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out), str(path)],
                   check=True, capture_output=True, timeout=180)
    proc = run_cli("review", "import", out / "review.xlsx", "--workspace", ws.root)
    assert "反映 2 件" in proc.stdout
    stored = decisions(ws)
    assert stored[post].schedule == "令和8年度" and stored[audit].note == "法令の義務"
    with ws.store() as store:
        assert review_counts(store)["revise"] == 1


def test_edited_legal_basis_is_stored_as_the_cited_law(run_cli, ws):
    post, audit = ids(ws)[:2]
    path = export(run_cli, ws)
    fill(path, {post: {"該非": "該当", "根拠": "法令に基づく(屋外広告物法第7条)"},
                audit: {"該非": "該当", "根拠": "町独自"}})
    run_cli("review", "import", path, "--workspace", ws.root)
    stored = decisions(ws)
    assert stored[post].legal_basis == "屋外広告物法第7条" and stored[audit].legal_basis == ""
    rows = {r["ID"]: r for r in sheet_rows(export(run_cli, ws))}
    assert rows[post]["根拠"] == "法令に基づく(屋外広告物法第7条)" and rows[audit]["根拠"] == "町独自"


def test_sheet_without_its_hidden_export_record_still_imports(run_cli, ws):
    post = ids(ws)[0]
    path = export(run_cli, ws)
    fill(path, {post: {"該非": "非該当"}})
    wb = load_workbook(path)
    del wb["_出力時点"]
    wb.save(path)
    assert "反映 1 件 / 変更なし 3 件" in run_cli("review", "import", path, "--workspace", ws.root).stdout


def test_untouched_rows_of_an_old_sheet_are_not_reported_after_a_rescan(run_cli, ws):
    path = export(run_cli, ws)
    reword_and_rescan(ws)
    proc = run_cli("review", "import", path, "--workspace", ws.root)
    assert "反映 0 件 / 変更なし 4 件 / 見送り 0 件" in proc.stdout and proc.stderr == ""


def test_control_characters_and_overlong_provisions_do_not_break_the_sheet(run_cli, ws):
    with ws.store() as store:
        town = Town(store)
        town.documents = dict(ws.town.documents)
        town.write("beppyo", {"別表第1": "掲示\x0c場所" + "あ" * 40000})
        town.scan()
    texts = [r["条文"] for r in sheet_rows(export(run_cli, ws))]
    long = next(t for t in texts if t.startswith("【掲示】"))
    assert "\x0c" not in long and len(long) == 32767 and long.endswith("(長いため以下省略)")


def test_export_to_an_unwritable_place_says_so(run_cli, ws):
    blocker = ws.root / "file"
    blocker.write_text("x")
    proc = run_cli("review", "export", "--workspace", ws.root, "-o", blocker / "review.xlsx", check=False)
    assert proc.returncode != 0 and "書き込めません" in proc.stderr and "Traceback" not in proc.stderr


def test_revise_without_a_schedule_is_imported_with_a_reminder(run_cli, ws):
    post, audit = ids(ws)[:2]
    path = export(run_cli, ws)
    fill(path, {post: {"該非": "該当", "見直し方針": "見直し"},
                audit: {"該非": "該当", "見直し方針": "見直し", "見直し予定時期": "令和8年度"}})
    row = 2 + [r["ID"] for r in sheet_rows(path)].index(post)
    proc = run_cli("review", "import", path, "--workspace", ws.root)
    assert "反映 2 件" in proc.stdout
    reminders = [line for line in proc.stderr.splitlines() if line.startswith("確認:")]
    assert len(reminders) == 1 and "予定時期が空欄" in reminders[0] and f"{row}行目" in reminders[0]


def test_only_pending_says_how_many_rows_still_need_a_decision(run_cli, ws):
    out = ws.reports_dir / "pending.xlsx"
    first = run_cli("review", "export", "--workspace", ws.root, "-o", out, "--only", "pending").stdout
    assert "判定が必要な行 4 行" in first
    fill(out, {i: {"該非": "非該当"} for i in ids(ws)})
    run_cli("review", "import", out, "--workspace", ws.root)
    done = run_cli("review", "export", "--workspace", ws.root, "-o", out, "--only", "pending").stdout
    assert "判定が必要な行はありません" in done and sheet_rows(out) == []


def test_export_does_not_overwrite_a_filled_sheet_not_yet_imported(run_cli, ws):
    post = ids(ws)[0]
    path = export(run_cli, ws)
    export(run_cli, ws)                                    # untouched: overwriting loses nothing
    fill(path, {post: {"該非": "非該当"}})
    proc = run_cli("review", "export", "--workspace", ws.root, "-o", path, check=False)
    assert proc.returncode != 0 and "まだ取り込んでいない記入が 1 行" in proc.stderr and "--overwrite" in proc.stderr
    assert sheet_rows(path)[[r["ID"] for r in sheet_rows(path)].index(post)]["該非"] == "非該当"
    run_cli("review", "import", path, "--workspace", ws.root)
    export(run_cli, ws)                                    # imported: free to write again
    fill(path, {post: {"該非": "該当"}})
    run_cli("review", "export", "--workspace", ws.root, "-o", path, "--overwrite")
    assert next(r for r in sheet_rows(path) if r["ID"] == post)["該非"] == "非該当"


def test_export_does_not_overwrite_a_workbook_that_is_not_a_review_sheet(run_cli, ws):
    other = ws.reports_dir / "memo.xlsx"
    from openpyxl import Workbook
    book = Workbook()
    book.active["A1"] = "所管課の連絡先"
    book.save(other)
    proc = run_cli("review", "export", "--workspace", ws.root, "-o", other, check=False)
    assert proc.returncode != 0 and "判定表ではないようです" in proc.stderr
    assert load_workbook(other).active["A1"].value == "所管課の連絡先"


def test_reworded_clause_keeps_its_department_so_the_sheet_filters_by_department(run_cli, ws):
    post = ids(ws)[0]
    path = export(run_cli, ws)
    fill(path, {post: {"該非": "該当", "見直し方針": "見直し", "見直し予定時期": "令和8年度", "所管課": "建設課"}})
    run_cli("review", "import", path, "--workspace", ws.root)
    reword_and_rescan(ws)
    path = export(run_cli, ws)
    changed = next(r for r in sheet_rows(path) if r["状態"] == "条文変更・要再確認")
    assert changed["所管課"] == "建設課" and changed["該非"] is None and changed["見直し方針"] is None
    assert "反映 0 件" in run_cli("review", "import", path, "--workspace", ws.root).stdout    # untouched: no decision
    fill(path, {changed["ID"]: {"該非": "該当", "見直し方針": "検討中"}})
    run_cli("review", "import", path, "--workspace", ws.root)
    assert decisions(ws)[changed["ID"]].department == "建設課"
