"""A 要綱 issued as a 告示 numbers its articles 第1, 第2 … without 条. Paths stay canonical (第2条第2項,
provision_paths.md) for scoring and storage; what a legal officer reads — the scan table, the review sheet,
the report and above all the 改め文 — cites the provision as the document does (第2第2項)."""

import json
from datetime import date

import pytest
from test_review_support import sheet_rows

from reiki_scan.model import cite
from reiki_scan.parse.lines import parse_text
from reiki_scan.report.build import build_report
from reiki_scan.report.data import Settings
from reiki_scan.review.decisions import Decision, record_decisions
from reiki_scan.review.state import review_rows
from reiki_scan.store.db import Store

YOKO = """○北山町行事案内掲示要綱
令和元年5月1日
告示第12号
(趣旨)
第1 この要綱は、町の行事の案内の掲示に関し必要な事項を定めるものとする。
(掲示)
第2 町長は、町の行事の案内を作成する。
2 前項の案内は、役場の掲示場に掲示して公示する。
(補則)
第3 この要綱に定めるもののほか、必要な事項は、町長が別に定める。
附 則
この要綱は、公布の日から施行する。
"""


def test_cite_drops_jo_from_the_article_only():
    assert [cite(p, True) for p in ("第3条", "第3条の2第1項", "第3条第2項第1号", "附則第2条", "別表第1", "本則")] == \
        ["第3", "第3の2第1項", "第3第2項第1号", "附則第2条", "別表第1", "本則"]
    assert cite("第3条の2第1項", False) == "第3条の2第1項"


def test_the_parser_knows_articles_numbered_without_jo_and_the_hash_ignores_it():
    yoko = parse_text(YOKO, "k01")
    assert yoko.articles_without_jo and [p.path for p in yoko.provisions][:3] == ["第1条", "第2条第1項", "第2条第2項"]
    jorei = parse_text(YOKO.replace("第1 ", "第1条 ").replace("第2 ", "第2条 ").replace("第3 ", "第3条 "), "k01")
    assert not jorei.articles_without_jo
    before = parse_text(YOKO, "k01")
    before.articles_without_jo = False           # as stored before the flag was read
    assert before.content_hash() == yoko.content_hash()


def test_a_document_stored_before_the_flag_was_read_gets_it_when_imported_again(tmp_path):
    """Importing the same text again stores no new version (the hash ignores the flag), but the stored
    document learns how it numbers its articles, so citations are right without waiting for an amendment."""
    before = parse_text(YOKO, "k01")
    before.articles_without_jo = False           # as stored before the flag was read
    with Store(tmp_path / "reiki.sqlite") as store:
        status, version = store.save_ordinance(before)
        assert status == "new" and not store.load_version(version).articles_without_jo
        assert store.save_ordinance(parse_text(YOKO, "k01")) == ("unchanged", version)
        assert store.load_version(version).articles_without_jo
        assert [row["seq"] for row in store.versions_of("k01")] == [1]


@pytest.mark.slow
def test_scan_sheet_report_and_draft_cite_the_article_as_the_yoko_numbers_it(run_cli, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "k01.txt").write_text(YOKO, encoding="utf-8")
    assert "第2第2項  書面掲示" in run_cli("scan", docs / "k01.txt").stdout
    ws = tmp_path / "ws"
    run_cli("import", docs, "--workspace", ws)
    run_cli("scan", "--workspace", ws)
    db = ws / "corpus" / "reiki.sqlite"
    with Store(db) as store:
        rows = review_rows(store)
        assert [r.finding.provision for r in rows] == ["第2条第2項"]          # stored canonical
        record_decisions(store, [Decision(r.finding_id, "該当", "見直し", schedule="令和8年度", department="総務課")
                                 for r in rows])
    sheet = tmp_path / "review.xlsx"
    run_cli("review", "export", "--workspace", ws, "-o", sheet)
    assert [r["条項"] for r in sheet_rows(sheet)] == ["第2第2項"]
    with Store(db) as store:
        report = build_report(store, Settings("北山町", 50, date(2027, 3, 31)), date(2026, 12, 2))
    assert [f.provision for f in report.findings] == ["第2第2項"]
    draft, = [json.loads(line) for line in run_cli("draft", "--workspace", ws, "--format", "jsonl").stdout.splitlines()]
    assert draft["provision"] == "第2第2項"
    assert draft["amendment"].startswith("第2第2項中「掲示場に掲示して公示する」を")


@pytest.mark.slow
def test_a_rescan_that_carries_findings_over_cites_as_the_document_learnt_since(run_cli, tmp_path):
    """Scanned while stored without the flag, imported again (the flag is learnt, the version stays), then
    scanned again: the findings carried over from the first scan cite 第2第2項 too."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "k01.txt").write_text(YOKO, encoding="utf-8")
    ws = tmp_path / "ws"
    run_cli("import", docs, "--workspace", ws)
    db = ws / "corpus" / "reiki.sqlite"
    with Store(db) as store:           # as a workspace stored before the flag was read
        store.conn.execute("UPDATE versions SET data_json=json_set(data_json, '$.articles_without_jo', json('false'))")
        store.conn.commit()
    run_cli("scan", "--workspace", ws)
    run_cli("import", docs, "--workspace", ws)
    assert "引き継ぎ" in run_cli("scan", "--workspace", ws).stdout
    with Store(db) as store:
        first, second = (store.findings_of_run(run["id"]) for run in store.scan_runs())
    assert [f.citation for f in first] == ["第2条第2項"] and [f.citation for f in second] == ["第2第2項"]

