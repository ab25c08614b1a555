"""The report of the bundled sample corpus, as a user gets it: import → scan → decisions →
amendment → re-scan → report; the numbers on the page are the store's."""

import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from conftest import SAMPLE
from reiki_scan.categories import CATEGORIES
from reiki_scan.review.decisions import Decision, record_decisions
from reiki_scan.review.state import progress_history, review_counts, review_rows
from reiki_scan.store.db import Store
from test_report_support import page, shown_counts, table

pytestmark = pytest.mark.slow

POSTING = "2 条例の公布は、新冠町役場前の掲示場に掲示して行う。"


def _decide(store: Store) -> str:
    """見直し for 新冠町's 掲示場 clause, and one each of 非該当 / 存置 / 検討中; returns the first id."""
    rows = review_rows(store)
    posting = next(r for r in rows if r.finding.document == "d01" and r.finding.category == "posting")
    others = [r for r in rows if r.finding.document != "d01"][:3]
    record_decisions(store, [
        Decision(posting.finding_id, "該当", "見直し", schedule="令和8年度", department="総務課"),
        Decision(others[0].finding_id, "非該当", department="選挙管理委員会事務局", note="誤検出"),
        Decision(others[1].finding_id, "該当", "存置", department="住民環境課", note="法令で義務付け"),
        Decision(others[2].finding_id, "該当", "検討中", department="住民環境課")])
    return posting.finding_id


def test_sample_corpus_report_matches_the_store_after_an_amendment(run_cli, tmp_path):
    docs, ws = tmp_path / "docs", tmp_path / "ws"
    shutil.copytree(SAMPLE / "docs", docs)
    run_cli("import", docs, "--workspace", ws)
    run_cli("scan", "--workspace", ws)
    with Store(ws / "corpus" / "reiki.sqlite") as store:
        posting = _decide(store)
    d01 = docs / "d01.txt"
    text = d01.read_text(encoding="utf-8")
    assert POSTING in text
    d01.write_text(text.replace(POSTING, "2 条例の公布は、町のウェブサイトに載せて行う。"), encoding="utf-8")
    run_cli("import", d01, "--workspace", ws)
    run_cli("scan", "--workspace", ws)

    index = Path(run_cli("report", "--workspace", ws).stdout.strip())
    doc = page(index.read_text(encoding="utf-8"))
    with Store(ws / "corpus" / "reiki.sqlite") as store:
        counts, rows, history = review_counts(store), review_rows(store), progress_history(store)

    shown = shown_counts(doc)
    assert shown == {k: counts[k] for k in shown}
    assert (shown["abolished"], shown["not_analog"], shown["keep"], shown["considering"]) == (1, 1, 1, 1)
    assert shown["found"] >= 40, "the sample corpus has dozens of analog clauses"
    by_category = table(doc, "by-category")
    assert list(by_category) == [c.name_ja for c in CATEGORIES]
    assert sum(int(r["検出(現存)"]) for r in by_category.values()) == counts["found"]
    assert by_category["書面掲示"]["撤廃済"] == "1"
    runs = [[int(td.text) for td in tr.xpath("./td")[1:]] for tr in doc.xpath('//table[@id="history"]/tbody/tr')]
    assert [run[-1] for run in runs] == [h["abolished"] for h in history] == [0, 1]
    # the second scan read only the amended d01 again and kept the findings of the others
    (documents, carried), (documents_2, carried_2) = [run[:2] for run in runs]
    assert carried == 0 and documents_2 == documents and carried_2 == documents - 1
    summary = load_workbook(index.parent / "summary.xlsx")["推移"].iter_rows(min_row=2, values_only=True)
    assert [list(row[1:]) for row in summary] == runs

    assert "新冠町公告式条例 第2条第2項" in doc.get_element_by_id("changes-abolished").text_content()
    assert "新冠町公告式条例" in doc.get_element_by_id("changes-amended").text_content()
    abolished_row = doc.get_element_by_id(f"f-{posting}")
    assert abolished_row.get("data-bucket") == "撤廃済" and abolished_row.get("data-department") == "総務課"
    finding = next(r.finding for r in rows if r.finding_id == posting)
    assert [m.text for m in abolished_row.xpath(".//mark")] == [m.text for m in finding.matches] != []
    assert abolished_row.xpath(".//a")[0].get("href") == d01.resolve().as_uri()
    assert len(doc.xpath('//table[@id="findings"]/tbody/tr')) == len(rows)
