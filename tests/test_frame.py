"""The frame of a sentence (topic, predicate, modality) read from the real ja_ginza parse."""

from __future__ import annotations

import pytest

from reiki_scan.nlp.frame import OBLIGATION, PERMISSION, PLAIN, PROHIBITION, SETTING, SHALL, IMPOSSIBLE, frame_of

pytestmark = pytest.mark.slow

CASES = [
    # sentence, topic, predicate, modality
    ("閲覧時間は、午前9時から正午までとする。", "閲覧時間", "する", SETTING),
    ("閲覧者は、閲覧後に係員に返却するものとする。", "閲覧者", "返却", SHALL),
    ("監視員の任期は、1年とし、再任を妨げない。", "監視員の任期", "妨げる", PLAIN),
    ("宿日直員は、勤務中みだりに庁舎を離れてはならない。", "宿日直員", "離れる", PROHIBITION),
    ("町長は、毎年1回以上、職員に施設を点検させなければならない。", "町長", "点検", OBLIGATION),
    ("閲覧者は、台帳を複写することができない。", "閲覧者", "複写", IMPOSSIBLE),
    ("宿日直勤務は、次に掲げる職員に行わせることができる。", "宿日直勤務", "行う", PERMISSION),
    ("講習の受講料は、無料とする。", "講習の受講料", "する", SETTING),
    # a condition (〜場合は / 〜するときは) is not the topic: the sentence is about what follows it
    ("停電が起きた場合は、日直員は、直ちに管理者に連絡しなければならない。", "日直員", "連絡", OBLIGATION),
    ("閲覧日を変更するときは、その旨を閲覧室に掲示する。", "", "掲示", PLAIN),
    # older texts: the classical light verb (…ものとす) is する
    ("宿直員には庁舎の火災予防の為巡視を命ずるものとす。", "宿直員", "命ずる", SHALL),
    # …and their must (べし)
    ("監視人は臨時に山林を見廻り、異状を村長に届け出るべし。", "監視人", "届け出る", OBLIGATION),
]


@pytest.fixture(scope="module")
def parser():
    from reiki_scan.nlp.ginza import GinzaParser
    return GinzaParser()


@pytest.mark.parametrize("sentence, topic, predicate, modality", CASES, ids=[c[0][:12] for c in CASES])
def test_frame_reads_topic_predicate_and_modality(parser, sentence, topic, predicate, modality):
    (parsed,) = parser.parse([sentence])
    frame = frame_of(parsed.rows)
    assert (frame.topic, frame.predicate, frame.modality) == (topic, predicate, modality)


def test_sentence_without_topic_has_an_empty_topic(parser):
    (parsed,) = parser.parse(["掲示場に掲示して行う。"])
    frame = frame_of(parsed.rows)
    assert frame.topic == "" and frame.predicate in ("行う", "掲示")


def test_main_clause_drops_the_conditions_of_the_predicate_and_of_a_verb_joined_to_it(parser):
    # what the sentence imposes is the call and the instructions, not the patrol named in the condition
    (direct,) = parser.parse(["巡視において異状を認めたときは、管理者は、直ちに報告しなければならない。"])
    assert "巡視" not in frame_of(direct.rows).main
    (joined,) = parser.parse(["係員は、前条の巡視において故障を見つけたときは、直ちに課長に連絡し、その指示を受けるものとする。"])
    main = frame_of(joined.rows).main
    assert "巡視" not in main and "連絡" in main and "指示" in main


def test_the_verb_of_a_clause_before_a_mono_to_suru_predicate_is_one_of_the_sentence_verbs(parser):
    (parsed,) = parser.parse(["署長は、職員を対象物に立ち入らせ、設備の状況を検査させるものとする。"])
    frame = frame_of(parsed.rows)
    assert frame.predicate == "検査" and "立ち入る" in frame.verbs


def test_the_verb_of_a_clause_two_clauses_before_the_predicate_is_one_of_the_sentence_verbs(parser):
    # 巡回 hangs on 当たる, which hangs on the banned 怠る: the patrol is still one of the sentence's acts
    (parsed,) = parser.parse(["監視員は、山林を随時巡回して警戒に当たり、報告を怠ってはならない。"])
    frame = frame_of(parsed.rows)
    assert frame.modality == PROHIBITION and frame.verbs[0] == "怠る" and "巡回" in frame.verbs[1:]
