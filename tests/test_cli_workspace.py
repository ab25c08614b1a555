"""What a clerk sees when a command line is wrong: plain Japanese, no traceback, nothing created by mistake."""

import click
import pytest
from click.testing import CliRunner
from conftest import SAMPLE

from reiki_scan.cli.main import main

READING_COMMANDS = (
    ("corpus", "list"),
    ("corpus", "export"),
    ("scan",),
    ("review", "export"),
    ("review", "status"),
    ("review", "import", "sheet.xlsx"),
    ("report",),
)


def _plain_japanese_error(proc) -> str:
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr and "Error:" not in proc.stderr and "Usage:" not in proc.stderr
    assert "エラー: " in proc.stderr
    return proc.stderr


@pytest.mark.parametrize("command", READING_COMMANDS, ids=" ".join)
def test_mistyped_workspace_is_refused_without_creating_it(run_cli, tmp_path, command):
    typo = tmp_path / "作業フォルダー"
    message = _plain_japanese_error(run_cli(*command, "--workspace", typo, check=False))
    assert "作業フォルダ" in message and "がありません" in message
    assert not typo.exists(), "a mistyped --workspace must not be created"


def test_folder_without_a_corpus_is_refused_and_left_as_it_was(run_cli, tmp_path):
    other = tmp_path / "documents"
    other.mkdir()
    (other / "memo.txt").write_text("メモ", encoding="utf-8")
    message = _plain_japanese_error(run_cli("review", "status", "--workspace", other, check=False))
    assert "例規集データ" in message and "reiki-scan import" in message
    assert sorted(p.name for p in other.iterdir()) == ["memo.txt"]


def test_import_still_creates_a_new_workspace(run_cli, tmp_path):
    ws = tmp_path / "new"
    run_cli("import", SAMPLE / "docs" / "d01.txt", "--workspace", ws)
    assert (ws / "corpus" / "reiki.sqlite").is_file()
    assert "新冠町公告式条例" in run_cli("corpus", "list", "--workspace", ws).stdout


def test_empty_folder_to_import_names_the_folder_and_the_formats(run_cli, tmp_path):
    empty = tmp_path / "保存したページ"
    empty.mkdir()
    message = _plain_japanese_error(run_cli("import", empty, "--workspace", tmp_path / "ws", check=False))
    assert str(empty) in message and ".html" in message and ".pdf" in message


def test_missing_sheet_is_reported_in_japanese(run_cli, tmp_path):
    ws = tmp_path / "ws"
    run_cli("import", SAMPLE / "docs" / "d01.txt", "--workspace", ws)
    message = _plain_japanese_error(run_cli("review", "import", tmp_path / "ない.xlsx", "--workspace", ws,
                                            check=False))
    assert "見つかりません" in message and "No such file" not in message


@pytest.mark.parametrize("args, expected", [
    (("import",), "次の引数を指定してください"),
    (("review", "status", "--format", "xml"), "は選べません"),
    (("review", "exprt"), "というコマンドはありません"),
    (("report", "--target", "0"), "範囲"),
    (("scan", "--wrkspace", "x"), "というオプションはありません"),
], ids=["missing-argument", "bad-choice", "unknown-command", "out-of-range", "unknown-option"])
def test_usage_errors_are_in_japanese(run_cli, args, expected):
    message = _plain_japanese_error(run_cli(*args, check=False))
    assert expected in message and "使い方" in message


def _commands(group: click.Group, prefix=()):
    for name, command in group.commands.items():
        yield (*prefix, name), command
        if isinstance(command, click.Group):
            yield from _commands(command, (*prefix, name))


def test_every_help_page_is_in_japanese_and_every_option_is_explained():
    runner = CliRunner()
    for path, command in [((), main), *_commands(main)]:
        result = runner.invoke(main, [*path, "--help"])
        assert result.exit_code == 0, path
        for english in ("Usage:", "Options:", "Show this message", "Commands:"):
            assert english not in result.output, (path, english)
        assert "使い方:" in result.output and "この説明を表示して終了します" in result.output
        for param in command.params:
            if isinstance(param, click.Option):
                assert param.help, f"reiki-scan {' '.join(path)} {param.opts[0]} has no help text"


def test_import_says_where_it_stored_and_what_to_do_next(run_cli, tmp_path):
    ws = tmp_path / "ws"
    out = run_cli("import", SAMPLE / "docs" / "d01.txt", "--workspace", ws).stdout
    assert f"作業フォルダ {ws.resolve()}" in out and "reiki-scan scan --workspace" in out
    again = run_cli("import", SAMPLE / "docs" / "d01.txt", "--workspace", ws).stdout
    assert "変更なし 1" in again and "reiki-scan scan" not in again


def test_import_where_every_file_fails_says_so_plainly(run_cli, tmp_path):
    memo = tmp_path / "memo.txt"
    memo.write_text("これは例規ではありません。", encoding="utf-8")
    proc = run_cli("import", memo, "--workspace", tmp_path / "ws")
    assert "失敗 1" in proc.stdout and "Traceback" not in proc.stderr
    assert "1件も取り込めませんでした" in proc.stderr and "条文が見つかりません" in proc.stderr
    assert "reiki-scan scan" not in proc.stdout
