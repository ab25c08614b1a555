"""`reiki-scan rules list` as a 法規担当 reads it: every rule, and the shared exclusions with their reasons."""

import re

import pytest

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


def test_rules_option_and_environment_choose_another_rules_folder(tmp_path, monkeypatch):
    import shutil

    from reiki_scan.rules.loader import DEFAULT_DIR
    posting = tmp_path / "posting_only"
    shutil.copytree(DEFAULT_DIR / "posting", posting / "posting")
    shutil.copy(DEFAULT_DIR / "exclusions.yaml", posting)
    shutil.copy(DEFAULT_DIR / "defines.yaml", posting)     # the shared regex fragments the rules name
    expected = sorted(r.id for r in load_rules(posting).rules)
    assert expected and all(rule_id.startswith("PST") for rule_id in expected)

    def listed(*args):
        out = CliRunner().invoke(main, ["rules", "list", *args]).output
        return sorted(line.split()[0] for line in out.splitlines() if re.match(r"[A-Z]{3}\d{3} ", line))

    assert listed("--rules", str(posting)) == expected
    monkeypatch.setenv("REIKI_SCAN_RULES", str(posting))
    assert listed() == expected
    shipped = load_rules(DEFAULT_DIR)
    assert len(listed("--rules", str(DEFAULT_DIR))) == len(shipped.rules) + len(shipped.documents)   # the option wins
    result = CliRunner().invoke(main, ["rules", "list", "--rules", str(tmp_path / "missing")])
    assert result.exit_code == 1 and "ルールのフォルダ" in result.output and "missing" in result.output


@pytest.mark.slow
def test_rules_explain_with_a_title_shows_the_subject_the_frame_and_the_role():
    out = CliRunner().invoke(main, ["rules", "explain", "閲覧時間は、午前9時から午後5時までとする。",
                                    "--title", "町道台帳閲覧規程"]).output
    assert "文の骨格: 主題「閲覧時間」" in out
    assert "文書の主題(町道台帳閲覧規程): VST101" in out
    assert "VST101 条項の役割: 行為のしかたを定める(日時・期間" in out
    out = CliRunner().invoke(main, ["rules", "explain", "監視員の任期は、2年とする。", "--heading", "(任期)",
                                    "--title", "町不法投棄監視員設置要綱"]).output
    assert "VIS101 条項の役割: 役・書類・講習の名を挙げるだけ(任命・任期・定数" in out
    out = CliRunner().invoke(main, ["rules", "explain", "告示は、掲示場に掲示して行う。", "--title", "町補助金交付規則"]).output
    assert "文書の主題(町補助金交付規則): なし" in out and "PST001 書面掲示 該当" in out


@pytest.mark.slow
def test_rules_explain_says_when_a_frequency_stood_for_the_parse():
    out = CliRunner().invoke(main, ["rules", "explain", "見回り回数は、1日2回以上とする。"]).output
    assert "VIS001 目視 該当 対象語: 見回り 構文: 不要(PER001 が同じ文で一致)" in out
