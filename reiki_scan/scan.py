"""Scan API (走査): files or a workspace → findings; gold-set evaluation. The CLI sits on top."""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable

from .findings import Finding
from .model import Ordinance
from .nlp.cache import CachedParser, ParseCache
from .rules.engine import Engine, ScanStats
from .rules.loader import RuleSet, load_rules


def cache_path_for(corpus_dir: Path) -> Path:
    return corpus_dir / "cache" / "parse_cache.sqlite"


def make_engine(rules_dir: str | Path | None = None, cache_file: Path | None = None, parser=None) -> Engine:
    """Engine over the shipped rules, ja_ginza (loaded lazily) and an optional parse cache."""
    ruleset: RuleSet = load_rules(rules_dir)
    if parser is None:
        from .nlp.ginza import GinzaParser
        parser = GinzaParser()
    cache = ParseCache(cache_file) if cache_file else None
    return Engine(ruleset, CachedParser(parser, cache))


def scan_ordinances(engine: Engine, ordinances: Iterable[Ordinance],
                    progress: Callable[[int], None] | None = None,
                    parse_progress=None) -> tuple[list[Finding], ScanStats]:
    stats = ScanStats()
    findings = engine.scan(ordinances, progress=progress, stats=stats, parse_progress=parse_progress)
    findings.sort(key=lambda f: (f.document, _path_key(f.provision), f.category))
    return findings, stats


def _path_key(path: str):
    import re
    return [int(x) if x.isdigit() else x for x in re.split(r"(\d+)", path)]


def evaluate_dir(engine: Engine, directory: Path, progress=None, parse_progress=None, fold: str | None = None):
    """Score the engine and the keyword baseline on DIR/docs/*.txt + DIR/labels.csv.

    ``fold`` keeps only the documents of that fold in DIR/folds.csv (a municipality split)."""
    from .parse.files import parse_file
    from .rules.evaluate import baseline_predictions, read_folds, read_set_labels, score

    files = sorted((directory / "docs").glob("*.txt"))
    labels = read_set_labels(directory, fold)
    if fold is not None:
        keep = {doc for doc, f in read_folds(directory / "folds.csv").items() if f == fold}
        files = [p for p in files if p.stem in keep]
    ordinances = [parse_file(p) for p in files]
    findings, stats = scan_ordinances(engine, ordinances, progress=progress, parse_progress=parse_progress)
    tool = score([(f.document, f.provision, f.category) for f in findings], labels)
    base = score([x for o in ordinances for x in baseline_predictions(o)], labels)
    return tool, base, findings, stats
