"""The rendered report agrees with the store: headline, breakdowns, history, changes, findings."""

import base64
import hashlib
from datetime import date

import pytest

from reiki_scan.categories import CATEGORIES
from reiki_scan.report.build import build_report
from reiki_scan.report.data import Settings
from reiki_scan.report.render import render_html
from reiki_scan.review.state import progress_history, review_counts, review_rows
from reiki_scan.store.db import Store
from test_report_support import TODAY, build_town, page, shown_counts, table

SETTINGS = Settings("与謝野町", 50, date(2027, 3, 31), ["総務課", "税務課", "建設課", "福祉課", "教育委員会事務局"])


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "reiki.sqlite") as store:
        build_town(store)
        yield store


@pytest.fixture
def doc(store):
    return page(render_html(build_report(store, SETTINGS, TODAY)))


def test_headline_counts_on_the_page_are_the_review_counts(store, doc):
    counts = review_counts(store)
    shown = shown_counts(doc)
    assert shown == {k: counts[k] for k in shown}
    assert set(shown) == {"abolished", "revise", "considering", "keep", "not_analog", "undecided", "changed", "found"}
    assert (shown["abolished"], shown["revise"], shown["considering"], shown["keep"], shown["not_analog"],
            shown["undecided"], shown["changed"], shown["found"]) == (1, 1, 1, 1, 1, 1, 1, 6)


def test_town_name_target_and_wareki_deadline_are_on_the_page(doc):
    assert "与謝野町" in doc.findtext(".//h1")
    assert doc.get_element_by_id("target").text == "50"
    text = doc.text_content()
    assert "令和8年度末(令和9年3月31日)まで" in text and "作成日 令和8年11月25日" in text
    assert doc.get_element_by_id("days-left").text == "126"
    # 49 left over 126 days (4.14 months): 11.9 a month.
    assert "残り49件を、月あたり11.9件" in doc.get_element_by_id("pace").text
    bar = doc.xpath('//*[@role="progressbar"]')[0]
    assert bar.get("aria-valuenow") == "2.0"


def test_category_breakdown_lists_all_eight_categories_and_adds_up(store, doc):
    rows = table(doc, "by-category")
    assert list(rows) == [c.name_ja for c in CATEGORIES]
    assert rows["書面掲示"]["検出(現存)"] == "3" and rows["書面掲示"]["撤廃済"] == "1"
    assert rows["書面掲示"]["要再確認"] == "1" and rows["書面掲示"]["存置"] == "1"
    assert rows["目視"]["検出(現存)"] == "0"
    counts = review_counts(store)
    assert sum(int(r["検出(現存)"]) for r in rows.values()) == counts["found"]
    assert sum(int(r["撤廃済"]) for r in rows.values()) == counts["abolished"]


def test_department_breakdown_follows_decisions_and_a_reworded_clause_keeps_its_department(store, doc):
    rows = table(doc, "by-department")
    assert list(rows)[:5] == SETTINGS.departments and list(rows)[-1] == "(未割当)"
    assert rows["総務課"]["見直し予定"] == "1" and rows["総務課"]["撤廃済"] == "1"
    assert rows["教育委員会事務局"]["要再確認"] == "1"
    assert rows["(未割当)"]["未判定"] == "1"
    assert sum(int(r["検出(現存)"]) for r in rows.values()) == review_counts(store)["found"]


def test_basis_breakdown_separates_national_law_from_the_towns_own_rules(store, doc):
    rows = table(doc, "by-basis")
    assert list(rows) == ["法令に基づく", "町独自"]
    assert rows["法令に基づく"]["存置"] == "1" and rows["法令に基づく"]["検出(現存)"] == "1"
    assert rows["町独自"]["検出(現存)"] == "5"


def test_history_table_and_chart_follow_the_scan_runs(store, doc):
    history = progress_history(store)
    cells = [[td.text_content() for td in tr.xpath("./td")] for tr in doc.xpath('//table[@id="history"]/tbody/tr')]
    assert [c[1:] for c in cells] == [[str(h[k]) for k in ("documents", "carried", "found", "revise", "abolished")]
                                      for h in history]
    assert cells[-1][3:] == ["6", "1", "1"]
    assert len(doc.xpath('//svg//*[@data-series="abolished"]/*[local-name()="circle"]')) == len(history)


def test_since_last_scan_lists_new_changed_abolished_and_amended(doc):
    counts = {el.get("data-change"): int(el.text) for el in doc.xpath("//*[@data-change]")}
    assert counts == {"new": 1, "changed": 1, "abolished": 1, "vanished": 0, "amended": 2}
    abolished = doc.get_element_by_id("changes-abolished").text_content()
    assert "kouen条例 第3条" in abolished
    assert "tosho条例" in doc.get_element_by_id("changes-amended").text_content()


def test_findings_list_has_every_review_row_with_its_matched_words_marked(store, doc):
    rows = review_rows(store)
    trs = doc.xpath('//table[@id="findings"]/tbody/tr')
    assert [tr.get("id") for tr in trs] == [f"f-{r.finding_id}" for r in rows]
    for tr, row in zip(trs, rows):
        assert [m.text for m in tr.xpath(".//mark")] == [m.text for m in row.finding.matches]
        assert row.finding.explanation in tr.text_content()
    changed = doc.get_element_by_id(f"f-{next(r.finding_id for r in rows if r.status == '条文変更・要再確認')}")
    assert "前回の判定: 該当・見直し(令和8年度, 教育委員会事務局)" in changed.text_content()


def test_page_with_no_scan_yet_says_so(tmp_path):
    with Store(tmp_path / "reiki.sqlite") as store:
        doc = page(render_html(build_report(store, SETTINGS, TODAY)))
    assert "まだ走査していません" in doc.text_content()
    assert shown_counts(doc)["found"] == 0 and len(table(doc, "by-category")) == 8


def test_page_policy_allows_its_own_script_and_nothing_from_outside(doc):
    policy = doc.xpath('//meta[@http-equiv="Content-Security-Policy"]')[0].get("content")
    script = doc.xpath("//script")[0].text
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    assert f"script-src 'sha256-{digest}'" in policy and "default-src 'none'" in policy
    assert doc.xpath("//link | //img | //iframe | //*[@src]") == []
