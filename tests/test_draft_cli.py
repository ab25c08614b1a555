"""draft on a workspace that is not ready says what to do next, in one Japanese line."""

from conftest import SAMPLE


def test_draft_before_any_scan_or_decision_says_what_to_do(run_cli, tmp_path):
    ws = tmp_path / "ws"
    run_cli("import", SAMPLE / "docs" / "d01.txt", "--workspace", ws)
    proc = run_cli("draft", "--workspace", ws, check=False)
    assert proc.returncode == 1 and "先に reiki-scan scan を実行してください" in proc.stderr
    run_cli("scan", "--workspace", ws)
    proc = run_cli("draft", "--workspace", ws, "-o", tmp_path / "out")
    assert "該当・見直しと判定した条項はありません" in proc.stdout and not (tmp_path / "out").exists()
    jsonl = run_cli("draft", "--workspace", ws, "--format", "jsonl")
    assert jsonl.stdout == "" and "該当・見直し" in jsonl.stderr


def test_draft_of_a_mistyped_workspace_is_refused(run_cli, tmp_path):
    proc = run_cli("draft", "--workspace", tmp_path / "nowhere", check=False)
    assert proc.returncode == 1 and "作業フォルダ" in proc.stderr and not (tmp_path / "nowhere").exists()
