"""`reiki-scan report`: settings from the workspace, overrides, the files it writes."""

from pathlib import Path

import yaml
from openpyxl import load_workbook

from reiki_scan.review.state import review_counts
from reiki_scan.store.db import Store
from test_report_support import build_town, page, shown_counts


def _workspace(tmp_path: Path, **config) -> Path:
    ws = tmp_path / "ws"
    (ws / "corpus").mkdir(parents=True)
    config = {"municipality": "テスト町", "target": 20, "deadline": "2027-03-31", "departments": ["総務課"], **config}
    (ws / "reiki-scan.yaml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    with Store(ws / "corpus" / "reiki.sqlite") as store:
        build_town(store)
    return ws


def test_report_uses_the_workspace_settings_and_prints_the_page_path(run_cli, tmp_path):
    ws = _workspace(tmp_path)
    out = run_cli("report", "--workspace", ws).stdout.strip()
    assert Path(out) == (ws / "reports" / "index.html").resolve()
    doc = page(Path(out).read_text(encoding="utf-8"))
    assert "テスト町" in doc.findtext(".//h1") and doc.get_element_by_id("target").text == "20"
    with Store(ws / "corpus" / "reiki.sqlite") as store:
        assert shown_counts(doc)["found"] == review_counts(store)["found"]
    assert not [p.name for p in (ws / "reports").iterdir() if p.name.startswith(".")], "no temporary file left"


def test_target_and_deadline_options_override_the_settings(run_cli, tmp_path):
    ws = _workspace(tmp_path)
    out = tmp_path / "out"
    path = Path(run_cli("report", "--workspace", ws, "-o", out, "--target", 30, "--deadline", "2026-12-28")
                .stdout.strip())
    assert path == (out / "index.html").resolve()
    doc = page(path.read_text(encoding="utf-8"))
    assert doc.get_element_by_id("target").text == "30"
    assert "期限 令和8年12月28日まで" in doc.text_content()


def test_summary_workbook_beside_the_page_has_the_counts(run_cli, tmp_path):
    ws = _workspace(tmp_path)
    run_cli("report", "--workspace", ws)
    book = load_workbook(ws / "reports" / "summary.xlsx")
    summary = {row[0]: row[1] for row in book["集計"].iter_rows(min_row=2, values_only=True)}
    with Store(ws / "corpus" / "reiki.sqlite") as store:
        counts = review_counts(store)
    assert summary["自治体"] == "テスト町" and summary["目標(撤廃件数)"] == 20
    assert (summary["撤廃済"], summary["見直し予定"], summary["検出(現存)"]) == (
        counts["abolished"], counts["revise"], counts["found"])
    categories = list(book["類型別"].iter_rows(min_row=2, values_only=True))
    assert len(categories) == 8 and sum(row[1] for row in categories) == counts["found"]


def test_unreadable_deadline_is_refused_in_japanese(run_cli, tmp_path):
    proc = run_cli("report", "--workspace", _workspace(tmp_path), "--deadline", "令和9年3月31日", check=False)
    assert proc.returncode != 0 and "日付として読めません" in proc.stderr


def test_summary_workbook_writes_formula_like_names_as_text(run_cli, tmp_path):
    ws = _workspace(tmp_path, municipality="=HYPERLINK(\"http://example.com\")", departments=["@総務課"])
    run_cli("report", "--workspace", ws)
    book = load_workbook(ws / "reports" / "summary.xlsx")
    town = book["集計"]["B2"]
    assert town.value.startswith("=HYPERLINK") and town.data_type == "s"
    assert book["所管課別"]["A2"].value == "@総務課" and book["所管課別"]["A2"].data_type == "s"


def test_bad_deadline_in_the_settings_file_is_reported(run_cli, tmp_path):
    proc = run_cli("report", "--workspace", _workspace(tmp_path, deadline="来年度末"), check=False)
    assert proc.returncode != 0 and "deadline を確認してください" in proc.stderr
