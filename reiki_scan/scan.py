"""Scan API (走査): files or a workspace → findings; gold-set evaluation. The CLI sits on top."""

from __future__ import annotations

import hashlib
import json
import re
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
    findings.sort(key=finding_order)
    return findings, stats


def finding_order(f: Finding):
    """例規, then 条項 in document order (第2条 before 第10条), then category."""
    return f.document, [int(x) if x.isdigit() else x for x in re.split(r"(\d+)", f.provision)], f.category


def engine_fingerprint(engine: Engine) -> str:
    """What decides a document's findings besides its text: the model, the rules and reiki-scan's own code.
    Recorded with a workspace scan; a later scan with the same fingerprint carries the findings of unchanged
    documents over instead of scanning them again."""
    h = hashlib.sha256(f"{engine.model}\n{engine.ruleset.rules_hash}\n".encode())
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        h.update(path.relative_to(package).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def carried_over(store, fingerprint: str, latest: dict[str, int]) -> tuple[int | None, dict[str, list[Finding]]]:
    """(run id, document key → findings) from the previous workspace scan, for every document whose latest
    version it scanned with the same engine fingerprint; (None, {}) when there is none or the engine changed."""
    run = store.latest_run()
    summary = json.loads(run["summary_json"]) if run is not None else {}
    if summary.get("engine") != fingerprint:
        return None, {}
    kept: dict[str, list[Finding]] = {key: [] for key, vid in summary.get("versions", {}).items()
                                      if latest.get(key) == vid}
    # (how a document numbers its articles may have been learnt since: Store.save_ordinance)
    without_jo = store.versions_without_jo()
    for f in store.findings_of_run(run["id"]):
        if f.document in kept:
            f.articles_without_jo = latest[f.document] in without_jo
            kept[f.document].append(f)
    return run["id"], kept


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
