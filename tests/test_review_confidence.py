"""確度 (confidence) where reviewers see it: a column of the review sheet with its reason, rows of each 例規
ordered 高 → 中 → 低 → none, sheets from before the column still import, and the report counts findings
per 確度 saying that it is a ranking for reviewers, not a precision.

The findings are given their 確度 here, not by the engine: these tests are about the display."""

from datetime import date

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from reiki_scan.report.build import build_report
from reiki_scan.report.data import Settings
from reiki_scan.report.render import render_html
from reiki_scan.report.xlsx import summary_workbook
from reiki_scan.review.decisions import latest_decisions
from reiki_scan.review.layout import HEADERS
from reiki_scan.workspace import Workspace
from test_report_support import page, table
from test_review_support import Town, fill, identity, sheet_rows

# (document, provision) → (確度, 確度の理由); the provisions of each document in document order.
CONFIDENCE = {
    ("kouen", "第1条"): ("低", "「掲示」が目的規定の中にある"),
    ("kouen", "第2条"): ("高", "義務付け(しなければならない)で掲示を求めている"),
    ("kouen", "第3条"): ("中", "「掲示する」だけで方法を限っていない"),
    ("kouen", "第4条"): ("高", "掲示場所を指定して義務付けている"),
    ("kouen", "第5条"): ("", ""),                                    # stored before 確度 existed
    ("jigyo", "第1条"): ("中", "常駐を求めるが例外がある"),
}


class ConfidentTown(Town):
    """The review town whose findings carry the 確度 of CONFIDENCE."""

    def findings(self, key):
        found = super().findings(key)
        for f in found:
            f.confidence, f.confidence_reason = CONFIDENCE[(key, f.provision)]
        return found


@pytest.fixture
def ws(tmp_path):
    workspace = Workspace.open(tmp_path / "ws")
    with workspace.store() as store:
        town = ConfidentTown(store)
        town.write("jigyo", {"第1条": "管理者は、施設に常駐しなければならない。"})
        town.write("kouen", {"第1条": "この条例は、公園の掲示の適正化を目的とする。",
                             "第2条": "管理者は、利用者の見やすい場所に掲示しなければならない。",
                             "第3条": "利用の制限は、掲示する。",
                             "第4条": "公告は、役場前の掲示場に掲示しなければならない。",
                             "第5条": "休園日は、入口に掲示する。"})
        town.scan()
    workspace.town = town
    return workspace


def export(run_cli, ws):
    path = ws.reports_dir / "review.xlsx"
    run_cli("review", "export", "--workspace", ws.root, "-o", path)
    return path


def test_rows_of_each_document_are_ordered_by_confidence_keeping_provision_order(run_cli, ws):
    rows = sheet_rows(export(run_cli, ws))
    assert [(r["例規名"], r["条項"], r["確度"]) for r in rows] == [
        ("jigyo条例", "第1条", "中"),
        ("kouen条例", "第2条", "高"), ("kouen条例", "第4条", "高"), ("kouen条例", "第3条", "中"),
        ("kouen条例", "第1条", "低"), ("kouen条例", "第5条", None)]
    assert [r["No."] for r in rows] == [1, 2, 3, 4, 5, 6]
    assert rows[1]["確度の理由"] == "義務付け(しなければならない)で掲示を求めている"


def test_confidence_and_its_reason_are_readable_and_locked(run_cli, ws):
    sheet = load_workbook(export(run_cli, ws))["点検・見直し一覧"]
    for header in ("確度", "確度の理由"):
        column = get_column_letter(HEADERS.index(header) + 1)
        assert sheet[f"{column}1"].value == header and sheet[f"{column}3"].protection.locked
    reason = sheet[f"{get_column_letter(HEADERS.index('確度の理由') + 1)}3"]
    assert reason.alignment.wrap_text and sheet.column_dimensions[reason.column_letter].width >= 20


def test_sheet_exported_before_the_confidence_column_still_imports(run_cli, ws):
    path = export(run_cli, ws)
    book = load_workbook(path)
    sheet = book["点検・見直し一覧"]
    sheet.delete_cols(HEADERS.index("確度") + 1, 2)             # the layout of sheets already handed out
    book.save(path)
    assert "確度" not in [c.value for c in sheet[1]]
    target = identity(ws.town, "kouen", "第4条")
    fill(path, {target: {"該非": "該当", "見直し方針": "見直し", "見直し予定時期": "令和8年度"}})
    proc = run_cli("review", "import", path, "--workspace", ws.root)
    assert "反映 1 件 / 変更なし 5 件" in proc.stdout
    with ws.store() as store:
        assert latest_decisions(store)[target].policy == "見直し"


def test_report_counts_findings_per_confidence_and_says_it_is_no_precision(ws):
    with ws.store() as store:
        report = build_report(store, Settings("テスト町", 50, date(2027, 3, 31)), date(2026, 11, 25))
    doc = page(render_html(report))
    rows = table(doc, "by-confidence")
    assert {label: int(row["検出(現存)"]) for label, row in rows.items()} == {"高": 2, "中": 2, "低": 1, "未設定": 1}
    note = doc.get_element_by_id("confidence-note").text_content()
    assert "どの検出から読むかの目安" in note and "精度" in note and "ではありません" in note
    sheet = summary_workbook(report)["確度別"]
    values = list(sheet.iter_rows(values_only=True))
    assert {r[0]: r[1] for r in values[1:5]} == {"高": 2, "中": 2, "低": 1, "未設定": 1}
    assert "精度" in values[-1][0]
