"""bench/bench_first_runs.py has an old commit's own code scan a round: checked here on today's checkout, where
its findings must be exactly what today's engine finds on that round."""

from __future__ import annotations

from conftest import ROOT, load_bench
from reiki_scan.rules.evaluate import Label
from reiki_scan.scan import evaluate_dir, make_engine


def test_a_checkouts_own_code_scans_one_round_and_gives_back_its_findings():
    bench = load_bench("bench_first_runs")
    findings = bench.first_run_findings(ROOT, "33")
    _, _, expected, _ = evaluate_dir(make_engine(), bench.DEV4, fold="33")
    assert findings
    assert sorted(findings) == sorted({(f.document, f.provision, f.category, f.confidence,
                                        "主題" if "文書の主題「" in f.confidence_reason else "語", f.rule)
                                       for f in expected})
    assert {f[4] for f in findings} == {"主題", "語"}
    assert {f[5] for f in findings} == {f.rule for f in expected}


def test_the_scan_runs_the_checkouts_code_not_todays(tmp_path):
    # a stand-in checkout whose reiki_scan reports one finding of its own: python -c would import today's
    # package from the working directory ahead of PYTHONPATH unless the scan runs inside the checkout
    package = tmp_path / "reiki_scan"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "scan.py").write_text(
        "from types import SimpleNamespace\n"
        "def make_engine(rules):\n    return rules\n"
        "def evaluate_dir(engine, directory, fold=None):\n"
        "    f = SimpleNamespace(document='zz01', provision='第1条', category='visual', confidence='高',\n"
        "                        confidence_reason='old code', rule='VIS001')\n"
        "    return None, None, [f], None\n", encoding="utf-8")
    bench = load_bench("bench_first_runs")
    assert bench.first_run_findings(tmp_path, "33") == [("zz01", "第1条", "visual", "高", "語", "VIS001")]


def test_the_breakdown_gives_each_rule_the_precision_of_the_provisions_it_flagged(capsys):
    bench = load_bench("bench_first_runs")
    labels = [Label("aa01", "第2条", ("visual",)), Label("aa02", "第3条", ("posting",))]
    findings = [("aa01", "第2条", "visual", "高", "主題", "VIS001"),     # right
                ("aa01", "第4条", "visual", "中", "語", "VIS001"),       # wrong
                ("aa02", "第3条", "posting", "中", "語", "PST001"),      # right
                ("aa01", "第2条", "visual", "中", "語", "VIS004")]       # right, the same provision as VIS001's
    bench.breakdown(findings, labels)
    rows = {line.split("|")[1].strip(): line for line in capsys.readouterr().out.splitlines() if line.startswith("| ")}
    assert rows["VIS001"] == "| VIS001 | 2 | 0.500 |"
    assert rows["PST001"] == "| PST001 | 1 | 1.000 |"
    assert rows["VIS004"] == "| VIS004 | 1 | 1.000 |"
