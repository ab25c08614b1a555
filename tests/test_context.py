"""Document context: which documents have a subject, and each provision's role in them.

Frames are built by hand here (the parse is tested in test_frame.py); the aspects and document rules
are the shipped ones (patterns/aspects.yaml, patterns/documents/)."""

from __future__ import annotations

import pytest

from reiki_scan.nlp.frame import PLAIN, SETTING, Frame
from reiki_scan.nlp.text import normalise
from reiki_scan.rules.context import ACT, HOW, NAMES, NONE, DocumentContext, head_of
from reiki_scan.rules.loader import load_rules

RULESET = load_rules()
CONTEXT = DocumentContext(RULESET)


def rule(rule_id):
    return RULESET.by_id(rule_id)


def role(rule_id, heading, text, topic="", path="第2条", predicate="する"):
    """The role of a one-sentence provision, with a frame written by hand: ``predicate`` is the main verb."""
    frame = Frame(topic, topic.rsplit("の", 1)[-1], predicate, SETTING if text.endswith("とする。") else PLAIN,
                  main=text, verbs=(predicate,))
    norm = normalise(text).norm
    return CONTEXT.role(rule(rule_id), path, heading, frame, norm, norm)


def test_subject_is_read_from_the_title_or_the_purpose_clause():
    ids = lambda title, purpose="": [r.id for r in CONTEXT.subjects(title, purpose)]   # noqa: E731
    assert ids("町道台帳閲覧規程") == ["VST101"]
    assert ids("町職員宿日直規程") == ["RES101"]
    assert ids("町環境保全要綱", "この要綱は、環境保全のための巡視に関し必要な事項を定める。") == ["VIS101"]
    # a disclosure ordinance mentions 閲覧 but is not about viewing a register kept for the public
    assert ids("町情報公開条例施行規則") == []
    # staff training is not a course for a qualification: a kind of document that sets no course
    assert ids("町職員研修規程") == ["TRN102"]


def test_head_of_a_phrase_is_what_follows_the_last_no():
    assert head_of("閲覧の申請") == "申請" and head_of("報告書の閲覧") == "閲覧" and head_of("任期") == "任期"


@pytest.mark.parametrize("heading, text, kind, aspect", [
    ("(閲覧時間)", "閲覧時間は、午前9時から午後5時までとする。", HOW, "time"),
    ("(台帳の設置場所)", "台帳の設置場所は、建設課とする。", HOW, "place"),
    ("(閲覧の申請)", "閲覧しようとする者は、申請書を提出しなければならない。", NAMES, "application"),
    ("(手数料)", "閲覧の手数料は、無料とする。", NAMES, "fee"),
    # a keep-in-the-room rule under a conduct heading is still how the viewing is done
    ("(遵守事項)", "閲覧者は、台帳を閲覧室の外に持ち出してはならない。", HOW, "keep_in_room"),
    ("(遵守事項)", "閲覧者は、閲覧室において喫煙してはならない。", NAMES, "conduct"),
    ("", "台帳は、一般の閲覧に供するものとする。", ACT, None),   # 供する imposes the act
    ("", "町長は、閲覧者が規程に違反したときは、閲覧を中止させることができる。", NAMES, "sanction"),
])
def test_role_in_a_viewing_document(heading, text, kind, aspect):
    r = role("VST101", heading, text)
    assert r.kind == kind and (r.aspect.id if r.aspect else None) == aspect, r.describe()


def test_a_later_paragraph_reads_its_own_text_before_the_articles_heading():
    # (閲覧の方法) heads the article; its third paragraph is a conduct rule
    first = role("VST101", "(閲覧の方法)", "閲覧は、係員の指示により行う。", path="第3条第1項")
    later = role("VST101", "(閲覧の方法)", "閲覧者は、名簿を汚損してはならない。", path="第3条第3項")
    assert first.kind == HOW and later.kind == NAMES and later.aspect.id == "conduct"


def test_topic_decides_when_there_is_no_heading():
    assert role("VIS101", "", "監視員の任期は、2年とする。", topic="監視員の任期").kind == NAMES
    assert role("TRN101", "", "講習の時間は、10時間以上とする。", topic="講習の時間").kind == HOW


def test_a_watch_duty_without_a_patrol_word_sets_no_act():
    # 監視員 whose only duty is to report what they happen to see do not patrol
    assert role("VIS101", "(職務)", "監視員は、不法投棄を発見したときは、町長に通報するものとする。").kind == NONE
    assert role("VIS101", "(職務)", "監視員は、担当区域を巡視するものとする。", predicate="巡視").kind in (ACT, HOW)


def test_night_duty_is_set_only_where_it_is_put_in_place():
    assert role("RES101", "(宿日直の設置)", "町長は、職員に宿直勤務を行わせるものとする。", predicate="行う").kind == ACT
    assert role("RES101", "(宿日直の割当て)", "宿直は、名簿の順序により割り当てる。").kind == NAMES
    assert role("RES101", "(服務)", "宿直員は、勤務中みだりに庁舎を離れてはならない。").kind == HOW


def test_names_only_holds_everywhere_only_for_its_everywhere_aspects():
    assert CONTEXT.names_only("(任期)", "", "監視員の任期は、2年とする。")[0].id == "appointment"
    # a procedure's heading often holds the act: (補助金の交付決定) … 現地調査を行い
    assert CONTEXT.names_only("(補助金の交付決定)", "", "町長は、現地調査を行い、交付を決定する。") is None
    # the head of the heading decides: (納入通知書の送付) is about 送付
    assert CONTEXT.names_only("(納入通知書の送付)", "", "フロッピーディスクを引き渡す。") is None
    # a cue that presumes presence is never names-only
    assert CONTEXT.names_only("(遵守事項)", "", "巡視の際は、腕章を着用しなければならない。") is None


def test_an_aspect_names_a_phrase_only_at_its_end_with_okurigana():
    # 保存期間の経過した報告書 is about 報告書, not a period; 割当て is 割当
    assert role("VST101", "", "保存期間の経過した報告書は、廃棄する。", topic="保存期間の経過した報告書").kind == NONE
    assert role("RES101", "(宿日直の割当て)", "名簿の順序による。").aspect.id == "rota"
    # 委嘱期間 is a term (the longer match wins), 講習科目及び時間 is about 時間
    assert role("VIS101", "(委嘱期間)", "2年とする。").kind == NAMES
    assert role("TRN101", "(講習科目及び時間)", "別表のとおりとする。").kind == HOW


def test_a_provision_that_only_names_the_act_under_another_predicate_sets_nothing():
    # the patrol car is used / the crew is formed: パトロール is named, 使用・編成 is imposed
    assert role("VIS101", "", "パトロールは、パトロール車を使用するものとする。", predicate="使用").kind == NONE
    assert role("VIS101", "", "パトロールは、運転手及び監理員の2名で編成する。", predicate="編成").kind == NONE


def test_the_items_of_a_list_carry_the_act_the_lead_sentence_introduces():
    text = normalise("監視員は、次に掲げる職務を行うものとする。\n担当区域の巡視\n町民への啓発").norm
    first = normalise("監視員は、次に掲げる職務を行うものとする。").norm
    frame = Frame("監視員", "監視員", "行う", PLAIN, main=first, verbs=("行う",))
    assert CONTEXT.role(rule("VIS101"), "第5条", "(職務)", frame, text, first).kind == ACT


def test_a_table_of_boards_in_a_notice_document_is_read_by_its_words():
    text = normalise("名称 | 所在地\n役場前掲示場 | 本町1番地").norm
    frame = Frame("", "", "名称", PLAIN, main=text, verbs=("名称",))
    assert CONTEXT.role(rule("PST101"), "別表", "", frame, text, text).kind == ACT


def test_a_kind_of_document_with_no_act_sets_nothing_and_governs_its_category():
    staff = rule("TRN102")
    assert staff.act is None and staff.governs.search("研修")
    assert role("TRN102", "(研修の区分)", "研修は、派遣研修とする。").kind == NONE
