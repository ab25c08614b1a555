"""Every example of every rule runs against the real ja_ginza model (loaded once per session)."""

from __future__ import annotations

import pytest

from reiki_scan.rules.engine import EXCLUDED, MATCH, Engine
from reiki_scan.rules.loader import DEFAULT_DIR, load_rules

RULESET = load_rules()
CASES = []
for _rule in RULESET.rules:
    for _i, _ex in enumerate(_rule.examples_match):
        CASES.append(pytest.param(_rule.id, "match", _ex, id=f"{_rule.id}-match-{_i}"))
    for _i, _ex in enumerate(_rule.examples_no_match):
        CASES.append(pytest.param(_rule.id, "no_match", _ex, id=f"{_rule.id}-no_match-{_i}"))
    for _i, _ex in enumerate(_rule.examples_todo):
        CASES.append(pytest.param(_rule.id, "todo", _ex, id=f"{_rule.id}-todo-{_i}",
                                  marks=pytest.mark.xfail(reason="known miss (todo); once it passes, make it a match",
                                                          strict=True)))
SHARED_CASES = [pytest.param(ex_id, ex, id=f"{ex_id}-{i}")
                for ex_id, shared in RULESET.shared.items() for i, ex in enumerate(shared.examples)]


@pytest.fixture(scope="session")
def engine():
    from reiki_scan.nlp.ginza import GinzaParser
    return Engine(RULESET, GinzaParser())


@pytest.mark.slow
@pytest.mark.parametrize("rule_id, kind, example", CASES)
def test_rule_example(engine, rule_id, kind, example):
    verdict = engine.check(example.text, heading=example.heading, title=example.title)[rule_id]
    if kind in ("match", "todo"):
        assert verdict.status == MATCH, f"{rule_id} should match: {example.text} → {verdict.status} {verdict.excluded_by}"
    else:
        assert verdict.status != MATCH, f"{rule_id} should not match: {example.text}"
        if example.excluded_by:
            assert verdict.status == EXCLUDED and example.excluded_by in verdict.excluded_by, (
                f"{rule_id}: expected exclusion {example.excluded_by}, got {verdict.status} {verdict.excluded_by}")


@pytest.mark.slow
@pytest.mark.parametrize("exclusion_id, example", SHARED_CASES)
def test_shared_exclusion_example(engine, exclusion_id, example):
    verdicts = engine.check(example.text, heading=example.heading, title=example.title)
    assert not [v.rule.id for v in verdicts.values() if v.status == MATCH], example.text
    assert any(exclusion_id in v.excluded_by for v in verdicts.values()), (
        f"no rule was excluded by {exclusion_id} on: {example.text}")


def test_every_exclusion_is_proven_by_a_negative_example():
    for rule in RULESET.rules:
        proven = {ex.excluded_by for ex in rule.examples_no_match}
        missing = {ex.id for ex in rule.exclusions} - proven
        assert not missing, f"{rule.path.name}: exclusions without a no_match example: {sorted(missing)}"
        assert any(not ex.excluded_by for ex in rule.examples_no_match) or rule.exclusions


def test_rule_ids_are_unique_and_match_file_names():
    ids = [r.id for r in RULESET.rules]
    assert len(ids) == len(set(ids))
    for rule in RULESET.rules:
        assert rule.path.name.startswith(rule.id + "-")
        assert rule.path.parent.name == rule.category
        assert all(rule.description[k].strip() for k in ("what", "why", "examples", "non_examples"))


def test_every_category_has_a_rule():
    from reiki_scan.categories import SLUGS
    assert {r.category for r in RULESET.rules} == set(SLUGS)
    assert DEFAULT_DIR.is_dir()
