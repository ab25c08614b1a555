"""`reiki-scan rules list` as a 法規担当 reads it: every rule, and the shared exclusions with their reasons."""

import re

from click.testing import CliRunner

from reiki_scan.cli.main import main
from reiki_scan.cli.scan_cmds import first_sentence
from reiki_scan.rules.loader import load_rules


def test_rules_list_explains_every_shared_exclusion_in_japanese():
    ruleset = load_rules()
    out = CliRunner().invoke(main, ["rules", "list"]).output
    assert f"計 {len(ruleset.rules)} 件" in out
    for exclusion in ruleset.shared.values():
        line = next(line for line in out.splitlines() if line.startswith(exclusion.id + " "))
        reason = line[len(exclusion.id):].strip()
        assert reason.endswith("。") and re.search(r"[ぁ-んァ-ン一-龥]", reason), line


def test_reason_folded_over_lines_reads_as_one_japanese_sentence():
    assert first_sentence("電子的な方法が既に\n  認められている。二文目。") == "電子的な方法が既に認められている。"
    assert first_sentence("PHASE 対応済み。") == "PHASE 対応済み。"


def test_explain_without_text_asks_for_a_clause():
    result = CliRunner().invoke(main, ["rules", "explain", "  "])
    assert result.exit_code == 1 and "条文を指定してください" in result.output
