"""Scoring against a gold set (../shared/eval format) and the keyword-search baseline (キーワード検索)."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from ..categories import SLUGS
from ..model import Ordinance, same_provision
from ..nlp.text import normalise
from .engine import units_of

#: The manual's keyword list (categories.md, "Typical wording"): what towns search for today.
BASELINE_KEYWORDS: dict[str, list[str]] = {
    "visual": ["目視", "巡視", "巡回", "監視", "見回り", "現認", "現地確認", "現況を確認", "立会い", "立会",
               "完了検査", "竣工検査", "検査を受けなければならない"],
    "onsite_audit": ["立入検査", "立入調査", "立ち入り", "立ち入つて", "立ち入って", "実地調査", "実地検査", "実地に監査",
                     "現地調査", "臨検", "帳簿書類その他の物件"],
    "periodic_inspection": ["定期検査", "定期点検", "定期的に点検", "定期に点検", "定期的に検査", "定期に検査", "点検"],
    "resident_dedicated": ["常駐", "専任", "専従", "駐在", "常勤", "宿直", "日直", "当直", "居住して管理", "常時"],
    "in_person_training": ["講習", "受講", "研修", "修了証"],
    "posting": ["掲示", "掲出", "掲げなければならない", "標識"],
    "visit_inspection": ["閲覧", "縦覧"],
    "recording_media": ["フロッピーディスク", "磁気ディスク", "光ディスク", "磁気テープ", "CD-ROM", "CD-R", "DVD-R",
                        "光磁気ディスク", "電磁的記録媒体", "確実に記録しておくことができる物"],
}


def baseline_predictions(ordinance: Ordinance) -> list[tuple[str, str, str]]:
    """(document, provision, category) for every provision containing a keyword."""
    out = []
    for unit in units_of(ordinance):
        text = normalise(unit.text).norm
        for category, words in BASELINE_KEYWORDS.items():
            if any(normalise(w).norm in text for w in words):
                out.append((ordinance.key, unit.path, category))
    return out


@dataclass
class Label:
    document: str
    provision: str
    categories: tuple[str, ...]
    evidence: str = ""
    note: str = ""


def labels_meet(a: Label, b: Label) -> bool:
    """Two label rows agree (the scoring contract between two labellings): the same document and provision,
    and one category in common ('a|b' = either, on both sides)."""
    return a.document == b.document and same_provision(a.provision, b.provision) and bool(
        set(a.categories) & set(b.categories))


def read_labels(path: Path) -> list[Label]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [Label(r["id"], r["provision"], tuple(r["category"].split("|")), r.get("evidence", ""),
                      r.get("note", "")) for r in csv.DictReader(fh)]


def read_folds(path: Path) -> dict[str, str]:
    """document id → fold name, from a folds.csv (bench/split_folds.py)."""
    if not path.exists():
        raise FileNotFoundError(f"{path} がありません(分割は bench/split_folds.py で作ります)")
    with path.open(encoding="utf-8", newline="") as fh:
        return {r["id"]: r["fold"] for r in csv.DictReader(fh)}


def read_set_labels(directory: Path, fold: str | None = None) -> list[Label]:
    """The labels of a gold set (DIR/labels.csv), only those of one fold when ``fold`` is given."""
    labels = read_labels(directory / "labels.csv")
    if fold is not None:
        keep = {doc for doc, f in read_folds(directory / "folds.csv").items() if f == fold}
        labels = [lb for lb in labels if lb.document in keep]
    return labels


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    found: int = 0
    labels: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.labels if self.labels else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Evaluation:
    overall: Score = field(default_factory=Score)
    per_category: dict[str, Score] = field(default_factory=lambda: {s: Score() for s in SLUGS})
    false_positives: list[tuple] = field(default_factory=list)
    missed: list[Label] = field(default_factory=list)


def score(predictions: list[tuple[str, str, str]], labels: list[Label]) -> Evaluation:
    """Scoring contract of ../shared/eval/README.md: (document, provision, category), 'a|b' = either."""
    ev = Evaluation()
    predictions = list(dict.fromkeys(predictions))
    for label in labels:
        ev.overall.labels += 1
        cat = label.categories[0]
        ev.per_category[cat].labels += 1
        hit = any(d == label.document and same_provision(p, label.provision) and c in label.categories
                  for d, p, c in predictions)
        if hit:
            ev.overall.found += 1
            ev.per_category[cat].found += 1
        else:
            ev.missed.append(label)
    for d, p, c in predictions:
        right = any(d == lb.document and same_provision(p, lb.provision) and c in lb.categories for lb in labels)
        for s in (ev.overall, ev.per_category.setdefault(c, Score())):
            if right:
                s.tp += 1
            else:
                s.fp += 1
        if not right:
            ev.false_positives.append((d, p, c))
    return ev


def score_confidence(findings, labels: list[Label], confidence: str = "高") -> "Evaluation":
    """The findings of one 確度 only, scored against all the labels (their recall is what that 確度 finds)."""
    return score([(f.document, f.provision, f.category) for f in findings if f.confidence == confidence], labels)


def merge(evaluations: list[Evaluation]) -> Evaluation:
    """Several sets scored as one (counts add up; the sets share no document)."""
    out = Evaluation()
    for ev in evaluations:
        for mine, theirs in [(out.overall, ev.overall), *((out.per_category.setdefault(c, Score()), s)
                                                          for c, s in ev.per_category.items())]:
            mine.tp += theirs.tp
            mine.fp += theirs.fp
            mine.found += theirs.found
            mine.labels += theirs.labels
        out.false_positives.extend(ev.false_positives)
        out.missed.extend(ev.missed)
    return out
