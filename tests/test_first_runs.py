"""bench/bench_first_runs.py has an old commit's own code scan a round: checked here on today's checkout, where
its findings must be exactly what today's engine finds on that round."""

from __future__ import annotations

import importlib.util

from conftest import ROOT
from reiki_scan.scan import evaluate_dir, make_engine


def test_a_checkouts_own_code_scans_one_round_and_gives_back_its_findings():
    spec = importlib.util.spec_from_file_location("bench_first_runs", ROOT / "bench" / "bench_first_runs.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    findings = bench.first_run_findings(ROOT, "33")
    _, _, expected, _ = evaluate_dir(make_engine(), bench.DEV4, fold="33")
    assert findings
    assert sorted(findings) == sorted({(f.document, f.provision, f.category) for f in expected})
