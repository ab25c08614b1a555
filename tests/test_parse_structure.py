"""Lists inside articles, 目次 and the assumed 附則: the 本則 keeps every article, through every adapter.

Each document is written once as lines, the way a 例規集 prints it, and read as plain text and as a
Reiki-Base, a d1w and a generic HTML page (``render``), so every adapter is held to the same paths.
"""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reiki_scan.parse.html import D1W, GENERIC, REIKI_BASE, parse_html
from reiki_scan.parse.lines import parse_text

TEXT = "text"
LAYOUTS = (TEXT, REIKI_BASE, D1W, GENERIC)
FULLWIDTH = str.maketrans("0123456789()", "０１２３４５６７８９（）")


def render(lines: list[str], layout: str) -> bytes:
    """Lines → the page each vendor would publish (markup of tests/fixtures: かつらぎ町, 留萌市)."""
    if layout == TEXT:
        return "\n".join(lines).encode()
    if layout == GENERIC:
        return ("<html><body><div>" + "".join(f"<p>{html.escape(x)}</p>" for x in lines) + "</div></body></html>").encode()
    return (_reiki_base(lines) if layout == REIKI_BASE else _d1w(lines)).encode()


def _reiki_base(lines: list[str]) -> str:
    out, heading = [], ""
    for i, line in enumerate(lines):
        text = html.escape(line)
        if i == 0:
            inner = f'<div class="head"><p class="title-irregular"><span class="cm">{text}</span></p></div>'
        elif i in (1, 2) and re.search(r"年.*月.*日$|第\d+号$", line):
            kind = "date" if line.endswith("日") else "number"
            inner = f'<div class="head"><p class="{kind}"><span class="cm">{text}</span></p></div>'
        elif re.fullmatch(r"\(.+\)", line):
            heading = f'<p class="title"><span class="cm">{text}</span></p>'
            continue
        elif m := re.match(r"(第\d+条(?:の\d+)?|\d+|\(\d+\))\s(.*)", line):
            num, body = m.group(1), html.escape(m.group(2))
            div = "article" if num.startswith("第") else "item" if num.startswith("(") else "clause"
            inner = (f'<div class="{div}">{heading}<p class="num"><span class="num cm">{num}</span>　'
                     f'<span class="p cm">{body}</span></p></div>')
            heading = ""
        elif re.fullmatch(r"附\s*則.*", line):
            inner = f'<p class="s-head"><span class="title cm">{text}</span></p>'
        else:
            inner = f'<div class="clause"><p class="p"><span class="p cm">{text}</span></p></div>'
        out.append(f'<div><div class="eline">{inner}</div></div>')
    return f'<html><body><div id="primary" class="joubun">{"".join(out)}</div></body></html>'


def _d1w(lines: list[str]) -> str:
    out = []
    for i, line in enumerate(lines):
        text = html.escape(line)
        if i == 0:
            kind = "zA10"
        elif i in (1, 2) and re.search(r"年.*月.*日$|第\d+号$", line):
            kind = "zB10"
        elif re.fullmatch(r"\(.+\)", line):
            kind, text = "hL10", text.translate(FULLWIDTH)
        elif m := re.match(r"(第\d+条(?:の\d+)?|\d+|\(\d+\))\s(.*)", line):
            num = m.group(1).translate(FULLWIDTH)
            kind, text = "hL20", (f"<b>{num}</b>" if num.startswith("第") else num) + "　" + html.escape(m.group(2))
        elif re.fullmatch(r"附\s*則.*", line):
            kind, text = "sO10", "<b>附　則</b>" + text[3:]
        else:
            kind = "hL20"
        out.append(f'<div id="h:{kind}:::2:0.0.0.0-0.0-0.0.0-0-0-0-0:1:" class="danraku-normal">{text}</div>')
    return f'<html><body><div class="USER-SET-STYLE">{"".join(out)}</div></body></html>'


def parse(lines: list[str], layout: str):
    data = render(lines, layout)
    return parse_text(data.decode(), key="t") if layout == TEXT else parse_html(data, key="t")


def paths(ordinance) -> list[str]:
    return [p.path for p in ordinance.provisions]


# ---- a numbered list inside an article ----------------------------------------------------------

# 新宮町の訓令 (corpus/eval/dev2 h37): 収納種目 numbered 1–12 under 「下記のとおりとする」
KOUZA = ["○新宮町フロッピーディスクによる口座振替事務取扱要領", "平成5年3月30日", "新宮町訓令第1号",
         "(口座振替のできる収納種目)",
         "第3条 口座振替により収納できる種目及び同月における同一口座での口座振替優先順位は、原則として下記のとおりとする。",
         "1 国民年金保険料", "2 軽自動車税", "3 町県民税", "4 固定資産税", "5 国民健康保険税", "6 保育所保育料",
         "7 町営住宅使用料", "8 受益者負担金", "9 水道使用料", "10 下水道使用料", "11 相島排水施設使用料",
         "12 相島簡易水道使用料",
         "(預金科目)",
         "第4条 口座振替のできる預金科目は、次のとおりとする。", "普通預金(総合口座)", "当座預金", "納税準備預金",
         "2 預金口座名義人は、原則として納付義務者とする。",
         "(口座振替依頼書の受付)",
         "第5条 取扱金融機関は、納付義務者から預金口座振替の依頼を受けたときは、依頼書を提出させる。"]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_numbered_list_announced_by_its_article_stays_in_the_article(layout):
    ordinance = parse(KOUZA, layout)
    assert paths(ordinance) == (["第3条"] + [f"第3条第{i}号" for i in range(1, 13)]
                                + ["第4条第1項", "第4条第2項", "第5条"])
    assert not any(p.supplement for p in ordinance.provisions)
    by_path = {p.path: p for p in ordinance.provisions}
    assert by_path["第3条第12号"].text == "相島簡易水道使用料"
    assert by_path["第4条第1項"].heading.strip("()（）") == "預金科目"


@pytest.mark.parametrize("layout", LAYOUTS)
def test_list_announced_in_a_later_paragraph_belongs_to_that_paragraph(layout):
    lines = ["○手数料規則", "第2条 手数料は、前条の証明ごとに徴収する。",
             "2 手数料の額は、次に掲げるとおりとする。", "1 住民票の写し 300円", "2 印鑑登録証明書 300円",
             "3 戸籍の附票の写し 300円",
             # the list would go on with 4: a 3 is the article's next paragraph
             "3 前項の手数料は、申請の際に徴収する。", "第3条 この規則に定めるもののほか、必要な事項は町長が定める。"]
    assert paths(parse(lines, layout)) == ["第2条第1項", "第2条第2項", "第2条第2項第1号", "第2条第2項第2号",
                                           "第2条第2項第3号", "第2条第3項", "第3条"]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_article_continuing_the_numbering_proves_an_assumed_supplement_wrong(layout):
    # no announcing words: the restart at 1 first reads as an 附則 whose heading was left out,
    # until 第4条 shows the 本則 goes on
    lines = ["○事務取扱要領", "第3条 収納の順位は、原則として次の順による。", "1 国民年金保険料", "2 軽自動車税",
             "(預金科目)", "第4条 預金科目は、普通預金とする。", "附 則", "この要領は、公布の日から施行する。"]
    ordinance = parse(lines, layout)
    assert paths(ordinance) == ["第3条", "第3条第1号", "第3条第2号", "第4条", "附則"]
    assert ordinance.provisions[3].heading.strip("()（）") == "預金科目"


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_text_that_ends_in_an_assumed_supplement_saying_nothing_of_taking_effect_keeps_it_in_the_honsoku(layout):
    # the page dropped the 第4条 line: its 「2 …」 restarts the numbers and first reads as an 附則 whose
    # heading was left out, but nothing after it says when the 例規 takes effect
    lines = ["○不法投棄防止要綱", "第3条 町長は、監視員を置く。", "2 町長は、町民に啓発を行う。",
             "2 監視員の職務は、不法投棄の監視とする。", "3 前項の職務は、毎月2回以上行うものとする。"]
    ordinance = parse(lines, layout)
    assert paths(ordinance) == ["第3条第1項", "第3条第2項", "第3条第3項"]
    assert [p.supplement for p in ordinance.provisions] == ["", "", ""]
    # an 附則 left unheaded that does take effect is still one
    lines = ["○要綱", "第3条 町長は、監視員を置く。", "1 この要綱は、公布の日から施行する。"]
    assert paths(parse(lines, LAYOUTS[0])) == ["第3条", "附則"]


def test_a_line_fitting_neither_the_list_nor_the_paragraphs_stays_in_the_article_as_text():
    # corpus/eval/dev2 e38: the page dropped the 第5条 line, so its 第2項 follows 第4条第2項
    text = ("○閲覧要綱\n第4条 何人も閲覧できる。\n2 次のいずれかに該当する場合には閲覧を制限することができる。\n"
            "(1) 事務に支障があるとき。\n(2) 使用が競合するとき。\n2 閲覧は、申請書を提出させることにより行う。\n"
            "(閲覧の場所)\n第6条 閲覧は、総務課の執務室で行う。\n")
    ordinance = parse_text(text, key="e38")
    assert paths(ordinance) == ["第4条第1項", "第4条第2項", "第4条第2項第1号", "第4条第2項第2号", "第6条"]
    assert "2 閲覧は、申請書を提出させることにより行う。" in ordinance.provisions[3].text
    assert ordinance.provisions[-1].heading == "(閲覧の場所)"


def test_a_main_body_without_articles_is_numbered_by_its_paragraphs():
    # 要綱 and 心得 often have no 条: 「1 …」「2 …」 are its 項, as in an 附則 without articles
    text = ("○宿日直者心得\n昭和42年10月1日\n内規第1号\n1 宿日直者は、次の事項を守らなければならない。\n"
            "(1) 宿日直者は、役場を離れてはならない。\n(2) 夜間は、随時巡視しなければならない。\n"
            "2 監査の方法\n監査は、年1回実地で行う。\n附 則\nこの心得は、公布の日から施行する。\n")
    ordinance = parse_text(text, key="t")
    assert [(p.path, p.supplement) for p in ordinance.provisions] == [
        ("第1項", ""), ("第1項第1号", ""), ("第1項第2号", ""), ("第2項", ""), ("附則", "附則")]
    # the short first line of such a paragraph is its 見出し
    assert ordinance.provisions[3].heading == "(監査の方法)"
    assert ordinance.provisions[3].text == "監査は、年1回実地で行う。"
    # (a title over the paragraph's items only: 3 実施方法 (1) …)
    text = "○要領\n1 実施方法\n(1) 職員は、毎月1回巡回する。\n2 報告\n巡回の結果は、報告する。\n"
    provisions = parse_text(text, key="t").provisions
    assert [(p.path, p.heading, p.text) for p in provisions] == [
        ("第1項", "(実施方法)", ""), ("第1項第1号", "", "職員は、毎月1回巡回する。"),
        ("第2項", "(報告)", "巡回の結果は、報告する。")]
    text = "○心得\n1 宿日直者は、次の事項を守らなければならない。\n(1) 役場を離れないこと。\n"
    assert [p.path for p in parse_text(text, key="t").provisions] == ["第1項", "第1項第1号"]
    # a text before the numbered lines keeps them (a list under it); with no article or paragraph it is the
    # 本則 itself
    text = "○要綱\n次のとおり定める。\n1 目的\n2 方法\n"
    assert [p.path for p in parse_text(text, key="t").provisions] == ["本則"]
    # …but the 制定文 of a 要領 revised in whole is no list: its numbered lines are the 本則's 項
    text = "○要領\n要領第5号\n旧要領の全部を改正する。\n1 目的\nこの要領は、研修について定める。\n2 時間\n研修は、2時間以上とする。\n"
    assert [(p.path, p.heading) for p in parse_text(text, key="t").provisions] == [
        ("前文", ""), ("第1項", "(目的)"), ("第2項", "(時間)")]
    # …numbered with a full stop (1. 2.) as some 規程 are: the same 項 (not a decimal: 1.5倍)
    text = "○規程\n規程第3号\n規程第8条の規定に基づき、勤務時間を定める。\n1. 勤務の形態\n勤務は、日勤及び夜勤とする。\n2. 勤務時間\n夜勤は、1.5時間の休憩を置く。\n"
    assert [(p.path, p.heading) for p in parse_text(text, key="t").provisions] == [
        ("前文", ""), ("第1項", "(勤務の形態)"), ("第2項", "(勤務時間)")]


def test_a_body_without_articles_or_paragraphs_is_the_honsoku():
    # a one-sentence 条例: its body is the 本則 (amended as 本則中「…」を「…」に改める), not a 前文
    text = ("○町公告式条例\n昭和30年4月1日\n条例第2号\n町の条例の公布は、役場前の掲示場に掲示して行う。\n附 則\n"
            "この条例は、公布の日から施行する。\n")
    provisions = parse_text(text, key="t").provisions
    assert [(p.path, p.text) for p in provisions] == [
        ("本則", "町の条例の公布は、役場前の掲示場に掲示して行う。"), ("附則", "この条例は、公布の日から施行する。")]
    # a 前文 before articles stays a 前文
    text = "○町民憲章条例\n条例第1号\n私たちは、美しい町をつくります。\n第1条 町民憲章を定める。\n"
    assert [p.path for p in parse_text(text, key="t").provisions] == ["前文", "第1条"]
    # an old 規程 in running text keeps its 制定文 (and the title printed again) as the 前文: the body's first
    # sentence is what the 本則 imposes
    text = ("○村有林看守人規程\n昭和二十八年四月一日\n村告示第九号\n村有林看守人規程を次のように定める。\n村有林看守人規程\n"
            "村有林の所有者は、看守人をして左に掲げる事項を守らせなければならない。\n一 随時村有林を巡視すること。\n")
    provisions = parse_text(text, key="t").provisions
    assert [(p.path, p.text.split("\n")[0]) for p in provisions] == [
        ("前文", "村有林看守人規程を次のように定める。"), ("本則", "村有林の所有者は、看守人をして左に掲げる事項を守らせなければならない。")]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_notice_numbered_without_jo_has_articles(layout):
    # 要綱 issued as a 告示 often number their articles 第1, 第2 …: they are articles (written 第N条, the
    # guide's only article path), not a 前文
    lines = ["○町環境パトロール員設置要綱", "令和2年3月26日", "告示第32号", "(設置)", "第1 町に環境パトロール員を置く。",
             "(活動)", "第2 パトロール員は、次の活動を行う。", "(1) 地区の巡回", "(2) 結果の報告",
             "2 パトロール員は、腕章を着用しなければならない。", "第2の2 細目は、町長が定める。",
             "別表", "第1 区分 回数", "附 則", "この要綱は、公布の日から施行する。"]
    ordinance = parse_html(render(lines, layout), key="t") if layout != TEXT else parse_text("\n".join(lines), key="t")
    assert [p.path for p in ordinance.provisions] == [
        "第1条", "第2条第1項", "第2条第1項第1号", "第2条第1項第2号", "第2条第2項", "第2条の2", "別表", "附則"]
    if layout in (TEXT, GENERIC):      # (the vendor renderings here carry a heading only over 第N条)
        assert ordinance.provisions[1].heading == "(活動)"
    # 「第2 事務」: the 見出し on the article's line; its 「1 …」 lines are its 項, not an 附則 left unheaded
    text = "○要綱\n第1 趣旨\nこの訓令は、事務を定める。\n第2 事務\n1 窓口\n窓口は、総務課とする。\n2 所管\n(1) 総務課\n"
    assert [(p.path, p.heading, p.text) for p in parse_text(text, key="t").provisions] == [
        ("第1条", "(趣旨)", "この訓令は、事務を定める。"), ("第2条第1項", "(事務)", "窓口\n窓口は、総務課とする。"),
        ("第2条第2項", "", "所管"), ("第2条第2項第1号", "", "総務課")]
    # in a document with 第N条, a 「第1 …」 line is no article (a row of a list or a table)
    text = "○規程\n第1条 区分は、次のとおりとする。\n第1 甲区分\n第2 乙区分\n"
    assert [p.path for p in parse_text(text, key="t").provisions] == ["第1条"]


def test_supplement_whose_heading_was_left_out_stays_a_supplement():
    text = ("○規程\n第9条 必要な事項は、別に定める。\n1 この規程は、発令の日から施行する。\n2 旧規程は、廃止する。\n"
            "附 則(平成20年3月31日訓令第3号)\nこの訓令は、公布の日から施行する。\n")
    ordinance = parse_text(text, key="t")
    assert [(p.path, p.supplement) for p in ordinance.provisions] == [
        ("第9条", ""), ("附則第1項", "附則"), ("附則第2項", "附則"), ("附則", "附則(平成20年3月31日訓令第3号)")]


def test_assumed_supplement_followed_by_the_real_one_was_a_list():
    text = "○規則\n第9条 手数料は、次の額とする。\n1 住民票 300円\n2 印鑑証明 300円\n附 則\nこの規則は、公布の日から施行する。\n"
    ordinance = parse_text(text, key="t")
    assert [(p.path, p.supplement) for p in ordinance.provisions] == [
        ("第9条", ""), ("第9条第1号", ""), ("第9条第2号", ""), ("附則", "附則")]


def test_assumed_supplement_that_says_when_it_takes_effect_is_kept_before_an_undated_one():
    # plain-text 例規集 often print amendment 附則 without their date
    text = ("○規則\n第9条 必要な事項は、別に定める。\n(施行期日)\n1 この規則は、公布の日から施行する。\n"
            "附 則\nこの規則は、平成20年4月1日から施行する。\n")
    assert [(p.path, p.heading) for p in parse_text(text, key="t").provisions] == [
        ("第9条", ""), ("附則", "(施行期日)"), ("附則", "")]


def test_supplement_articles_after_an_assumed_supplement_stay_in_it():
    text = "○条例\n第5条 委任。\n1 この条例は、公布の日から施行する。\n第1条 経過措置。\n"
    assert [(p.path, p.supplement) for p in parse_text(text, key="t").provisions] == [
        ("第5条", ""), ("附則", "附則"), ("附則第1条", "附則")]


# ---- 目次 -----------------------------------------------------------------------------------------

GESUI = ["○下水道条例", "平成10年3月20日", "条例第5号",
         "目次", "第1章 総則(第1条・第2条)", "第2章 排水設備", "第1節 設置(第3条―第5条)", "第2節 工事(第6条)",
         "附則",
         "第1章 総則", "(目的)", "第1条 この条例は、公共下水道の管理について定める。", "(定義)",
         "第2条 用語の意義は、下水道法の例による。",
         "第2章 排水設備", "第1節 設置", "第3条 土地の所有者は、排水設備を設置しなければならない。",
         "第4条 設置の届出をしなければならない。", "2 変更のときも、同様とする。",
         "第5条 構造の基準は、次に掲げるとおりとする。", "1 内径は、75ミリメートル以上", "2 勾配は、100分の1以上",
         "第2節 工事", "第6条 工事は、指定工事店が行う。",
         "附 則", "この条例は、平成10年4月1日から施行する。"]
GESUI_PATHS = ["第1条", "第2条", "第3条", "第4条第1項", "第4条第2項", "第5条", "第5条第1号", "第5条第2号", "第6条", "附則"]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_table_of_contents_ending_with_supplement_is_not_read_as_provisions(layout):
    ordinance = parse(GESUI, layout)
    assert paths(ordinance) == GESUI_PATHS
    assert [p.supplement for p in ordinance.provisions] == [""] * 9 + ["附則"]
    assert ordinance.provisions[0].heading.strip("()（）") == "目的"
    text = "\n".join(p.text for p in ordinance.provisions)
    assert "総則" not in text and "排水設備\n" not in text and "目次" not in text


def test_table_of_contents_without_its_heading_is_recognised_by_the_article_ranges():
    lines = [x for x in GESUI if x != "目次"]
    assert paths(parse(lines, TEXT)) == GESUI_PATHS


def test_chapter_heading_without_a_table_of_contents_is_context_not_text():
    text = "○条例\n第1章 総則\n第1条 目的を定める。\n第2章 雑則\n第2条 委任する。\n附 則\nこの条例は、公布の日から施行する。\n"
    ordinance = parse_text(text, key="t")
    assert [(p.path, p.text) for p in ordinance.provisions] == [
        ("第1条", "目的を定める。"), ("第2条", "委任する。"), ("附則", "この条例は、公布の日から施行する。")]


# ---- property: whatever the shape, the 本則 keeps its articles in order --------------------------

paragraph = st.one_of(
    st.tuples(st.just("items"), st.integers(0, 3)),               # (1) (2) … 号
    st.tuples(st.just("list"), st.integers(1, 4), st.booleans()),  # 1 2 … restarting, announced or not
)
article = st.tuples(st.integers(1, 3), st.booleans(), st.lists(paragraph, min_size=1, max_size=3))
document = st.tuples(st.lists(article, min_size=1, max_size=6), st.booleans(),
                     st.sampled_from(["none", "heading", "left_out"]))


def write(doc) -> tuple[list[str], list[str]]:
    """A document in the printed form, and the labels of its 本則 articles."""
    articles, with_contents, supplement = doc
    lines, labels, number = ["○試験条例", "平成10年3月20日", "条例第5号"], [], 0
    if with_contents:
        lines += ["目次", f"第1章 総則(第1条―第{sum(step for step, _, _ in articles)}条)", "附則", "第1章 総則"]
    for a, (step, branch, paragraphs) in enumerate(articles):
        number += step
        label = f"第{number}条" + ("の2" if branch and a else "")
        labels.append(label)
        lines.append(f"(見出し{a})")
        for k, spec in enumerate(paragraphs, 1):
            intro = "次のとおりとする。" if spec[0] == "list" and spec[2] else "定める。"
            lines.append(f"{label if k == 1 else k} {label}第{k}項は、{intro}")
            if spec[0] == "items":
                lines += [f"({i}) {label}第{k}項第{i}号" for i in range(1, spec[1] + 1)]
            else:
                lines += [f"{i} {label}第{k}項の{i}番目" for i in range(1, spec[1] + 1)]
    if supplement == "heading":
        lines += ["附 則", "この条例は、公布の日から施行する。"]
    elif supplement == "left_out":
        lines += ["1 この条例は、公布の日から施行する。", "2 旧条例は、廃止する。"]
    return lines, labels


@settings(max_examples=30, deadline=None)
@given(document)
def test_main_provisions_keep_every_article_in_rising_order(doc):
    lines, labels = write(doc)
    for layout in LAYOUTS:
        ordinance = parse(lines, layout)
        body = list(dict.fromkeys(re.match(r"第\d+条(?:の\d+)?", p.path).group()
                                  for p in ordinance.provisions if not p.supplement and p.path.startswith("第")))
        assert body == labels, layout
        # nothing is lost: every line of every article is in some provision's text
        text = "\n".join(p.text for p in ordinance.provisions)
        for line in lines:
            if "項" in line:                       # the lines of articles (not 目次, 見出し or 附則)
                assert line.split(" ", 1)[1] in text, (layout, line)


def test_pdf_lines_of_a_notice_numbered_without_jo_rejoin_at_each_article():
    # a PDF page wraps 「第1 …」 at the margin: the wrapped tail joins its line; 「第2 …」 opens the next article
    # even after an item that ends without 。
    from reiki_scan.parse.pdf import rejoin
    lines = ["○町環境パトロール員設置要綱", "第1 パトロール員は、次の活動を行う。", "(1) 地区の巡回", "(2) 結果の報",
             "告", "第2 パトロール員は、腕章を着用しなければならな", "い。"]
    assert rejoin(lines) == ["○町環境パトロール員設置要綱", "第1 パトロール員は、次の活動を行う。", "(1) 地区の巡回",
                             "(2) 結果の報告", "第2 パトロール員は、腕章を着用しなければならない。"]
    assert [p.path for p in parse_text("\n".join(rejoin(lines)), key="t").provisions] == [
        "第1条", "第1条第1号", "第1条第2号", "第2条"]


def test_pdf_lines_numbered_with_a_full_stop_rejoin_at_each_paragraph():
    # 「2. …」 opens a paragraph even after a line that ends without 。; a wrapped 「1.5倍」 is no paragraph
    from reiki_scan.parse.pdf import rejoin
    lines = ["○町庁舎警備規程", "規程第3号", "1. 警備員の勤務は、日勤及び夜勤とし、その区分は別表のとおり", "2. 夜勤の手当は、日勤の",
             "1.5倍とする。"]
    assert rejoin(lines) == ["○町庁舎警備規程", "規程第3号", "1. 警備員の勤務は、日勤及び夜勤とし、その区分は別表のとおり",
                             "2. 夜勤の手当は、日勤の1.5倍とする。"]
    assert [p.path for p in parse_text("\n".join(rejoin(lines)), key="t").provisions] == ["第1項", "第2項"]

def test_old_texts_number_articles_with_the_old_character_and_katakana_branches():
    doc = parse_text("○村夜警規程\n昭和二十五年四月一日\n規程第一号\n第一條 本規程ハ夜警ニ関シ必要ナ事項ヲ定ム\n"
                     "第二條 夜警ハ毎夜之ヲ行フ\n2 夜警員ハ腕章ヲ佩用スベシ\n第二條ノ二 前條ノ夜警ハ団長之ヲ監督ス\n", key="o01")
    assert [p.path for p in doc.provisions] == ["第1条", "第2条第1項", "第2条第2項", "第2条の2"]
