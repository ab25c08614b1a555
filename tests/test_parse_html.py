"""Vendor HTML adapters, charset detection and `reiki-scan import` of saved .html/.htm/.pdf files."""

from __future__ import annotations

import json
import re
import shutil

from bs4 import BeautifulSoup
from conftest import FIXTURES
from hypothesis import given, settings
from hypothesis import strategies as st
from test_crawl_server import PDF_LINES, make_pdf

from reiki_scan.parse.files import decode_text, parse_file
from reiki_scan.parse.html import D1W, GENERIC, JOUREIKUN, REIKI_BASE, decode_html, detect_layout, parse_html

KATSURAGI = FIXTURES / "gyosei_reiki_base" / "katsuragi_wakayama"
CHIBA = FIXTURES / "gyosei_reiki_base" / "chiba_city" / "g002RG00000853_excerpt.html"
RUMOI = FIXTURES / "d1_law_static" / "rumoi_hokkaido" / "H505901010023_j.html"


def _by_path(ordinance):
    return {p.path: p for p in ordinance.provisions}


# ---- Reiki-Base ---------------------------------------------------------------------------------

def test_reiki_base_revision_and_enforcement_notes_stay_out_of_the_text():
    chiba = parse_html(CHIBA.read_bytes(), key="g002RG00000853")
    provisions = _by_path(chiba)
    assert provisions["第4条第2項"].revisions == ["(平成24条例21・一部改正、令和5条例29・旧第5条繰上)"]
    assert not any("一部改正" in p.text or "から施行)" in p.text for p in chiba.provisions)
    original = [p for p in chiba.provisions if p.supplement == "附則"]
    assert original[0].revisions == ["(平成17年規則第5号で平成17年10月23日から施行)"]


def test_reiki_base_amendment_supplement_with_articles_keeps_its_label():
    chiba = parse_html(CHIBA.read_bytes(), key="g002RG00000853")
    article = _by_path(chiba)["附則第1条"]
    assert article.heading == "(施行期日)"
    assert article.supplement == "附則(平成17年3月22日条例第5号)"
    assert chiba.title == "千葉アイススケート場設置管理条例" and chiba.number == "平成16年条例第34号"


def test_reiki_base_side_panel_is_not_read_as_body_text():
    hyosho = parse_html((KATSURAGI / "k518RG00000012.html").read_bytes(), key="k518RG00000012")
    assert hyosho.taxonomy == "第1編 総規/第3章 表彰"
    assert not any("沿革" in p.text or "条項目次" in p.text for p in hyosho.provisions)
    assert hyosho.last_amended == ""             # the 沿革 table has only the ◆制定 row


def test_layout_is_chosen_by_markup_not_by_url():
    # a d1-law tenant that serves the new Reiki-Base body (reiki_systems.md §2.2 "Variant")
    data = (KATSURAGI / "k518RG00000055.html").read_bytes()
    url = "https://en3-jg.d1-law.com/x/d1w_reiki/H409901010020/H409901010020_j.html"
    assert detect_layout(BeautifulSoup(data, "lxml"), url) == REIKI_BASE
    assert detect_layout(BeautifulSoup(RUMOI.read_bytes(), "lxml")) == D1W
    assert detect_layout(BeautifulSoup(b"<p>x</p>", "lxml"), "https://town.example.jp/reiki/1.html") == GENERIC
    assert parse_html(data, key="k", url=url).title == "かつらぎ町例規集の改版に伴う条例の整備に関する条例"


# ---- じょうれいくん / LegalCrud ------------------------------------------------------------------

JOUREIKUN_ACT = FIXTURES / "sites" / "joureikun" / "sample_town" / "reiki" / "act" / "101000001.html"


def test_joureikun_layout_is_recognised_by_its_containers_on_any_host():
    page = JOUREIKUN_ACT.read_bytes()
    soup = BeautifulSoup(page.decode(), "lxml")
    assert detect_layout(soup, "https://reiki.example.jp/town/act/1.html") == JOUREIKUN
    assert detect_layout(BeautifulSoup("<div class='contentWrap'><p>x</p></div>", "lxml"),
                         "https://public2.legalcrud.com/kitami_city/reiki/act/1.html") == JOUREIKUN
    # a contentWrap alone (a common class name) is not enough
    assert detect_layout(BeautifulSoup("<div class='contentWrap'><p>x</p></div>", "lxml"),
                         "https://shop.example.jp/item.html") == GENERIC


def test_joureikun_title_date_and_taxonomy_come_from_their_own_containers():
    rule = parse_html(JOUREIKUN_ACT.read_bytes(), key="act101000001", url="https://public.joureikun.jp/x/reiki/act/1.html")
    assert (rule.title, rule.number, rule.promulgated) == ("サンプル町庁舎管理規則", "平成18年規則第3号", "平成18年3月1日")
    assert rule.taxonomy == "第2編 行政通則/第3章 財産"
    assert [p.path for p in rule.provisions][:2] == ["第1条", "第2条第1項"]


def test_joureikun_title_repeated_inside_the_body_is_read_once():
    page = ("<div class='mainTitle'>甲町公告式条例</div><div class='date'>令和2年4月1日条例第1号</div>"
            "<div class='contentWrap'><p>○甲町公告式条例</p><p>第1条　公布は掲示場に掲示して行う。</p>"
            "<p>附　則</p><p>この条例は、公布の日から施行する。</p></div>").encode()
    doc = parse_html(page, key="act1", url="https://public.joureikun.jp/kou/reiki/act/1.html")
    assert doc.title == "甲町公告式条例" and [p.path for p in doc.provisions] == ["第1条", "附則"]
    assert not any("甲町公告式条例" in p.text for p in doc.provisions)


def test_old_reiki_base_template_without_elines_is_read_by_lines():
    html = ("<html><head><title>旧様式</title></head><body><div id='primary'>"
            "<p>○旧様式町条例</p><p>平成元年4月1日</p><p>条例第1号</p><p>(目的)</p>"
            "<p>第一条　この条例は、目的を定める。</p><p>２　前項の規定は、掲示する。</p>"
            "<p>附　則</p><p>この条例は、公布の日から施行する。</p></div></body></html>")
    ordinance = parse_html(html.encode(), key="old")
    assert [p.path for p in ordinance.provisions] == ["第1条第1項", "第1条第2項", "附則"]
    assert ordinance.number == "平成元年条例第1号"
    assert _by_path(ordinance)["第1条第1項"].text == "この条例は、目的を定める。"


# ---- d1w ----------------------------------------------------------------------------------------

def _canon(path: str) -> str:
    return re.sub(r"(条(?:の\d+)*)第1項", r"\1", path)


def test_d1w_rebuilt_hierarchy_matches_the_position_codes():
    """Each hL20 line's id says where it sits (第A条のB第C項第D号): the ground truth for document order."""
    soup = BeautifulSoup(RUMOI.read_bytes(), "lxml")
    expected = []
    for div in soup.select('div.danraku-normal[id^="h:hL20"]'):
        a, b, c, d = map(int, re.search(r":(\d+)\.(\d+)\.0\.0-(\d+)\.0-(\d+)\.", div["id"]).groups())
        expected.append(f"第{a}条" + (f"の{b}" if b else "") + (f"第{c}項" if c else "") + (f"第{d}号" if d else ""))
    ordinance = parse_html(RUMOI.read_bytes(), key="H505901010023")
    body = [_canon(p.path) for p in ordinance.provisions if not p.supplement]
    assert body == [_canon(p) for p in expected]


def test_d1w_header_and_supplements():
    ordinance = parse_html(RUMOI.read_bytes(), key="H505901010023")
    assert ordinance.title == "留萌市空家等の適切な管理に関する条例"
    assert ordinance.promulgated == "令和５年12月13日"           # as published
    assert ordinance.number == "令和５年条例第23号"
    assert ordinance.last_amended == "令和7年12月10日条例第36号"
    assert [p.supplement for p in ordinance.provisions if p.supplement] == ["附則", "附則(令和7年12月10日条例第36号)"]
    assert _by_path(ordinance)["第1条"].text.startswith("この条例は、空家等の適切な管理に関し")


# ---- the same ordinance in three layouts ------------------------------------------------------

structure = st.lists(st.lists(st.integers(min_value=0, max_value=3), min_size=1, max_size=3), min_size=1, max_size=4)


def _expected_paths(articles):
    out = []
    for a, paragraphs in enumerate(articles, 1):
        for k, items in enumerate(paragraphs, 1):
            para = f"第{a}条" + (f"第{k}項" if len(paragraphs) > 1 else "")
            out.append(para)
            out.extend(f"{para}第{i}号" for i in range(1, items + 1))
    return out


def _render(articles, layout):
    full = str.maketrans("0123456789", "０１２３４５６７８９")
    rows = []
    for a, paragraphs in enumerate(articles, 1):
        for k, items in enumerate(paragraphs, 1):
            text = f"第{a}条第{k}項の本文。"
            if layout == REIKI_BASE:
                div = "article" if k == 1 else "clause"
                num = f"第{a}条" if k == 1 else str(k)
                rows.append(f'<div class="eline"><div class="{div}"><p class="num"><span class="num cm">{num}</span>'
                            f'　<span class="p cm">{text}</span></p></div></div>')
            elif layout == D1W:
                num = f"<b>第{a}条</b>".translate(full) if k == 1 else str(k).translate(full)
                rows.append(f'<div id="h:hL20:::2:{a}.0.0.0-{k}.0-0.0.0-0-0-0-0:1:" class="danraku-normal">'
                            f'{num}　{text}</div>')
            else:
                rows.append(f"<p>{f'第{a}条' if k == 1 else k}　{text}</p>")
            for i in range(1, items + 1):
                item = f"号{i}の本文"
                if layout == REIKI_BASE:
                    rows.append(f'<div class="eline"><div class="item"><p class="num"><span class="num cm">({i})</span>'
                                f'　<span class="p cm">{item}</span></p></div></div>')
                elif layout == D1W:
                    rows.append(f'<div id="h:hL20:::2:{a}.0.0.0-{k}.0-{i}.0.0-0-0-0-0:1:" class="danraku-normal">'
                                f'({str(i).translate(full)})　{item}</div>')
                else:
                    rows.append(f"<p>({i})　{item}</p>")
    head = {REIKI_BASE: '<div id="primary"><div class="eline"><div class="head">'
                        '<p class="title-irregular">○試験条例</p></div></div>',
            D1W: '<div class="USER-SET-STYLE"><div id="h:zA10:::0::1:" class="danraku-normal">○試験条例</div>',
            GENERIC: "<div><p>○試験条例</p>"}[layout]
    return f"<html><body>{head}{''.join(rows)}</div></body></html>".encode()


@settings(max_examples=40, deadline=None)
@given(structure)
def test_same_ordinance_in_every_layout_gets_the_same_paths(articles):
    expected = _expected_paths(articles)
    for layout in (REIKI_BASE, D1W, GENERIC):
        ordinance = parse_html(_render(articles, layout), key="t")
        assert [p.path for p in ordinance.provisions] == expected, layout
        assert ordinance.title == "試験条例"


# ---- generic HTML -----------------------------------------------------------------------------

def test_generic_page_skips_navigation_scripts_and_reads_br_lines():
    html = ("<html><head><title>t</title><script>var x='第9条';</script></head><body>"
            "<nav>トップ / 例規集</nav><h1>○庁舎管理規則</h1><p>平成18年3月1日<br>規則第3号</p>"
            "<div>第1条　庁舎の管理について<span>定める。</span></div>"
            "<table><tr><td>区分</td><td>額</td></tr><tr><td>1 会議室</td><td>100円</td></tr></table>"
            "<footer>お問い合わせ</footer></body></html>")
    ordinance = parse_html(html.encode(), key="g")
    assert (ordinance.title, ordinance.number) == ("庁舎管理規則", "平成18年規則第3号")
    assert [(p.path, p.text) for p in ordinance.provisions] == [
        ("第1条", "庁舎の管理について定める。\n区分　額\n1 会議室　100円")]


# ---- encodings --------------------------------------------------------------------------------

def test_http_header_charset_wins_over_meta_and_a_wrong_label_is_ignored():
    text = "<meta charset='utf-8'><p>○掲示場</p>"
    assert decode_html(text.encode("cp932"), "text/html; charset=Shift_JIS") == text
    mislabelled = "<meta charset='Shift_JIS'><p>○掲示場に掲示する</p>".encode("utf-8")
    assert "掲示場に掲示する" in decode_html(mislabelled)


def test_short_euc_jp_text_is_not_mistaken_for_shift_jis():
    for text in ("附則", "第1条　掲示する。", "○公告式条例"):
        assert decode_text(text.encode("euc_jp")) == text
        assert decode_text(text.encode("cp932")) == text


# ---- import of saved pages --------------------------------------------------------------------

def test_import_reads_saved_html_htm_and_pdf(run_cli, tmp_path):
    saved = tmp_path / "saved"
    saved.mkdir()
    shutil.copy(KATSURAGI / "k518RG00000080.html", saved)
    shutil.copy(RUMOI, saved / "H505901010023.htm")
    (saved / "koukoku.pdf").write_bytes(make_pdf(PDF_LINES))
    sjis = (KATSURAGI / "k518RG00000012.html").read_text(encoding="utf-8").replace("charset=utf-8", "charset=Shift_JIS")
    (saved / "sjis.html").write_bytes(sjis.encode("cp932"))
    result = run_cli("import", saved, "--workspace", tmp_path / "ws")
    assert "新規 4 / 変更 0 / 変更なし 0 / 失敗 0" in result.stdout
    rows = [json.loads(line) for line in
            run_cli("corpus", "export", "--workspace", tmp_path / "ws").stdout.splitlines()]
    titles = {r["document"]: r["title"] for r in rows}
    assert titles == {"k518RG00000080": "かつらぎ町駐車場等設置条例",
                      "H505901010023": "留萌市空家等の適切な管理に関する条例",
                      "koukoku": "与謝野町公告式条例", "sjis": "かつらぎ町表彰規程"}


def test_import_of_a_broken_pdf_is_a_failure_with_a_plain_reason(run_cli, tmp_path):
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4\nthis is not a pdf")
    result = run_cli("import", tmp_path / "broken.pdf", "--workspace", tmp_path / "ws")
    assert "失敗 1" in result.stdout
    assert "broken.pdf" in result.stderr and "PDF" in result.stderr


def test_parse_file_names_the_file_when_it_holds_no_ordinance(tmp_path):
    page = tmp_path / "menu.html"
    page.write_text("<html><body><p>例規集メニュー</p></body></html>", encoding="utf-8")
    try:
        parse_file(page)
    except Exception as exc:                     # ParseError
        assert "menu.html" in str(exc) and "条文が見つかりません" in str(exc)
    else:
        raise AssertionError("a menu page must not import as an ordinance")


def test_import_of_a_folder_names_the_file_it_cannot_decode(run_cli, tmp_path):
    saved = tmp_path / "saved"
    saved.mkdir()
    (saved / "broken.txt").write_bytes(bytes(range(128, 256)) * 4)     # no Japanese encoding reads this
    (saved / "koukoku.txt").write_text("○公告式条例\n第1条 掲示場に掲示して行う。\n", encoding="utf-8")
    result = run_cli("import", saved, "--workspace", tmp_path / "ws")
    assert "新規 1 / 変更 0 / 変更なし 0 / 失敗 1" in result.stdout
    assert "失敗: broken.txt: 文字コードを判別できません" in result.stderr
