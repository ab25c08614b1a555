"""The numbers a clerk reads in four places — review status, the review sheet's 集計, the report page and
summary.xlsx — are the same numbers; and the deadline is written the same way everywhere."""

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from test_report_cli import _workspace
from test_report_support import page, shown_counts, table

from reiki_scan.cli.common import format_table
from reiki_scan.review.by_department import sheet_file_name

# status json key → (label in the review sheet's 集計, label in summary.xlsx)
SAME_COUNT = {
    "found": ("検出(現存)", "検出(現存)"),
    "undecided": ("未判定", "未判定"),
    "changed": ("条文変更・要再確認", "要再確認"),
    "not_analog": ("非該当", "非該当"),
    "revise": ("該当・見直し", "見直し予定"),
    "keep": ("該当・存置", "存置"),
    "considering": ("該当・検討中(方針未定を含む)", "検討中"),
    "abolished": ("撤廃済", "撤廃済"),
}


def _two_columns(sheet) -> dict:
    return {row[0]: row[1] for row in sheet.iter_rows(values_only=True) if row and row[0] is not None}


def test_status_sheet_report_and_summary_agree_on_every_count(run_cli, tmp_path):
    ws = _workspace(tmp_path)
    status = json.loads(run_cli("review", "status", "--workspace", ws, "--format", "json").stdout)
    run_cli("review", "export", "--workspace", ws)
    sheet = _two_columns(load_workbook(ws / "reports" / "review.xlsx")["集計"])
    index = Path(run_cli("report", "--workspace", ws).stdout.strip())
    summary = _two_columns(load_workbook(ws / "reports" / "summary.xlsx")["集計"])
    shown = shown_counts(page(index.read_text(encoding="utf-8")))
    for key, (sheet_label, summary_label) in SAME_COUNT.items():
        assert sheet[sheet_label] == status[key], key
        assert summary[summary_label] == status[key], key
        if key in shown:
            assert shown[key] == status[key], key
    assert status["abolished"] == 1 and status["changed"] == 1     # the town of test_report_support


def _table_after(sheet, heading: str) -> dict[str, dict]:
    """The rows of the 集計 table whose heading row starts with ``heading``: label → {column: value}."""
    rows = list(sheet.iter_rows(values_only=True))
    start = next(i for i, row in enumerate(rows) if row and row[0] == heading)
    columns = rows[start]
    table = {}
    for row in rows[start + 1:]:
        if not row or row[0] is None:
            break
        table[row[0]] = dict(zip(columns[1:], row[1:]))
    return table


def test_status_sheet_report_and_summary_agree_on_the_counts_of_every_department(run_cli, tmp_path):
    """found / 未判定 / 要再確認 / 判定済 per 課 — 課 from decisions and from a rule (review assign)."""
    ws = _workspace(tmp_path, departments=["総務課", "税務課", "福祉課"],
                    assign=[{"department": "福祉課", "title": "kumiai"}])
    run_cli("review", "assign", "--workspace", ws)
    status = {p["department"]: p for p in json.loads(
        run_cli("review", "status", "--workspace", ws, "--by-department", "--format", "json").stdout)}
    run_cli("review", "export", "--workspace", ws)
    sheet = _table_after(load_workbook(ws / "reports" / "review.xlsx")["集計"], "所管課")
    index = Path(run_cli("report", "--workspace", ws).stdout.strip())
    doc = page(index.read_text(encoding="utf-8"))
    breakdown, inquiry = table(doc, "by-department"), table(doc, "inquiry")
    summary = {row[0]: row for row in load_workbook(ws / "reports" / "summary.xlsx")["所管課別"].iter_rows(
        min_row=2, values_only=True)}
    assert set(status) == set(sheet) == set(inquiry) == {name for name, row in breakdown.items()
                                                          if any(int(row[b]) for b in row if b != "所管課")}
    decided_columns = ("非該当", "見直し", "存置", "検討中")
    for name, p in status.items():
        assert p["found"] == p["undecided"] + p["changed"] + p["decided"], name
        assert (sheet[name]["検出"], sheet[name]["未判定"], sheet[name]["要再確認"],
                sum(sheet[name][c] for c in decided_columns)) == (p["found"], p["undecided"], p["changed"], p["decided"])
        shown = inquiry[name]
        assert [int(shown[c]) for c in ("検出", "未判定", "要再確認", "判定済")] == [
            p["found"], p["undecided"], p["changed"], p["decided"]], name
        assert (int(breakdown[name]["検出(現存)"]), int(breakdown[name]["未判定"]), int(breakdown[name]["要再確認"])) == (
            p["found"], p["undecided"], p["changed"]), name
        assert summary[name][1:4] == (p["found"], p["undecided"], p["changed"]), name
    assert status["福祉課"]["found"] == 2 and "(未割当)" not in status    # the rule's 課 joins one from a decision
    assert list(inquiry) == list(status), "the report lists the 課 in the order status does: owing first"
    out_dir = tmp_path / "照会"
    run_cli("review", "export", "--by-department", "-o", out_dir, "--workspace", ws)
    for name, p in status.items():
        per_sheet = _two_columns(load_workbook(out_dir / sheet_file_name(name))["集計"])
        assert (per_sheet["検出(現存)"], per_sheet["未判定"], per_sheet["条文変更・要再確認"]) == (
            p["found"], p["undecided"], p["changed"]), name


def test_status_states_the_deadline_as_the_report_does(run_cli, tmp_path):
    ws = _workspace(tmp_path)
    out = run_cli("review", "status", "--workspace", ws).stdout
    assert "期限 令和8年度末(令和9年3月31日)" in out and "2027" not in out
    index = Path(run_cli("report", "--workspace", ws).stdout.strip())
    assert "令和8年度末" in index.read_text(encoding="utf-8")


@pytest.mark.parametrize("setting, key", [({"deadline": "来年度末"}, "deadline"), ({"target": "50件"}, "target"),
                                          ({"municipality": ""}, "municipality")])
def test_unreadable_setting_is_refused_by_every_command_naming_the_item(run_cli, tmp_path, setting, key):
    ws = _workspace(tmp_path, **setting)
    for command in (("review", "status"), ("report",), ("review", "export")):
        proc = run_cli(*command, "--workspace", ws, check=False)
        assert proc.returncode != 0 and "Traceback" not in proc.stderr
        assert f"{key} を確認してください" in proc.stderr and str(setting[key]) in proc.stderr


def test_departments_written_on_one_line_are_read_as_a_list(run_cli, tmp_path):
    ws = _workspace(tmp_path, departments="総務課、税務課")
    run_cli("review", "export", "--workspace", ws)
    names = [row[0] for row in load_workbook(ws / "reports" / "review.xlsx")["_選択肢"].iter_rows(values_only=True)]
    assert names == ["総務課", "税務課"]


def test_settings_file_that_is_not_yaml_names_the_line(run_cli, tmp_path):
    ws = _workspace(tmp_path)
    (ws / "reiki-scan.yaml").write_text("municipality: 与謝野町\ntarget: [50\n", encoding="utf-8")
    proc = run_cli("review", "status", "--workspace", ws, check=False)
    assert proc.returncode != 0 and "行目付近が読めません" in proc.stderr and "expected" not in proc.stderr


def test_counts_in_plain_tables_are_right_aligned():
    lines = format_table(("項目", "件数"), [("未判定", 5), ("該当・見直し", 120)]).splitlines()
    assert lines[2].endswith("   5") and lines[3].endswith(" 120")
