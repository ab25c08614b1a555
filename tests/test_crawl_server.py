"""The fixture web server (a real http.server on 127.0.0.1) and the fetcher's politeness rules.

Other crawl tests import ``FixtureServer``, ``Route`` and ``make_pdf`` from here.
"""

from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from reiki_scan.crawl.fetch import Fetcher, FetchError, retry_after_seconds

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SITES = FIXTURES / "sites"


@dataclass
class Route:
    """What the server answers for one path.

    ``script`` is a list of statuses answered before the body, one per request (e.g. [500] = fail
    once); ``retry_after`` goes with 429/503; ``delay`` sleeps before answering; ``truncate`` sends a
    Content-Length longer than the body and hangs up; ``content_length=False`` sends the body with no
    length and closes the connection to end it (as many old servers do). Validators (ETag, Last-Modified) are derived
    from the body, so a changed body gets new ones, as on a real server.
    """

    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    script: list[int] = field(default_factory=list)
    retry_after: str = ""
    delay: float = 0.0
    truncate: bool = False
    validators: bool = True
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    content_length: bool = True


class FixtureServer:
    """Serves ``routes`` (path → Route) on 127.0.0.1 in a thread and logs every request
    (``log``: path and headers; ``arrivals``: time.monotonic() when each came, in the same order)."""

    def __init__(self):
        self.routes: dict[str, Route] = {}
        self.log: list[tuple[str, dict[str, str]]] = []
        self.arrivals: list[float] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):      # keep test output clean
                pass

            def do_GET(self):
                server.arrivals.append(time.monotonic())
                server.log.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
                server.answer(self)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def __enter__(self) -> "FixtureServer":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    # ---- content ------------------------------------------------------------------------------
    def add_file(self, path: str, file: Path, content_type: str | None = None) -> None:
        suffix = file.suffix.lower()
        ctype = content_type or {".pdf": "application/pdf", ".txt": "text/plain"}.get(suffix, "text/html")
        self.routes[path] = Route(body=file.read_bytes(), content_type=ctype)

    def add_tree(self, prefix: str, folder: Path) -> None:
        """Serve every file below ``folder`` at ``prefix`` + its relative path."""
        for file in sorted(folder.rglob("*")):
            if file.is_file() and file.name != "README.md":
                self.add_file(prefix + file.relative_to(folder).as_posix(), file)

    def requests_to(self, path: str) -> int:
        return sum(1 for p, _ in self.log if p == path)

    # ---- answering ----------------------------------------------------------------------------
    def answer(self, h: BaseHTTPRequestHandler) -> None:
        route = self.routes.get(h.path.split("?")[0])
        if route is None:
            return self._send(h, 404, b"not found", "text/plain")
        if route.delay:
            time.sleep(route.delay)
        if route.script:
            status = route.script.pop(0)
            extra = {"Retry-After": route.retry_after} if route.retry_after else {}
            return self._send(h, status, b"try later", "text/plain", extra)
        headers = dict(route.headers)
        if route.validators:
            etag = '"' + hashlib.sha1(route.body).hexdigest()[:16] + '"'
            modified = time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime(1_700_000_000 + len(route.body)))
            headers.update({"ETag": etag, "Last-Modified": modified})
            if h.headers.get("If-None-Match") == etag or (
                    not h.headers.get("If-None-Match") and h.headers.get("If-Modified-Since") == modified):
                return self._send(h, 304, b"", None, headers)
        if route.truncate:
            h.send_response(200)
            h.send_header("Content-Type", route.content_type)
            h.send_header("Content-Length", str(len(route.body) * 2))
            h.end_headers()
            h.wfile.write(route.body[: len(route.body) // 2])
            h.wfile.flush()
            h.close_connection = True
            return
        if not route.content_length:
            h.send_response(route.status)
            h.send_header("Content-Type", route.content_type)
            h.send_header("Connection", "close")
            h.end_headers()
            h.wfile.write(route.body)
            h.close_connection = True
            return
        self._send(h, route.status, route.body, route.content_type, headers)

    @staticmethod
    def _send(h, status, body, content_type, headers=None):
        h.send_response(status)
        if content_type:
            h.send_header("Content-Type", content_type)
        for k, v in (headers or {}).items():
            h.send_header(k, v)
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body)


START_PATHS = {"reiki_base": "/reiki/reiki_menu.html", "d1w": "/rumoi/d1w_reiki/reiki.html",
               "joureikun": "/sample_town/reiki/", "generic": "/reiki/index.html",
               "jourei_v5": "/sample/JoureiV5HTMLContents/aggregate/catalog/index.htm"}

# The PDF body of the generic site; 「掲示」 is cut by the right margin, as in a real PDF.
PDF_LINES = ["○与謝野町公告式条例", "平成18年3月1日", "条例第2号",
             "第1条　条例を公布しようとするときは、町長は、これを役場前の掲", "示場に掲示してこれを行う。",
             "附　則", "この条例は、公布の日から施行する。", "- 1 -"]


def build_site(server: "FixtureServer", layout: str) -> str:
    """Load a fixture site (tests/fixtures/sites/<layout>) with its real bodies; returns the start URL."""
    server.add_tree("/", SITES / layout)
    if layout == "reiki_base":
        server.add_tree("/reiki/reiki_honbun/", FIXTURES / "gyosei_reiki_base" / "katsuragi_wakayama")
        server.routes["/reiki/kurashi/gomi.html"] = Route(b"<p>town page</p>")
    elif layout == "d1w":
        server.add_file("/rumoi/d1w_reiki/H505901010023/H505901010023_j.html",
                        FIXTURES / "d1_law_static" / "rumoi_hokkaido" / "H505901010023_j.html")
    elif layout == "joureikun":
        # the landing page is the directory itself, as public.joureikun.jp/<slug>/reiki/ is
        server.add_file("/sample_town/reiki/", SITES / layout / "sample_town" / "reiki" / "index.html")
    elif layout == "generic":
        server.routes["/reiki/jorei/koukoku.pdf"] = Route(make_pdf(PDF_LINES), "application/pdf")
        server.routes["/robots.txt"] = Route(b"User-agent: *\nDisallow: /reiki/secret/\n", "text/plain")
        server.routes["/reiki/secret/hidden.html"] = Route(b"<p>\xe2\x97\x8b</p>")
        server.routes["/news/index.html"] = Route(b"<p>news</p>")
    return server.url + START_PATHS[layout]


def make_pdf(lines: list[str]) -> bytes:
    """A one-page PDF showing ``lines``; its font maps each glyph id to the same Unicode value, so
    pdfplumber reads the Japanese text back without any font file (no reportlab needed)."""
    def hexstr(s):
        return "<" + "".join(f"{ord(c):04X}" for c in s) + ">"
    content = "BT /F1 10 Tf 12 TL 40 800 Td " + " ".join(f"{hexstr(line)} Tj T*" for line in lines) + " ET"
    cmap = ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /U def "
            "1 begincodespacerange <0000> <FFFF> endcodespacerange "
            "1 beginbfrange <0000> <FFFF> <0000> endbfrange endcmap end end")
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >>"
        " /Contents 5 0 R >>",
        "<< /Type /Font /Subtype /Type0 /BaseFont /HeiseiMin-W3 /Encoding /Identity-H"
        " /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
        f"<< /Length {len(content.encode())} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /HeiseiMin-W3 /DW 1000 /FontDescriptor 8 0 R"
        " /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> >>",
        f"<< /Length {len(cmap)} >>\nstream\n{cmap}\nendstream",
        "<< /Type /FontDescriptor /FontName /HeiseiMin-W3 /Flags 4 /FontBBox [0 -200 1000 900]"
        " /ItalicAngle 0 /Ascent 900 /Descent -200 /CapHeight 700 /StemV 80 >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


# ---- the fetcher ------------------------------------------------------------------------------

@pytest.fixture
def server():
    with FixtureServer() as srv:
        yield srv


def _fetcher(server, **kw) -> Fetcher:
    options = {"delay": 0, "timeout": 2.0, "retries": 3, "backoff": 0.01, **kw}
    return Fetcher(server.url + "/", **options)


def test_server_error_is_retried_until_the_page_comes(server):
    server.routes["/a.html"] = Route(body=b"<p>ok</p>", script=[500, 503])
    with _fetcher(server) as f:
        page = f.get(server.url + "/a.html")
    assert page.content == b"<p>ok</p>"
    assert server.requests_to("/a.html") == 3


def test_429_waits_as_long_as_retry_after_says(server):
    server.routes["/busy.html"] = Route(body=b"<p>ok</p>", script=[429], retry_after="1")
    with _fetcher(server) as f:
        started = time.monotonic()
        page = f.get(server.url + "/busy.html")
    assert page.status == 200
    assert time.monotonic() - started >= 0.95


def test_retry_after_as_http_date_is_understood():
    now = 1_700_000_000.0
    assert retry_after_seconds("Tue, 14 Nov 2023 22:13:40 GMT", now=now) == pytest.approx(20, abs=1)
    assert retry_after_seconds("7") == 7
    assert retry_after_seconds("soon") is None


def test_persistent_server_error_fails_with_plain_reason_after_retries(server):
    server.routes["/down.html"] = Route(body=b"x", script=[500] * 10)
    with _fetcher(server, retries=2) as f, pytest.raises(FetchError) as info:
        f.get(server.url + "/down.html")
    assert "HTTP 500" in str(info.value) and "再試行 2 回" in str(info.value)
    assert server.requests_to("/down.html") == 3


def test_slow_response_past_the_timeout_is_a_timeout_failure(server):
    server.routes["/slow.html"] = Route(body=b"<p>late</p>", delay=1.0)
    with _fetcher(server, timeout=0.2, retries=1) as f, pytest.raises(FetchError) as info:
        f.get(server.url + "/slow.html")
    assert "時間切れ" in str(info.value)
    assert server.requests_to("/slow.html") == 2


def test_truncated_page_is_reported_not_stored(server):
    server.routes["/cut.html"] = Route(body=b"<p>" + "途中".encode() * 500 + b"</p>", truncate=True)
    with _fetcher(server, retries=1) as f, pytest.raises(FetchError) as info:
        f.get(server.url + "/cut.html")
    assert "途中で切れました" in str(info.value)


def test_page_over_the_size_cap_is_refused_without_retrying(server):
    server.routes["/big.html"] = Route(body=b"x" * 5000)
    with _fetcher(server, max_bytes=1000) as f, pytest.raises(FetchError) as info:
        f.get(server.url + "/big.html")
    assert "大きすぎます" in str(info.value)
    assert server.requests_to("/big.html") == 1


def test_robots_disallow_is_obeyed(server):
    server.routes["/robots.txt"] = Route(body=b"User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    server.routes["/private/a.html"] = Route(body=b"<p>secret</p>")
    server.routes["/public/a.html"] = Route(body=b"<p>open</p>")
    with _fetcher(server) as f:
        assert f.get(server.url + "/public/a.html").content == b"<p>open</p>"
        with pytest.raises(FetchError, match="robots.txt"):
            f.get(server.url + "/private/a.html")
    assert server.requests_to("/private/a.html") == 0
    assert server.requests_to("/robots.txt") == 1


def test_other_hosts_and_redirects_off_the_start_host_are_not_fetched(server):
    server.routes["/away.html"] = Route(status=302, validators=False,
                                        headers={"Location": "http://localhost:1/a.html"})
    with _fetcher(server) as f:
        assert not f.allowed("http://localhost:1/a.html")
        with pytest.raises(FetchError, match="別のサイト"):
            f.get("http://localhost:1/a.html")
        with pytest.raises(FetchError, match="別のサイト"):
            f.get(server.url + "/away.html")


def test_conditional_request_gets_304(server):
    server.routes["/doc.html"] = Route(body=b"<p>v1</p>")
    with _fetcher(server) as f:
        first = f.get(server.url + "/doc.html")
        again = f.get(server.url + "/doc.html", etag=first.etag, last_modified=first.last_modified)
    assert again.not_modified and again.content == b""
    assert server.log[-1][1]["if-none-match"] == first.etag


def test_delay_spaces_requests_to_one_host(server):
    server.routes["/a.html"] = Route(body=b"a")
    with _fetcher(server, delay=0.3) as f:
        f.get(server.url + "/a.html")
        started = time.monotonic()
        f.get(server.url + "/a.html")
        f.get(server.url + "/a.html")
    assert time.monotonic() - started >= 0.55


def test_unreachable_robots_txt_keeps_the_crawler_off_the_site(server):
    server.routes["/robots.txt"] = Route(body=b"", script=[503] * 5)
    server.routes["/a.html"] = Route(body=b"a")
    with _fetcher(server) as f, pytest.raises(FetchError, match="robots.txt を取得できない"):
        f.get(server.url + "/a.html")
    assert server.requests_to("/a.html") == 0
