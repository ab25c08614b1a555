"""Benchmark (not a test): would a statistical model trained on the labels do better on unseen ordinances?

    pip install -e '.[bench]'                              # scikit-learn, for this script only
    .venv/bin/python bench/bench_ngram_baseline.py         # held out: dev4 rounds 38–42 (a few minutes)
    .venv/bin/python bench/bench_ngram_baseline.py --from 33
    .venv/bin/python bench/bench_ngram_baseline.py --stacked  # the rules' first runs as features (rounds 17–49)

One logistic regression per category on character 2–4-grams of each provision (and 2–3-grams of its 例規名
and 見出し), trained on every real labelled provision except the held-out dev4 rounds (dev, dev2, dev3 and
the earlier dev4 rounds), with its threshold chosen by cross-validation grouped by document on the training
part only. It then scores, on the held-out rounds, with the scoring contract (reiki_scan.rules.evaluate):

- the rules' first runs (each round at the commit it was first scanned with: bench/bench_first_runs.py);
- the model alone;
- the first runs plus the model's findings above a probability (a recall booster);
- the first runs kept only where the model gives the category some probability (a precision filter).

With --stacked the model also reads what the rules' first run said (a finding of the category in the provision,
of another category there, one beside it, how many in the document) and is trained and scored on dev4 rounds
17–49 only, where first runs exist: each block of five rounds is predicted by a model trained on the others.

The model is not part of the product: the rules stay the detector. This measures the road not taken.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from reiki_scan.model import same_provision
from reiki_scan.nlp.text import normalise
from reiki_scan.parse.files import parse_file
from reiki_scan.rules.engine import units_of
from reiki_scan.rules.evaluate import Label, read_folds, read_labels, score

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_first_runs import ROOT, ROUNDS, findings_at, triples  # noqa: E402

EVAL = ROOT / "corpus" / "eval"
CATEGORIES = ("visual", "onsite_audit", "periodic_inspection", "resident_dedicated", "in_person_training",
              "posting", "visit_inspection", "recording_media")


@dataclass
class Provision:
    """One provision of a labelled document, with the categories its label rows give it."""
    document: str
    path: str
    fold: str
    text: str
    meta: str                      # 例規名 and 見出し
    categories: set[str] = field(default_factory=set)


def provisions(set_dir: Path) -> list[Provision]:
    """Every provision of a labelled set (as the engine splits it), each with the categories of its labels."""
    labels: dict[str, list[Label]] = {}
    for lb in read_labels(set_dir / "labels.csv"):
        labels.setdefault(lb.document, []).append(lb)
    folds = read_folds(set_dir / "folds.csv") if (set_dir / "folds.csv").exists() else {}
    out = []
    for doc in sorted((set_dir / "docs").glob("*.txt")):
        title = doc.read_text(encoding="utf-8").split("\n", 1)[0]
        for unit in units_of(parse_file(doc)):
            cats = {c for lb in labels.get(doc.stem, []) if same_provision(lb.provision, unit.path)
                    for c in lb.categories}
            out.append(Provision(doc.stem, unit.path, folds.get(doc.stem, ""), normalise(unit.text).norm,
                                 f"{title} {unit.heading}", cats))
    return out


def model_probabilities(train: list[Provision], test: list[Provision], extra=None
                        ) -> dict[str, tuple[list[float], float]]:
    """category → (probability for each test provision, threshold chosen on the training part).
    ``extra(provision, category)``, when given, adds columns of its own (the rules' findings)."""
    import numpy as np
    from scipy.sparse import csr_matrix, hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    body = TfidfVectorizer(analyzer="char", ngram_range=(2, 4), min_df=2, sublinear_tf=True, max_features=300_000)
    meta = TfidfVectorizer(analyzer="char", ngram_range=(2, 3), min_df=2, sublinear_tf=True)
    x_train = hstack([body.fit_transform([p.text for p in train]),
                      0.5 * meta.fit_transform([p.meta for p in train])]).tocsr()
    x_test = hstack([body.transform([p.text for p in test]), 0.5 * meta.transform([p.meta for p in test])]).tocsr()
    groups = [p.document for p in train]
    out = {}
    base_train, base_test = x_train, x_test
    for cat in CATEGORIES:
        if extra is not None:
            x_train = hstack([base_train, csr_matrix([extra(p, cat) for p in train])]).tocsr()
            x_test = hstack([base_test, csr_matrix([extra(p, cat) for p in test])]).tocsr()
        y = np.array([cat in p.categories for p in train])
        held = np.zeros(len(train))
        for fit, val in GroupKFold(n_splits=4).split(x_train, y, groups):
            clf = LogisticRegression(C=4.0, class_weight="balanced", max_iter=2000).fit(x_train[fit], y[fit])
            held[val] = clf.predict_proba(x_train[val])[:, 1]

        def f1(t: float) -> float:
            tp = ((held >= t) & y).sum()
            p, r = tp / max((held >= t).sum(), 1), tp / max(y.sum(), 1)
            return 2 * p * r / (p + r) if p + r else 0.0
        threshold = max(np.arange(0.30, 0.96, 0.05), key=f1)
        clf = LogisticRegression(C=4.0, class_weight="balanced", max_iter=2000).fit(x_train, y)
        out[cat] = (list(clf.predict_proba(x_test)[:, 1]), float(threshold))
    return out


def rule_features(findings: list[tuple[str, str, str]], rows: list[Provision]):
    """extra() for model_probabilities: what the rules' first run said of a provision and its document for a
    category — a finding here, a finding of another category here, one beside it, how many in the document."""
    of_doc: dict[str, list[tuple[str, str]]] = {}
    for d, path, c in findings:
        of_doc.setdefault(d, []).append((path, c))
    here = {(p.document, p.path): {c for path, c in of_doc.get(p.document, ()) if same_provision(path, p.path)}
            for p in rows}
    order = {(p.document, p.path): i for i, p in enumerate(rows)}
    in_doc: dict[tuple[str, str], int] = {}
    for (doc, _), cats in here.items():
        for c in cats:
            in_doc[(doc, c)] = in_doc.get((doc, c), 0) + 1

    def extra(p: Provision, cat: str) -> list[float]:
        i = order[(p.document, p.path)]
        beside = any(0 <= j < len(rows) and rows[j].document == p.document and cat in here[(p.document, rows[j].path)]
                     for j in (i - 1, i + 1))
        cats, n = here[(p.document, p.path)], in_doc.get((p.document, cat), 0)
        return [3.0 * v for v in (cat in cats, bool(cats - {cat}), beside, n > 0, min(n, 5) / 5)]
    return extra


def stacked() -> None:
    """The model with the rules' first-run findings as features: each block of five rounds is predicted by a
    model trained on the other blocks (their first runs and labels), and pooled."""
    rows = [p for p in provisions(EVAL / "dev4") if p.fold.isdigit() and int(p.fold) in ROUNDS]
    labels = [lb for lb in read_labels(EVAL / "dev4" / "labels.csv") if lb.document in {p.document for p in rows}]
    with tempfile.TemporaryDirectory() as tmp:
        rules = [f for r in ROUNDS for f in triples(findings_at(ROUNDS[r], r, Path(tmp)))]
    extra = rule_features(rules, rows)
    first = min(ROUNDS)
    found: dict[float | None, list[tuple[str, str, str]]] = {}
    for block in sorted({(r - first) // 5 for r in ROUNDS}):
        test = [p for p in rows if (int(p.fold) - first) // 5 == block]
        train = [p for p in rows if (int(p.fold) - first) // 5 != block]
        for c, (ps, t) in model_probabilities(train, test, extra).items():
            for at in (None, 0.3, 0.5, 0.7, 0.9):
                found.setdefault(at, []).extend(
                    (p.document, p.path, c) for p, v in zip(test, ps) if v >= (t if at is None else at))
    print(f"dev4 rounds {first}–{max(ROUNDS)}, {len(labels)} labels, blocks of five rounds predicted by the others")
    print("| detector | P | R | TP / FP |")
    print("|---|---|---|---|")
    for name, pred in [("rules, first runs", rules)] + [
            ("stacked, threshold chosen on the training part" if at is None else f"stacked ≥ {at}", pred)
            for at, pred in found.items()]:
        s = score(pred, labels).overall
        print(f"| {name} | {s.precision:.3f} | {s.recall:.3f} | {s.tp} / {s.fp} |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--from", dest="first", type=int, default=38, help="first held-out dev4 round (to the last)")
    ap.add_argument("--stacked", action="store_true", help="the model reads the rules' first runs (rounds 17–49)")
    args = ap.parse_args()
    try:
        import sklearn  # noqa: F401
    except ImportError:
        sys.exit("scikit-learn がありません。pip install -e '.[bench]' で入れてから実行してください。")
    if args.stacked:
        stacked()
        return
    held = [r for r in ROUNDS if r >= args.first]
    dev4 = provisions(EVAL / "dev4")
    test = [p for p in dev4 if p.fold.isdigit() and int(p.fold) in held]
    train = [p for s in ("dev", "dev2", "dev3") for p in provisions(EVAL / s)] + [
        p for p in dev4 if not (p.fold.isdigit() and int(p.fold) in held)]
    labels = [lb for lb in read_labels(EVAL / "dev4" / "labels.csv") if lb.document in {p.document for p in test}]
    with tempfile.TemporaryDirectory() as tmp:
        rules = [f for round_no in held for f in triples(findings_at(ROUNDS[round_no], round_no, Path(tmp)))]
    prob = model_probabilities(train, test)

    def model(at: float | None = None) -> list[tuple[str, str, str]]:
        return [(p.document, p.path, c) for c, (ps, t) in prob.items() for p, v in zip(test, ps)
                if v >= (t if at is None else max(t, at))]

    chance: dict[tuple[str, str], list[tuple[str, float]]] = {}
    for c, (ps, _) in prob.items():
        for p, v in zip(test, ps):
            chance.setdefault((p.document, c), []).append((p.path, v))

    def kept(floor: float) -> list[tuple[str, str, str]]:
        return [f for f in rules if max((v for path, v in chance.get((f[0], f[2]), ())
                                         if same_provision(path, f[1])), default=0) >= floor]

    print(f"held out: dev4 rounds {held[0]}–{held[-1]}; trained on {len(train)} provisions "
          f"({sum(bool(p.categories) for p in train)} labelled)")
    print("| detector | labels | P | R | TP / FP |")
    print("|---|---|---|---|---|")
    for name, found in [("rules, first runs", rules), ("model alone", model())] + [
            (f"rules + model ≥ {t}", rules + model(t)) for t in (0.7, 0.8, 0.9)] + [
            (f"rules where the model gives ≥ {t}", kept(t)) for t in (0.2, 0.3)]:
        s = score(found, labels).overall
        print(f"| {name} | {s.labels} | {s.precision:.3f} | {s.recall:.3f} | {s.tp} / {s.fp} |")


if __name__ == "__main__":
    main()
