"""Benchmark (not a test): the anatomy of the first runs (dev4 rounds 17–73).

    .venv/bin/python bench/bench_first_runs.py          # a few minutes: one scan of each round at its commit

Each round of corpus/eval/dev4 from 17 on was scanned once, with the rules committed when it arrived, before
anyone read its labels (corpus/eval/dev4/README.md names the commit). This script checks out each of those
commits into a temporary git worktree, has that commit's own code and rules scan the round again (today's copy
of the documents) and scores the findings with today's scorer. It prints the pooled first-run figures, then:

- what the missed labels were like: whether the provision holds a keyword of the label's category at all (the
  keyword baseline's word list); whether the tool found another label of that category in the same document
  (a missed how-provision beside a found act) or none (the act itself was not recognised, and everything that
  hangs on it was lost); whether today's rules find it (they were written after these rounds were read);
- the first runs on the dev4 documents of the relabelling study (corpus/eval/agreement), scored against the
  first labelling, the second, and either: how much of the first runs' "false" findings a second careful
  reader labels.
"""

from __future__ import annotations

import collections
import csv
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from reiki_scan.model import same_provision
from reiki_scan.parse.files import parse_file
from reiki_scan.rules.evaluate import Label, baseline_predictions, labels_meet, read_folds, read_labels, score
from reiki_scan.scan import evaluate_dir, make_engine

ROOT = Path(__file__).resolve().parents[1]
DEV4 = ROOT / "corpus" / "eval" / "dev4"
STUDY = ROOT / "corpus" / "eval" / "agreement"
#: round → the commit its first run used (corpus/eval/dev4/README.md; round 27's is e0a2c4a with 9d5da34 on
#: top; round 33's subsets db, dd and de were scanned at 4cedc4d, dc at e5c7f2d: 4cedc4d is used here)
ROUNDS = {17: "39a87d7", 18: "96b237b", 19: "4966381", 20: "215787b", 21: "0304236", 22: "4d601d4",
          23: "783ba8f", 24: "e20925c", 25: "422ae34", 26: "c80e957", 27: "9d5da34", 28: "413d73b",
          29: "4965e36", 30: "cf87b50", 31: "47a7e0e", 32: "6a580d9", 33: "4cedc4d", 34: "c7a1027",
          35: "cdbf400", 36: "c0de6dc", 37: "a3ac36a",
          38: "f262dc2", 39: "3355514", 40: "3355514",
          41: "06395ee", 42: "05ffe6f", 43: "8586e7c", 44: "8586e7c", 45: "8586e7c", 46: "c78a743",
          47: "7196424", 48: "7196424", 49: "7196424", 50: "1b7bd2e", 51: "b9ed923",
          52: "c5b5bec", 53: "25af0cc", 54: "25af0cc", 55: "4351dba",
          56: "feaba01", 57: "0a81030", 58: "273a75c", 59: "a609e1e", 60: "b721ab4",
          61: "f585d8d", 62: "6b8a615", 63: "13862a4", 64: "8c44a19",
          65: "739503a", 66: "ee8d733", 67: "09be374", 68: "f234505",
          69: "4881e71", 70: "ae76064", 71: "e5c4b1a", 72: "733f637",
          73: "afc045a"}
#: run in the old commit's own code: its findings on one round, one "document provision category 確度 support
#: rule" a line (support: 主題 when the reason cites the document's subject, 語 when the words alone found it)
SCAN = """
import sys
from pathlib import Path
from reiki_scan.scan import evaluate_dir, make_engine
_, _, findings, _ = evaluate_dir(make_engine(Path(sys.argv[1]) / "patterns"), Path(sys.argv[2]), fold=sys.argv[3])
support = lambda f: "主題" if "文書の主題「" in f.confidence_reason else "語"
print("\\n".join(sorted({f"{f.document}\\t{f.provision}\\t{f.category}\\t{f.confidence}\\t{support(f)}\\t{f.rule}"
                         for f in findings})))
"""


def first_run_findings(code: Path, fold: str) -> list[tuple[str, ...]]:
    """The findings that the code and rules in ``code`` (a checkout) make on one round of dev4: document,
    provision, category, 確度, what supports it (主題 or 語) and the rule."""
    # run in the checkout: ``python -c`` puts the working directory first on sys.path, ahead of PYTHONPATH,
    # so from ROOT today's reiki_scan would run with the old commit's rules
    out = subprocess.run([sys.executable, "-c", SCAN, str(code), str(DEV4), fold], capture_output=True, text=True,
                         env=dict(os.environ, PYTHONPATH=str(code)), check=True, cwd=code).stdout
    return [tuple(line.split("\t")) for line in out.splitlines() if line]


def findings_at(commit: str, round_no: int, tmp: Path) -> list[tuple[str, ...]]:
    """One round's findings by the code and rules of ``commit``, checked out in a worktree under ``tmp``."""
    tree = tmp / f"r{round_no}"
    subprocess.run(["git", "worktree", "add", "-f", "--detach", str(tree), commit], cwd=ROOT, check=True,
                   capture_output=True)
    try:
        return first_run_findings(tree, str(round_no))
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=ROOT, check=True, capture_output=True)


def triples(findings) -> list[tuple[str, str, str]]:
    """What the scorer reads of a finding: document, provision, category."""
    return [f[:3] for f in findings]


def main() -> None:
    labels = read_labels(DEV4 / "labels.csv")
    folds = read_folds(DEV4 / "folds.csv")
    per_doc = collections.defaultdict(list)
    for lb in labels:
        per_doc[lb.document].append(lb)
    today, _, _, _ = evaluate_dir(make_engine(), DEV4)
    missed_today = {(lb.document, lb.provision) for lb in today.missed}
    keywords: dict[str, list] = {}
    tally: collections.Counter = collections.Counter()
    every: list[tuple[str, str, str]] = []
    right = wrong = total = found = 0
    print("| round | commit | labels | P | R |")
    print("|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for round_no, commit in ROUNDS.items():
            findings = findings_at(commit, round_no, Path(tmp))
            every += findings
            ev = score(triples(findings), [lb for lb in labels if folds[lb.document] == str(round_no)])
            s = ev.overall
            right, wrong, total, found = right + s.tp, wrong + s.fp, total + s.labels, found + s.found
            print(f"| {round_no} | {commit} | {s.labels} | {s.precision:.3f} | {s.recall:.3f} |")
            for lb in ev.missed:
                doc, first = lb.document, lb.categories[0]
                if doc not in keywords:
                    keywords[doc] = baseline_predictions(parse_file(DEV4 / "docs" / f"{doc}.txt"))
                has_word = any(same_provision(p, lb.provision) and c in lb.categories for _, p, c in keywords[doc])
                beside = any(other not in ev.missed for other in per_doc[doc] if other.categories[0] == first)
                tally["keyword of the category in the provision" if has_word else "no keyword of the category"] += 1
                tally["another label of the category found in the document" if beside
                      else "nothing of the category found in the document"] += 1
                tally["found by today's rules (in-sample)" if (doc, lb.provision) not in missed_today
                      else "still missed today"] += 1
                tally["missed"] += 1
    print(f"| pooled | | {total} | {right / (right + wrong):.3f} | {found / total:.3f} |")
    breakdown(every, [lb for lb in labels if folds[lb.document] in {str(r) for r in ROUNDS}])
    print()
    print(f"Missed labels, first runs pooled: {tally['missed']}")
    for key in ("keyword of the category in the provision", "no keyword of the category",
                "another label of the category found in the document", "nothing of the category found in the document",
                "found by today's rules (in-sample)", "still missed today"):
        print(f"- {key}: {tally[key]} ({tally[key] / tally['missed']:.0%})")
    second_opinion(triples(every), labels)


def breakdown(findings: list[tuple[str, ...]], labels: list[Label]) -> None:
    """The pooled first runs per category, then the precision of their findings by 確度, by support and by
    rule (a provision two rules flag counts for each)."""
    ev = score(triples(findings), labels)
    print()
    print("| category | labels | P | R | TP / FP |")
    print("|---|---|---|---|---|")
    for cat, s in ev.per_category.items():
        if s.labels or s.tp + s.fp:
            print(f"| {cat} | {s.labels} | {s.precision:.3f} | {s.recall:.3f} | {s.tp} / {s.fp} |")
    wrong = set(ev.false_positives)
    # the labels no labeller called a close call (a note that starts "close call:")
    firm = [lb for lb in labels if not lb.note.lower().startswith("close call")]
    print(f"| firm labels only (no close call) | {len(firm)} | | {score(triples(findings), firm).overall.recall:.3f} | |")
    print()
    print("| findings | count | P |")
    print("|---|---|---|")
    for name, index, values in (("確度", 3, ("高", "中", "低")), ("support", 4, ("主題", "語"))):
        for value in values:
            group = {f[:3] for f in findings if f[index] == value}
            right = len(group - wrong)
            print(f"| {name} {value} | {len(group)} | {right / len(group) if group else 0:.3f} |")
    print()
    print("| rule | findings | P |")
    print("|---|---|---|")
    for rule in sorted({f[5] for f in findings}):
        group = {f[:3] for f in findings if f[5] == rule}
        print(f"| {rule} | {len(group)} | {len(group - wrong) / len(group):.3f} |")


def second_opinion(findings: list[tuple[str, str, str]], labels: list[Label]) -> None:
    """The first runs on the dev4 documents that were labelled a second time, blind (corpus/eval/agreement)."""
    with (STUDY / "map.csv").open(encoding="utf-8", newline="") as fh:
        new_to_orig = {r["new"]: r["orig"] for r in csv.DictReader(fh) if r["set"] == "dev4"}
    second = [Label(new_to_orig[lb.document], lb.provision, lb.categories) for path in sorted(STUDY.glob("*/labels.csv"))
              for lb in read_labels(path) if lb.document in new_to_orig]
    docs = set(new_to_orig.values())
    first = [lb for lb in labels if lb.document in docs]
    runs = [Label(d, p, (c,)) for d, p, c in findings if d in docs]
    print()
    print(f"First runs on the {len(docs)} dev4 documents of the relabelling study ({len(runs)} findings):")
    for name, reference, recall in (("the first labelling", first, True), ("the second labelling", second, True),
                                    ("either labelling (a finding one of them gives is right)", first + second, False)):
        right = sum(any(labels_meet(f, lb) for lb in reference) for f in runs)
        found = sum(any(labels_meet(lb, f) for f in runs) for lb in reference)
        print(f"- against {name}: P {right / len(runs):.3f}" + (f", R {found / len(reference):.3f}" if recall else ""))


if __name__ == "__main__":
    main()
