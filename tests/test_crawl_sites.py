"""`reiki-scan crawl` of a fixture site in each vendor layout stores every document with the right paths."""

from __future__ import annotations

import json

import pytest
from test_crawl_server import FixtureServer, build_site

from reiki_scan.store import Store


def _crawl(run_cli, url, ws):
    return run_cli("crawl", url, "--delay", "0", "--workspace", ws)


def _export(run_cli, ws) -> dict[str, list[dict]]:
    """What `corpus export` prints, grouped by document (the user's view of the crawl)."""
    out: dict[str, list[dict]] = {}
    for line in run_cli("corpus", "export", "--workspace", ws, "--format", "jsonl").stdout.splitlines():
        row = json.loads(line)
        out.setdefault(row["document"], []).append(row)
    return out


def _stored(ws) -> dict[str, list[dict]]:
    """The same rows read from the store directly (saves a CLI start per test)."""
    out: dict[str, list[dict]] = {}
    with Store(ws / "corpus" / "reiki.sqlite") as store:
        for _, ordinance in store.latest_ordinances():
            out[ordinance.key] = [{"provision": p.path, "heading": p.heading, "supplement": p.supplement,
                                   "text": p.text, "title": ordinance.title, "number": ordinance.number}
                                  for p in ordinance.provisions]
    return out


def _paths(rows):
    return [r["provision"] for r in rows]


def _text(rows, path):
    return next(r["text"] for r in rows if r["provision"] == path)


def test_reiki_base_site_stores_every_body_once_with_canonical_paths(run_cli, tmp_path):
    with FixtureServer() as server:
        result = _crawl(run_cli, build_site(server, "reiki_base"), tmp_path)
        # linked from the 体系 and the 五十音 index (and with ?id= / #fragment): fetched once each
        for key in ("k518RG00000012", "k518RG00000055", "k518RG00000080"):
            assert server.requests_to(f"/reiki/reiki_honbun/{key}.html") == 1
        assert server.requests_to("/reiki/reiki_taikei/r_taikei_03_01.html") == 1   # href had a stray space
        assert server.requests_to("/news/index.html") == 0
        assert server.requests_to("/reiki/reiki_miseko/miseko_default.html") == 1
        assert server.requests_to("/reiki/kurashi/gomi.html") == 0         # the town's page, not an index
    assert "新規 3 / 変更 0 / 変更なし 0 / 失敗 0" in result.stdout
    assert "例規集の内容現在: 令和8年7月1日" in result.stdout
    docs = _export(run_cli, tmp_path)
    assert sorted(docs) == ["k518RG00000012", "k518RG00000055", "k518RG00000080"]
    hyosho = docs["k518RG00000012"]
    assert _paths(hyosho) == (["第1条", "第2条"] + [f"第2条第{i}号" for i in range(1, 14)]
                              + [f"第{i}条" for i in range(3, 10)] + ["附則第1項", "附則第2項", "様式"])
    assert hyosho[0]["title"] == "かつらぎ町表彰規程" and hyosho[0]["number"] == "昭和43年規程第9号"
    assert _text(hyosho, "第5条") == ("表彰は、隔年7月1日に行う。ただし、特別の理由により他の期日に表彰することが"
                                      "適当と認められる場合は、適宜行うことができる。")
    parking = docs["k518RG00000080"]
    assert _paths(parking)[:8] == ["第1条", "第2条", "第2条第1号", "第2条第2号", "第2条第3号", "第3条",
                                   "第4条第1項", "第4条第2項"]
    assert [r["heading"] for r in parking[:2]] == ["(目的)", "(定義)"]
    assert _text(parking, "第3条").startswith("駐車場等の名称及び位置は、次のとおりとする。\n名称　位置\n船岡山駐車場")
    supplements = [r["supplement"] for r in parking if r["provision"] == "附則"]
    assert supplements[0] == "附則" and supplements[-1] == "附則(平成28年6月23日条例第18号)"
    assert len(supplements) == 9
    # the side panel gives 体系 and 最終改正
    with Store(tmp_path / "corpus" / "reiki.sqlite") as store:
        rows = {r["document_key"]: r for r in store.latest_versions()}
    assert rows["k518RG00000080"]["taxonomy"] == "第3編 執行機関/第1章 町長/第8節 交通対策・生活安全"
    assert rows["k518RG00000080"]["last_amended"] == "平成28年6月23日条例第18号"
    assert rows["k518RG00000080"]["source_url"].endswith("/reiki/reiki_honbun/k518RG00000080.html")


def test_d1w_site_reaches_the_body_through_frames_and_openresdatawin(run_cli, tmp_path):
    with FixtureServer() as server:
        result = _crawl(run_cli, build_site(server, "d1w"), tmp_path)
        assert server.requests_to("/rumoi/d1w_reiki/H505901010023/H505901010023_j.html") == 1
        assert server.requests_to("/rumoi/d1w_reiki/bunya_0010000.html") == 1      # unquoted href
    assert "新規 1 / 変更 0 / 変更なし 0 / 失敗 0" in result.stdout
    assert "例規集の内容現在: 令和8年8月13日" in result.stdout                      # div#current
    rows = _stored(tmp_path)["H505901010023"]
    assert _paths(rows) == (["第1条", "第2条", "第3条", "第4条", "第5条", "第6条"]
                            + [f"第7条第{i}項" for i in range(1, 6)] + ["第8条", "第8条の2", "第9条", "第9条の2"]
                            + ["第10条第1項", "第10条第2項"] + [f"第10条第2項第{i}号" for i in range(1, 5)]
                            + ["第10条第3項", "第10条第4項", "第10条第5項", "第11条第1項", "第11条第2項", "第12条"]
                            + [f"第13条第{i}項" for i in range(1, 5)] + ["第14条第1項", "第14条第2項"]
                            + ["第15条", "第16条", "第17条", "附則", "附則"])
    assert rows[0]["title"] == "留萌市空家等の適切な管理に関する条例"
    assert rows[0]["heading"] == "（目的）"
    assert _text(rows, "第10条第2項第3号") == "当該命令の内容"
    assert rows[-1]["supplement"] == "附則(令和7年12月10日条例第36号)"


def test_joureikun_site_starts_at_the_landing_page_and_skips_dated_variants(run_cli, tmp_path):
    with FixtureServer() as server:
        result = _crawl(run_cli, build_site(server, "joureikun"), tmp_path)
        # the catalog is reached through the landing page's <button onclick="location.href=…">
        assert server.requests_to("/sample_town/reiki/aggregate/catalog/index.html") == 1
        assert server.requests_to("/sample_town/reiki/act/101000002_20200101.html") == 0
    assert "新規 2 / 変更 0 / 変更なし 0 / 失敗 0" in result.stdout
    docs = _stored(tmp_path)
    rule = docs["act101000001"]
    assert _paths(rule) == ["第1条", "第2条第1項", "第2条第1項第1号", "第2条第1項第2号", "第2条第2項", "附則"]
    assert rule[0]["title"] == "サンプル町庁舎管理規則" and rule[0]["number"] == "平成18年規則第3号"
    assert [r["heading"] for r in rule[:2]] == ["(趣旨)", "(禁止行為)"]
    assert _text(rule, "第2条第1項第2号") == "ビラ、ポスターその他の広告物の掲示"
    assert "ページの先頭へ" not in "".join(r["text"] for r in rule)
    # the 題名 given as #name with ○ (no div.mainTitle)
    assert docs["act101000002"][0]["title"] == "サンプル町公告式条例"
    assert docs["act101000002"][0]["number"] == "平成18年条例第2号"
    assert _paths(docs["act101000002"]) == ["第1条", "第2条", "附則"]
    with Store(tmp_path / "corpus" / "reiki.sqlite") as store:
        rows = {r["document_key"]: r for r in store.latest_versions()}
    assert rows["act101000001"]["taxonomy"] == "第2編 行政通則/第3章 財産"


def test_jourei_v5_export_reads_the_content_frame_directly(tmp_path):
    from reiki_scan.crawl.crawler import Crawler
    from reiki_scan.crawl.fetch import Fetcher
    with FixtureServer() as server:
        start = build_site(server, "jourei_v5")
        with Store(tmp_path / "db.sqlite") as store, Fetcher(start, delay=0) as fetcher:
            summary = Crawler(store, fetcher, progress=False).run(start)
            docs = {o.key: o for _, o in store.latest_ordinances()}
        assert server.requests_to("/sample/JoureiV5HTMLContents/act/frame/frame110000001.htm") == 0
    assert (summary.new, summary.failed) == (1, [])
    doc = docs["act110000001"]
    assert (doc.title, doc.number) == ("サンプル村公告式条例", "平成18年条例第2号")
    assert [p.path for p in doc.provisions] == ["第1条", "附則"]


def test_generic_site_reads_html_and_pdf_bodies_and_stays_inside(run_cli, tmp_path):
    with FixtureServer() as server:
        result = _crawl(run_cli, build_site(server, "generic"), tmp_path)
        assert server.requests_to("/reiki/secret/hidden.html") == 0      # robots.txt Disallow
        assert server.requests_to("/news/index.html") == 0               # above the start folder
        assert server.requests_to("/reiki/jorei/chousha.html") == 1
    assert "新規 2 / 変更 0 / 変更なし 0 / 失敗 0" in result.stdout
    assert "robots.txt" in result.stdout
    docs = _stored(tmp_path)
    assert _paths(docs["jorei_chousha"]) == ["第1条", "第2条第1項", "第2条第2項", "第3条", "第3条第1号", "第3条第2号",
                                             "附則"]
    assert docs["jorei_chousha"][1]["heading"] == "(物品販売等の許可)"
    pdf = docs["jorei_koukoku"]
    assert _paths(pdf) == ["第1条", "附則"]
    # the line broken by the page margin is joined again, so 「掲示場」 can be found
    assert _text(pdf, "第1条") == "条例を公布しようとするときは、町長は、これを役場前の掲示場に掲示してこれを行う。"


@pytest.mark.parametrize("url", ["ftp://example.jp/reiki/", "reiki_menu.html"])
def test_crawl_refuses_a_non_http_url_in_japanese(run_cli, tmp_path, url):
    proc = run_cli("crawl", url, "--workspace", tmp_path, check=False)
    assert proc.returncode != 0 and "http://" in proc.stderr


def test_unreachable_start_page_is_a_plain_error(run_cli, tmp_path):
    with FixtureServer() as server:
        url = server.url + "/reiki/reiki_menu.html"      # nothing served: 404
        proc = run_cli("crawl", url, "--delay", "0", "--workspace", tmp_path, check=False)
    assert proc.returncode == 1
    assert "開始ページ" in proc.stderr and "404" in proc.stderr


def test_start_url_that_is_a_body_stores_just_that_body(tmp_path):
    from reiki_scan.crawl.crawler import Crawler
    from reiki_scan.crawl.fetch import Fetcher
    with FixtureServer() as server:
        build_site(server, "reiki_base")
        start = server.url + "/reiki/reiki_honbun/k518RG00000012.html"
        with Store(tmp_path / "db.sqlite") as store, Fetcher(start, delay=0) as fetcher:
            summary = Crawler(store, fetcher, progress=False).run(start)
            keys = [r["document_key"] for r in store.latest_versions()]
    assert (summary.site, summary.new, summary.failed) == ("ぎょうせい Reiki-Base", 1, [])
    assert keys == ["k518RG00000012"]


def test_site_is_detected_from_the_url_or_from_what_the_start_page_links_to():
    from reiki_scan.crawl.sites import D1wSite, JoureikunSite, ReikiBaseSite, Site, detect_site
    frames_to_menu = '<frameset><frame src="reiki_menu.html"></frameset>'
    assert type(detect_site("https://www.town.ine.kyoto.jp/section/reiki/reiki.html", frames_to_menu)) is ReikiBaseSite
    assert type(detect_site("https://www1.g-reiki.net/city.nantan/", "")) is ReikiBaseSite
    assert type(detect_site("https://www.city.yawata.kyoto.jp/reiki/reiki.html",
                            '<frameset><frame src="mokuji_index_index.html"></frameset>')) is D1wSite
    assert type(detect_site("https://public.joureikun.jp/kitami/reiki/", "")) is JoureikunSite
    assert type(detect_site("https://public2.legalcrud.com/kitami_city/reiki/", "")) is JoureikunSite
    assert type(detect_site("https://www.town.example.lg.jp/reiki/", "<a href='jorei1.html'>x</a>")) is Site


def test_markup_beats_a_misleading_address():
    """品川区 serves a d1w tree at reiki_menu.html, 福岡市 a Reiki-Base one under d1w_reiki/
    (bokuweb/celso scripts/fetch_reiki.py): an adapter picked by the URL would store nothing."""
    from reiki_scan.crawl.sites import D1wSite, JoureikunSite, ReikiBaseSite, detect_site
    shinagawa = detect_site("https://www.city.shinagawa.tokyo.jp/reiki/reiki_menu.html",
                            '<FRAMESET><FRAME SRC="mokuji_index_index.html"><FRAME SRC="mokuji_bunya.html"></FRAMESET>')
    assert type(shinagawa) is D1wSite and shinagawa.base == "/reiki/"
    assert shinagawa.classify("https://www.city.shinagawa.tokyo.jp/reiki/H417901010001/H417901010001_j.html")[0] == "body"
    fukuoka = detect_site("http://www.city.fukuoka.lg.jp/d1w_reiki/reiki.html",
                          '<li><a href="reiki_taikei/taikei_default.html">体系目次</a></li>'
                          '<li><a href="reiki_kana/kana_default.html">五十音順目次</a></li>')
    assert type(fukuoka) is ReikiBaseSite and fukuoka.base == "/d1w_reiki/"
    assert fukuoka.classify("http://www.city.fukuoka.lg.jp/d1w_reiki/reiki_honbun/a001RG00000001.html")[0] == "body"
    landing = '<button onclick="location.href=\'aggregate/catalog/index.html\'">例規一覧</button>'
    assert type(detect_site("https://reiki.example.jp/okoppe_town/reiki/", landing)) is JoureikunSite


def test_links_reached_by_script_are_followed():
    from reiki_scan.crawl.sites import page_links
    html = ('<button onclick="location.href=\'aggregate/catalog/index.html\'">例規一覧</button>'
            '<a href="javascript:void(0)" onclick="window.open(\'../reiki_honbun/z500RG00000122.html\')">x</a>'
            '<a href=bunya_0010000.html target=FRAME_MOKUJI_RIGHT>第１編</a>')
    assert page_links("https://a.jp/reiki/reiki_kana/r_50_a.html", html) == [
        "https://a.jp/reiki/reiki_kana/aggregate/catalog/index.html",
        "https://a.jp/reiki/reiki_honbun/z500RG00000122.html",
        "https://a.jp/reiki/reiki_kana/bunya_0010000.html"]


@pytest.mark.parametrize("real_name", ["r_taikei_03_01.html", "r_taikei_03_ 01.html"])
def test_href_with_a_space_opens_whichever_spelling_exists(tmp_path, real_name):
    """与那国町 links 'r_taikei_13_08_01_ 1.html' for a file without the space; 阿久根市 writes the same
    and its file has the space (mimidesunya/miyabe-tools test_taikei_taxonomy_links.php)."""
    from urllib.parse import quote

    from reiki_scan.crawl.crawler import Crawler
    from reiki_scan.crawl.fetch import Fetcher
    with FixtureServer() as server:
        start = build_site(server, "reiki_base")
        route = server.routes.pop("/reiki/reiki_taikei/r_taikei_03_01.html")
        server.routes["/reiki/reiki_taikei/" + quote(real_name)] = route
        with Store(tmp_path / "db.sqlite") as store, Fetcher(start, delay=0, retries=0) as fetcher:
            summary = Crawler(store, fetcher, progress=False).run(start)
    assert summary.failed == [] and summary.new == 3


def test_adapters_name_documents_by_their_vendor_ids():
    from reiki_scan.crawl.sites import D1wSite, ReikiBaseSite, Site
    base = ReikiBaseSite("https://www.town.yosano.lg.jp/reiki/reiki_menu.html")
    assert base.classify("https://www.town.yosano.lg.jp/reiki/reiki_honbun/r323RG00000001.html?id=j8_k1_g2") == (
        "body", "https://www.town.yosano.lg.jp/reiki/reiki_honbun/r323RG00000001.html")
    assert base.classify("https://www.town.yosano.lg.jp/reiki/reiki_honbun/word/r323FG00000004.rtf") is None
    assert base.classify("https://www.town.yosano.lg.jp/kurashi/index.html") is None
    assert base.document_key("https://www.town.yosano.lg.jp/reiki/reiki_honbun/r323RG00000001.html") == "r323RG00000001"
    d1w = D1wSite("https://en3-jg.d1-law.com/rumoi/d1w_reiki/reiki.html")
    kind, url = d1w.classify("https://en3-jg.d1-law.com/rumoi/d1w_reiki/H505901010023/H505901010023.html")
    assert (kind, url.rsplit("/", 1)[-1]) == ("body", "H505901010023_j.html")
    assert d1w.document_key(url) == "H505901010023"
    assert Site("https://a.jp/reiki/index.html").document_key("https://a.jp/reiki/jorei/No 1.htm") == "jorei_No_1"


def test_page_limit_stops_the_walk_and_says_so(tmp_path):
    from reiki_scan.crawl.crawler import Crawler
    from reiki_scan.crawl.fetch import Fetcher
    with FixtureServer() as server:
        start = build_site(server, "reiki_base")
        with Store(tmp_path / "db.sqlite") as store, Fetcher(start, delay=0) as fetcher:
            summary = Crawler(store, fetcher, max_pages=4, progress=False).run(start)
    assert summary.page_limit == 4
    assert "ページ数の上限 4 に達した" in "\n".join(summary.lines())


def test_reiki_base_site_with_lists_and_a_table_of_contents_keeps_every_article_in_the_main_provisions(run_cli, tmp_path):
    """A list numbered 1–12 inside 第3条 (新宮町 訓令) and a 目次 ending in 附則 (下水道条例): neither ends the 本則."""
    from test_crawl_server import SITES
    with FixtureServer() as server:
        server.add_tree("/", SITES / "reiki_base_chapters")
        result = _crawl(run_cli, server.url + "/reiki/reiki_menu.html", tmp_path)
    assert "新規 2 / 変更 0 / 変更なし 0 / 失敗 0" in result.stdout
    docs = _export(run_cli, tmp_path)
    kouza = docs["k000RG00000101"]
    assert _paths(kouza) == (["第1条", "第2条", "第3条"] + [f"第3条第{i}号" for i in range(1, 13)]
                             + ["第4条第1項", "第4条第2項", "第5条", "附則"])
    assert _text(kouza, "第3条第1号") == "国民年金保険料"
    assert [r["heading"] for r in kouza if r["provision"] == "第4条第1項"] == ["(預金科目)"]
    gesui = docs["k000RG00000102"]
    assert _paths(gesui) == ["第1条", "第2条", "第3条", "第4条第1項", "第4条第2項", "第5条", "第5条第1号", "第5条第2号",
                             "第5条第3号", "第6条", "第7条", "第8条", "第8条の2", "第9条", "第10条", "附則"]
    assert [r["supplement"] for r in gesui].count("附則") == 1
    assert gesui[0]["heading"] == "(目的)" and gesui[0]["title"] == "サンプル町下水道条例"
    assert not any("目次" in r["text"] or "総則" in r["text"] for r in gesui)
