"""A re-crawl reports documents no index links any more (索引から消えた例規) and keeps them; it shows
the 例規集's 「内容現在」 next to the previous crawl's."""

from __future__ import annotations

from test_crawl_server import FixtureServer, Route, build_site

from reiki_scan.crawl.crawler import Crawler
from reiki_scan.crawl.fetch import Fetcher
from reiki_scan.store import Store

GONE = "k518RG00000055"
TITLE = "かつらぎ町例規集の改版に伴う条例の整備に関する条例"
INDEX_PAGES = ("/reiki/reiki_kana/r_50_a.html", "/reiki/reiki_taikei/r_taikei_03_01.html")


def _crawl(store, start):
    with Fetcher(start, delay=0, retries=0) as fetcher:
        return Crawler(store, fetcher, progress=False).run(start)


def _unlink(server, key):
    """The 例規集 drops a document from every index page (as after a 廃止); its body stays online."""
    for path in INDEX_PAGES:
        route = server.routes[path]
        lines = route.body.decode().splitlines(keepends=True)
        route.body = "".join(line for line in lines if key not in line).encode()


def test_document_no_longer_indexed_is_reported_and_kept(tmp_path):
    with FixtureServer() as server, Store(tmp_path / "db.sqlite") as store:
        start = build_site(server, "reiki_base")
        assert _crawl(store, start).vanished == []
        _unlink(server, GONE)
        second = _crawl(store, start)
        third = _crawl(store, start)                 # still gone: still reported
        versions = store.versions_of(GONE)
    assert [key for key, _, _ in second.vanished] == [GONE]
    _, title, url = second.vanished[0]
    assert title == TITLE and url.endswith(f"/reiki/reiki_honbun/{GONE}.html")
    text = "\n".join(second.lines())
    assert "索引から消えた例規 1 件" in text and "廃止された可能性" in text and TITLE in text
    assert (second.new, second.changed, second.unchanged, second.failed) == (0, 0, 2, [])
    assert [k for k, _, _ in third.vanished] == [GONE]
    assert len(versions) == 1                        # never deleted
    assert second.to_dict()["vanished"][0][0] == GONE


def test_a_document_linked_again_is_no_longer_reported(tmp_path):
    with FixtureServer() as server, Store(tmp_path / "db.sqlite") as store:
        start = build_site(server, "reiki_base")
        original = {path: server.routes[path].body for path in INDEX_PAGES}
        _crawl(store, start)
        _unlink(server, GONE)
        assert [k for k, _, _ in _crawl(store, start).vanished] == [GONE]
        for path, body in original.items():
            server.routes[path].body = body
        again = _crawl(store, start)
    assert again.vanished == [] and "索引から消えた" not in "\n".join(again.lines())


def test_incomplete_index_walk_does_not_claim_anything_vanished(tmp_path):
    with FixtureServer() as server, Store(tmp_path / "db.sqlite") as store:
        start = build_site(server, "reiki_base")
        _crawl(store, start)
        _unlink(server, GONE)
        server.routes["/reiki/reiki_taikei/r_taikei_01.html"] = Route(body=b"", script=[500] * 5)
        partial = _crawl(store, start)
    assert partial.vanished == []
    assert "索引から消えた例規は調べていません(目次ページ 1 件を取得できませんでした)" in "\n".join(partial.lines())


def test_a_failed_body_that_is_still_linked_is_not_vanished(tmp_path):
    with FixtureServer() as server, Store(tmp_path / "db.sqlite") as store:
        start = build_site(server, "reiki_base")
        _crawl(store, start)
        server.routes[f"/reiki/reiki_honbun/{GONE}.html"].script = [503] * 5
        summary = _crawl(store, start)
    assert len(summary.failed) == 1 and summary.vanished == []


def test_content_as_of_is_shown_next_to_the_previous_crawls(tmp_path):
    with FixtureServer() as server, Store(tmp_path / "db.sqlite") as store:
        start = build_site(server, "reiki_base")
        first = _crawl(store, start)
        second = _crawl(store, start)
        menu = server.routes["/reiki/reiki_menu.html"]
        menu.body = menu.body.replace("令和8年7月1日".encode(), "令和8年10月1日".encode())
        third = _crawl(store, start)
    assert first.content_as_of == "令和8年7月1日" and "例規集の内容現在: 令和8年7月1日" in first.lines()[-1]
    assert "例規集の内容現在: 令和8年7月1日(前回の収集と同じ)" in "\n".join(second.lines())
    assert "例規集の内容現在: 令和8年10月1日(前回の収集では 令和8年7月1日)" in "\n".join(third.lines())
    # the date is reported, never trusted: every body was still asked for (conditionally)
    assert (second.unchanged, third.unchanged) == (3, 3)
