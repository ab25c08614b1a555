"""import → store → corpus list/export on the bundled sample (real ordinances)."""

import csv
import json

from conftest import SAMPLE

from reiki_scan.cli.common import text_width
from reiki_scan.model import same_provision
from reiki_scan.parse.lines import parse_text


def _export(run_cli, ws):
    out = run_cli("corpus", "export", "--workspace", ws, "--format", "jsonl").stdout
    return [json.loads(line) for line in out.splitlines()]


def test_every_labelled_provision_path_exists_after_import(run_cli, tmp_path):
    run_cli("import", SAMPLE / "docs", "--workspace", tmp_path)
    paths: dict[str, set[str]] = {}
    for row in _export(run_cli, tmp_path):
        paths.setdefault(row["document"], set()).add(row["provision"])
    assert len(paths) == 40
    with open(SAMPLE / "labels.csv", encoding="utf-8") as fh:
        labels = list(csv.DictReader(fh))
    missing = [(r["id"], r["provision"]) for r in labels
               if not any(same_provision(alt, p) for alt in r["provision"].split("|")
                          for p in paths.get(r["id"], ()))]
    assert labels and missing == []


def test_export_rows_carry_title_without_circle_and_number(run_cli, tmp_path):
    run_cli("import", SAMPLE / "docs" / "d01.txt", "--workspace", tmp_path)
    rows = _export(run_cli, tmp_path)
    assert {"document", "title", "number", "provision", "heading", "text"} <= rows[0].keys()
    assert rows[0]["document"] == "d01"
    assert rows[0]["title"] == "新冠町公告式条例"
    assert rows[0]["number"] == "昭和34年条例第1号"


def test_reimport_of_same_file_is_unchanged_and_edit_is_new_version(run_cli, tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    doc = src / "d01.txt"
    doc.write_text((SAMPLE / "docs" / "d01.txt").read_text(encoding="utf-8"), encoding="utf-8")
    ws = tmp_path / "ws"
    assert "新規 1" in run_cli("import", doc, "--workspace", ws).stdout
    assert "変更なし 1" in run_cli("import", doc, "--workspace", ws).stdout
    doc.write_text(doc.read_text(encoding="utf-8").replace("掲示場", "町ホームページ"), encoding="utf-8")
    assert "変更 1" in run_cli("import", doc, "--workspace", ws).stdout
    from reiki_scan.store import Store
    with Store(ws / "corpus" / "reiki.sqlite") as store:
        versions = store.versions_of("d01")
        assert [v["seq"] for v in versions] == [1, 2]
        old, new = (store.load_version(v["id"]) for v in versions)
        assert any("掲示場" in p.text for p in old.provisions)
        assert not any("掲示場" in p.text for p in new.provisions)


def test_kanji_numerals_are_normalised_in_paths_but_kept_in_text():
    text = "○テスト条例\n昭和三十年一月一日\n条例第一号\n(目的)\n第十五条の二 本文。\n２ 第二項の本文。\n一 号の本文\n附　則\nこの条例は、公布の日から施行する。\n"
    ordinance = parse_text(text, key="t")
    paths = [p.path for p in ordinance.provisions]
    assert paths == ["第15条の2第1項", "第15条の2第2項", "第15条の2第2項第1号", "附則"]
    assert ordinance.number == "昭和三十年条例第一号"
    assert ordinance.provisions[2].text == "号の本文"


def test_amendment_supplements_are_kept_apart():
    text = ("○テスト規則\n平成10年4月1日\n規則第3号\n第1条 本文。\n附　則\nこの規則は、公布の日から施行する。\n"
            "附　則(令和4年3月10日規則第7号)抄\n1 この規則は、令和4年4月1日から施行する。\n2 経過措置。\n")
    ordinance = parse_text(text, key="t")
    supp = [(p.path, p.supplement) for p in ordinance.provisions if p.supplement]
    assert supp == [("附則", "附則"), ("附則第1項", "附則(令和4年3月10日規則第7号)"),
                    ("附則第2項", "附則(令和4年3月10日規則第7号)")]
    assert ordinance.last_amended == "令和4年3月10日規則第7号"


def test_import_of_a_non_ordinance_file_reports_and_continues(run_cli, tmp_path):
    bad = tmp_path / "in"
    bad.mkdir()
    (bad / "empty.txt").write_text("", encoding="utf-8")
    (bad / "d01.txt").write_text((SAMPLE / "docs" / "d01.txt").read_text(encoding="utf-8"), encoding="utf-8")
    proc = run_cli("import", bad, "--workspace", tmp_path / "ws")
    assert "新規 1" in proc.stdout and "失敗 1" in proc.stdout
    assert "empty.txt" in proc.stderr


def test_paragraph_numbering_restart_after_last_article_starts_a_supplement():
    text = "○テスト規程\n第9条 最後の条。\n1 この規程は、発令の日から施行する。\n2 次の規程は、廃止する。\n"
    paths = [p.path for p in parse_text(text, key="t").provisions]
    assert paths == ["第9条", "附則第1項", "附則第2項"]


def test_table_printed_after_the_supplement_belongs_to_the_main_provisions():
    text = "○テスト条例\n第1条 使用料は、別表に定める額とする。\n附　則\nこの条例は、公布の日から施行する。\n別表(第1条関係)\n会議室 1時間 500円\n"
    table = parse_text(text, key="t").provisions[-1]
    assert (table.path, table.supplement) == ("別表", "")
    assert "会議室" in table.text


def test_atomic_writes_leave_files_readable_by_colleagues(tmp_path):
    import os
    import stat

    from reiki_scan.workspace import atomic_write_text
    old = os.umask(0o022)
    try:
        atomic_write_text(tmp_path / "index.html", "<p>報告</p>")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "index.html").stat().st_mode) == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["index.html"]


def test_number_with_a_branch_number_is_read_as_the_number():
    ordinance = parse_text("○告示の例\n平成17年8月19日\n告示第217号の3\n第1条 本文。\n", key="t")
    assert ordinance.number == "平成17年告示第217号の3"
    assert [p.path for p in ordinance.provisions] == ["第1条"]


def test_corpus_list_shows_each_documents_key_and_keeps_long_titles_short(run_cli, tmp_path):
    ws = tmp_path / "ws"
    run_cli("import", SAMPLE / "docs" / "d01.txt", SAMPLE / "docs" / "d22.txt", "--workspace", ws)
    lines = run_cli("corpus", "list", "--workspace", ws).stdout.splitlines()
    assert lines[0].split()[:2] == ["キー", "例規名"]
    by_key = {line.split()[0]: line for line in lines[2:] if line.startswith("d")}
    assert "新冠町公告式条例" in by_key["d01"]
    long_title = by_key["d22"]
    assert "…" in long_title and "報告書の閲覧に関する規程" not in long_title and "平成七年規程第二号" in long_title
    assert max(text_width(line) for line in lines) < 130
