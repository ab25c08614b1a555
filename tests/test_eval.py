"""The scoring contract of ../shared/eval/README.md and the keyword baseline."""

from reiki_scan.parse.lines import parse_text
from reiki_scan.rules.evaluate import Label, baseline_predictions, score


def test_items_roll_up_and_first_paragraph_equals_article():
    labels = [Label("d1", "第3条", ("posting",)), Label("d1", "第4条第2項", ("visual", "onsite_audit"))]
    ev = score([("d1", "第3条第1項", "posting"), ("d1", "第4条第2項第1号", "onsite_audit"),
                ("d1", "第4条第2項", "visual"), ("d1", "第5条", "posting")], labels)
    assert ev.overall.recall == 1.0
    assert (ev.overall.tp, ev.overall.fp) == (3, 1)          # either alternative is right
    assert ev.false_positives == [("d1", "第5条", "posting")]


def test_an_article_numbered_without_jo_matches_its_guide_path():
    # a 要綱 numbered 第1, 第2 …: a label may write the path as the document does or as the guide does
    labels = [Label("d1", "第2", ("visual",)), Label("d1", "第3第2項", ("posting",)), Label("d1", "第4の2", ("visual",))]
    ev = score([("d1", "第2条第1項", "visual"), ("d1", "第3条第2項第1号", "posting"), ("d1", "第4条の2", "visual"),
                ("d1", "第2項", "visual")], labels)
    assert ev.overall.recall == 1.0
    assert ev.false_positives == [("d1", "第2項", "visual")]   # a 項 of a body without articles is not 第2


def test_wrong_category_is_a_false_positive_and_a_miss():
    ev = score([("d1", "第3条", "visual")], [Label("d1", "第3条", ("posting",))])
    assert ev.overall.precision == 0.0 and ev.overall.recall == 0.0 and len(ev.missed) == 1


def test_keyword_baseline_flags_any_provision_with_a_keyword():
    o = parse_text("○町規則\n第1条 監視員の定数は、5人とする。\n第2条 補助金を交付する。\n", key="k")
    assert baseline_predictions(o) == [("k", "第1条", "visual")]
