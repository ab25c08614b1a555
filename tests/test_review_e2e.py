"""The scripted run of issue 5: import → scan → export → decide → import → amend three documents →
re-scan → export again. Decisions carry over, one 撤廃済, one 要再確認, nothing lost; a bad sheet is
refused whole."""

import json
import shutil
from pathlib import Path

from openpyxl import load_workbook

from conftest import SAMPLE
from reiki_scan.review.layout import HEADERS
from test_review_support import fill, sheet_rows

COL = {header: i for i, header in enumerate(HEADERS, start=1)}

REMOVED = ("d11", "2 条例の公布は、町役場前の掲示場に掲示しなければならない。\n", "")
REWORDED = ("d05", "振替日の5営業日前までに", "振替日の7営業日前までに")
UNCHANGED_CLAUSE = ("d01", "規則及び規程は、それぞれ", "規則及び規程は、いずれも")


def amend(docs: Path, key: str, old: str, new: str) -> None:
    path = docs / f"{key}.txt"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def row_of(rows, document_title_part: str, category: str):
    return next(r for r in rows if document_title_part in r["例規名"] and r["類型"] == category)


def status(run_cli, w) -> dict:
    return json.loads(run_cli("review", "status", "--workspace", w, "--format", "json").stdout)


def test_decisions_survive_amendment_and_rescan_end_to_end(run_cli, tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(SAMPLE / "docs", docs)
    w = tmp_path / "ws"
    sheet = w / "reports" / "review.xlsx"
    run_cli("import", docs, "--workspace", w)
    run_cli("scan", "--workspace", w)
    run_cli("review", "export", "--workspace", w, "-o", sheet)
    first = sheet_rows(sheet)
    assert first and {r["状態"] for r in first} == {"新規"}

    # Reviewers decide every row.
    removed = row_of(first, "板柳町公告式条例", "書面掲示")["ID"]
    reworded = row_of(first, "口座振替", "FD等記録媒体")["ID"]
    kept = row_of(first, "新冠町公告式条例", "書面掲示")["ID"]
    edits = {}
    for i, r in enumerate(first):
        edits[r["ID"]] = ({"該非": "非該当"} if i % 3 == 0 else
                          {"該非": "該当", "見直し方針": "検討中", "所管課": "総務課"})
    edits[removed] = {"該非": "該当", "見直し方針": "見直し", "見直し予定時期": "令和8年度", "所管課": "総務課"}
    edits[reworded] = {"該非": "該当", "見直し方針": "見直し", "見直し予定時期": "令和9年度", "所管課": "会計室"}
    edits[kept] = {"該非": "該当", "見直し方針": "存置", "存置理由・備考": "地方自治法第16条に基づく"}
    fill(sheet, edits)
    assert f"反映 {len(first)} 件" in run_cli("review", "import", sheet, "--workspace", w, "--reviewer", "総務課").stdout
    decided = {r["ID"]: r for r in sheet_rows(sheet)}
    assert status(run_cli, w)["undecided"] == 0

    # Amend three documents and scan again.
    for key, old, new in (REMOVED, REWORDED, UNCHANGED_CLAUSE):
        amend(docs, key, old, new)
    assert "変更 3" in run_cli("import", docs, "--workspace", w).stdout
    run_cli("scan", "--workspace", w)
    run_cli("review", "export", "--workspace", w, "-o", sheet)
    second = {r["ID"]: r for r in sheet_rows(sheet)}

    assert second[removed]["状態"] == "撤廃済" and second[removed]["見直し方針"] == "見直し"
    gone_note = load_workbook(sheet)["点検・見直し一覧"].cell(list(second).index(removed) + 2, COL["状態"]).comment
    assert "の走査(#2)で検出されなくなりました" in gone_note.text
    successor = [r for r in second.values() if r["状態"] == "条文変更・要再確認"]
    assert len(successor) == 1 and "7営業日前" in successor[0]["条文"] and successor[0]["該非"] is None
    comment = load_workbook(sheet)["点検・見直し一覧"].cell(
        list(second).index(successor[0]["ID"]) + 2, COL["該非"]).comment
    assert "前回の判定: 該当 / 見直し / 令和9年度 / 会計室" in comment.text
    assert second[kept]["状態"] == "継続" and second[kept]["存置理由・備考"] == "地方自治法第16条に基づく"
    # Nothing lost: every decided row is still there with its decision, except the reworded one,
    # whose decision is offered on its successor.
    assert reworded not in second
    for fid, before in decided.items():
        if fid != reworded:
            assert (second[fid]["該非"], second[fid]["見直し方針"]) == (before["該非"], before["見直し方針"])
    counts = status(run_cli, w)
    assert (counts["abolished"], counts["changed"], counts["undecided"]) == (1, 1, 0)
    assert counts["found"] == len(first) - 1

    # A bad sheet is refused whole, with the rows named.
    wb = load_workbook(sheet)
    rows = wb["点検・見直し一覧"]
    rows.cell(2, COL["該非"]).value = "たぶん該当"
    rows.cell(3, COL["該非"]).value, rows.cell(3, COL["見直し方針"]).value = "該当", "存置"
    rows.cell(3, COL["存置理由・備考"]).value = None
    rows.cell(list(second).index(successor[0]["ID"]) + 2, COL["該非"]).value = "非該当"     # a good row
    wb.save(sheet)
    proc = run_cli("review", "import", sheet, "--workspace", w, check=False)
    assert proc.returncode != 0
    assert "2行目「該非」列" in proc.stderr and "3行目「存置理由・備考」列" in proc.stderr
    assert status(run_cli, w) == counts
