"""bench/bench_first_runs.py reads a round's first run back from `reiki-scan eval --show-errors`: the same errors
and counts the scorer computed."""

from __future__ import annotations

import importlib.util
import shutil

from conftest import ROOT, SAMPLE
from reiki_scan.scan import evaluate_dir, make_engine


def test_the_reader_takes_back_exactly_the_errors_and_counts_the_scorer_found(run_cli, tmp_path):
    # rules without the course rule, so that the sample has missed labels to read back beside its false finding
    rules = tmp_path / "patterns"
    shutil.copytree(ROOT / "patterns", rules)
    (rules / "in_person_training" / "TRN001-course-completion.yaml").unlink()
    spec = importlib.util.spec_from_file_location("bench_first_runs", ROOT / "bench" / "bench_first_runs.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    missed, wrong, (right, false) = bench.errors(run_cli("eval", str(SAMPLE), "--show-errors", "--rules", str(rules)).stdout)
    tool, _, _, _ = evaluate_dir(make_engine(rules), SAMPLE)
    assert missed and wrong
    assert (right, false) == (tool.overall.tp, tool.overall.fp)
    assert missed == {(lb.document, lb.provision, "|".join(lb.categories)) for lb in tool.missed}
    assert wrong == set(tool.false_positives) and len(wrong) == false
