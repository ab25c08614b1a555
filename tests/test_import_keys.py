"""Document keys (キー) of imported files: one document per source file, stable across imports.

Saved 例規 pages are often filed in folders that repeat names (条例/1.txt, 規則/1.txt). A key shared by
two files would store the second ordinance as a new version of the first, silently.
"""

import json
import shutil

from conftest import SAMPLE

from reiki_scan.store.db import Store

KOUKOKU = (SAMPLE / "docs" / "d01.txt").read_text(encoding="utf-8")       # 新冠町公告式条例
OTHER = (SAMPLE / "docs" / "d02.txt").read_text(encoding="utf-8")


def _saved(tmp_path):
    """保存したページ/条例/1.txt and 保存したページ/規則/1.txt: two ordinances, one file name."""
    root = tmp_path / "保存したページ"
    for folder, text in (("条例", KOUKOKU), ("規則", OTHER)):
        (root / folder).mkdir(parents=True)
        (root / folder / "1.txt").write_text(text, encoding="utf-8")
    return root


def _documents(ws) -> dict[str, list[str]]:
    """document key → the titles of its versions, oldest first."""
    with Store(ws / "corpus" / "reiki.sqlite") as store:
        return {row["document_key"]: [v["title"] for v in store.versions_of(row["document_key"])]
                for row in store.latest_versions()}


def test_same_file_name_in_two_folders_imports_as_two_documents(run_cli, tmp_path):
    ws = tmp_path / "ws"
    out = run_cli("import", _saved(tmp_path), "--workspace", ws).stdout
    assert "新規 2 / 変更 0" in out
    docs = _documents(ws)
    assert sorted(docs) == ["条例/1", "規則/1"]
    assert docs["条例/1"] == ["新冠町公告式条例"] and len(docs["規則/1"]) == 1
    assert docs["規則/1"] != docs["条例/1"]


def test_importing_the_same_folder_again_updates_the_same_documents(run_cli, tmp_path):
    ws, saved = tmp_path / "ws", _saved(tmp_path)
    run_cli("import", saved, "--workspace", ws)
    assert "新規 0 / 変更 0 / 変更なし 2" in run_cli("import", saved, "--workspace", ws).stdout
    amended = saved / "条例" / "1.txt"
    amended.write_text(KOUKOKU.replace("掲示場", "町ホームページ"), encoding="utf-8")
    assert "新規 0 / 変更 1 / 変更なし 1" in run_cli("import", saved, "--workspace", ws).stdout
    docs = _documents(ws)
    assert sorted(docs) == ["条例/1", "規則/1"] and len(docs["条例/1"]) == 2 and len(docs["規則/1"]) == 1


def test_files_that_would_share_a_key_are_named_and_not_imported(run_cli, tmp_path):
    saved = _saved(tmp_path)
    shutil.copy(SAMPLE / "docs" / "d03.txt", saved / "規則" / "3.txt")
    ws = tmp_path / "ws"
    proc = run_cli("import", saved / "条例", saved / "規則", "--workspace", ws)       # both folders key "1"
    assert "新規 1 / 変更 0 / 変更なし 0 / 失敗 2" in proc.stdout
    assert str(saved / "条例" / "1.txt") in proc.stderr and str(saved / "規則" / "1.txt") in proc.stderr
    assert "「1」" in proc.stderr
    assert sorted(_documents(ws)) == ["3"]


def test_two_copies_of_one_page_in_one_folder_are_named_not_merged(run_cli, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "d01.txt").write_text(KOUKOKU, encoding="utf-8")
    (folder / "d01.htm").write_text("<html><body><p>第1条 別の内容を掲示する。</p></body></html>", encoding="utf-8")
    proc = run_cli("import", folder, "--workspace", tmp_path / "ws")
    assert "新規 0 / 変更 0 / 変更なし 0 / 失敗 2" in proc.stdout
    assert "d01.htm" in proc.stderr and "d01.txt" in proc.stderr and "「d01」" in proc.stderr


def test_a_file_named_twice_is_imported_once(run_cli, tmp_path):
    saved = _saved(tmp_path)
    proc = run_cli("import", saved, saved / "規則" / "1.txt", "--workspace", tmp_path / "ws")
    assert "新規 2 / 変更 0 / 変更なし 0 / 失敗 0" in proc.stdout
    assert sorted(_documents(tmp_path / "ws")) == ["条例/1", "規則/1"]


def test_a_single_folder_keeps_file_names_as_keys(run_cli, tmp_path):
    run_cli("import", SAMPLE / "docs", "--workspace", tmp_path / "ws")
    assert sorted(_documents(tmp_path / "ws")) == sorted(p.stem for p in (SAMPLE / "docs").glob("*.txt"))


def test_a_file_imported_before_keeps_its_key_when_its_folder_is_imported(run_cli, tmp_path):
    ws, saved = tmp_path / "ws", _saved(tmp_path)
    run_cli("import", saved / "条例" / "1.txt", "--workspace", ws)                    # stored as 「1」
    proc = run_cli("import", saved, "--workspace", ws)
    assert "新規 1 / 変更 0 / 変更なし 1" in proc.stdout
    assert sorted(_documents(ws)) == ["1", "規則/1"]


def test_an_amended_copy_in_another_folder_is_a_new_version(run_cli, tmp_path):
    """The documented way to bring in an amendment: save the page again, import it under the same key."""
    old, new = tmp_path / "2024", tmp_path / "2025"
    for folder, text in ((old, KOUKOKU), (new, KOUKOKU.replace("掲示場", "町ホームページ"))):
        folder.mkdir()
        (folder / "d01.txt").write_text(text, encoding="utf-8")
    ws = tmp_path / "ws"
    run_cli("import", old, "--workspace", ws)
    assert "変更 1" in run_cli("import", new, "--workspace", ws).stdout
    assert list(_documents(ws)) == ["d01"] and len(_documents(ws)["d01"]) == 2


def test_scanning_files_keys_them_as_import_does(run_cli, tmp_path):
    saved = _saved(tmp_path)
    (saved / "条例" / "1.txt").write_text("○掲示条例\n第1条 公告は、役場前の掲示場に掲示して行う。\n", encoding="utf-8")
    (saved / "規則" / "1.txt").write_text("○掲示規則\n第1条 許可証は、事務所に掲示しなければならない。\n", encoding="utf-8")
    out = run_cli("scan", saved, "--format", "jsonl").stdout
    assert sorted({json.loads(line)["document"] for line in out.splitlines()}) == ["条例/1", "規則/1"]
