"""Benchmark (not a test): how far two careful human labellers agree, beside how far the tool agrees with each.

    .venv/bin/python bench/bench_agreement.py [--show] [STUDY_DIR]      # default: corpus/eval/agreement

--show lists, under the tables, the rows both labellings give that the tool misses, and the rows only one
labelling gives.

A relabelling study (corpus/eval/agreement/README.md) gave documents of the real sets, without their labels,
to new independent labellers working from the written guide only. Each pair is scored with the scoring
contract (corpus/eval/SCORING.md), the first labelling taken as the gold: a row of B is right when A has a row
for the same document and provision whose categories share one with it ('a|b' = either, on both sides).

- dev, dev2 relabelled: an independent labeller against the gold team (the labelling the tool is judged by);
- dev4 relabelled: a second independent labeller against the first (dev4's labels are one labeller's).

The tool's agreement with each labelling on the same documents is printed beside it. The tool's rules were
written with all these sets in view, so its figures here are in-sample; the labellers' figures are not.
"""

from __future__ import annotations

import csv
import sys
from collections import defaultdict
from pathlib import Path

from reiki_scan.categories import SLUGS
from reiki_scan.parse.files import parse_file
from reiki_scan.rules.evaluate import Label, labels_meet, read_labels
from reiki_scan.scan import make_engine, scan_ordinances

ROOT = Path(__file__).resolve().parents[1]
GROUPS = {"dev": "dev, dev2", "dev2": "dev, dev2", "dev4": "dev4"}


def agreement(gold: list[Label], other: list[Label]) -> tuple[int, int, int, int]:
    """(rows of ``other`` that gold has, rows of ``other``, gold rows ``other`` has, gold rows)."""
    right = sum(any(labels_meet(o, g) for g in gold) for o in other)
    found = sum(any(labels_meet(g, o) for o in other) for g in gold)
    return right, len(other), found, len(gold)


def line(name: str, docs: int, figures: tuple[int, int, int, int]) -> str:
    right, rows, found, labels = figures
    p = right / rows if rows else 0.0
    r = found / labels if labels else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return f"| {name} | {docs} | {labels} | {rows} | {p:.3f} | {r:.3f} | {f1:.3f} |"


def firm(labels: list[Label]) -> list[Label]:
    return [lb for lb in labels if not lb.note.lower().startswith("close call")]


def main() -> None:
    args = [a for a in sys.argv[1:] if a != "--show"]
    study = Path(args[0]) if args else ROOT / "corpus" / "eval" / "agreement"
    shown: list[str] = []
    with (study / "map.csv").open(encoding="utf-8", newline="") as fh:
        mapping = list(csv.DictReader(fh))
    # the relabelled rows under the original document ids
    new_to_orig = {m["new"]: (m["set"], m["orig"]) for m in mapping}
    relabelled: dict[str, list[Label]] = defaultdict(list)
    docs: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for m in mapping:
        docs[GROUPS[m["set"]]].append((m["set"], m["orig"]))
    for path in sorted(study.glob("*/labels.csv")):
        for lb in read_labels(path):
            kind, orig = new_to_orig[lb.document]
            relabelled[GROUPS[kind]].append(Label(f"{kind}/{orig}", lb.provision, lb.categories, lb.evidence, lb.note))
    engine = make_engine()
    print("| pair (A = reference, B = scored) | docs | rows A | rows B | P | R | F1 |")
    print("|---|---|---|---|---|---|---|")
    per_category = {}
    for group, members in docs.items():
        keep = {f"{kind}/{orig}" for kind, orig in members}
        original: list[Label] = []
        for kind in sorted({kind for kind, _ in members}):
            for lb in read_labels(ROOT / "corpus" / "eval" / kind / "labels.csv"):
                key = f"{kind}/{lb.document}"
                if key in keep:
                    original.append(Label(key, lb.provision, lb.categories, lb.evidence, lb.note))
        ordinances = []
        for kind, orig in members:
            ordinance = parse_file(ROOT / "corpus" / "eval" / kind / "docs" / f"{orig}.txt")
            ordinance.key = f"{kind}/{orig}"
            ordinances.append(ordinance)
        findings, _ = scan_ordinances(engine, ordinances)
        tool = [Label(d, p, (c,)) for d, p, c in dict.fromkeys((f.document, f.provision, f.category) for f in findings)]
        first = "gold team" if group == "dev, dev2" else "first labeller"
        second = "independent labeller" if group == "dev, dev2" else "second labeller"
        n = len(members)
        print(line(f"{group}: {second} vs {first}", n, agreement(original, relabelled[group])))
        print(line(f"{group}: {first} vs {second}", n, agreement(relabelled[group], original)))
        # each side's firm rows (not marked a close call) against everything the other side gives
        firm_b, firm_a = agreement(original, firm(relabelled[group])), agreement(firm(original), relabelled[group])
        print(line(f"{group}: {second} vs {first}, each side's rows not marked a close call", n,
                   firm_b[:2] + firm_a[2:]))
        print(line(f"{group}: tool vs {first} (in-sample)", n, agreement(original, tool)))
        print(line(f"{group}: tool vs {second}", n, agreement(relabelled[group], tool)))
        shown += [f"{group}: both labellings, the tool misses: {lb.document} {lb.provision} {'|'.join(lb.categories)} {lb.evidence[:60]}"
                  for lb in original if any(labels_meet(lb, o) for o in relabelled[group]) and not any(labels_meet(lb, t) for t in tool)]
        for name, mine, theirs in ((first, original, relabelled[group]), (second, relabelled[group], original)):
            shown += [f"{group}: only the {name}: {lb.document} {lb.provision} {'|'.join(lb.categories)} "
                      f"{'(the tool too) ' if any(labels_meet(lb, t) for t in tool) else ''}{lb.evidence[:60]}"
                      for lb in mine if not any(labels_meet(lb, o) for o in theirs)]
        per_category[group] = {slug: agreement([lb for lb in original if lb.categories[0] == slug],
                                               [lb for lb in relabelled[group] if slug in lb.categories])
                               for slug in SLUGS}
    print()
    print(f"| category | {' | '.join(f'{g}: R of second labelling (of n)' for g in per_category)} |")
    print(f"|---|{'---|' * len(per_category)}")
    for slug in SLUGS:
        cells = [f"{fig[2] / fig[3]:.2f} (of {fig[3]})" if fig[3] else "–"
                 for fig in (per_category[g][slug] for g in per_category)]
        print(f"| {slug} | {' | '.join(cells)} |")
    if "--show" in sys.argv[1:]:
        print()
        print("\n".join(shown))


if __name__ == "__main__":
    main()
