"""The numbers a clerk reads in four places — review status, the review sheet's 集計, the report page and
summary.xlsx — are the same numbers; and the deadline is written the same way everywhere."""

import json
from pathlib import Path

import pytest
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
