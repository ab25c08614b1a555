"""How the review sheet reads when opened: rows tall enough for their text, A4 print, 条項 down to the 号."""

from datetime import date

import pytest
from openpyxl import load_workbook
from test_review_support import sheet_rows

from reiki_scan.findings import Finding, Match
from reiki_scan.model import Ordinance, Provision
from reiki_scan.report.build import build_report
from reiki_scan.report.data import Settings
from reiki_scan.review.located import Located, item_label, kanji_number, locate
from reiki_scan.review.xlsx import LINE_HEIGHT, export_review_sheet, wrapped_lines
from reiki_scan.store.db import Store, now_iso

LEAD = "監視員は、次に掲げる職務を行うものとする。"
ITEMS = ["年間を通じて月1回以上巡視し、その記録を日誌に記すこと。", "不法投棄の状況を町長へ報告すること。"]
LONG = "閲覧者は、" + "閲覧室において係員の指示に従い、" * 12 + "閲覧しなければならない。"


@pytest.fixture
def store(tmp_path):
    provisions = [Provision("第5条", LEAD), Provision("第5条第1号", ITEMS[0], kind="item"),
                  Provision("第5条第2号", ITEMS[1], kind="item"), Provision("第6条", LONG)]
    ordinance = Ordinance("kanshi", "監視員設置要綱", "平成25年告示第3号", "要綱", provisions=provisions)
    with Store(tmp_path / "reiki.sqlite") as s:
        _, version = s.save_ordinance(ordinance)
        unit_text = "\n".join([LEAD, *ITEMS])
        start = ITEMS[0].index("巡視")
        findings = [
            Finding("kanshi", ordinance.title, ordinance.number, "第5条", "visual", "VIS001", ITEMS[0],
                    "「巡視」:目で見て確認する", [Match("巡視", start, start + 2)], provision_text=unit_text,
                    kind="要綱"),
            Finding("kanshi", ordinance.title, ordinance.number, "第6条", "visit_inspection", "VST001", LONG,
                    "「閲覧」:来庁して閲覧", [Match("閲覧", 0, 2)], provision_text=LONG, kind="要綱"),
        ]
        s.record_scan(findings, {"kanshi": version}, "stand-in", "test", now_iso())
        yield s


def test_items_are_numbered_in_kanji_as_ordinances_write_them():
    assert [kanji_number(n) for n in (1, 9, 10, 12, 20, 21, 105)] == ["一", "九", "十", "十二", "二十", "二十一", "百五"]
    assert item_label("第3条第1項第2号の2") == "二の二" and item_label("第3条第1項") == ""


def test_finding_in_an_item_is_cited_down_to_the_item_with_numbered_items(store, tmp_path):
    out = tmp_path / "review.xlsx"
    export_review_sheet(store, out, [], "与謝野町")
    row = next(r for r in sheet_rows(out) if r["類型"] == "目視")
    assert row["条項"] == "第5条第1号"
    assert row["条文"] == f"{LEAD}\n一 年間を通じて月1回以上【巡視】し、その記録を日誌に記すこと。\n二 {ITEMS[1]}"


def test_report_cites_the_same_item_as_the_sheet(store):
    view = build_report(store, Settings("与謝野町", 50, date(2027, 3, 31)), date(2026, 11, 25))
    assert {f.category: f.provision for f in view.findings} == {"visual": "第5条第1号", "visit_inspection": "第6条"}


def test_text_that_is_not_what_was_scanned_is_shown_unchanged():
    finding = Finding("k", "t", "", "第5条", "visual", "VIS001", ITEMS[0], "", provision_text="別の本文")
    assert locate(finding, [("第5条", LEAD), ("第5条第1号", ITEMS[0])]) == Located("第5条", "別の本文")


def test_review_sheet_rows_are_tall_enough_for_their_wrapped_text(store, tmp_path):
    out = tmp_path / "review.xlsx"
    export_review_sheet(store, out, [], "与謝野町")
    sheet = load_workbook(out)["点検・見直し一覧"]
    headers = [c.value for c in sheet[1]]
    text_column = headers.index("条文") + 1
    width = sheet.column_dimensions["F"].width
    for r in range(2, sheet.max_row + 1):
        text = sheet.cell(r, text_column).value
        height = sheet.row_dimensions[r].height
        assert sheet.cell(r, text_column).alignment.wrap_text
        assert height is not None and height >= wrapped_lines(text, width) * LINE_HEIGHT, (r, text)
    assert sheet.row_dimensions[3].height >= LINE_HEIGHT * 3, "the long clause takes several lines"


def test_review_sheet_prints_on_a4_landscape_with_the_header_repeated(store, tmp_path):
    out = tmp_path / "review.xlsx"
    export_review_sheet(store, out, [], "与謝野町")
    book = load_workbook(out)
    sheet = book["点検・見直し一覧"]
    assert int(sheet.page_setup.paperSize) == 9 and sheet.page_setup.orientation == "landscape"
    assert sheet.print_title_rows.replace("$", "") == "1:1" and sheet.freeze_panes == "A2"
    assert int(book["集計"].page_setup.paperSize) == 9      # 9 = A4
