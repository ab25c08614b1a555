"""Two-fold split of a gold set by municipality, for an honest generalisation estimate.

    python bench/split_folds.py corpus/eval/dev2      # writes corpus/eval/dev2/folds.csv

All documents of one municipality go to the same fold. Municipalities are placed greedily (largest
first, ties broken by a hash of the name) so that both folds get about the same number of documents,
negatives and labels per category. Only label counts are read, never the text: the split is fixed
before anyone looks at a fold.
"""

from __future__ import annotations

import csv
import hashlib
import sys
from collections import Counter, defaultdict
from pathlib import Path

CATEGORIES = ["visual", "onsite_audit", "periodic_inspection", "resident_dedicated", "in_person_training",
              "posting", "visit_inspection", "recording_media"]


def split(directory: Path) -> dict[str, tuple[str, str]]:
    sources = list(csv.DictReader((directory / "sources.csv").open(encoding="utf-8")))
    labels = list(csv.DictReader((directory / "labels.csv").open(encoding="utf-8")))
    municipality = {r["id"]: r["municipality"].split(" ")[0] for r in sources}
    groups: dict[str, list[str]] = defaultdict(list)
    for doc, muni in municipality.items():
        groups[muni].append(doc)

    def counts(docs: list[str]) -> Counter:
        c = Counter(l["category"].split("|")[0] for l in labels if l["id"] in docs)
        c["_docs"] = len(docs)
        c["_negatives"] = sum(1 for d in docs if not any(l["id"] == d for l in labels))
        return c

    keys = CATEGORIES + ["_docs", "_negatives"]
    order = sorted(groups, key=lambda m: (-sum(counts(groups[m]).values()),
                                          hashlib.sha256(m.encode()).hexdigest()))
    totals = {"A": Counter(), "B": Counter()}
    fold: dict[str, tuple[str, str]] = {}
    for muni in order:
        c = counts(groups[muni])

        def imbalance(f: str) -> int:
            t = {k: v.copy() for k, v in totals.items()}
            t[f].update(c)
            return sum((t["A"][k] - t["B"][k]) ** 2 for k in keys)
        f = min("AB", key=lambda f: (imbalance(f), f))
        totals[f].update(c)
        for doc in groups[muni]:
            fold[doc] = (muni, f)
    for f, t in totals.items():
        print(f, {k: t[k] for k in keys})
    return fold


def main() -> None:
    directory = Path(sys.argv[1])
    fold = split(directory)
    with (directory / "folds.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["id", "municipality", "fold"])
        for doc in sorted(fold):
            w.writerow([doc, *fold[doc]])


if __name__ == "__main__":
    main()
