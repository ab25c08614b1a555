"""Engine logic on hand-made parses (no model): prefilter, patterns, exclusions, offsets, cache, schema."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from reiki_scan.nlp.base import TableParser
from reiki_scan.nlp.cache import CachedParser, ParseCache
from reiki_scan.nlp.text import SUDACHI_MAX_BYTES, normalise, safe_chunks, split_sentences
from reiki_scan.parse.lines import parse_text
from reiki_scan.rules.engine import EXCLUDED, MATCH, NO_PATTERN, Engine
from reiki_scan.rules.loader import RuleError, load_defines, load_rule, load_rules

RULESET = load_rules()

# 講習会の課程を修了した者 : 講習会 -nmod-> 課程 -obj-> 修了 (ROOT)
COMPLETED = "講習会の課程を修了した者とする。"
COMPLETED_ROWS = [
    ["講習会", "", "講習会", "講習会", "NOUN", "", "nmod", 2], ["の", "", "の", "の", "ADP", "", "case", 0],
    ["課程", "", "課程", "課程", "NOUN", "", "obj", 4], ["を", "", "を", "を", "ADP", "", "case", 2],
    ["修了", "", "修了", "修了", "VERB", "", "acl", 7], ["し", "", "する", "為る", "AUX", "", "aux", 4],
    ["た", "", "た", "た", "AUX", "", "aux", 4], ["者", "", "者", "者", "NOUN", "", "ROOT", 7],
    ["と", "", "と", "と", "ADP", "", "case", 7], ["する", "", "する", "為る", "AUX", "", "aux", 7],
    ["。", "", "。", "。", "PUNCT", "", "punct", 7]]
# Same words, but the parse says 修了 is not above 講習 (e.g. a misattached enumeration).
DETACHED_ROWS = [r[:6] + (["ROOT", 0] if i == 0 else [r[6], 0]) for i, r in enumerate(COMPLETED_ROWS)]


def rows_of(words: list[str]) -> list[list]:
    """A flat hand-made parse: every word a NOUN hanging off the last one (the ROOT)."""
    last = len(words) - 1
    return [[w, "", w, w, "NOUN", "", "ROOT" if i == last else "dep", last] for i, w in enumerate(words)]


def make_engine(table=None, cache=None):
    parser = CachedParser(TableParser(table or {}), cache)
    return Engine(RULESET, parser), parser


def ordinance(body: str, key="t01"):
    return parse_text("○テスト町試験条例\n令和5年3月1日\n条例第1号\n" + textwrap.dedent(body), key=key)


def test_prefilter_sends_no_keywordless_sentence_to_the_parser():
    engine, parser = make_engine()
    engine.scan([ordinance("第1条 この条例は、公布の日から施行する。\n第2条 町長は、補助金を交付する。\n")])
    assert parser.parser.calls == []


def test_in_a_document_with_a_subject_only_first_sentences_whose_parse_can_matter_are_parsed():
    engine, parser = make_engine()
    doc = parse_text("○町道台帳閲覧規程\n令和5年3月1日\n訓令第1号\n"
                     "第1条 閲覧時間は、午前9時から午後4時までとする。\n"       # topic word 時間: parsed
                     "第2条 町長は、台帳を整備しなければならない。\n"           # nothing a topic could say
                     "第3条 変更があったときは、その旨を閲覧所に掲示する。\n", key="t03")  # an act at the end
    engine.scan([doc])
    assert "町長は、台帳を整備しなければならない。" not in parser.parser.calls
    assert "閲覧時間は、午前9時から午後4時までとする。" in parser.parser.calls
    assert "変更があったときは、その旨を閲覧所に掲示する。" in parser.parser.calls


def test_a_keyword_finding_the_documents_subject_also_reaches_is_high_confidence():
    engine, _ = make_engine()
    doc = parse_text("○町不法投棄監視員設置要綱\n令和5年3月1日\n告示第1号\n"
                     "(活動)\n第3条 監視員は、担当区域の定期的な巡回を行う。\n", key="t04")
    found = {f.category: f for f in engine.scan([doc])}
    # 定期的な巡回 (PER001) and the subject's role (frequency → periodic_inspection) agree
    assert found["periodic_inspection"].confidence == "高"
    assert "文書の主題" in found["periodic_inspection"].confidence_reason


def test_dependency_pattern_decides_on_the_parse_not_the_words():
    engine, _ = make_engine({normalise(COMPLETED).norm: COMPLETED_ROWS})
    assert engine.check(COMPLETED)["TRN001"].status == MATCH
    engine, _ = make_engine({normalise(COMPLETED).norm: DETACHED_ROWS})
    assert engine.check(COMPLETED)["TRN001"].status == NO_PATTERN


def test_lexical_rule_parses_only_the_provisions_first_sentence_and_reports_original_offsets():
    engine, parser = make_engine()
    text = "第２条　条例の公布は、役場前の掲示場に掲示して行う。町長は、その旨を記録する。"   # full-width
    findings = engine.scan([ordinance(text + "\n")])
    (f,) = [f for f in findings if f.rule == "PST001"]
    assert f.provision == "第2条" and f.category == "posting"
    for m in f.matches:
        assert f.sentence[m.start:m.end] == m.text
    # the keyword rule has no pattern: the one parse is the first sentence, read for the provision's topic
    assert parser.parser.calls == ["条例の公布は、役場前の掲示場に掲示して行う。"]


def test_items_roll_up_to_their_paragraph_and_one_finding_per_category():
    engine, _ = make_engine({"区域の巡回": rows_of(["区域", "の", "巡回"]), "河川の巡視": rows_of(["河川", "の", "巡視"])})
    body = """第5条 監視員の職務は、次のとおりとする。
    (1) 区域の巡回
    (2) 河川の巡視
    """
    findings = engine.scan([ordinance(body)])
    assert [(f.provision, f.category) for f in findings] == [("第5条", "visual")]
    # the items of an inserted article (第5条の2) roll up to it too
    findings = engine.scan([ordinance(body.replace("第5条 ", "第5条の2 "))])
    assert [(f.provision, f.category) for f in findings] == [("第5条の2", "visual")]


def test_digital_alternative_in_the_same_provision_clears_it():
    engine, _ = make_engine()
    body = "第2条 公告は、掲示場に掲示して行う。ただし、インターネットの利用により公表することができる。\n"
    assert engine.scan([ordinance(body)]) == []
    verdict = engine.check(body.split(" ", 1)[1])["PST001"]
    assert verdict.status == EXCLUDED and "digital_alternative" in verdict.excluded_by


def test_a_digital_word_in_another_item_of_a_list_of_conditions_is_no_alternative():
    engine, _ = make_engine()
    # every condition must hold: publishing the list of stations on the website does not replace the board
    conditions = ("第3条 次の各号の全ての要件を満たす者を登録する。\n(1) 規則で定める標識を事業所の見やすい場所に掲示していること。\n"
                  "(2) 町のホームページで公開することに同意していること。\n")
    assert [f.category for f in engine.scan([ordinance(conditions)])] == ["posting"]
    # items offered as alternatives: the website item is a digital way of the same act
    ways = "第3条 公告は、次のいずれかの方法により行う。\n(1) 掲示場に掲示する方法\n(2) ホームページに掲載する方法\n"
    assert engine.scan([ordinance(ways)]) == []


def test_purpose_and_definition_provisions_are_not_acts():
    engine, _ = make_engine()
    body = """(目的)
    第1条 この条例は、掲示場に掲示して行う公告の手続を定める。
    (定義)
    第2条 この条例において「閲覧所」とは、台帳を閲覧させる場所をいう。
    """
    assert engine.scan([ordinance(body)]) == []


def test_a_definition_heading_over_a_text_that_defines_nothing_does_not_hide_the_act():
    engine, _ = make_engine()
    # the kinds of duty are defined; the hours under the same heading set how the night duty is done
    doc = parse_text("○町宿日直規程\n令和5年3月1日\n訓令第1号\n(当直の定義)\n第2条 当直は、宿直及び日直をいう。\n"
                     "2 宿直は、平常日の退庁時限から翌日登庁時限までとする。\n", key="t04")
    assert [(f.provision, f.category) for f in engine.scan([doc])] == [("第2条第2項", "resident_dedicated")]
    kinds = "(定義)\n第2条 この規程における査察対象物の区分は、次の各号に掲げるとおりとする。\n(1) 特定防火対象物\n(2) 前号以外の防火対象物\n"
    assert engine.scan([ordinance(kinds)]) == []


def test_the_short_name_a_document_gives_its_act_is_the_act_where_it_is_used():
    engine, _ = make_engine()
    text = ("○町食品表示立入検査実施要綱\n令和5年3月1日\n告示第1号\n(趣旨)\n"
            "第1条 この要綱は、町長が行う立入検査(以下「検査」という。)の実施に関し必要な事項を定める。\n"
            "(検査の時期)\n第2条 検査は、毎年度1回以上、町内の販売店を対象に行うものとする。\n"
            "(検査員)\n第3条 立入検査に従事する職員(以下「検査員」という。)は、町長が指名する。\n"
            "第4条 検査員の指名は、毎年度行う。\n")
    found = {(f.provision, f.category) for f in engine.scan([parse_text(text, key="t05")])}
    # 検査 is the 立入検査 the 趣旨 names: its frequency is the audit's and a periodic check
    assert ("第2条", "onsite_audit") in found and ("第2条", "periodic_inspection") in found
    # the short name of the inspectors, though its phrase holds 立入検査, names no act
    assert not any(p in ("第3条", "第4条") for p, _ in found)


def test_a_provision_that_posts_before_it_applies_another_rule_is_no_mere_application():
    engine, _ = make_engine()
    body = """(公示)
    第6条 審査会の公示は、役場本庁舎の掲示場に掲示して行うほか、町公告式条例を準用する。
    第7条 前条の規定は、要綱の公表について準用する。
    """
    found = engine.scan([ordinance(body)])
    assert [(f.provision, f.category) for f in found] == [("第6条", "posting")]


def test_the_title_repeated_as_the_first_line_of_the_body_is_no_provision():
    engine, _ = make_engine()
    # the title names the course (講習), so read as a provision it would look like the act
    doc = parse_text("○町防火管理講習の実施に関する規則\n令和5年3月1日\n規則第1号\n町防火管理講習の実施に関する規則\n"
                     "(開催)\n第1条 講習は、毎年度1回以上開催する。\n", key="t02")
    assert [u.path for u in doc.provisions][:1] == ["前文"]
    assert [f.provision for f in engine.scan([doc])] == ["第1条"]


def test_the_title_repeated_after_the_enactment_sentence_is_no_sentence_of_the_preamble():
    engine, _ = make_engine()
    # 前文: the enactment sentence, then the title again; only the article is a finding
    doc = parse_text("○貯水槽に対する立入検査の基準\n令和5年3月1日\n告示第1号\n水道法に基づき、次の基準を定める。\n"
                     "貯水槽に対する立入検査の基準\n(立入検査の回数)\n第1条 立入検査は、毎年度1回以上行う。\n", key="t04")
    assert [u.path for u in doc.provisions][:1] == ["前文"]
    assert {f.provision for f in engine.scan([doc])} == {"第1条"}


def test_a_body_in_running_text_is_scanned_as_the_honsoku():
    engine, _ = make_engine()
    doc = parse_text("○県行造林看守人規程\n昭和25年10月6日\n告示第400号\n"
                     "看守人は、毎月1回以上担当の造林地を巡視し、被害の有無を確かめなければならない。\n", key="t03")
    assert {(f.provision, f.category) for f in engine.scan([doc])} >= {("本則", "visual")}


def test_finding_explains_trigger_and_exclusions_checked_and_legal_basis():
    engine, _ = make_engine()
    body = "第2条 地方自治法(昭和22年法律第67号)第16条第4項に規定する条例の公布は、掲示場に掲示して行う。\n"
    (f,) = engine.scan([ordinance(body)])
    assert f.legal_basis == "地方自治法"
    assert "掲示場" in f.details["trigger"] and "digital_alternative" in f.details["exclusions_checked"]
    assert f.explanation.startswith("「") and "書面掲示" in f.explanation


def test_town_own_rule_has_empty_legal_basis():
    engine, _ = make_engine()
    (f,) = engine.scan([ordinance("第2条 規則の公布は、役場前の掲示場に掲示して行う。\n")])
    assert f.legal_basis == ""


def test_parse_cache_parses_only_new_sentences(tmp_path):
    cache = ParseCache(tmp_path / "cache.sqlite")
    engine, parser = make_engine(cache=cache)
    doc = ordinance(f"第3条 受託者は、{COMPLETED}\n")
    engine.scan([doc])
    first = list(parser.parser.calls)
    assert first
    engine.scan([doc])
    assert parser.parser.calls == first          # nothing parsed again
    engine, parser2 = make_engine(cache=ParseCache(tmp_path / "cache.sqlite"))
    engine.scan([doc, ordinance(f"第4条 受講者は、救命講習を受講した者とする。\n", key="t02")])
    assert len(parser2.parser.calls) == 1        # a new process parses only the new sentence


def test_long_input_is_chunked_under_the_sudachi_byte_limit():
    text = "、".join(["町長が指定する施設"] * 3000) + "。"
    chunks = safe_chunks(text)
    assert len(chunks) > 1 and "".join(chunks) == text
    assert all(len(c.encode("utf-8")) <= SUDACHI_MAX_BYTES for c in chunks)


def test_sentence_split_keeps_quoted_periods_inside_the_sentence():
    text = "「閲覧所」とは、台帳を置く場所をいう。(以下「閲覧所」という。)次の文。"
    spans = split_sentences(text)
    assert [text[a:b] for a, b in spans] == ["「閲覧所」とは、台帳を置く場所をいう。", "(以下「閲覧所」という。)次の文。"]


BAD_RULES = {
    "missing_field": ("id: PST900\ncategory: posting\ntitle: x\n", "description"),
    "bad_category": ("id: PST901\ncategory: posters\n", "posters"),
}


@pytest.mark.parametrize("case", sorted(BAD_RULES))
def test_schema_rejects_a_bad_rule_file_with_a_message_naming_the_file(tmp_path, case):
    content, expected = BAD_RULES[case]
    folder = tmp_path / "posting"
    folder.mkdir()
    path = folder / "PST900-bad.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(RuleError) as info:
        load_rule(path)
    assert "PST900-bad.yaml" in str(info.value) and expected in str(info.value)


def test_loader_rejects_a_broken_regex_and_a_reused_id(tmp_path):
    src = next(r.path for r in RULESET.rules if r.id == "PST001")
    folder = tmp_path / "posting"
    folder.mkdir()
    (tmp_path / "exclusions.yaml").write_bytes((src.parents[1] / "exclusions.yaml").read_bytes())
    _copy_defines(tmp_path)
    text = src.read_text(encoding="utf-8")
    (folder / "PST001-a.yaml").write_text(text, encoding="utf-8")
    (folder / "PST001-b.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(RuleError, match="再利用"):
        load_rules(tmp_path)
    (folder / "PST001-b.yaml").unlink()
    (folder / "PST001-a.yaml").write_text(text.replace("(?<!に)掲げ", "(?<!に掲げ"), encoding="utf-8")
    with pytest.raises(RuleError, match="PST001-a.yaml.*正規表現"):
        load_rules(tmp_path)


def test_body_anywhere_is_only_for_an_everywhere_aspect_with_a_text_cue(tmp_path):
    from reiki_scan.rules.loader import load_aspects
    src = RULESET.directory / "aspects.yaml"
    text = src.read_text(encoding="utf-8")
    assert load_aspects(src)[0]["appointment"].body_anywhere
    bad = tmp_path / "aspects.yaml"
    _copy_defines(tmp_path)
    # the instructor aspect holds everywhere by its heading, but has no text cue to hold by
    bad.write_text(text.replace("  - id: instructor\n", "  - id: instructor\n    body_anywhere: true\n"),
                   encoding="utf-8")
    with pytest.raises(RuleError, match="instructor/body_anywhere"):
        load_aspects(bad)


def _rule_alone(tmp_path, rule_id) -> Path:
    """A rules folder holding only the shared exclusions (with the fragments they use) and the shipped rule
    ``rule_id``."""
    src = next(r.path for r in RULESET.rules if r.id == rule_id)
    folder = tmp_path / src.parent.name
    folder.mkdir()
    (tmp_path / "exclusions.yaml").write_bytes((src.parents[1] / "exclusions.yaml").read_bytes())
    _copy_defines(tmp_path)
    (folder / src.name).write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    return tmp_path


def test_sets_act_of_must_name_a_document_rule_with_an_act(tmp_path):
    # no document rule RES101 in this folder: the reference is broken, and said so
    with pytest.raises(RuleError, match="sets_act_of の RES101"):
        load_rules(_rule_alone(tmp_path, "RES002"))


def test_parse_waived_by_must_name_another_keyword_rule(tmp_path):
    # PER001 is not in this folder: the waiver names no rule, and says so
    with pytest.raises(RuleError, match="parse_waived_by"):
        load_rules(_rule_alone(tmp_path, "VIS001"))


def test_a_patrol_word_bound_to_a_frequency_stands_without_its_parse_pattern():
    engine, _ = make_engine()       # the table parser reads no patrol act in any sentence
    sentence = "見回り回数は、1日2回以上とする。"
    verdicts = engine.check(sentence)
    assert verdicts["PER001"].status == MATCH
    assert verdicts["VIS001"].status == MATCH and verdicts["VIS001"].waived_by == "PER001"
    assert verdicts["VIS001"].pattern is None
    # without a frequency the compound stays a name, as before
    assert engine.check("見回り回数を記録する。")["VIS001"].status != MATCH


def test_trigger_requires_skips_provisions_without_its_words_and_must_cover_every_keyword(tmp_path):
    per = next(r for r in RULESET.rules if r.id == "PER001")
    assert per.requires and per.triggers_in("浄化槽の保守点検を年3回以上行う。")
    assert not per.triggers_in("毎月1回以上、会議を開く。")     # a frequency, but no check word
    folder = tmp_path / "periodic_inspection"
    folder.mkdir()
    bad = folder / "PER001-bad.yaml"
    _copy_defines(tmp_path)
    bad.write_text(per.path.read_text(encoding="utf-8").replace("requires: [点検, 検査,", "requires: [検査,"),
                   encoding="utf-8")
    with pytest.raises(RuleError, match="PER001-bad.yaml.*requires"):
        load_rule(bad)


def _copy_defines(root):
    """The shared fragments beside a copied rule folder (load_rule reads them from the rules folder)."""
    shutil.copy(RULESET.directory / "defines.yaml", root / "defines.yaml")


def test_trigger_define_names_one_fragment_for_several_regexes_and_must_be_used(tmp_path):
    per = next(r for r in RULESET.rules if r.id == "PER001")
    assert "{{" not in "".join(per.regex)            # every {{FREQ}} expanded at load
    # one vocabulary serves the act-after-frequency and the frequency-after-act regexes alike
    assert per.triggers_in("隔月に1回、浄化槽を点検する。") and per.triggers_in("浄化槽の点検は、隔月に行う。")
    text = per.path.read_text(encoding="utf-8")
    unknown = _broken_copy(tmp_path, "PER001", "{{FREQ}}[^。]", "{{FRQ}}[^。]")
    with pytest.raises(RuleError, match="trigger/regex で.*にもない名前.*FRQ"):
        load_rule(unknown)
    for name, define, expected in [("b", "    SPARE: '隔週'\n", "SPARE.*使われていません"),
                                   ("c", "    FREQ: '隔週'\n", "FREQ.*defines.yaml と同じ名前")]:
        bad = tmp_path / name / "periodic_inspection" / "PER001-bad.yaml"
        bad.parent.mkdir(parents=True)
        _copy_defines(tmp_path / name)
        bad.write_text(text.replace("trigger:\n", "trigger:\n  define:\n" + define, 1), encoding="utf-8")
        with pytest.raises(RuleError, match=expected):
            load_rule(bad)
    # without the shared file the name is unknown
    lone = tmp_path / "d" / "periodic_inspection" / "PER001-x.yaml"
    lone.parent.mkdir(parents=True)
    lone.write_text(text, encoding="utf-8")
    with pytest.raises(RuleError, match="にもない名前.*FREQ"):
        load_rule(lone)


def test_an_exclusion_may_use_a_shared_define_and_an_unknown_name_is_reported_where_it_is(tmp_path):
    pst = next(r for r in RULESET.rules if r.id == "PST001")
    check_item = next(e for e in pst.exclusions if e.id == "check_item")
    assert "{{" not in check_item.regex.pattern and check_item.regex.search("標識の掲示の状況")
    bad = _broken_copy(tmp_path, "PST001", "regex: '{{CHECK_ITEM}}'", "regex: '{{CHECK_ITEMS}}'")
    with pytest.raises(RuleError, match=r"exclusions/[0-9]+/regex で.*CHECK_ITEMS"):
        load_rule(bad)


def test_a_broken_shared_define_is_reported_with_its_file(tmp_path):
    (tmp_path / "defines.yaml").write_text("defines:\n  FREQ: '(毎月'\n", encoding="utf-8")
    with pytest.raises(RuleError, match="defines.yaml.*defines/FREQ"):
        load_defines(tmp_path / "defines.yaml")


@pytest.mark.parametrize("body, expected", [
    # 以下「法」という → 法第N条 resolves to the law's name
    ("第1条 この要綱は、浄化槽の清掃業者の指導について、浄化槽法(昭和58年法律第43号。以下単に「法」という。)の"
     "施行に関し必要な事項を定める。\n"
     "第2条 法第35条第1項の許可を受けた者は、許可証の写しを営業所の見やすい箇所に掲示しなければならない。\n",
     "浄化槽法"),
    # the document's 趣旨 clause gives the basis of the whole document
    ("(趣旨)\n第1条 この規程は、地価公示法(昭和44年法律第49号)の定めるところにより、必要な事項を定めるものとする。\n"
     "第2条 台帳は、一般の閲覧に供する。\n", "地価公示法"),
    # a town ordinance cited is not a national law
    ("第2条 条例第5条の規定による公告は、掲示場に掲示して行う。\n", ""),
])
def test_legal_basis_names_the_national_law_or_is_empty(body, expected):
    engine, _ = make_engine()
    findings = engine.scan([ordinance(body)])
    assert findings and {f.legal_basis for f in findings} == {expected}


def test_shared_exclusions_and_aspects_may_use_a_shared_define_too(tmp_path):
    from reiki_scan.rules.loader import load_aspects, load_shared
    scope = RULESET.shared["scope_items"].regex[0]
    assert "{{" not in scope.pattern and scope.search("実地検査は、次に掲げる事項について行うものとする。")
    assert RULESET.aspects["scope"].body.search("調査は、次に掲げる事項について実施する。")
    for name in ("exclusions.yaml", "aspects.yaml"):
        text = (RULESET.directory / name).read_text(encoding="utf-8")
        assert "{{SCOPE_ITEMS}}" in text
        folder = tmp_path / name.split(".")[0]
        folder.mkdir()
        _copy_defines(folder)
        (folder / name).write_text(text.replace("{{SCOPE_ITEMS}}", "{{SCOPE_ITEM}}"), encoding="utf-8")
        load = load_shared if name == "exclusions.yaml" else load_aspects
        with pytest.raises(RuleError, match=r"(exclusions|aspects)/[0-9]+/(regex/0|body) で.*SCOPE_ITEM"):
            load(folder / name)


def _broken_copy(tmp_path, rule_id: str, old: str, new: str):
    """A copy of a shipped rule file with ``old`` replaced by ``new``, in a folder named for its category."""
    rule = next(r for r in RULESET.rules if r.id == rule_id)
    folder = tmp_path / rule.category
    folder.mkdir()
    bad = folder / f"{rule_id}-bad.yaml"
    _copy_defines(tmp_path)
    text = rule.path.read_text(encoding="utf-8")
    assert old in text
    bad.write_text(text.replace(old, new), encoding="utf-8")
    return bad


def test_an_invalid_spacy_pattern_is_reported_with_the_rule_file(tmp_path):
    from reiki_scan.rules.compiler import CompiledRule
    bad = _broken_copy(tmp_path, "VIS001", "DEP: {NOT_IN: [compound]}", "DEPP: x")
    with pytest.raises(RuleError, match="VIS001-bad.yaml"):
        CompiledRule(load_rule(bad))


def test_a_card_holder_of_no_category_is_reported_with_the_rule_file(tmp_path):
    bad = _broken_copy(tmp_path, "AUD004", "    onsite_audit: '", "    inspection: '")
    with pytest.raises(RuleError, match="AUD004-bad.yaml"):
        load_rule(bad)


def test_a_comma_after_japanese_text_reads_as_a_toten_and_keeps_the_offsets():
    for text in ("規則は，次のとおりとする。", "規則は,次のとおりとする。"):
        n = normalise(text)
        assert n.norm == "規則は、次のとおりとする。" and n.offsets == list(range(len(text)))
    # numbers and ASCII text keep theirs
    assert normalise("手数料は1,000円(a,b)とする。").norm == "手数料は1,000円(a,b)とする。"


def test_a_card_carried_during_the_act_takes_the_category_of_the_act_it_serves():
    engine, _ = make_engine()
    found = lambda body: sorted((f.provision, f.category, f.rule) for f in engine.scan([ordinance(body)]))  # noqa: E731
    # the survey is done by looking from outside (目視): its card is 目視 too, not 実地監査
    assert found("第3条 空き家の調査は、外観の確認により行うものとする。\n"
                 "2 調査を行う職員は、身分を示す証明書を携帯し、関係者に提示しなければならない。\n") == [
        ("第3条第1項", "visual", "VIS002"), ("第3条第2項", "visual", "AUD003")]
    # an inspection card with no other act in the document keeps its own category
    assert found("第2条 検査を行う職員は、身分を示す証明書を携帯し、関係者に提示しなければならない。\n") == [
        ("第2条", "onsite_audit", "AUD003")]
    # a role's card in a document that sets no on-site act is no finding
    assert found("第2条 推進員は、活動を行うときは、推進員証を携帯しなければならない。\n") == []
    # …unless the holder's title names the act, set by the parent 条例 (巡視員 patrol, 徴税吏員 inspect)
    assert found("第3条 巡視員は、職務を行うときは、巡視員証を携帯しなければならない。\n") == [
        ("第3条", "visual", "AUD004")]
    assert found("第3条 徴税吏員は、職務を執行する場合には、徴税吏員証を携帯しなければならない。\n") == [
        ("第3条", "onsite_audit", "AUD004")]


def test_a_section_of_another_kind_of_document_takes_the_subject_its_headings_name():
    engine, _ = make_engine()
    body = """(防火管理講習)
    第4条 消防長は、防火管理者の資質の向上を図るため、防火管理講習を実施する。
    (講習の実施回数)
    第5条 講習は、毎年度2回実施するものとする。
    (防火対象物の指定)
    第6条 署長は、管内の防火対象物を指定し、その結果を毎年度消防長に報告するものとする。
    """
    found = {(f.provision, f.category) for f in engine.scan([ordinance(body)])}
    assert ("第5条", "in_person_training") in found
    assert not any(p == "第6条" for p, _ in found)
    # one heading alone makes no section
    single = body.replace("(講習の実施回数)", "(実施回数)")
    assert ("第5条", "in_person_training") not in {(f.provision, f.category) for f in engine.scan([ordinance(single)])}
