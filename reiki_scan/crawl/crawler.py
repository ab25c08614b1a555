"""The crawl (収集): start page → index pages → 本文 pages → versioned Ordinances in the store.

A page that fails is written down and the crawl goes on; the list comes back in the summary. Bodies
are processed one at a time, each stored before the next is fetched, so killing the crawl loses at
most the page in flight.

Two things a re-crawl reports beyond the counts:
- the 例規集's 「内容現在」 date, next to the one the previous crawl of the same start URL saw. It is
  shown, never used to skip work: a body can be amended without the index changing (miyabe-tools
  keeps re-validating bodies whose catalog looks unchanged, test_taikei_refresh.py), and every body
  is asked for conditionally anyway, so an unchanged 例規集 costs one 304 per body.
- 「索引から消えた例規」: documents stored from this site before that no index links any more
  (possibly 廃止). They are listed, never deleted, and only when the walk was complete — an index
  page that failed or the page limit would make present documents look gone (reiki_systems.md §7.5).
"""

from __future__ import annotations

import hashlib
import sys
from collections import deque
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from tqdm import tqdm

from ..model import ARTICLE, SUPPLEMENT, Ordinance
from ..parse.files import ParseError, parse_bytes
from ..parse.html import decode_html
from ..store.db import Store, now_iso
from . import state
from .fetch import Fetcher, FetchError, Page
from .sites import BODY, INDEX, PAGE, Site, content_as_of, detect_site, page_links


class CrawlError(Exception):
    """The crawl cannot start (message in Japanese)."""


@dataclass
class CrawlSummary:
    """収集結果: counts of 新規 / 変更 / 変更なし / 失敗, and why each failure failed."""

    site: str = ""
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    resumed_skips: int = 0          # stored earlier in the interrupted run this one resumes
    failed: list[tuple[str, str]] = field(default_factory=list)
    robots_excluded: list[str] = field(default_factory=list)
    page_limit: int = 0             # set when links were left unvisited because of --max-pages
    resumed: bool = False
    requests: int = 0
    content_as_of: str = ""         # 「内容現在」 shown by the start or an index page
    previous_content_as_of: str = ""
    vanished: list[tuple[str, str, str]] = field(default_factory=list)   # (key, title, url)
    vanished_unchecked: str = ""    # why 索引から消えた例規 were not looked for
    index_failed: int = 0

    def count(self, status: str) -> None:
        setattr(self, status, getattr(self, status) + 1)

    def to_dict(self) -> dict:
        return {"site": self.site, "new": self.new, "changed": self.changed, "unchanged": self.unchanged,
                "resumed_skips": self.resumed_skips, "failed": [list(f) for f in self.failed],
                "robots_excluded": self.robots_excluded, "page_limit": self.page_limit,
                "requests": self.requests, "content_as_of": self.content_as_of,
                "vanished": [list(v) for v in self.vanished], "vanished_unchecked": self.vanished_unchecked}

    def lines(self) -> list[str]:
        """The summary as printed, in Japanese."""
        out = [f"収集結果({self.site}): 新規 {self.new} / 変更 {self.changed} / "
               f"変更なし {self.unchanged} / 失敗 {len(self.failed)}"]
        if self.page_limit:
            out.append(f"  ページ数の上限 {self.page_limit} に達したため、残りのリンクはたどっていません"
                       "(--max-pages で変えられます)")
        if self.robots_excluded:
            out.append(f"  robots.txt で収集が禁止されているページ {len(self.robots_excluded)} 件は取得していません")
        if self.resumed:
            out.append(f"  中断した収集を再開しました(取得済みの {self.resumed_skips} 件は取得し直していません)")
        if self.content_as_of:
            before = ""
            if self.previous_content_as_of:
                before = ("(前回の収集と同じ)" if self.previous_content_as_of == self.content_as_of
                          else f"(前回の収集では {self.previous_content_as_of})")
            out.append(f"  例規集の内容現在: {self.content_as_of}{before}")
        if self.vanished:
            out.append(f"索引から消えた例規 {len(self.vanished)} 件(廃止された可能性があります。"
                       "保存済みの版はそのまま残しています。原典で確認してください):")
            out.extend(f"  {key} {title} — {url}" for key, title, url in self.vanished)
        elif self.vanished_unchecked:
            out.append(f"  索引から消えた例規は調べていません({self.vanished_unchecked})")
        if self.failed:
            out.append("取得・読み取りに失敗したページ:")
            out.extend(f"  {url} — {reason}" for url, reason in self.failed)
        return out


def _suffix(url: str, page: Page) -> str:
    if "pdf" in page.content_type.lower() or urlsplit(url).path.lower().endswith(".pdf"):
        return ".pdf"
    return ".html"


def _links(page: Page) -> list[str]:
    """Links of an HTML page; a PDF or an undecodable page has none to follow."""
    return _links_and_text(page)[0]


def _links_and_text(page: Page, as_written: dict[str, str] | None = None) -> tuple[list[str], str]:
    if _suffix(page.url, page) == ".pdf":
        return [], ""
    try:
        text = decode_html(page.content, page.content_type)
    except ParseError:
        return [], ""
    return page_links(page.url, text, as_written), text


def _is_ordinance(ordinance: Ordinance) -> bool:
    # A generic index page parses into a title and a few 前文 lines; a 例規 has 条 or at least a 附則.
    return any(p.kind in (ARTICLE, SUPPLEMENT) for p in ordinance.provisions)


class Crawler:
    """One crawl of one 例規集 into one store."""

    def __init__(self, store: Store, fetcher: Fetcher, max_pages: int = 20000, progress: bool = True):
        self.store = store
        self.fetcher = fetcher
        self.max_pages = max_pages
        self.progress = progress

    def run(self, start_url: str) -> CrawlSummary:
        run_id, resumed = state.begin_run(self.store, start_url)
        summary = CrawlSummary(resumed=resumed)
        try:
            start = self.fetcher.get(start_url)
        except FetchError as exc:
            raise CrawlError(f"開始ページ {start_url} を取得できません: {exc}") from exc
        try:
            text = decode_html(start.content, start.content_type)
        except ParseError as exc:
            raise CrawlError(f"開始ページ {start_url} を読めません: {exc}") from exc
        site = detect_site(start.url, text)
        summary.site = site.name
        summary.content_as_of = content_as_of(text)
        summary.previous_content_as_of = state.previous_summary(self.store, start_url, run_id).get("content_as_of", "")
        bar = tqdm(total=0, unit="件", desc="収集中", file=sys.stderr, disable=not self.progress,
                   dynamic_ncols=True, leave=False)
        try:
            self._walk(site, start, text, run_id, summary, bar)
        finally:
            bar.close()
            summary.requests = self.fetcher.requests
        state.finish_run(self.store, run_id, summary.to_dict())
        return summary

    def _walk(self, site: Site, start: Page, start_text: str, run_id: int, summary: CrawlSummary,
              bar: tqdm) -> None:
        queue: deque[tuple[str, str]] = deque()
        seen: set[str] = set()
        as_written: dict[str, str] = {}      # cleaned href → as written, for a retry after 404
        stored_keys: set[str] = set()        # documents this run found still linked

        def enqueue(urls: list[str]) -> None:
            for url in urls:
                kind_url = site.classify(url)
                if kind_url is None or kind_url[1] in seen:
                    continue
                if len(seen) >= self.max_pages:
                    summary.page_limit = self.max_pages
                    continue
                kind, url = kind_url
                if not self.fetcher.on_start_host(url):
                    continue
                seen.add(url)
                if not self.fetcher.allowed(url):
                    summary.robots_excluded.append(url)
                    continue
                queue.append((kind, url))
                if kind in (BODY, PAGE):
                    bar.total += 1
                    bar.refresh()

        first = site.classify(start.url)
        seen.add(first[1] if first else start.url)
        if first and first[0] in (BODY, PAGE):
            # The start page may itself be a 本文 (or, on a generic site, either): it goes through the
            # body path like any other, at the price of asking for it once more (conditionally).
            queue.append(first)
            bar.total += 1
        else:
            enqueue(page_links(start.url, start_text, as_written))
        while queue:
            kind, url = queue.popleft()
            if kind == INDEX:
                page = self._index(url, as_written, summary)
                if page is not None:
                    links, text = _links_and_text(page, as_written)
                    if not summary.content_as_of and text:
                        summary.content_as_of = content_as_of(text)
                    enqueue(links)
                continue
            bar.set_postfix_str(urlsplit(url).path.rsplit("/", 1)[-1][-30:], refresh=False)
            links = self._body(site, url, kind, run_id, summary, stored_keys)
            enqueue(links)
            bar.update(1)
        if first and first[0] == BODY:
            summary.vanished_unchecked = "開始ページが本文なので索引をたどっていません"
        elif summary.index_failed:
            summary.vanished_unchecked = f"目次ページ {summary.index_failed} 件を取得できませんでした"
        elif summary.page_limit:
            summary.vanished_unchecked = "ページ数の上限で巡回を打ち切りました"
        else:
            summary.vanished = self._vanished(site, run_id, seen, stored_keys)

    def _index(self, url: str, as_written: dict[str, str], summary: CrawlSummary) -> Page | None:
        """An index page; a 404 on a link whose raw href had spaces is tried once more as written."""
        try:
            return self.fetcher.get(url)
        except FetchError as exc:
            alternative = as_written.get(url)
            if alternative and alternative != url and "404" in str(exc):
                try:
                    return self.fetcher.get(alternative)
                except FetchError:
                    pass
            summary.failed.append((url, f"目次ページ: {exc}"))
            summary.index_failed += 1
            return None

    def _vanished(self, site: Site, run_id: int, seen: set[str], stored_keys: set[str]) -> list[tuple[str, str, str]]:
        """Documents stored from this site by an earlier crawl that no page links any more."""
        out = []
        for row in state.stored_elsewhere(self.store, run_id):
            url, key = row["url"], row["document_key"]
            if url in seen or key in stored_keys or not self.fetcher.on_start_host(url):
                continue
            kind_url = site.classify(url)
            if kind_url is None or kind_url[0] == INDEX or kind_url[1] in seen:
                continue
            out.append((key, state.latest_title(self.store, key), url))
        return sorted(out)

    def _body(self, site: Site, url: str, kind: str, run_id: int, summary: CrawlSummary,
              stored_keys: set[str]) -> list[str]:
        """Fetch, compare and store one body; returns the links to follow (generic pages only)."""
        known = state.url_state(self.store, url)
        stored = known is not None and known["document_key"] != ""
        if stored:
            # linked from the index this time, whatever the fetch gives: not 索引から消えた
            stored_keys.add(known["document_key"])
        if stored and known["crawl_id"] == run_id:
            summary.resumed_skips += 1
            return []
        try:
            page = self.fetcher.get(url, etag=known["etag"] if stored else "",
                                    last_modified=known["last_modified"] if stored else "")
        except FetchError as exc:
            summary.failed.append((url, str(exc)))
            return []
        if page.not_modified:
            state.record_url(self.store, url, run_id, known["etag"], known["last_modified"],
                             known["body_hash"], known["document_key"])
            summary.unchanged += 1
            return []
        links = _links(page) if kind == PAGE else []
        body_hash = hashlib.sha256(page.content).hexdigest()
        if stored and known["body_hash"] == body_hash:
            state.record_url(self.store, url, run_id, page.etag, page.last_modified, body_hash,
                             known["document_key"])
            summary.unchanged += 1
            return links
        try:
            ordinance = parse_bytes(page.content, key=site.document_key(url), suffix=_suffix(url, page),
                                    source_url=url, content_type=page.content_type, name=url)
        except ParseError as exc:
            if kind == PAGE:
                return links          # a generic index page, not a failed body
            summary.failed.append((url, str(exc).removeprefix(f"{url}: ")))
            return []
        except Exception as exc:      # a parser bug must cost one page, not the whole crawl
            summary.failed.append((url, f"読み取り中に予期しないエラー({type(exc).__name__}: {exc})"))
            return links
        if kind == PAGE and not _is_ordinance(ordinance):
            return links
        ordinance.fetched_at = now_iso()
        status, _ = self.store.save_ordinance(ordinance)
        # Stored first, recorded second: if the crawl dies in between, the resumed run fetches the page
        # again and the store answers "unchanged" — no duplicate version, nothing lost.
        state.record_url(self.store, url, run_id, page.etag, page.last_modified, body_hash, ordinance.key)
        stored_keys.add(ordinance.key)
        summary.count(status)
        return links
