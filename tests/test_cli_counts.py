"""The numbers a clerk reads in four places — review status, the review sheet's 集計, the report page and
summary.xlsx — are the same numbers; and the deadline is written the same way everywhere."""

import json
from pathlib import Path

from openpyxl import load_workbook
from test_report_cli import _workspace
from test_report_support import page, shown_counts

from reiki_scan.cli.common import format_table

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


def test_status_states_the_deadline_as_the_report_does(run_cli, tmp_path):
    ws = _workspace(tmp_path)
    out = run_cli("review", "status", "--workspace", ws).stdout
    assert "期限 令和8年度末(令和9年3月31日)" in out and "2027" not in out
    index = Path(run_cli("report", "--workspace", ws).stdout.strip())
    assert "令和8年度末" in index.read_text(encoding="utf-8")


def test_status_with_an_unreadable_deadline_still_shows_the_counts(run_cli, tmp_path):
    proc = run_cli("review", "status", "--workspace", _workspace(tmp_path, deadline="来年度末"), check=False)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr
    assert "日付として読めません" in proc.stdout and "判定別" in proc.stdout


def test_counts_in_plain_tables_are_right_aligned():
    lines = format_table(("項目", "件数"), [("未判定", 5), ("該当・見直し", 120)]).splitlines()
    assert lines[2].endswith("   5") and lines[3].endswith(" 120")
