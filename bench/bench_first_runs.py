"""Benchmark (not a test): the anatomy of the held-back first runs (dev4 rounds 17–32).

    .venv/bin/python bench/bench_first_runs.py          # a few minutes: one scan of each round at its commit

Each held-back round of corpus/eval/dev4 was scanned once, with the rules committed when it arrived, before
anyone read its labels (corpus/eval/dev4/README.md names the commit). This script checks out each of those
commits into a temporary git worktree, runs that commit's own `reiki-scan eval corpus/eval/dev4 --fold N
--show-errors` on today's copy of the set, and reads the errors back. It prints the pooled first-run figures and
what the missed labels were like:

- whether the provision holds a keyword of the label's category at all (the keyword baseline's word list);
- whether the tool found any other label of that category in the same document (a missed how-provision
  beside a found act) or none (the act itself was not recognised, and everything that hangs on it was lost);
- whether today's rules find it (they were written after these rounds were read: in-sample).
"""

from __future__ import annotations

import collections
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from reiki_scan.model import same_provision
from reiki_scan.parse.files import parse_file
from reiki_scan.rules.evaluate import baseline_predictions, read_folds, read_labels

ROOT = Path(__file__).resolve().parents[1]
DEV4 = ROOT / "corpus" / "eval" / "dev4"
#: round → the commit its first run used (corpus/eval/dev4/README.md; round 27's is e0a2c4a with 9d5da34 on top)
ROUNDS = {17: "39a87d7", 18: "96b237b", 19: "4966381", 20: "215787b", 21: "0304236", 22: "4d601d4",
          23: "783ba8f", 24: "e20925c", 25: "422ae34", 26: "c80e957", 27: "9d5da34", 28: "413d73b",
          29: "4965e36", 30: "cf87b50", 31: "47a7e0e", 32: "6a580d9"}


def errors(output: str) -> tuple[set[tuple[str, str, str]], set[tuple[str, str, str]], tuple[int, int]]:
    """(missed labels, false findings, (right, wrong)) from `eval --show-errors` output."""
    missed, wrong, counts = set(), set(), (0, 0)
    for line in output.splitlines():
        parts = line.split(" ")
        if line.startswith("見逃し"):
            missed.add((parts[1], parts[2], parts[3]))
        elif line.startswith("誤検出"):
            wrong.add((parts[1], parts[2], parts[3]))
        elif line.startswith("全体"):
            right, false = line.split()[8].split("/")
            counts = (int(right), int(false))
    return missed, wrong, counts


def run_eval(code: Path, fold: str | None) -> str:
    args = ["eval", str(DEV4), "--show-errors", "--rules", str(code / "patterns")] + (["--fold", fold] if fold else [])
    env = dict(os.environ, PYTHONPATH=str(code))
    return subprocess.run([sys.executable, "-c", "from reiki_scan.cli.main import main; main()", *args],
                          capture_output=True, text=True, env=env, check=True, cwd=ROOT).stdout


def main() -> None:
    labels = read_labels(DEV4 / "labels.csv")
    folds = read_folds(DEV4 / "folds.csv")
    per_doc = collections.defaultdict(list)
    for lb in labels:
        per_doc[lb.document].append(lb)
    missed_now, _, _ = errors(run_eval(ROOT, None))
    keywords: dict[str, list] = {}
    tally: collections.Counter = collections.Counter()
    right = wrong = total = 0
    print("| round | commit | labels | P | R |")
    print("|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for round_no, commit in ROUNDS.items():
            tree = Path(tmp) / f"r{round_no}"
            subprocess.run(["git", "worktree", "add", "-f", "--detach", str(tree), commit], cwd=ROOT, check=True,
                           capture_output=True)
            try:
                missed, _, (r, w) = errors(run_eval(tree, str(round_no)))
            finally:
                subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=ROOT, check=True,
                               capture_output=True)
            round_labels = sum(1 for lb in labels if folds[lb.document] == str(round_no))
            right, wrong, total = right + r, wrong + w, total + round_labels
            print(f"| {round_no} | {commit} | {round_labels} | {r / (r + w) if r + w else 0:.3f} | "
                  f"{1 - len(missed) / round_labels:.3f} |")
            for doc, path, cats in missed:
                first = cats.split("|")[0]
                if doc not in keywords:
                    keywords[doc] = baseline_predictions(parse_file(DEV4 / "docs" / f"{doc}.txt"))
                has_word = any(same_provision(p, path) and c in cats.split("|") for _, p, c in keywords[doc])
                beside = any((doc, lb.provision, "|".join(lb.categories)) not in missed
                             for lb in per_doc[doc] if lb.categories[0] == first)
                tally["keyword of the category in the provision" if has_word else "no keyword of the category"] += 1
                tally["another label of the category found in the document" if beside
                      else "nothing of the category found in the document"] += 1
                tally["found by today's rules (in-sample)" if (doc, path, cats) not in missed_now
                      else "still missed today"] += 1
                tally["missed"] += 1
    print(f"| pooled | | {total} | {right / (right + wrong):.3f} | {1 - tally['missed'] / total:.3f} |")
    print()
    print(f"Missed labels, first runs pooled: {tally['missed']}")
    for key in ("keyword of the category in the provision", "no keyword of the category",
                "another label of the category found in the document", "nothing of the category found in the document",
                "found by today's rules (in-sample)", "still missed today"):
        print(f"- {key}: {tally[key]} ({tally[key] / tally['missed']:.0%})")


if __name__ == "__main__":
    main()
