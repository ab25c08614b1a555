"""A 例規集 host is a town's public server: what the crawler promises it, checked on the wire.

Every test runs against the real HTTP server on 127.0.0.1 (test_crawl_server.FixtureServer), which
records when each request came, with which headers, and how many there were.
"""

from __future__ import annotations

import threading

import pytest

from reiki_scan.crawl.fetch import Fetcher, FetchError
from test_crawl_server import SITES, FixtureServer, Route, build_site

TOWN_PAGE = (SITES / "generic" / "reiki" / "jorei" / "chousha.html").read_bytes()


@pytest.fixture
def server():
    with FixtureServer() as srv:
        yield srv


def _gaps(server) -> list[float]:
    return [b - a for a, b in zip(server.arrivals, server.arrivals[1:])]


def _one_page_site(server) -> str:
    server.routes["/reiki/index.html"] = Route('<ul><li><a href="jorei/chousha.html">規則</a></li></ul>'.encode())
    server.routes["/reiki/jorei/chousha.html"] = Route(TOWN_PAGE)
    return server.url + "/reiki/index.html"


def test_crawl_without_a_delay_option_waits_a_second_between_requests(run_cli, server, tmp_path):
    start = _one_page_site(server)
    out = run_cli("crawl", start, "--workspace", tmp_path / "ws", "--retries", "0").stdout
    assert "新規 1" in out
    assert len(server.arrivals) >= 3 and min(_gaps(server)) >= 0.95


def test_fetcher_waits_a_second_between_requests_unless_told_otherwise(server):
    server.routes["/a.html"] = Route(b"<p>a</p>")
    with Fetcher(server.url + "/", retries=0) as fetcher:
        fetcher.get(server.url + "/a.html")
        fetcher.get(server.url + "/a.html")
    assert [p for p, _ in server.log] == ["/robots.txt", "/a.html", "/a.html"]
    assert min(_gaps(server)) >= 0.95


def test_every_request_names_the_crawler_in_its_user_agent(run_cli, server, tmp_path):
    run_cli("crawl", _one_page_site(server), "--workspace", tmp_path / "ws", "--delay", "0")
    agents = {headers.get("user-agent", "") for _, headers in server.log}
    assert len(server.log) >= 3 and len(agents) == 1
    agent = agents.pop()
    assert agent.startswith("reiki-scan/") and "crawler" in agent


def test_robots_txt_rules_for_our_agent_are_obeyed_even_when_others_may_enter(server):
    server.routes["/robots.txt"] = Route(b"User-agent: reiki-scan\nDisallow: /reiki/\n\nUser-agent: *\nDisallow:\n",
                                         "text/plain")
    server.routes["/reiki/a.html"] = Route(b"<p>a</p>")
    server.routes["/open/a.html"] = Route(b"<p>b</p>")
    with Fetcher(server.url + "/", delay=0) as fetcher:
        assert fetcher.get(server.url + "/open/a.html").content == b"<p>b</p>"
        with pytest.raises(FetchError, match="robots.txt"):
            fetcher.get(server.url + "/reiki/a.html")
    assert server.requests_to("/reiki/a.html") == 0


def test_crawl_of_a_site_closed_to_our_agent_fetches_no_page(run_cli, server, tmp_path):
    start = _one_page_site(server)
    server.routes["/robots.txt"] = Route(b"User-agent: reiki-scan\nDisallow: /\n", "text/plain")
    proc = run_cli("crawl", start, "--workspace", tmp_path / "ws", "--delay", "0", check=False)
    assert proc.returncode != 0 and "robots.txt" in proc.stderr
    assert [p for p, _ in server.log] == ["/robots.txt"]


def test_a_long_retry_after_is_waited_only_up_to_the_cap(server):
    """A server asking for an hour's pause must not stall the crawl for an hour."""
    server.routes["/busy.html"] = Route(b"<p>ok</p>", script=[503], retry_after="3600")
    result = {}

    def fetch():
        with Fetcher(server.url + "/", delay=0, backoff=0.01, max_retry_after=0.5) as fetcher:
            result["page"] = fetcher.get(server.url + "/busy.html")
    worker = threading.Thread(target=fetch, daemon=True)
    worker.start()
    worker.join(timeout=10)
    assert not worker.is_alive(), "the fetcher waited past its Retry-After cap"
    assert result["page"].content == b"<p>ok</p>"
    assert 0.45 <= _gaps(server)[-1] < 10


def test_response_without_a_length_is_cut_off_at_the_size_cap(server):
    server.routes["/huge.html"] = Route(b"<p>" + b"x" * 200_000 + b"</p>", content_length=False)
    with Fetcher(server.url + "/", delay=0, max_bytes=10_000) as fetcher, pytest.raises(FetchError) as info:
        fetcher.get(server.url + "/huge.html")
    assert "大きすぎます" in str(info.value) and "10,000" in str(info.value)
    assert server.requests_to("/huge.html") == 1, "a page over the cap is not asked for again"


def test_response_without_a_length_under_the_cap_is_read_whole(server):
    body = "<p>第1条 本文。</p>".encode() * 100
    server.routes["/page.html"] = Route(body, content_length=False)
    with Fetcher(server.url + "/", delay=0) as fetcher:
        assert fetcher.get(server.url + "/page.html").content == body


def test_retries_back_off_exponentially(server):
    server.routes["/flaky.html"] = Route(b"<p>ok</p>", script=[500, 502, 503])
    with Fetcher(server.url + "/", delay=0, retries=3, backoff=0.3) as fetcher:
        fetcher.get(server.url + "/flaky.html")
    # after robots.txt: 0.3 s, 0.6 s, 1.2 s (a busy machine can only make the gaps longer)
    first, second, third = _gaps(server)[-3:]
    assert first >= 0.29 and second >= 0.58 and third >= 1.16


def test_max_pages_stops_the_walk(run_cli, server, tmp_path):
    start = build_site(server, "reiki_base")
    out = run_cli("crawl", start, "--workspace", tmp_path / "ws", "--delay", "0", "--max-pages", "2").stdout
    assert "ページ数の上限 2 に達した" in out
    pages = {path for path, _ in server.log if path != "/robots.txt"}
    assert len(pages) <= 3, f"only the start page and 2 more may be fetched: {sorted(pages)}"
    unlimited = tmp_path / "all"
    run_cli("crawl", start, "--workspace", unlimited, "--delay", "0")
    everything = {path for path, _ in server.log if path != "/robots.txt"}
    assert len(everything) > len(pages) + 2, "the site has more pages than the limit lets through"
