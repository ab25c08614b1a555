"""Options and output fields a user relies on, each checked for what it prints, not only that it runs:
eval's numbers and --show-errors, rules explain --heading / --all, scan FILES with --workspace, the
matches / legal_basis / id of scan --format jsonl, the 条数 of corpus list, and where report and
review export refuse to write."""

import json

import pytest
from conftest import SAMPLE

from reiki_scan.rules.loader import load_rules
from reiki_scan.store.db import Store
from test_review_xlsx import ws  # noqa: F401  (a fixture: a workspace with one scan)

pytestmark = pytest.mark.slow

# A tiny gold set whose scores are known by hand: a hit, a false alarm (an unlabelled copy of the
# hit) and a miss (a label on a provision that has no analog wording at all).
TINY_DOC = ("○掲示テスト条例\n令和2年3月1日\n条例第9号\n第1条 公告は、役場前の掲示場に掲示して行う。\n"
            "第2条 町長は、毎年度、予算を調製する。\n第3条 告示は、役場前の掲示場に掲示して行う。\n")
TINY_LABELS = "id,provision,category,evidence,note\ntiny,第1条,posting,掲示場に掲示,\ntiny,第2条,visual,,on purpose\n"


def _score_columns(out: str, label: str) -> list[str]:
    """The 9 cells after the label (正解数 … KW正/誤) of one row of the eval table."""
    line = next(line for line in out.splitlines() if line.startswith(label + " "))
    return line[len(label):].split()[-9:]


def test_eval_prints_a_hit_a_false_alarm_and_a_miss_as_counted_by_hand(run_cli, tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "tiny.txt").write_text(TINY_DOC, encoding="utf-8")
    (tmp_path / "labels.csv").write_text(TINY_LABELS, encoding="utf-8")
    out = run_cli("eval", tmp_path, "--show-errors").stdout
    # tool: 1 right, 1 wrong of 2 labels; the keyword search the same (掲示 in 第1条 and 第3条)
    assert _score_columns(out, "全体") == ["2", "0.500", "0.500", "0.500", "0.500", "0.500", "0.500", "1/1", "1/1"]
    assert _score_columns(out, "書面掲示 (posting)")[:4] == ["1", "0.500", "1.000", "0.667"]
    assert _score_columns(out, "目視 (visual)")[:3] == ["1", "0.000", "0.000"]
    assert "適合率はキーワード検索の 1.00 倍" in out
    errors = [line for line in out.splitlines() if line.startswith(("誤検出", "見逃し"))]
    assert len(errors) == 2
    assert errors[0].startswith("誤検出 tiny 第3条 posting PST") and "告示は、役場前の掲示場" in errors[0]
    assert errors[1] == "見逃し tiny 第2条 visual "
    assert not [line for line in run_cli("eval", tmp_path).stdout.splitlines() if line.startswith("誤検出")]


def test_eval_shows_the_tool_and_the_keyword_search_each_in_its_own_columns(run_cli):
    from reiki_scan.categories import SLUGS, name_ja
    from reiki_scan.scan import evaluate_dir, make_engine
    tool, base, _, _ = evaluate_dir(make_engine(), SAMPLE)
    out = run_cli("eval", SAMPLE).stdout

    def cells(t, b):
        return [str(t.labels), f"{t.precision:.3f}", f"{t.recall:.3f}", f"{t.f1:.3f}", f"{b.precision:.3f}",
                f"{b.recall:.3f}", f"{b.f1:.3f}", f"{t.tp}/{t.fp}", f"{b.tp}/{b.fp}"]
    assert _score_columns(out, "全体") == cells(tool.overall, base.overall)
    assert tool.overall.precision != base.overall.precision, "the sample tells the two apart"
    for slug in SLUGS:
        expected = cells(tool.per_category[slug], base.per_category[slug])
        assert _score_columns(out, f"{name_ja(slug)} ({slug})") == expected
    assert f"適合率はキーワード検索の {tool.overall.precision / base.overall.precision:.2f} 倍" in out


def test_explain_heading_option_reaches_the_exclusions(run_cli):
    clause = "公告は、役場前の掲示場に掲示して行う。"
    plain = run_cli("rules", "explain", clause).stdout
    assert "PST001 書面掲示 該当" in plain
    under_heading = run_cli("rules", "explain", "--heading", "(趣旨)", clause).stdout
    assert "PST001 書面掲示 除外" in under_heading and "除外: purpose_clause" in under_heading


def test_explain_all_lists_every_rule_and_without_it_only_those_with_a_word(run_cli):
    clause = "公告は、役場前の掲示場に掲示して行う。"

    def verdicts(*options):
        out = run_cli("rules", "explain", *options, clause).stdout
        return [line.split()[0] for line in out.split("判定:")[1].splitlines() if line.strip()]
    assert verdicts("--all") == [r.id for r in load_rules().rules]
    assert verdicts() == ["PST001"]


def test_scan_refuses_files_and_a_workspace_together_and_records_nothing(run_cli, tmp_path):
    ws = tmp_path / "ws"
    run_cli("import", SAMPLE / "docs" / "d01.txt", "--workspace", ws)
    proc = run_cli("scan", SAMPLE / "docs" / "d01.txt", "-w", ws, check=False)
    assert proc.returncode != 0 and "ファイルと --workspace は同時に指定できません" in proc.stderr
    with Store(ws / "corpus" / "reiki.sqlite") as store:
        assert store.scan_runs() == []


def test_jsonl_carries_matched_words_with_offsets_the_cited_law_and_the_review_id(run_cli, tmp_path):
    out = run_cli("scan", SAMPLE / "docs" / "d01.txt", "--format", "jsonl").stdout
    rows = [json.loads(line) for line in out.splitlines()]
    assert [(r["document"], r["provision"], r["category"]) for r in rows] == [("d01", "第2条第2項", "posting")]
    row = rows[0]
    assert row["legal_basis"] == "地方自治法"                      # 第1条 cites 地方自治法第16条 for the 公告式
    sentence = "条例の公布は、新冠町役場前の掲示場に掲示して行う。"
    assert row["sentence"] == sentence
    words = [(m["text"], m["start"], m["end"]) for m in row["matches"]]
    assert ("掲示場", 14, 17) in words and all(sentence[a:b] == w for w, a, b in words)
    ws = tmp_path / "ws"
    run_cli("import", SAMPLE / "docs" / "d01.txt", "--workspace", ws)
    run_cli("scan", "--workspace", ws)
    with Store(ws / "corpus" / "reiki.sqlite") as store:
        stored = [r[0] for r in store.conn.execute("SELECT finding_id FROM findings")]
    assert stored == [row["id"]], "the id is the one the review sheet and the store use"


def test_corpus_list_counts_the_articles_of_the_main_provisions(run_cli, tmp_path):
    ws = tmp_path / "ws"
    run_cli("import", SAMPLE / "docs" / "d01.txt", "--workspace", ws)
    line = next(line for line in run_cli("corpus", "list", "--workspace", ws).stdout.splitlines()
                if line.startswith("d01 "))
    assert line.split()[-1] == "5"          # 第1〜4条 and 第6条 (there is no 第5条); 附則 not counted


def test_report_and_review_export_refuse_an_unwritable_place_alike(run_cli, ws):  # noqa: F811
    blocker = ws.root / "file"
    blocker.write_text("x")
    for args in (("report", "-o", blocker / "out"), ("review", "export", "-o", blocker / "review.xlsx")):
        proc = run_cli(*args, "--workspace", ws.root, check=False)
        assert proc.returncode == 1, args
        lines = proc.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"エラー: {blocker}") and "に書き込めません" in lines[0], args
        assert "予期しない" not in proc.stderr and "Traceback" not in proc.stderr
