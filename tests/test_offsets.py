"""Matched words are located in the sentence as published, not in its NFKC form.

The engine matches on NFKC text, where ㈱ is three characters ((株)), … is three (...) and ㍻ two (平成),
while full-width letters and digits (ＡＢＣ, １２) stay one each. Every position below is counted by
hand in the published sentence; a match located in the normalised text lands a few characters late.
"""

import pytest

from reiki_scan.nlp.text import normalise
from reiki_scan.parse.lines import parse_text
from reiki_scan.report.data import highlight
from reiki_scan.review.layout import marked_text
from reiki_scan.rules.engine import EXCLUDED, MATCH

pytestmark = pytest.mark.slow

# (sentence as published, where 掲示場 starts in it)
SENTENCES = [
    ("㈱ＡＢＣ及び㈲は、１２か所の掲示場に掲示しなければならない。", 14),   # ㈱ ㈲: +2 each in NFKC
    ("公告は、「㍻」の…掲示場に掲示して行う。", 9),                          # ㍻ +1, … +2
    ("（第１条の２）の公告は、役場前の掲示場に掲示して行う。", 16),        # full width only: no shift
]


@pytest.fixture(scope="module")
def engine():
    from reiki_scan.scan import make_engine
    return make_engine()


def _finding(engine, sentence):
    ordinance = parse_text(f"○位置テスト条例\n第1条 {sentence}\n", key="t")
    findings = [f for f in engine.scan([ordinance]) if f.category == "posting"]
    assert len(findings) == 1, sentence
    return findings[0]


@pytest.mark.parametrize("sentence, at", SENTENCES)
def test_matched_words_point_into_the_published_sentence(engine, sentence, at):
    assert sentence[at:at + 3] == "掲示場"                        # the hand count itself
    f = _finding(engine, sentence)
    assert f.sentence == sentence
    assert ("掲示場", at, at + 3) in [(m.text, m.start, m.end) for m in f.matches]
    for m in f.matches:                                          # dependency words too
        assert m.start >= at and m.text.startswith("掲示") and sentence[m.start:m.end] == m.text, m


@pytest.mark.parametrize("sentence, at", SENTENCES)
def test_explain_reports_the_trigger_at_its_published_position(engine, sentence, at):
    verdict = engine.check(sentence)["PST001"]
    assert ("掲示場", at, at + 3) in verdict.keywords


# Sentences that a rule with a dependency pattern matches: (sentence, {word: where it starts}).
PARSED = [
    ("㈱の監視員は、区域を毎日巡回しなければならない。", {"監視": 2, "巡回": 12}),
    ("㈱㈲の受託者は、町が行う講習を受講しなければならない。", {"講習": 12, "受講": 15}),
]


@pytest.mark.parametrize("sentence, known", PARSED)
def test_dependency_words_point_into_the_published_sentence(engine, sentence, known):
    for word, at in known.items():
        assert sentence[at:at + len(word)] == word                # the hand count itself
    words = [w for v in engine.check(sentence).values() for w in v.pattern_words]
    assert words, "no rule with a dependency pattern matched: choose a sentence one of them matches"
    for word, a, b in words:
        assert known.get(word) == a and b == a + len(word), (word, a, b)


def test_review_sheet_and_report_mark_the_matched_word_itself(engine):
    sentence, at = SENTENCES[0]
    f = _finding(engine, sentence)
    assert marked_text(f).startswith("㈱ＡＢＣ及び㈲は、１２か所の【掲示場】に【掲示")
    marked = [s.text for s in highlight(f.sentence, f.matches) if s.marked]
    assert marked[0] == "掲示場" and all(word.startswith("掲示") for word in marked)


@pytest.mark.parametrize("sentence, word", [
    ("管理人は、毎日夕刻に園内を巡廻し、遊具の破損の有無を確かめる。", "巡廻"),
    ("看守人は、受持ちの林野を見廻り、盗伐の防止に努めなければならない。", "見廻り"),
])
def test_the_older_kanji_of_a_patrol_word_is_read_and_marked_as_published(engine, sentence, word):
    # 廻 is the older form of 回 in 巡回 and 見回り: the rules read 巡回, the sheet marks 巡廻
    ordinance = parse_text(f"○表記テスト規程\n第1条 {sentence}\n", key="t")
    visual = [f for f in engine.scan([ordinance]) if f.category == "visual"]
    assert len(visual) == 1, sentence
    at = sentence.index(word)
    assert (word, at, at + len(word)) in [(m.text, m.start, m.end) for m in visual[0].matches]


def test_katakana_okurigana_is_read_as_hiragana_and_marked_as_published(engine):
    # 昭和 texts write the okurigana in katakana (職員ニ宿直ヲ命ズ): the rules and the parser read 宿直を命ず,
    # the sheet shows the published sentence; a loanword in the same text (ポンプ) stays as written
    sentence = "職員ニ宿直ヲ命ズ。宿直員ハ毎月一回消防ポンプヲ点検スベシ。"
    norm = normalise(sentence)
    assert norm.norm == "職員に宿直を命ず。宿直員は毎月一回消防ポンプを点検しなければならない。"
    assert normalise("パトロール員は、区域を巡回する。").norm == "パトロール員は、区域を巡回する。"   # no such particle
    assert normalise("宿直員ハ勤務中庁舎外ニ出デテハナラナイ。").norm == "宿直員は勤務中庁舎外に出でてはならない。"  # no ヲ
    assert normalise("都市ガス及び霞ケ浦の水質").norm == "都市ガス及び霞ケ浦の水質"
    ordinance = parse_text(f"○町職員宿日直規程\n第1条 {sentence}\n", key="t")
    findings = {f.category: f for f in engine.scan([ordinance])}
    assert {"resident_dedicated", "periodic_inspection"} <= findings.keys()
    assert ("宿直", 3, 5) in [(m.text, m.start, m.end) for m in findings["resident_dedicated"].matches]


@pytest.mark.parametrize("sentence, modern, category", [
    ("管理人ハ、村長ノ許可ヲ受ケズシテ公園ヲ離ルベカラズ。", "公園を離れてはならない。", "resident_dedicated"),
    ("宿直員ハ勤務中外出スルコトヲ得ズ。", "外出してはならない。", None),
    ("分団長ハ団員ヲシテ器具置場ニ詰メシメ、出火ニ備ヘシムベシ。", "詰めさせ、出火に備へさせなければならない。", "resident_dedicated"),
    ("監守人ハ毎月二回受持林野ヲ巡視シ、其ノ状況ヲ報告スベシ。", "報告しなければならない。", "visual"),
    # the causative of a 四段 verb, the past attributive たる and a sentence ending in す
    ("村長ハ番人ヲシテ水門ヲ見廻ラシムベシ。", "見回らせなければならない。", "visual"),
    ("団長ハ団員ヲシテ夜警ヲ行ハシム。", "夜警を行わせる。", None),
    ("器具ハ検査ヲ受ケタル後ニ之ヲ使用ス。", "検査を受けた後に之を使用する。", None),
])
def test_classical_endings_are_read_as_modern_and_marked_as_published(engine, sentence, modern, category):
    # 文語 endings (スベシ, ベカラズ, コトヲ得ズ, セシム/シメ) are read as the duty or ban they state; each modern
    # character maps into the ending it replaces, so what the sheet marks is still the published text
    norm = normalise(sentence)
    assert norm.norm.endswith(modern)
    assert len(norm.offsets) == len(norm.norm) and norm.offsets == sorted(norm.offsets)
    if category is None:
        return
    ordinance = parse_text(f"○文語テスト規程\n第1条 {sentence}\n", key="t")
    found = [f for f in engine.scan([ordinance]) if f.category == category]
    assert found, sentence
    for m in found[0].matches:
        assert sentence[m.start:m.end] == m.text


@pytest.mark.parametrize("sentence, modern", [
    ("前条の巡回は、毎月二回これを行ふ。", "前条の巡回は、毎月二回これを行う。"),
    ("団長は、器具の検閲を団員に行はせ、その欠けたものを補ふものとする。", "団長は、器具の検閲を団員に行わせ、その欠けたものを補うものとする。"),
    ("番人は、水門に詰めてゐなければならない。", "番人は、水門に詰めていなければならない。"),
    ("該当する者はない。", "該当する者はない。"),
])
def test_historical_kana_is_read_as_modern_one_character_for_one(sentence, modern):
    norm = normalise(sentence)
    assert norm.norm == modern and norm.offsets == list(range(len(sentence)))


def test_the_full_stop_that_closes_a_parenthesis_ends_no_sentence_one_character_for_one(engine):
    sentence = "検査は、職員(以下「検査員」という。)が行い、事業所の責任者(以下「立会人」という。)の立会いを求めるものとする。"
    norm = normalise(sentence)
    assert norm.norm.count("。") == 1 and norm.offsets == list(range(len(sentence)))
    # the rules' [^。] now runs on past the parenthesis: the owner's presence is the audit's, not a visual check
    verdicts = engine.check(sentence)
    assert verdicts["AUD005"].status == MATCH and verdicts["VIS002"].status == EXCLUDED


@pytest.mark.parametrize("sentence", [
    "台帳(町が保管するものをいう。以下同じ。)の閲覧は、職員が立ち会って行う。",
    "第3条中「掲示する。」を「公表する。」に改める。",
    "記録(別表第1(注。)に掲げるものをいう。)を光ディスクにより提出する。",
])
def test_every_full_stop_inside_a_parenthesis_or_a_quote_ends_no_sentence(sentence):
    norm = normalise(sentence)
    assert norm.norm.count("。") == 1 and norm.norm.endswith("。") and norm.offsets == list(range(len(sentence)))


def test_a_line_break_closes_a_parenthesis_left_open():
    norm = normalise("(台帳を備える\n閲覧させる。")
    assert norm.norm.endswith("閲覧させる。")
