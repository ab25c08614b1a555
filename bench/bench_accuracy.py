"""Benchmark (not a test): accuracy on the real evaluation sets, as a Markdown table.

    .venv/bin/python bench/bench_accuracy.py [SET ...]      # default: corpus/eval/dev, dev2, dev3 and dev4

For each set (and each fold of a set that has folds.csv), and for all sets together: precision and
recall of every finding and of 確度「高」 only, per category, beside the keyword baseline — the
scoring contract of corpus/eval/SCORING.md. The same figures come from
`reiki-scan eval corpus/eval/dev corpus/eval/dev2 [--fold A]`; bench/ACCURACY.md records a run.
"""

from __future__ import annotations

import sys
from pathlib import Path

from reiki_scan.categories import SLUGS, name_ja
from reiki_scan.rules.evaluate import merge, read_folds, read_set_labels, score_confidence
from reiki_scan.scan import evaluate_dir, make_engine

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SETS = [ROOT / "corpus" / "eval" / name for name in ("dev", "dev2", "dev3", "dev4")]


def row(name: str, tool, base, high) -> str:
    t, b, h = tool.overall, base.overall, high.overall
    return (f"| {name} | {t.labels} | {t.precision:.3f} | {t.recall:.3f} | {h.precision:.3f} | {h.recall:.3f} "
            f"| {b.precision:.3f} | {b.recall:.3f} |")


def main() -> None:
    sets = [Path(a) for a in sys.argv[1:]] or DEFAULT_SETS
    engine = make_engine()
    print("| set | labels | P | R | P (高) | R (高) | keyword P | keyword R |")
    print("|---|---|---|---|---|---|---|---|")
    whole = []
    for directory in sets:
        folds = sorted(set(read_folds(directory / "folds.csv").values()), key=lambda f: (len(f), f)) if (directory / "folds.csv").exists() else []
        for fold in folds:
            tool, base, findings, _ = evaluate_dir(engine, directory, fold=fold)
            print(row(f"{directory.name} fold {fold}", tool, base,
                      score_confidence(findings, read_set_labels(directory, fold))))
        tool, base, findings, _ = evaluate_dir(engine, directory)
        high = score_confidence(findings, read_set_labels(directory))
        print(row(directory.name, tool, base, high))
        whole.append((tool, base, high))
    tool, base, high = (merge([w[i] for w in whole]) for i in range(3))
    print(row(" + ".join(d.name for d in sets), tool, base, high))
    print()
    print("| category | labels | P | R | keyword P | keyword R |")
    print("|---|---|---|---|---|---|")
    for slug in SLUGS:
        t, b = tool.per_category[slug], base.per_category[slug]
        print(f"| {name_ja(slug)} ({slug}) | {t.labels} | {t.precision:.3f} | {t.recall:.3f} "
              f"| {b.precision:.3f} | {b.recall:.3f} |")


if __name__ == "__main__":
    main()
