"""Rule examples are written from the category definitions, not copied from the evaluation sets.

An example that repeats a sentence of corpus/eval tunes its rule to that sentence and makes the set's
figures an in-sample score of the example. The same holds for the sentences the detection tests feed the
engine and its context reading (DETECTION_TESTS). Any run of RUN characters an example shares with an eval
document is a copy, unless the run is statute boilerplate: wording found in MANY_DOCUMENTS or more eval
documents (…身分を示す証明書を携帯し、関係者の請求があったときは、これを提示しなければならない is the
national laws' formula, not one town's sentence).
"""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from pathlib import Path

import yaml

from reiki_scan.nlp.text import normalise

ROOT = Path(__file__).resolve().parent.parent
RUN = 25
MANY_DOCUMENTS = 3
DETECTION_TESTS = ["test_context.py", "test_engine.py", "test_spec_documents.py", "test_rules_generalisation.py"]


def example_texts(node, inside: bool = False):
    """Every text under an ``examples`` key of a pattern file: plain strings, {text: …} and match/no_match/todo lists."""
    if isinstance(node, str):
        if inside:
            yield node
    elif isinstance(node, dict):
        for key, value in node.items():
            if inside and key in ("text", "match", "no_match", "todo"):
                yield from example_texts(value, True)
            elif not inside:
                yield from example_texts(value, key == "examples")
    elif isinstance(node, list):
        for value in node:
            yield from example_texts(value, inside)


def string_literals(path: Path):
    """The Japanese string literals of a test module."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and re.search("[ぁ-んァ-ヶ一-龥]", node.value):
            yield node.value


def runs(text: str) -> set[str]:
    return {text[i:i + RUN] for i in range(len(text) - RUN + 1)}


def test_the_walker_finds_strings_dicts_and_match_lists():
    data = {"description": {"examples": "「甲」"}, "examples": {"match": ["乙", {"text": "丙", "heading": "(丁)"}],
                                                              "no_match": [{"text": "戊", "excluded_by": "x"}]},
            "trigger": {"keywords": ["己"]}}
    assert sorted(example_texts(data)) == sorted(["「甲」", "乙", "丙", "戊"])


def test_no_rule_example_or_detection_test_copies_a_sentence_of_an_evaluation_document():
    owners: dict[str, list[str]] = defaultdict(list)
    for path in sorted((ROOT / "patterns").rglob("*.yaml")):
        for text in example_texts(yaml.safe_load(path.read_text(encoding="utf-8"))):
            for run in runs(normalise(text).norm):
                owners[run].append(f"{path.relative_to(ROOT)}: {text[:60]}")
    for name in DETECTION_TESTS:
        for text in string_literals(ROOT / "tests" / name):
            for run in runs(normalise(text).norm):
                owners[run].append(f"tests/{name}: {text[:60]!r}")
    assert len(owners) > 5_000, "the walker found too few examples to mean anything"
    seen: dict[str, set[str]] = defaultdict(set)
    documents = sorted((ROOT / "corpus" / "eval").glob("*/docs/*.txt"))
    assert len(documents) > 2_000
    for doc in documents:
        text = normalise(doc.read_text(encoding="utf-8", errors="replace")).norm
        for i in range(len(text) - RUN + 1):
            if text[i:i + RUN] in owners:
                seen[text[i:i + RUN]].add(f"{doc.parent.parent.name}/{doc.stem}")
    copied: dict[str, set[str]] = defaultdict(set)
    for run, docs in seen.items():
        if len(docs) < MANY_DOCUMENTS:
            for owner in owners[run]:
                copied[owner] |= docs
    copies = [f"{owner}  ← {', '.join(sorted(docs))}" for owner, docs in sorted(copied.items())]
    assert not copies, f"{len(copies)} example(s) copy eval text:\n" + "\n".join(copies)
