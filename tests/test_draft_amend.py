"""Drafting one clause: 改め文 whose 「A」 is unique, cited as 法規担当 cite, applied exactly."""

import re

from reiki_scan.draft.amend import NO_PATTERN_NOTE, apply_changes, draft_clause
from reiki_scan.draft.patterns import HouseStyle, load_patterns

PATTERNS = load_patterns()
SENTENCE = re.compile(r"^(?P<path>.+?)中「(?P<old>.*)」を「(?P<new>.*)」に改める。$")


def apply_amendment(before: str, amendment: str) -> str:
    """Apply each 「A」を「B」に of an 改め文 as a reader would: A must occur once."""
    text = before
    for line in amendment.split("\n"):
        m = SENTENCE.match(line)
        assert m, line
        assert text.count(m["old"]) == 1, f"「{m['old']}」 is ambiguous"
        text = text.replace(m["old"], m["new"])
    return text


def test_quoted_words_are_widened_to_a_phrase_until_unique_in_the_clause():
    clause = [("第4条第1項", "監視員の職務は、次のとおりとする。"),
              ("第4条第1項第1号", "河川に関する監視及び通報"),
              ("第4条第1項第2号", "監視の結果の記録")]
    draft = draft_clause(clause, ["visual"], PATTERNS)
    assert draft.amendment == ("第4条第1項第1号中「関する監視」を"
                               "「関する監視（情報通信技術を活用した方法によるものを含む。）」に改める。")
    assert apply_amendment(draft.before, draft.amendment) == draft.after


def test_a_clause_with_one_paragraph_is_cited_as_the_article_and_items_with_their_number():
    draft = draft_clause([("第3条", "告示は、役場の掲示場に掲示して行う。")], ["posting"], PATTERNS)
    assert draft.amendment.startswith("第3条中「掲示場に掲示して」を")
    item = draft_clause([("第5条", "監視員は、次に掲げる職務を行う。"), ("第5条第1号", "月1回以上巡視し、記録すること。")],
                        ["visual"], PATTERNS)
    assert item.amendment.startswith("第5条第1号中「巡視し」を")


def test_a_clause_flagged_in_two_categories_for_one_act_is_amended_once():
    draft = draft_clause([("第2条", "指導監査は、毎年度実地又は書類により行う。")],
                         ["onsite_audit", "periodic_inspection"], PATTERNS)
    assert len(draft.changes) == 1
    assert draft.served == {"onsite_audit": "AUD-A01", "periodic_inspection": "AUD-A01"}
    assert draft.shared_with == {"periodic_inspection": "onsite_audit"}


def test_two_acts_in_one_clause_get_one_change_each():
    text = "町長は、講習を修了した者を管理人に任命し、管理人室に居住し、施設を管理させる。"
    draft = draft_clause([("第2条", text)], ["resident_dedicated", "in_person_training"], PATTERNS)
    assert [c.pattern for c in draft.changes] == ["RES-A01", "TRN-A01"]
    assert apply_amendment(draft.before, draft.amendment) == draft.after


def test_a_term_repeated_in_the_clause_is_defined_once_and_each_occurrence_quoted_uniquely():
    text = "町は、光ディスクを金融機関に引き渡す。この場合において、光ディスクの送付書を添える。"
    draft = draft_clause([("第6条", text)], ["recording_media"], PATTERNS)
    assert len(draft.changes) == 2
    assert "光ディスク" not in draft.after and "電子情報処理組織" in draft.after
    assert apply_amendment(draft.before, draft.amendment) == draft.after


def test_where_no_pattern_fits_the_draft_says_so_and_changes_nothing():
    draft = draft_clause([("第3条", "貸出しは、救命の資格を有する者が会場に配置されることを条件とする。")],
                         ["resident_dedicated"], PATTERNS)
    assert draft.served == {"resident_dedicated": None} and draft.changes == []
    assert draft.after == draft.before
    assert NO_PATTERN_NOTE == "用例なし: 手で起案してください"


def test_inserted_words_follow_the_documents_punctuation():
    text = "申出書は,閲覧に供するものとする。"
    draft = draft_clause([("第4条", text)], ["visit_inspection"], PATTERNS, HouseStyle.of(text + "(注)"))
    assert draft.after == "申出書は,閲覧に供するとともに,インターネットの利用により閲覧に供するものとする。"
    half = draft_clause([("第2条", "閲覧時間は、正午までとする。")], ["visit_inspection"], PATTERNS,
                        HouseStyle.of("閲覧者(住民)"))
    assert "閲覧時間(インターネットの利用によるものを除く。)は" in half.after


def test_applying_changes_refuses_an_ambiguous_quotation():
    from reiki_scan.draft.amend import Change
    try:
        apply_changes("閲覧は、閲覧室で行う。", [Change("第1条", "閲覧", "x", "VST-A03")])
    except ValueError as exc:
        assert "2 回" in str(exc)
    else:
        raise AssertionError("an ambiguous 「A」 must be refused")
