"""bench/bench_first_runs.py has an old commit's own code scan a round: checked here on today's checkout, where
its findings must be exactly what today's engine finds on that round."""

from __future__ import annotations

from conftest import ROOT, load_bench
from reiki_scan.scan import evaluate_dir, make_engine


def test_a_checkouts_own_code_scans_one_round_and_gives_back_its_findings():
    bench = load_bench("bench_first_runs")
    findings = bench.first_run_findings(ROOT, "33")
    _, _, expected, _ = evaluate_dir(make_engine(), bench.DEV4, fold="33")
    assert findings
    assert sorted(findings) == sorted({(f.document, f.provision, f.category, f.confidence,
                                        "主題" if "文書の主題「" in f.confidence_reason else "語") for f in expected})
    assert {f[4] for f in findings} == {"主題", "語"}
