"""The installed console script, run as a user runs it (a new process each time).

Most CLI tests run commands in-process (conftest.run_cli); these few prove that the entry point,
its exit statuses and its output encoding work outside the test process too.
"""

from importlib.metadata import version

from conftest import SAMPLE


def test_console_script_prints_its_version_in_japanese(run_console_script):
    out = run_console_script("--version").stdout
    assert out.strip() == f"reiki-scan バージョン {version('reiki-scan')}"


def test_console_script_usage_error_exits_2_with_japanese_usage(run_console_script):
    proc = run_console_script("import", check=False)
    assert proc.returncode == 2
    assert "使い方: reiki-scan import" in proc.stderr and "次の引数を指定してください" in proc.stderr


def test_console_script_imports_scans_and_reports(run_console_script, tmp_path):
    ws = tmp_path / "ws"
    assert "新規 2" in run_console_script("import", SAMPLE / "docs" / "d01.txt", SAMPLE / "docs" / "d02.txt",
                                          "--workspace", ws).stdout
    assert "走査 #1 を記録しました" in run_console_script("scan", "--workspace", ws).stdout
    page = run_console_script("report", "--workspace", ws).stdout.strip()
    assert page.endswith("index.html") and (ws / "reports" / "summary.xlsx").is_file()
