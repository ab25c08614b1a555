"""summary.xlsx and the page go into the 推進本部's papers: every number read back and checked against a
town whose history is known by hand (and against the store's own counts).

The town (test_report_support.build_town, then a third scan):
  撤廃済 2   kouen 第3条, kouen 第5条 (both decided 見直し, then repealed)
  消滅 1     jigyo 第5条 (非該当, then repealed)
  検討中 1   kouen 第4条 (建設課)          存置 1    jigyo 第2条 (税務課, cites a law)
  要再確認 1 tosho 第2条 (reworded; inherits 教育委員会事務局)
  未判定 1   kumiai 第1条 (no 所管課)      見直し予定 1 shisetsu 第1条 (総務課)
  非該当 1   shisetsu 第2条 (議会事務局: not in the settings' list of 所管課)
  → 検出(現存) 6
"""

from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml
from lxml import html
from openpyxl import load_workbook

from reiki_scan.review.decisions import Decision, record_decisions
from reiki_scan.review.state import review_counts
from reiki_scan.store.db import Store
from reiki_scan.wareki import to_wareki
from test_report_support import build_town
from test_review_support import Town, identity

DEPARTMENTS = ["総務課", "税務課", "建設課", "福祉課", "教育委員会事務局"]
BUCKETS = ["未判定", "要再確認", "非該当", "検討中", "存置", "見直し予定", "撤廃済", "消滅"]


def _row(found, **buckets):
    return [found, *(buckets.get(b, 0) for b in BUCKETS)]


# label → [検出(現存), then one count per bucket in BUCKETS order]
BY_CATEGORY = {"目視": _row(0), "実地監査": _row(2, 検討中=1, 非該当=1), "定期検査・点検": _row(0),
               "常駐・専任": _row(1, 未判定=1, 消滅=1), "対面講習": _row(0),
               "書面掲示": _row(3, 要再確認=1, 存置=1, 見直し予定=1, 撤廃済=2), "往訪閲覧・縦覧": _row(0),
               "FD等記録媒体": _row(0)}
BY_DEPARTMENT = {"総務課": _row(1, 見直し予定=1, 撤廃済=2), "税務課": _row(1, 存置=1),
                 "建設課": _row(1, 検討中=1), "福祉課": _row(0, 消滅=1),
                 "教育委員会事務局": _row(1, 要再確認=1), "(未割当)": _row(1, 未判定=1),
                 "議会事務局": _row(1, 非該当=1)}
BY_BASIS = {"法令に基づく": _row(1, 存置=1),
            "町独自": _row(5, 未判定=1, 要再確認=1, 非該当=1, 検討中=1, 見直し予定=1, 撤廃済=2, 消滅=1)}
COUNTS = {"検出(現存)": 6, "撤廃済": 2, "見直し予定": 1, "検討中": 1, "存置": 1, "非該当": 1, "未判定": 1, "要再確認": 1}


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Path:
    ws = tmp_path_factory.mktemp("town") / "ws"
    (ws / "corpus").mkdir(parents=True)
    config = {"municipality": "テスト町", "target": 50, "deadline": "2027-03-31", "departments": DEPARTMENTS}
    (ws / "reiki-scan.yaml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    with Store(ws / "corpus" / "reiki.sqlite") as store:
        town = build_town(store)
        del town.documents["kouen"]["第5条"]
        del town.documents["jigyo"]["第5条"]
        town.write("shisetsu", {"第1条": "指定管理者は、許可の内容を事務所に掲示しなければならない。",
                                "第2条": "町長は、職員に立入検査をさせることができる。"})
        town.scan()
        record_decisions(store, [
            Decision(identity(town, "shisetsu", "第1条"), "該当", "見直し", "令和9年度", "総務課", decided_by="法規担当"),
            Decision(identity(town, "shisetsu", "第2条", "onsite_audit"), "非該当", department="議会事務局",
                     note="報告の徴収のみ", decided_by="総務課 山田")])
    return ws


def _report(run_cli, ws: Path, out: Path, target: int, days: int):
    deadline = date.today() + timedelta(days=days)
    run_cli("report", "--workspace", ws, "-o", out, "--target", target, "--deadline", deadline.isoformat())
    book = load_workbook(out / "summary.xlsx")
    summary = {r[0]: r[1] for r in book["集計"].iter_rows(min_row=2, values_only=True)}
    sheets = {name: {r[0]: list(r[1:]) for r in book[name].iter_rows(min_row=2, values_only=True)}
              for name in ("類型別", "所管課別", "根拠別")}
    return summary, sheets, html.fromstring((out / "index.html").read_text(encoding="utf-8")), deadline


def test_summary_counts_are_the_towns_known_counts_and_the_stores(run_cli, workspace, tmp_path):
    summary, _, _, _ = _report(run_cli, workspace, tmp_path, target=10, days=45)
    assert {label: summary[label] for label in COUNTS} == COUNTS
    with Store(workspace / "corpus" / "reiki.sqlite") as store:
        counts = review_counts(store)
    keys = {"検出(現存)": "found", "撤廃済": "abolished", "見直し予定": "revise", "検討中": "considering",
            "存置": "keep", "非該当": "not_analog", "未判定": "undecided", "要再確認": "changed"}
    assert {label: counts[key] for label, key in keys.items()} == COUNTS
    assert counts["vanished"] == 1


def test_summary_breakdown_sheets_hold_their_own_rows(run_cli, workspace, tmp_path):
    _, sheets, _, _ = _report(run_cli, workspace, tmp_path, target=10, days=45)
    assert sheets["類型別"] == BY_CATEGORY
    assert sheets["所管課別"] == BY_DEPARTMENT
    assert sheets["根拠別"] == BY_BASIS


def test_page_breakdowns_match_the_summary_workbook(run_cli, workspace, tmp_path):
    _, sheets, doc, _ = _report(run_cli, workspace, tmp_path, target=10, days=45)
    for table_id, expected in (("by-category", BY_CATEGORY), ("by-department", BY_DEPARTMENT), ("by-basis", BY_BASIS)):
        shown = {tr.get("data-label"): [int(td.text_content()) for td in tr.xpath("./td[@data-bucket]")]
                 for tr in doc.xpath(f'//table[@id="{table_id}"]/tbody/tr')}
        assert shown == expected, table_id


def test_deadline_days_pace_and_progress_are_each_in_their_own_cell(run_cli, workspace, tmp_path):
    summary, _, doc, deadline = _report(run_cli, workspace, tmp_path, target=10, days=45)
    assert summary["目標(撤廃件数)"] == 10
    assert summary["期限"].endswith(f"({to_wareki(deadline)})")
    assert summary["期限までの日数"] == 45
    # 8 left over 45 days = 1.478 months (365.25 / 12 days each): 5.41 a month, rounded up to 5.5
    assert summary["必要なペース(件/月)"] == 5.5
    assert summary["達成率(%)"] == 20.0                                  # 2 of 10
    assert doc.get_element_by_id("days-left").text == "45"
    assert "残り8件を、月あたり5.5件" in doc.get_element_by_id("pace").text
    bar = doc.xpath('//*[@role="progressbar"]')[0]
    assert bar.get("aria-valuenow") == "20.0" and bar[0].get("style") == "width: 20.0%"


def test_with_under_a_month_left_the_whole_remainder_is_due_this_month(run_cli, workspace, tmp_path):
    summary, _, doc, _ = _report(run_cli, workspace, tmp_path, target=10, days=20)
    assert summary["期限までの日数"] == 20
    assert summary["必要なペース(件/月)"] == 8                         # not 8 / (20 / 30.4) = 12.2
    assert "残り8件を、月あたり8件" in doc.get_element_by_id("pace").text


def test_progress_past_the_target_stops_at_100_percent(run_cli, workspace, tmp_path):
    summary, _, doc, _ = _report(run_cli, workspace, tmp_path, target=1, days=45)
    assert summary["達成率(%)"] == 100.0
    assert summary["必要なペース(件/月)"] is None
    bar = doc.xpath('//*[@role="progressbar"]')[0]
    assert bar.get("aria-valuenow") == "100.0" and bar[0].get("style") == "width: 100.0%"
    assert doc.get_element_by_id("pace").text.strip() == "目標を達成しました"


def test_on_the_deadline_day_the_whole_remainder_is_due(run_cli, workspace, tmp_path):
    summary, _, doc, _ = _report(run_cli, workspace, tmp_path, target=10, days=0)
    assert (summary["期限までの日数"], summary["必要なペース(件/月)"]) == (0, 8)
    assert doc.get_element_by_id("days-left").text == "0"
    assert "残り8件を、月あたり8件" in doc.get_element_by_id("pace").text


def test_past_the_deadline_the_days_over_are_said_and_no_pace_is_given(run_cli, workspace, tmp_path):
    summary, _, doc, _ = _report(run_cli, workspace, tmp_path, target=10, days=-10)
    assert (summary["期限までの日数"], summary["必要なペース(件/月)"]) == (-10, None)
    assert doc.get_element_by_id("pace").text.strip() == "期限を10日過ぎています(残り8件)"
    assert not doc.xpath('//*[@id="days-left"]')


def test_findings_list_rows_carry_each_decision_as_recorded(run_cli, workspace, tmp_path):
    _, _, doc, _ = _report(run_cli, workspace, tmp_path, target=10, days=45)
    with Store(workspace / "corpus" / "reiki.sqlite") as store:
        town = Town(store)
    town.documents = {"shisetsu": {"第1条": "指定管理者は、許可の内容を事務所に掲示しなければならない。",
                                   "第2条": "町長は、職員に立入検査をさせることができる。"},
                      "jigyo": {"第2条": "事業者は、法第5条の許可証を事務所に掲示しなければならない。"},
                      "tosho": {"第2条": "利用の手引は、館内の見やすい場所に掲示するものとする。"}}

    def row(key, path, category="posting"):
        return doc.get_element_by_id(f"f-{identity(town, key, path, category)}")

    def cells(key, path, category="posting"):
        return [" ".join(piece.strip() for piece in td.itertext() if piece.strip()) for td in row(key, path, category).xpath("./td")]
    today = to_wareki(date.today())
    revise = cells("shisetsu", "第1条")
    assert revise[0] == "書面掲示" and revise[1] == "shisetsu条例 令和元年条例第8号 第1条"
    assert "PST001" in revise[2] and row("shisetsu", "第1条").xpath(".//mark/text()")[0].startswith("掲示")
    assert revise[3:] == ["町独自", "総務課", f"見直し予定 新規 予定 令和9年度 法規担当 {today}"]
    not_analog = cells("shisetsu", "第2条", "onsite_audit")
    assert not_analog[4:] == ["議会事務局", f"非該当 新規 報告の徴収のみ 総務課 山田 {today}"]
    keep = cells("jigyo", "第2条")
    assert keep[3:] == ["法令に基づく 建築基準法第12条", "税務課", f"存置 継続 法令で義務付け 法規担当 {today}"]
    reworded = cells("tosho", "第2条")
    assert "前回の判定: 該当・見直し(令和8年度, 教育委員会事務局)" in reworded[2]
    assert reworded[4:] == ["教育委員会事務局", "要再確認 条文変更・要再確認"]


def test_summary_sheets_are_headed_and_dated_as_a_reader_expects(run_cli, workspace, tmp_path):
    summary, _, _, _ = _report(run_cli, workspace, tmp_path, target=10, days=45)
    book = load_workbook(tmp_path / "summary.xlsx")
    assert book.sheetnames == ["集計", "類型別", "所管課別", "根拠別", "確度別", "推移"]
    assert [c.value for c in book["集計"][1]] == ["項目", "値"]
    for name, first in (("類型別", "類型"), ("所管課別", "所管課"), ("根拠別", "根拠"), ("確度別", "確度")):
        assert [c.value for c in book[name][1]] == [first, "検出(現存)", *BUCKETS], name
    # 確度 is a ranking, and the sheet says so under its table
    assert any("精度" in str(c.value) for row in book["確度別"].iter_rows() for c in row if c.value)
    assert summary["自治体"] == "テスト町" and summary["作成日"] == to_wareki(date.today())


def test_progress_is_rounded_to_one_decimal(run_cli, workspace, tmp_path):
    summary, _, doc, _ = _report(run_cli, workspace, tmp_path, target=3, days=45)
    assert summary["達成率(%)"] == 66.7                                   # 2 of 3
    bar = doc.xpath('//*[@role="progressbar"]')[0]
    assert bar.get("aria-valuenow") == "66.7" and bar[0].get("style") == "width: 66.7%"


def test_summary_history_sheet_has_the_pages_history_rows(run_cli, workspace, tmp_path):
    """The 推移 sheet carries the same scans as the page's history table, with 対象例規 and うち引継ぎ."""
    _report(run_cli, workspace, tmp_path, target=10, days=45)
    rows = list(load_workbook(tmp_path / "summary.xlsx")["推移"].iter_rows(values_only=True))
    assert rows[0] == ("走査日", "対象例規", "うち引継ぎ", "検出", "見直し予定", "撤廃済")
    doc = html.fromstring((tmp_path / "index.html").read_text(encoding="utf-8"))
    assert [th.text_content() for th in doc.xpath('//table[@id="history"]/thead/tr/th')] == list(rows[0])
    shown = [[td.text_content() for td in tr.xpath("./td")] for tr in doc.xpath('//table[@id="history"]/tbody/tr')]
    assert len(shown) == 3 and [list(map(str, row)) for row in rows[1:]] == shown
    assert [row[1] for row in rows[1:]] == [3, 4, 5]          # kumiai added by the second scan, shisetsu by the third
