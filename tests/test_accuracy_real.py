"""Accuracy floors on the real evaluation sets (corpus/eval/dev, dev2, dev3, dev4), on the real model.

The floors sit just under the figures measured when they were set (bench/ACCURACY.md), so that a change
that loses a wording class — or lets a class of false findings through — fails here. They are in-sample
figures: the rules were written with these sets in view. The honest estimate for unseen ordinances is
the two-fold figure in bench/ACCURACY.md, far lower.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reiki_scan.rules.evaluate import merge
from reiki_scan.scan import evaluate_dir

pytestmark = pytest.mark.slow

EVAL = Path(__file__).resolve().parents[1] / "corpus" / "eval"

# measured 2026-12-01: dev P 0.982 R 1.000 (54/1, 52 labels); dev2 P 1.000 R 0.986 (139/0, 140 labels);
# dev3 P 0.914 R 0.912 (331/31, 363 labels) and dev4 P 0.847 R 0.798 (1615/292, 2010 labels): labelled by
# the project, not the gold team (their READMEs); dev4's rounds 27–37 are nearly half close calls, and its
# newest rounds, measured once before they were read, pull its in-sample figures down as they come in
# (rounds 47–50: 0.736 / 0.642; the first 1,831 labels: 0.857 / 0.813)
FLOORS = {"dev": (0.96, 0.98), "dev2": (0.98, 0.96), "dev3": (0.88, 0.88), "dev4": (0.83, 0.78)}
# per category on the gold sets dev + dev2 (lowest measured: periodic_inspection R 0.938, resident_dedicated
# R 0.955); dev3 and dev4 have classes their own labellers split on (their READMEs), so they keep an
# overall floor only
GOLD = ("dev", "dev2")
CATEGORY_RECALL_FLOOR = 0.90


@pytest.fixture(scope="module")
def evaluations():
    from reiki_scan.scan import make_engine
    engine = make_engine()
    return {name: evaluate_dir(engine, EVAL / name) for name in FLOORS}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_real_set_keeps_its_precision_and_recall(evaluations, name):
    tool, base, _findings, _stats = evaluations[name]
    min_precision, min_recall = FLOORS[name]
    missed = [f"{m.document} {m.provision} {'|'.join(m.categories)}" for m in tool.missed]
    assert tool.overall.recall >= min_recall, f"{name}: recall {tool.overall.recall:.3f}; missed {missed}"
    assert tool.overall.precision >= min_precision, (
        f"{name}: precision {tool.overall.precision:.3f}; false findings {tool.false_positives}")
    # and far above the keyword search the manual describes
    assert tool.overall.precision > base.overall.precision + 0.3


def test_every_category_keeps_its_recall_on_the_gold_sets(evaluations):
    combined = merge([evaluations[name][0] for name in GOLD])
    weak = {slug: round(s.recall, 3) for slug, s in combined.per_category.items()
            if s.labels and s.recall < CATEGORY_RECALL_FLOOR}
    assert not weak, f"categories under recall {CATEGORY_RECALL_FLOOR}: {weak}"


def test_every_finding_has_a_confidence_and_high_ones_are_mostly_right(evaluations):
    from reiki_scan.rules.evaluate import read_set_labels, score_confidence
    findings = [f for name in FLOORS for f in evaluations[name][2]]
    assert findings and all(f.confidence in ("高", "中", "低") and f.confidence_reason for f in findings)
    high = score_confidence(findings, [lb for name in FLOORS for lb in read_set_labels(EVAL / name)])
    # 確度 is a ranking: the 高 findings are at least as precise as all of them
    assert high.overall.precision >= merge([evaluations[name][0] for name in FLOORS]).overall.precision - 0.01
