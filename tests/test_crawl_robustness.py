"""A crawl survives flaky, slow, broken and oddly encoded pages, and reports what failed at the end."""

from __future__ import annotations

import pytest
from test_crawl_server import FIXTURES, FixtureServer, Route, build_site

from reiki_scan.crawl.crawler import Crawler
from reiki_scan.crawl.fetch import Fetcher
from reiki_scan.store import Store

HONBUN = "/reiki/reiki_honbun/"
KATSURAGI = FIXTURES / "gyosei_reiki_base" / "katsuragi_wakayama"


@pytest.fixture
def site():
    with FixtureServer() as server:
        yield server, build_site(server, "reiki_base")


def _crawl(tmp_path, start, **fetch_options):
    options = {"delay": 0, "timeout": 1.0, "retries": 2, "backoff": 0.01, **fetch_options}
    with Store(tmp_path / "reiki.sqlite") as store, Fetcher(start, **options) as fetcher:
        summary = Crawler(store, fetcher, progress=False).run(start)
        titles = {r["document_key"]: r["title"] for r in store.latest_versions()}
    return summary, titles


def test_body_that_fails_with_500_once_is_stored_on_retry(site, tmp_path):
    server, start = site
    server.routes[HONBUN + "k518RG00000055.html"].script = [500]
    summary, titles = _crawl(tmp_path, start)
    assert (summary.new, summary.failed) == (3, [])
    assert server.requests_to(HONBUN + "k518RG00000055.html") == 2


def test_429_with_retry_after_is_waited_out(site, tmp_path):
    server, start = site
    route = server.routes[HONBUN + "k518RG00000080.html"]
    route.script, route.retry_after = [429], "1"
    summary, titles = _crawl(tmp_path, start)
    assert (summary.new, summary.failed) == (3, [])
    assert titles["k518RG00000080"] == "かつらぎ町駐車場等設置条例"


def test_slow_truncated_and_missing_bodies_fail_alone_and_are_listed(site, tmp_path):
    server, start = site
    server.routes[HONBUN + "k518RG00000012.html"].delay = 1.5             # past the 0.5 s timeout
    server.routes[HONBUN + "k518RG00000055.html"].truncate = True
    del server.routes[HONBUN + "k518RG00000080.html"]
    summary, titles = _crawl(tmp_path, start, timeout=0.5, retries=1)
    assert summary.new == 0
    reasons = {url.rsplit("/", 1)[-1]: why for url, why in summary.failed}
    assert "時間切れ" in reasons["k518RG00000012.html"]
    assert "途中で切れました" in reasons["k518RG00000055.html"]
    assert "404" in reasons["k518RG00000080.html"]
    text = "\n".join(summary.lines())
    assert "失敗 3" in text and "k518RG00000055.html — ページが途中で切れました" in text


def test_failing_index_page_does_not_stop_the_other_index(site, tmp_path):
    server, start = site
    server.routes["/reiki/reiki_taikei/taikei_default.html"].script = [503] * 5
    summary, titles = _crawl(tmp_path, start, retries=1)
    assert summary.new == 3                      # all three are also listed in the 五十音 index
    assert [url.rsplit("/", 1)[-1] for url, _ in summary.failed] == ["taikei_default.html"]


def test_page_that_is_not_an_ordinance_is_a_failure_with_reason(site, tmp_path):
    server, start = site
    server.routes[HONBUN + "k518RG00000055.html"] = Route(body="<p>メンテナンス中です</p>".encode())
    summary, _ = _crawl(tmp_path, start)
    assert summary.new == 2
    assert "条文が見つかりません" in summary.failed[0][1]


@pytest.mark.parametrize("encoding, header, meta", [
    ("cp932", "text/html; charset=Shift_JIS", "Shift_JIS"),       # declared in the HTTP header
    ("cp932", "text/html", "Shift_JIS"),                          # declared only in <meta>
    ("euc_jp", "text/html", "EUC-JP"),
    ("cp932", "text/html", None),                                 # not declared at all
    ("euc_jp", "text/html", None),
])
def test_shift_jis_and_euc_jp_bodies_are_decoded(site, tmp_path, encoding, header, meta):
    server, start = site
    html = (KATSURAGI / "k518RG00000080.html").read_text(encoding="utf-8")
    html = html.replace("charset=utf-8", f"charset={meta}" if meta else "")
    server.routes[HONBUN + "k518RG00000080.html"] = Route(body=html.encode(encoding), content_type=header)
    summary, titles = _crawl(tmp_path, start)
    assert summary.failed == []
    assert titles["k518RG00000080"] == "かつらぎ町駐車場等設置条例"
    with Store(tmp_path / "reiki.sqlite") as store:
        (version_id, ordinance), = [x for x in store.latest_ordinances() if x[1].key == "k518RG00000080"]
    item = next(p for p in ordinance.provisions if p.path == "第2条第3号")
    assert item.text == ("駐輪場\u3000法第2条第1項第10号に規定する原動機付自転車及び同項第11号の2に規定する自転車"
                         "並びに法第3条に規定する自動二輪車を駐車する施設をいう。")
