"""Polite HTTP fetching (取得): robots.txt, one request at a time per host, retries, size cap.

A 例規集 usually sits on a small town server or a shared vendor host (www1.g-reiki.net throttles
after a few hundred requests, reiki_systems.md §7.6), so the fetcher is deliberately slow and
patient: it waits ``delay`` seconds between requests to one host, backs off exponentially on
timeouts, 5xx and 429 (taking Retry-After when the server gives one), and never follows a link or a
redirect off the start host.
"""

from __future__ import annotations

import threading
import time
import urllib.robotparser
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import httpx

from .. import __version__

# HTTP headers are ASCII; the name says who is asking and why, so an administrator can tell.
USER_AGENT = f"reiki-scan/{__version__} (municipal ordinance collection review; polite crawler)"
RETRY_STATUSES = {429, 500, 502, 503, 504}
MAX_REDIRECTS = 5


class FetchError(Exception):
    """A page that could not be fetched; the message is a plain Japanese reason.

    ``retryable`` is False when asking again cannot help (the page is over the size cap).
    """

    def __init__(self, message: str, retryable: bool = True):
        super().__init__(message)
        self.retryable = retryable


@dataclass
class Page:
    """A fetched response (取得結果). ``not_modified`` is a 304 to a conditional request."""

    url: str
    status: int
    content: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    not_modified: bool = False

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")

    @property
    def etag(self) -> str:
        return self.headers.get("etag", "")

    @property
    def last_modified(self) -> str:
        return self.headers.get("last-modified", "")


def host_of(url: str) -> str:
    """The host a crawl is held to: host name and port (http→https on the same name is the same site)."""
    parts = urlsplit(url)
    port = parts.port if parts.port not in (None, 80, 443) else ""
    return f"{(parts.hostname or '').lower()}:{port}"


def retry_after_seconds(value: str, now: float | None = None) -> float | None:
    """Retry-After is either seconds or an HTTP date."""
    value = (value or "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value).timestamp()
    except (TypeError, ValueError):
        return None
    return max(0.0, when - (now if now is not None else time.time()))


class Fetcher:
    """GET with politeness rules; one instance per crawl."""

    def __init__(self, start_url: str, delay: float = 1.0, timeout: float = 20.0, retries: int = 3,
                 backoff: float = 2.0, max_bytes: int = 20_000_000, max_retry_after: float = 120.0):
        self.start_host = host_of(start_url)
        self.delay = delay
        self.retries = retries
        self.backoff = backoff
        self.max_bytes = max_bytes
        self.max_retry_after = max_retry_after
        self.client = httpx.Client(timeout=timeout, follow_redirects=False,
                                   headers={"User-Agent": USER_AGENT})
        self._robots: dict[str, urllib.robotparser.RobotFileParser] = {}
        self._robots_unreachable: dict[str, str] = {}       # site root → why robots.txt failed
        self._last_request: dict[str, float] = {}
        # one request at a time per host, even if a caller fetches from several threads
        self._host_locks: dict[str, threading.Lock] = {}
        self.requests = 0

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ---- rules --------------------------------------------------------------------------------

    def on_start_host(self, url: str) -> bool:
        return urlsplit(url).scheme in ("http", "https") and host_of(url) == self.start_host

    def allowed(self, url: str) -> bool:
        """On the start host and allowed by its robots.txt."""
        return self.on_start_host(url) and self._robots_for(url).can_fetch(USER_AGENT, url)

    def _robots_for(self, url: str) -> urllib.robotparser.RobotFileParser:
        parts = urlsplit(url)
        root = f"{parts.scheme}://{parts.netloc}"
        if root in self._robots:
            return self._robots[root]
        parser = urllib.robotparser.RobotFileParser(root + "/robots.txt")
        try:
            page = self._request(root + "/robots.txt", {}, retries=1)
            reason = f"HTTP {page.status}"
        except FetchError as exc:
            page, reason = None, str(exc)
        if page is None or page.status >= 500:
            # RFC 9309 §2.3.1.4: an unreachable robots.txt means the whole site is off limits for now.
            parser.disallow_all = True
            self._robots_unreachable[root] = reason
        elif page.status >= 400:
            parser.allow_all = True
        else:
            parser.parse(page.content.decode("utf-8", errors="replace").splitlines())
        self._robots[root] = parser
        return parser

    # ---- requests -----------------------------------------------------------------------------

    def get(self, url: str, etag: str = "", last_modified: str = "") -> Page:
        """Fetch a page (conditional when ``etag``/``last_modified`` are given); FetchError on failure."""
        if not self.on_start_host(url):
            raise FetchError("開始ページと別のサイトなので取得しません")
        if not self.allowed(url):
            parts = urlsplit(url)
            if why := self._robots_unreachable.get(f"{parts.scheme}://{parts.netloc}"):
                raise FetchError(f"robots.txt を取得できないため、このサイトの収集を控えました({why})")
            raise FetchError("robots.txt で収集が禁止されています")
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        for _ in range(MAX_REDIRECTS + 1):
            page = self._request(url, headers, retries=self.retries)
            if page.status not in (301, 302, 303, 307, 308):
                break
            target = urljoin(url, page.headers.get("location", ""))
            if not self.on_start_host(target):
                raise FetchError(f"別のサイト({urlsplit(target).hostname})へ転送されたので取得しません")
            if not self.allowed(target):
                raise FetchError("転送先が robots.txt で収集禁止です")
            url = target
        else:
            raise FetchError("転送が多すぎます")
        if page.status == 304 and not headers:
            raise FetchError("サーバーが不正な応答(条件なしの問い合わせに 304)を返しました")
        if page.status == 304:
            page.not_modified = True
        elif page.status == 404:
            raise FetchError("ページがありません(404)")
        elif page.status >= 400:
            raise FetchError(f"サーバーがエラーを返しました(HTTP {page.status})")
        return page

    def _wait_turn(self, host: str) -> None:
        last = self._last_request.get(host)
        if last is not None:
            pause = self.delay - (time.monotonic() - last)
            if pause > 0:
                time.sleep(pause)

    def _request(self, url: str, headers: dict, retries: int) -> Page:
        host = host_of(url)
        lock = self._host_locks.setdefault(host, threading.Lock())
        reason = ""
        for attempt in range(retries + 1):
            wait = 0.0
            with lock:
                self._wait_turn(host)
                try:
                    page = self._send(url, headers)
                except FetchError as exc:
                    if not exc.retryable:
                        raise
                    reason = str(exc)
                    wait = self.backoff * 2 ** attempt
                else:
                    if page.status not in RETRY_STATUSES:
                        return page
                    reason = ("アクセスが多すぎると断られました(HTTP 429)" if page.status == 429
                              else f"サーバーがエラーを返しました(HTTP {page.status})")
                    wait = self.backoff * 2 ** attempt
                    told = retry_after_seconds(page.headers.get("retry-after", ""))
                    if told is not None:
                        wait = min(told, self.max_retry_after)
                finally:
                    self._last_request[host] = time.monotonic()
            if attempt < retries:
                time.sleep(wait)
        raise FetchError(f"{reason}(再試行 {retries} 回のあとも失敗)" if retries else reason)

    def _send(self, url: str, headers: dict) -> Page:
        self.requests += 1
        try:
            with self.client.stream("GET", url, headers=headers) as response:
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > self.max_bytes:
                    raise FetchError(f"ページが大きすぎます({int(declared):,} バイト、上限 {self.max_bytes:,})",
                                     retryable=False)
                chunks, size = [], 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > self.max_bytes:
                        raise FetchError(f"ページが大きすぎます(上限 {self.max_bytes:,} バイト)", retryable=False)
                    chunks.append(chunk)
                return Page(url=str(response.url), status=response.status_code, content=b"".join(chunks),
                            headers={k.lower(): v for k, v in response.headers.items()})
        except httpx.TimeoutException as exc:
            raise FetchError("応答がないまま時間切れになりました") from exc
        except httpx.RemoteProtocolError as exc:
            raise FetchError("ページが途中で切れました(接続が切断されました)") from exc
        except httpx.TransportError as exc:
            raise FetchError(f"接続できません({type(exc).__name__})") from exc
