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


DOCUMENT_CASES = []
for _doc_rule in RULESET.documents:
    for _kind, _examples in (("match", _doc_rule.examples_match), ("no_match", _doc_rule.examples_no_match),
                             ("todo", _doc_rule.examples_todo)):
        for _i, _ex in enumerate(_examples):
            marks = [pytest.mark.xfail(reason="known miss (todo)", strict=True)] if _kind == "todo" else []
            DOCUMENT_CASES.append(pytest.param(_doc_rule.id, _kind, _ex, id=f"{_doc_rule.id}-{_kind}-{_i}", marks=marks))


def example_document(example):
    """A two-article document: the 趣旨 clause (when the example gives one) and the provision under test."""
    from reiki_scan.model import Ordinance, Provision
    provisions = [Provision("第1条", example.purpose or "この規程は、必要な事項を定めるものとする。", heading="(趣旨)"),
                  Provision("第2条", example.text, heading=example.heading)]
    return Ordinance(key="example", title=example.title, provisions=provisions)


@pytest.mark.slow
@pytest.mark.parametrize("rule_id, kind, example", DOCUMENT_CASES)
def test_document_rule_example(engine, rule_id, kind, example):
    doc_rule = RULESET.by_id(rule_id)
    findings = engine.scan([example_document(example)])
    hits = [f for f in findings if f.provision == "第2条" and f.category == doc_rule.category]
    if kind in ("match", "todo"):
        assert hits, f"{rule_id} should find {doc_rule.category} in: {example.text}"
        assert all(f.confidence in ("高", "中", "低") and f.confidence_reason for f in hits)
    else:
        assert not hits, f"{rule_id} should not find {doc_rule.category} in: {example.text} ({hits[0].rule})"


def test_every_document_rule_has_examples_both_ways_and_known_aspects():
    for doc_rule in RULESET.documents:
        assert doc_rule.examples_no_match and (doc_rule.examples_match or doc_rule.act is None)
        assert doc_rule.path.name.startswith(doc_rule.id + "-")
        assert set(doc_rule.how) <= set(RULESET.aspects)


@pytest.mark.slow
def test_a_frequency_of_a_cited_act_takes_the_act_from_the_provision_it_cites(engine):
    from reiki_scan.parse.lines import parse_text

    def found(body: str) -> set[tuple[str, str]]:
        doc = parse_text("○テスト町地域安全推進員設置要綱\n令和5年3月1日\n告示第1号\n" + body, key="c01")
        return {(f.provision, f.category) for f in engine.scan([doc]) if f.rule in ("PER003", "VIS009")}

    patrol = ("第3条 推進員は、担当の地区を巡回し、危険な箇所の有無を確かめるものとする。\n"
              "2 前項の活動は、おおむね毎月2回行うものとする。\n")
    assert found(patrol) == {("第3条第2項", "periodic_inspection"), ("第3条第2項", "visual")}
    # the act cited by 前条 in the next article
    assert found(patrol.replace("2 前項の活動", "第4条 前条の活動")) == {("第4条", "periodic_inspection"),
                                                                      ("第4条", "visual")}
    # the cited provision sets no act on site: nothing, though another article has one
    talks = ("第2条 推進員は、町の安全施策について意見を述べるものとする。\n"
             "2 前項の活動は、毎年2回行うものとする。\n" + patrol.replace("2 前項の活動は、おおむね毎月2回", "2 推進員は、"))
    assert found(talks) == set()
    # an article of the parent 条例 is not this document's
    assert found(patrol.replace("2 前項の活動", "2 条例第3条の活動")) == set()


@pytest.mark.slow
def test_papers_kept_in_the_room_are_a_viewing_finding_only_where_the_cited_provision_offers_them(engine):
    from reiki_scan.parse.lines import parse_text

    def found(body: str) -> set[tuple[str, str]]:
        doc = parse_text("○テスト町まちづくり会議運営要綱\n令和5年3月1日\n告示第2号\n" + body, key="c02")
        return {(f.provision, f.category) for f in engine.scan([doc]) if f.rule == "VST005"}

    viewing = "第6条 会議資料は、会場に備え置き、傍聴人の閲覧に供するものとする。\n2 傍聴人は、前項の会議資料を会場の外に持ち出してはならない。\n"
    assert found(viewing) == {("第6条第2項", "visit_inspection")}
    lent = "第6条 職員は、会議資料を借り受けることができる。\n2 職員は、前項の会議資料を庁舎の外に持ち出してはならない。\n"
    assert found(lent) == set()
