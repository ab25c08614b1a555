"""The report's view model: highlighting, pace, deadline label, breakdown rows, chart geometry."""

from datetime import date

from reiki_scan.findings import Match
from reiki_scan.report.data import Segment, deadline_label, evidence, highlight, pace, safe_link
from reiki_scan.report.svg import burn_up, month_label, nice_step

SENTENCE = "条例の公布は、役場前の掲示場に掲示して行う。"


def test_matched_words_are_marked_and_overlapping_spans_merge():
    start = SENTENCE.index("掲示場")
    segments = highlight(SENTENCE, [Match("掲示場", start, start + 3), Match("掲示", start, start + 2),
                                    Match("掲示", start + 4, start + 6)])
    assert segments == [Segment("条例の公布は、役場前の", False), Segment("掲示場", True), Segment("に", False),
                        Segment("掲示", True), Segment("して行う。", False)]
    assert "".join(s.text for s in segments) == SENTENCE


def test_match_outside_the_sentence_is_clipped_not_an_error():
    segments = highlight("掲示する", [Match("する", 2, 40), Match("x", 50, 60)])
    assert segments == [Segment("掲示", False), Segment("する", True)]


def test_clause_without_matches_is_one_plain_segment():
    assert highlight(SENTENCE, []) == [Segment(SENTENCE, False)]


def test_fiscal_year_end_deadline_reads_as_nendo_matsu():
    assert deadline_label(date(2027, 3, 31)) == "令和8年度末"
    assert deadline_label(date(2026, 12, 28)) == "令和8年12月28日"


def test_pace_needed_per_month_rounds_up_so_the_goal_is_not_missed():
    p = pace(abolished=3, target=50, deadline=date(2027, 3, 31), today=date(2026, 11, 25))
    assert p.days_left == 126 and p.remaining == 47
    # 126 days ≈ 4.14 months → 47 / 4.14 = 11.35… → 11.4 per month
    assert p.per_month == 11.4
    assert "11.4件" in p.message and p.deadline_wareki == "令和9年3月31日"


def test_pace_after_the_deadline_and_after_reaching_the_target():
    late = pace(10, 50, date(2027, 3, 31), date(2027, 4, 10))
    assert late.per_month is None and "10日過ぎています" in late.message
    done = pace(52, 50, date(2027, 3, 31), date(2026, 11, 25))
    assert done.remaining == 0 and done.message == "目標を達成しました"


def test_only_web_and_file_links_are_drawn():
    assert safe_link("https://example.jp/reiki/a.html") == "https://example.jp/reiki/a.html"
    assert safe_link("file:///work/corpus/d01.txt") == "file:///work/corpus/d01.txt"
    assert safe_link("javascript:alert(1)") == "" and safe_link("JavaScript:alert(1)") == ""


def test_burn_up_draws_target_above_found_and_ends_at_the_latest_scan():
    history = [{"date": date(2026, 6, 1), "found": 40, "revise": 5, "abolished": 0},
               {"date": date(2026, 11, 25), "found": 48, "revise": 10, "abolished": 3}]
    chart = burn_up(history, 50, date(2027, 3, 31))
    lines = {s.key: s for s in chart.series}
    assert {k: s.last for k, s in lines.items()} == {"found": 48, "scheduled": 13, "abolished": 3}
    # SVG y grows downwards: the target (50) is drawn above the found line (48).
    assert chart.target_y < lines["found"].points[-1][1]
    assert chart.left <= lines["found"].points[0][0] < lines["found"].points[-1][0] < chart.deadline_x <= chart.right
    assert chart.y_ticks[0].label == "0" and int(chart.y_ticks[-1].label) >= 50
    assert chart.x_ticks[0].label == "令和8年6月"


def test_axis_helpers():
    assert [nice_step(n) for n in (5, 50, 60, 130, 900)] == [1, 10, 10, 50, 200]
    assert month_label(date(2027, 1, 1), date(2026, 12, 1)) == "令和9年1月"
    assert month_label(date(2026, 12, 1), date(2026, 10, 1)) == "12月"


def test_explanation_object_is_shown_as_evidence_lines():
    details = {"trigger": ["掲示"], "dependency": {"pattern": "掲示する", "kind": "dep", "tokens": ["掲示", "行う"]},
               "exclusions_checked": ["heading_only", "EXC_PST_ONLINE"], "heading": "(公布)", "also": ["PST002"]}
    assert evidence(details) == [("きっかけの語", "掲示"), ("係り受け", "掲示する(掲示、行う)"),
                                 ("確認した除外条件", "heading_only、EXC_PST_ONLINE"),
                                 ("同じ条項に当たった他のルール", "PST002")]
    assert evidence({}) == []


def test_adjacent_matched_words_stay_separate_marks():
    assert highlight("掲示場に", [Match("掲示", 0, 2), Match("場", 2, 3)]) == [
        Segment("掲示", True), Segment("場", True), Segment("に", False)]
