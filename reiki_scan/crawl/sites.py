"""Site adapters (サイト別の巡回方法): which links of a 例規集 are index pages and which are 本文.

Discovery follows the links a page actually contains ("discover, don't guess", reiki_systems.md
§7.2); an adapter only classifies them and names the document a body URL holds. Every adapter
stays below the directory of the 例規集 it started in, so a municipality's news pages are never
walked.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from urllib.parse import quote, urljoin, urlsplit, urlunsplit

from bs4 import BeautifulSoup

BODY, INDEX, PAGE = "body", "index", "page"      # PAGE: generic, a body or an index, known after parsing

_WHITESPACE = re.compile(r"\s+")
_OPEN_RES = re.compile(r"OpenResDataWin\(\s*['\"]([A-Za-z0-9]+)['\"]\s*\)")
# Pages reached by script instead of href: the じょうれいくん landing page has
# <button onclick="location.href='aggregate/catalog/index.html'"> (i8ei/local-councilor-ai-os,
# test_vendor_joureikun.py, 興部町), and some Reiki-Base lists open bodies with
# onclick="window.open('../reiki_honbun/….html')" (bokuweb/celso, scripts/fetch_reiki.py).
_SCRIPT_TARGET = re.compile(
    r"(?:location\.href\s*=|location\.assign\(|window\.open\()\s*['\"]([^'\"]+\.html?(?:[?#][^'\"]*)?)['\"]", re.I)
_SKIP_SCHEMES = ("javascript:", "mailto:", "tel:", "#", "data:")


def clean_url(url: str, keep_query: bool = True) -> str:
    """Drop the fragment (and the query when it only points into the page, like ?id=j8_k1_g2)."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", parts.query if keep_query else "", ""))


def page_links(page_url: str, html: str, as_written: dict[str, str] | None = None) -> list[str]:
    """Every link target of a page: <a href>, <area href>, <frame>/<iframe src>, the d1w
    ``javascript:OpenResDataWin('H…')`` list rows and script navigation in ``onclick``
    (location.href / window.open), resolved and in page order.

    Raw whitespace in an href is dropped: 与那国町 writes 'r_taikei_13_08_01_ 1.html' for the file
    r_taikei_13_08_01_1.html. 阿久根市 writes the same but its file name really has the space
    (mimidesunya/miyabe-tools, test_taikei_taxonomy_links.php), so when ``as_written`` is given it
    maps each such cleaned URL to the spelling as written (%20), for a second try after a 404.
    """
    soup = BeautifulSoup(html, "lxml")
    out: list[str] = []
    for tag in soup.find_all(["a", "area", "frame", "iframe", "button", "input", "li", "td", "tr", "div", "span"]):
        raw = tag.get("href") if tag.name in ("a", "area") else tag.get("src") if tag.name in ("frame", "iframe") else ""
        for attr in (raw or "", tag.get("onclick") or ""):
            if m := _OPEN_RES.search(attr):
                # the list page's script opens './{hno}/{hno}.html', a frameset over the 本文 '_j' page
                out.append(urljoin(page_url, f"{m.group(1)}/{m.group(1)}.html"))
            elif m := _SCRIPT_TARGET.search(attr):
                out.append(urljoin(page_url, _WHITESPACE.sub("", m.group(1))))
        if not raw:
            continue
        href = _WHITESPACE.sub("", raw)
        if href and not href.lower().startswith(_SKIP_SCHEMES):
            url = urljoin(page_url, href)
            out.append(url)
            if as_written is not None and href != raw.strip():
                as_written[clean_url(url)] = clean_url(urljoin(page_url, quote(raw.strip(), safe="/:?#=&%~+,;@")))
    return out


_ERA_DATE = r"(?:明治|大正|昭和|平成|令和)(?:元|[0-9０-９]{1,2})年[0-9０-９]{1,2}月[0-9０-９]{1,2}日"
# 「内容現在：令和8年8月13日」 (d1w div#current, miyabe-tools taikei.php) and
# 「〇〇例規集　現在 令和8年7月1日」 (Reiki-Base reiki_menu.html, bokuweb/lawrenceanum gyosei.rs).
_CONTENT_AS_OF = (re.compile(rf"内容現在\s*[：:]?\s*({_ERA_DATE})"),
                  re.compile(rf"例規集?[\s\u3000]*(?:[（(][^）)]*)?現在[\s\u3000]*[：:]?[\s\u3000]*({_ERA_DATE})"),
                  re.compile(rf"({_ERA_DATE})[\s\u3000]*現在"))


def content_as_of(html: str) -> str:
    """The 例規集's 「内容現在」 date as the page writes it (e.g. 令和8年7月1日), or ''."""
    text = re.sub(r"<[^>]+>", " ", html[:200_000])
    text = re.sub(r"[\s\u3000]+", " ", text.replace("&nbsp;", " "))
    for pattern in _CONTENT_AS_OF:
        if m := pattern.search(text):
            return m.group(1)
    return ""


def _directory(url: str) -> str:
    path = urlsplit(url).path
    return path if path.endswith("/") else path.rsplit("/", 1)[0] + "/"


def _is_html(path: str) -> bool:
    return path.endswith("/") or PurePosixPath(path).suffix.lower() in (".html", ".htm", "")


class Site:
    """Generic 例規集: every HTML page below the start directory is read; PDF links are bodies."""

    name = "汎用(開始ページ以下のリンク)"

    def __init__(self, start_url: str):
        self.start_url = clean_url(start_url)
        self.base = self._base(self.start_url)

    def _base(self, start_url: str) -> str:
        return _directory(start_url)

    def below_base(self, url: str) -> bool:
        return urlsplit(url).path.startswith(self.base)

    def classify(self, url: str) -> tuple[str, str] | None:
        """(kind, canonical URL) of a link, or None when the crawl should not follow it."""
        url = clean_url(url)
        path = urlsplit(url).path
        if not self.below_base(url):
            return None
        if path.lower().endswith(".pdf"):
            return BODY, url
        if _is_html(path):
            return PAGE, url
        return None

    def document_key(self, url: str) -> str:
        """Stable key from the URL: the path below the start directory, without extension."""
        rel = urlsplit(url).path[len(self.base):] if self.below_base(url) else urlsplit(url).path
        rel = re.sub(r"\.(html?|pdf)$", "", rel.strip("/"), flags=re.I) or "index"
        return re.sub(r"[^0-9A-Za-z_.-]+", "_", rel)


class ReikiBaseSite(Site):
    """ぎょうせい Reiki-Base: reiki_menu → reiki_taikei / reiki_kana → reiki_honbun/{tenant}RG{8}.html."""

    name = "ぎょうせい Reiki-Base"
    _BODY = re.compile(r"/reiki_honbun/([a-z]\d{3}RG\d{8})\.html?$", re.I)

    def _base(self, start_url: str) -> str:
        directory = _directory(start_url)
        # started on a body or an index page: the 例規集 root is one level up
        return re.sub(r"(reiki_honbun|reiki_taikei|reiki_kana|reiki_bunya)/$", "", directory)

    def classify(self, url: str) -> tuple[str, str] | None:
        url = clean_url(url, keep_query=False)
        path = urlsplit(url).path
        if not self.below_base(url):
            return None
        if self._BODY.search(path):
            return BODY, url
        if "/reiki_honbun/" in path or not _is_html(path):
            return None               # form files (word/…rtf) and anything not a page
        rel = path[len(self.base):]
        if "/" in rel and not re.match(r"reiki_[a-z]+/", rel):
            # The export keeps its indexes in reiki_taikei/, reiki_kana/, reiki_miseko/ … next to the menu.
            # Some tenants put the menu in a folder shared with the rest of the town's site
            # (橋本市 …/section/reiki_menu.html, bokuweb/celso's site list): do not walk that site.
            return None
        return INDEX, url

    def document_key(self, url: str) -> str:
        m = self._BODY.search(urlsplit(url).path)
        return m.group(1) if m else super().document_key(url)


class D1wSite(Site):
    """第一法規 d1w_reiki: reiki.html (frames) → mokuji / index lists → {hno}/{hno}_j.html."""

    name = "第一法規 例規類集 (d1w_reiki)"
    _BODY = re.compile(r"/([A-Z]\d{6,}[0-9A-Z]*)/\1(?:_j)?\.html?$")

    def _base(self, start_url: str) -> str:
        path = urlsplit(start_url).path
        if "/d1w_reiki/" in path:
            return path[:path.index("/d1w_reiki/") + len("/d1w_reiki/")]
        return _directory(start_url)

    def classify(self, url: str) -> tuple[str, str] | None:
        url = clean_url(url)
        path = urlsplit(url).path
        if not self.below_base(url):
            return None
        if m := self._BODY.search(path):
            # {hno}.html is a frameset over the 条文目次 and the 本文: fetch the 本文 ('_j') directly
            hno = m.group(1)
            return BODY, urljoin(url, f"{hno}_j.html")
        if re.search(r"_m\.html?$", path) or not _is_html(path):
            return None
        return INDEX, url

    def document_key(self, url: str) -> str:
        m = self._BODY.search(urlsplit(url).path)
        return m.group(1) if m else super().document_key(url)


class JoureikunSite(Site):
    """クレステック じょうれいくん and its successor LegalCrud (one engine, reiki_systems.md §2.5).

    Current: {base}/aggregate/catalog/index.html → {base}/act/{n}.html, n like 119000078; the
    landing page {base} reaches the catalog through a button's onclick. Old v5 HTML export:
    …/JoureiV5HTMLContents/aggregate/catalog/result/catalog.htm → act/frame/frame{n}.htm, a frameset
    over the 本文 act/content/content{n}.htm, which is fetched directly.
    """

    name = "クレステック じょうれいくん / LegalCrud"
    _BODY = re.compile(r"/act/(\d+)\.html?$")
    _DATED = re.compile(r"/act/\d+_\d{8}\.html?$")
    _V5 = re.compile(r"/act/(?:frame/frame|content/content)([0-9A-Za-z]+)\.html?$", re.I)

    def _base(self, start_url: str) -> str:
        path = urlsplit(start_url).path
        for marker in ("/aggregate/", "/act/"):
            if marker in path:
                return path[:path.index(marker) + 1]
        return _directory(start_url)

    def classify(self, url: str) -> tuple[str, str] | None:
        url = clean_url(url, keep_query=False)
        path = urlsplit(url).path
        if not self.below_base(url) or self._DATED.search(path):
            # act/3_20200101.html is the text as of another date; act/3.html is the one in force
            return None
        if self._BODY.search(path):
            return BODY, url
        if m := self._V5.search(path):
            return BODY, urljoin(url, f"../content/content{m.group(1)}.htm")
        return (INDEX, url) if _is_html(path) else None

    def document_key(self, url: str) -> str:
        path = urlsplit(url).path
        m = self._BODY.search(path) or self._V5.search(path)
        return f"act{m.group(1)}" if m else super().document_key(url)


_REIKI_BASE_LINKS = re.compile(r"reiki_honbun/|reiki_taikei/|reiki_kana/")
_D1W_LINKS = re.compile(r"mokuji_(?:index|bunya)\w*\.html|/H\d{6,}\w*/H\d{6,}")
_JOUREIKUN_LINKS = re.compile(r"/aggregate/catalog/|/act/\d+\.html|joureikun|legalcrud", re.I)


def detect_site(start_url: str, html: str) -> Site:
    """Pick the adapter from what the start page links to, else from the start URL.

    The markup decides because the address misleads: 品川区 serves a d1w tree at
    …/reiki/reiki_menu.html and 福岡市 a Reiki-Base one at …/d1w_reiki/reiki.html (bokuweb/celso,
    scripts/fetch_reiki.py). The URL still decides for a start page that is itself a body.
    """
    parts = urlsplit(start_url)
    where = parts.netloc + parts.path
    if re.search(r"/reiki_honbun/[a-z]\d{3}RG\d{8}\.html?$", parts.path, re.I):
        return ReikiBaseSite(start_url)
    if re.search(r"/act/\d+(?:_\d{8})?\.html?$", parts.path) and re.search(r"joureikun|legalcrud", where):
        return JoureikunSite(start_url)
    links = " ".join(page_links(start_url, html)) + " " + html[:20000]
    if _REIKI_BASE_LINKS.search(links):
        return ReikiBaseSite(start_url)
    if _OPEN_RES.search(html) or _D1W_LINKS.search(links):
        return D1wSite(start_url)
    if _JOUREIKUN_LINKS.search(links) and re.search(r"catalog|/act/", links):
        return JoureikunSite(start_url)
    if re.search(r"reiki_menu|reiki_honbun|reiki_taikei|reiki_kana|g-reiki\.net", where):
        return ReikiBaseSite(start_url)
    if "d1w_reiki" in where:
        return D1wSite(start_url)
    if re.search(r"joureikun|legalcrud|JoureiV5HTMLContents", where, re.I):
        return JoureikunSite(start_url)
    if re.search(r"reiki_menu", links):
        return ReikiBaseSite(start_url)
    return Site(start_url)
