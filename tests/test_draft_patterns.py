"""Drafting patterns (起案用例) are data: every file validates, and its examples are run here."""

import re
import shutil

import pytest

from reiki_scan.categories import SLUGS
from reiki_scan.draft.patterns import DEFAULT_DIR, PatternError, load_pattern, load_patterns
from reiki_scan.rules.loader import DEFAULT_DIR as RULES_DIR, load_rules

PATTERNS = load_patterns().patterns


@pytest.mark.parametrize("pattern", PATTERNS, ids=lambda p: p.id)
def test_every_pattern_example_gives_its_after(pattern):
    for example in pattern.examples:
        assert pattern.apply(example["before"]) == example["after"]


@pytest.mark.parametrize("pattern", PATTERNS, ids=lambda p: p.id)
def test_no_match_examples_are_left_alone(pattern):
    for text in pattern.no_match:
        assert pattern.apply(text) == text


@pytest.mark.parametrize("pattern", PATTERNS, ids=lambda p: p.id)
def test_every_pattern_says_what_it_does_where_the_wording_comes_from_and_what_to_decide(pattern):
    for text in (pattern.title, pattern.explanation, pattern.source, pattern.note):
        assert text and not re.search(r"[^\x00-\x7f]\s+[^\x00-\x7f]", text), "folded lines joined without spaces"


def test_every_category_has_a_drafting_pattern_of_its_own():
    assert {p.category for p in PATTERNS} == set(SLUGS)


def test_a_broken_pattern_file_is_refused_naming_the_file_and_field(tmp_path):
    source = DEFAULT_DIR / "PST-A01-post-and-publish-online.yaml"
    bad = tmp_path / "PST-A01-post-and-publish-online.yaml"
    bad.write_text(source.read_text(encoding="utf-8").replace("category: posting", "category: poster"),
                   encoding="utf-8")
    with pytest.raises(PatternError, match="PST-A01-post-and-publish-online.yaml.*\n.*category"):
        load_pattern(bad)
    wrong_example = tmp_path / "PST-A01-x.yaml"
    wrong_example.write_text(source.read_text(encoding="utf-8").replace(
        "before: 規則の公布は、町役場前の掲示場に掲示して行う。", "before: 規則の公布は、官報に登載して行う。"),
        encoding="utf-8")
    with pytest.raises(PatternError, match="examples/0"):
        load_pattern(wrong_example)


def test_detection_rules_do_not_read_the_drafting_patterns(tmp_path):
    # the amendments folder sits among the category folders; it must not be taken for rules
    rules = tmp_path / "patterns"
    shutil.copytree(RULES_DIR, rules)
    assert (rules / "amendments").is_dir()
    ruleset = load_rules(rules)
    assert {r.category for r in ruleset.rules} <= set(SLUGS)
    assert len(ruleset.rules) == sum(len(list((rules / s).glob("*.yaml"))) for s in SLUGS)
