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


def test_output_cut_off_by_a_closed_pipe_ends_quietly(tmp_path, run_cli):
    """`reiki-scan rules list | head`: the reader leaves early. Every later write meets a closed pipe,
    which is normal on the command line: no error message and no traceback file."""
    import os
    import subprocess
    import sys

    from conftest import SAMPLE
    ws = tmp_path / "ws"
    run_cli("import", SAMPLE / "docs" / "d01.txt", SAMPLE / "docs" / "d22.txt", "--workspace", ws)
    logs = tmp_path / "tmp"
    logs.mkdir()
    exe = Path(sys.executable).with_name("reiki-scan")
    for args in (["rules", "list"], ["corpus", "list", "-w", ws], ["corpus", "export", "-w", ws],
                 ["review", "status", "-w", ws], ["--help"]):
        read_end, write_end = os.pipe()
        os.close(read_end)                           # the reader is gone before the first write
        proc = subprocess.run([str(exe), *map(str, args)], stdout=write_end, stderr=subprocess.PIPE, text=True,
                              env={**os.environ, "TMPDIR": str(logs), "PYTHONIOENCODING": "utf-8"})
        os.close(write_end)
        assert proc.stderr == "", args
        assert proc.returncode == 1, args           # click ends on a closed pipe with status 1
    assert list(logs.iterdir()) == []
