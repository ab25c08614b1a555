"""An unexpected failure still ends in one plain Japanese line (the traceback goes to a file), a busy
database says so, and click's own exits (--help, --version) pass through untouched."""

import sqlite3
from pathlib import Path

from click.testing import CliRunner

from reiki_scan.cli import review_cmds
from reiki_scan.cli.main import DEBUG_ENV, main
from reiki_scan.workspace import Workspace


def _workspace(tmp_path) -> Path:
    Workspace.open(tmp_path / "ws").store().close()
    return tmp_path / "ws"


def test_unexpected_error_is_one_japanese_line_with_the_traceback_saved(tmp_path, monkeypatch):
    def broken(store):
        raise ZeroDivisionError("division by zero")
    monkeypatch.setattr(review_cmds, "review_rows", broken)
    monkeypatch.delenv(DEBUG_ENV, raising=False)
    result = CliRunner().invoke(main, ["review", "status", "-w", str(_workspace(tmp_path))])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "予期しない問題が起きました(ZeroDivisionError" in result.output
    log = Path(result.output.split("詳しい記録を ")[1].split(" に保存")[0])
    assert "Traceback" in log.read_text(encoding="utf-8") and "broken" in log.read_text(encoding="utf-8")
    log.unlink()


def test_debug_setting_shows_the_real_exception(tmp_path, monkeypatch):
    monkeypatch.setattr(review_cmds, "review_rows", lambda store: 1 / 0)
    monkeypatch.setenv(DEBUG_ENV, "1")
    result = CliRunner().invoke(main, ["review", "status", "-w", str(_workspace(tmp_path))])
    assert isinstance(result.exception, ZeroDivisionError)


def test_database_in_use_by_another_run_is_said_plainly(tmp_path, monkeypatch):
    def locked(store):
        raise sqlite3.OperationalError("database is locked")
    monkeypatch.setattr(review_cmds, "review_rows", locked)
    monkeypatch.delenv(DEBUG_ENV, raising=False)
    result = CliRunner().invoke(main, ["review", "status", "-w", str(_workspace(tmp_path))])
    assert result.exit_code == 1 and "ほかの reiki-scan が使用中" in result.output


def test_help_and_version_still_exit_normally():
    runner = CliRunner()
    assert runner.invoke(main, ["--version"]).exit_code == 0
    assert runner.invoke(main, ["review", "--help"]).exit_code == 0
