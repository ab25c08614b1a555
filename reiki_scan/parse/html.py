"""HTML 例規本文 pages → Ordinance: one adapter per vendor layout, all feeding LineParser.

Each adapter turns its markup into ``Line`` objects in document order; LineParser rebuilds the
条・項・号 hierarchy from them, so every layout gets the same canonical paths. The layout is chosen
from the markup first (a tenant listed under one vendor may serve another vendor's body, see
reiki_systems.md §2.2 "Variant"), then from the URL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Iterator

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from ..model import Ordinance
from ..numerals import halfwidth_digits
from .encoding import decode_html
from .lines import LineParser

REIKI_BASE, D1W, JOUREIKUN, GENERIC = "reiki_base", "d1w", "joureikun", "generic"

LINE, NOTE, CONTINUATION = "line", "note", "continuation"


@dataclass(frozen=True)
class Line:
    """One logical line of a body page.

    ``role`` tells LineParser how to take it: LINE is classified by its leading marks (第N条, 2, (1),
    附則 …); NOTE is a 沿革・施行 annotation kept out of the text; CONTINUATION (table rows) belongs
    to the provision above whatever it starts with, since a cell may begin with 「1」 or 「第3条」.
    """

    text: str
    role: str = LINE


# ---- layout detection --------------------------------------------------------------------------

def detect_layout(soup: BeautifulSoup, url: str = "") -> str:
    """reiki_systems.md §7.3: markup decides; the URL only breaks ties for markup-less pages."""
    if soup.select_one("div.eline"):
        return REIKI_BASE
    if soup.select_one('div.danraku-normal[id^="h:"]'):
        return D1W
    if soup.select_one("div.contentWrap") and (soup.select_one("div.mainTitle, #name")
                                               or re.search(r"joureikun|legalcrud", url)):
        return JOUREIKUN
    if re.search(r"joureikun|legalcrud", url) or soup.select_one("div.joureikun-body"):
        return JOUREIKUN
    return GENERIC


# ---- text helpers ------------------------------------------------------------------------------

_SOURCE_BREAKS = re.compile(r"[ \t]*[\r\n]+[ \t]*")


def _text(node: Tag | NavigableString) -> str:
    """Text of an element as published: source line breaks inside Japanese text are layout, not text."""
    raw = node.get_text("") if isinstance(node, Tag) else str(node)
    return _SOURCE_BREAKS.sub("", raw).replace("\u00a0", " ").strip()


def _table_rows(table: Tag) -> Iterator[Line]:
    for row in table.find_all("tr"):
        if "fixed-colspec" in (row.get("class") or []):
            continue                      # Reiki-Base column widths, no text
        cells = [_text(c) for c in row.find_all(["td", "th"], recursive=False)]
        if any(cells):
            yield Line("　".join(c for c in cells if c), CONTINUATION)


# ---- ぎょうせい Reiki-Base ---------------------------------------------------------------------

def reiki_base_lines(soup: BeautifulSoup) -> Iterator[Line]:
    """div#primary div.eline, one logical line each (reiki_systems.md §2.1, "Body markup")."""
    root = soup.select_one("#primary") or soup
    for eline in root.select("div.eline"):
        for block in eline.find_all(True, recursive=False):
            classes = set(block.get("class") or [])
            if classes & {"revise_record", "note"}:
                yield Line(_text(block), NOTE)
            elif classes & {"table_frame"}:
                for table in block.find_all("table"):
                    yield from _table_rows(table)
            elif classes & {"xref_frame"}:
                continue                  # thumbnail of a form file: no text
            elif classes & {"head", "article", "clause", "item"} or any(c.startswith("subitem") for c in classes):
                # 見出し (p.title), the numbered line (p.num) and unnumbered 附則 text (p.p) are separate <p>s
                for para in block.find_all("p", recursive=False) or [block]:
                    yield Line(_text(para))
            else:
                yield Line(_text(block))


def reiki_base_metadata(soup: BeautifulSoup) -> dict:
    """体系 and 最終改正 from the side panel (div#secondary), when the page shows them."""
    meta = {}
    if taxonomy := soup.select_one("#shoshi-inf span.taikei-item"):
        meta["taxonomy"] = _text(taxonomy)
    rows = soup.select("#shoshi-inf table tr")
    if len(rows) > 1:
        # The 沿革 table lists ◆制定 then ◇改正 in date order; its last row is the latest amendment.
        cells = [_text(td) for td in rows[-1].find_all("td")[1:]]
        meta["last_amended"] = "".join(cells)
    return meta


# ---- 第一法規 d1w_reiki ------------------------------------------------------------------------

_D1W_KIND = re.compile(r"^h:([A-Za-z]+\d*):")


def d1w_lines(soup: BeautifulSoup) -> Iterator[Line]:
    """div.danraku-normal with id ``h:{kind}:…`` (reiki_systems.md §2.2): the kind says what a line is."""
    root = soup.select_one("div.USER-SET-STYLE") or soup
    for node in root.find_all(["div", "table"]):
        if node.name == "table":
            # a table inside a danraku line is already in that line's text
            if not node.find_parent("table") and not node.find_parent("div", class_="danraku-normal"):
                yield from _table_rows(node)
            continue
        if "danraku-normal" not in (node.get("class") or []):
            continue
        kind = m.group(1) if (m := _D1W_KIND.match(node.get("id", ""))) else ""
        text = _text(node)
        if kind == "dG10" or not text:
            continue                      # the 題名 repeated under the header
        if kind in ("sO10", "kO10"):
            # 「附　則（令和７年12月10日条例第36号）」: the 附則 label is a key, so write it the way
            # Reiki-Base pages do (half-width digits and parentheses).
            text = halfwidth_digits(text).replace("（", "(").replace("）", ")")
        yield Line(text)


# ---- generic HTML (also じょうれいくん and saved pages of unknown origin) -----------------------

_BLOCKS = {"p", "div", "li", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote",
           "section", "article", "main", "ul", "ol", "dl", "center", "form", "fieldset", "address"}
_SKIP = {"script", "style", "noscript", "head", "nav", "header", "footer", "button", "select",
         "textarea", "iframe", "frame", "frameset", "img"}


def _walk(node: Tag, out: list[Line], buf: list[str]) -> None:
    def flush() -> None:
        text = _SOURCE_BREAKS.sub("", "".join(buf)).replace("\u00a0", " ").strip()
        buf.clear()
        if text:
            out.append(Line(text))

    for child in node.children:
        if isinstance(child, Comment):
            continue
        if isinstance(child, NavigableString):
            buf.append(str(child))
        elif not isinstance(child, Tag) or child.name in _SKIP:
            continue
        elif child.name == "br":
            flush()
        elif child.name == "table":
            flush()
            rows = child.find_all("tr")
            if all(len(r.find_all(["td", "th"], recursive=False)) <= 1 for r in rows):
                # one cell per row is page layout (a table used as a frame), not a 表
                for row in rows:
                    _walk(row, out, buf)
                    flush()
            else:
                out.extend(_table_rows(child))
        elif child.name in _BLOCKS or child.name in ("tr", "td", "th"):
            flush()
            _walk(child, out, buf)
            flush()
        else:
            _walk(child, out, buf)
    flush()


def generic_lines(soup: BeautifulSoup, root: Tag | None = None, title_fallback: bool = True) -> list[Line]:
    """Text of block elements, one line each, starting at the 題名 (the first line with ○);
    without one, the page's <title> is put first (unless ``title_fallback`` is off)."""
    out: list[Line] = []
    _walk(root or soup.body or soup, out, [])
    starts = [i for i, line in enumerate(out) if line.text[:1] in "○〇◯"]
    if starts:
        return out[starts[0]:]
    title = _text(soup.title) if soup.title and title_fallback else ""
    if title and not any(line.text == title for line in out[:3]):
        return [Line(title)] + out
    return out


def joureikun_lines(soup: BeautifulSoup) -> list[Line]:
    """じょうれいくん / LegalCrud act pages (one engine, reiki_systems.md §2.5).

    No saved act page was found in public code. The selectors below are the ones
    mimidesunya/miyabe-tools reads from the live pages (tools/reiki/scrapers/joureikun.py):
    ``div.mainTitle`` (題名; ``#name`` with a leading ○ on some pages), ``div.date`` (公布日 and 番号
    run together: 「平成17年8月19日総務省告示第955号」) and ``div.contentWrap`` (本文). What
    contentWrap holds inside is not documented, so it is read like generic HTML. The older
    ``div.joureikun-body`` container of our first synthetic fixture is still accepted.
    """
    body = soup.select_one("div.contentWrap") or soup.select_one("div.joureikun-body")
    title_node = soup.select_one("div.mainTitle") or soup.select_one("#name")
    date_node = soup.select_one("div.date")
    head: list[Line] = []
    if title_node is not None and not (body and title_node in body.descendants):
        title = _text(title_node).lstrip("○〇◯ ")
        if title:
            head.append(Line("○" + title))
    date = _text(date_node) if date_node is not None and not (body and date_node in body.descendants) else ""
    if date:
        head.append(Line(date))
    lines = generic_lines(soup, body, title_fallback=not head)
    if head and lines and lines[0].text == head[0].text:
        lines = lines[1:]            # the body repeats the 題名
    return head + lines


def joureikun_metadata(soup: BeautifulSoup) -> dict:
    """体系 from the page's ``div.taikei`` list (miyabe-tools joins its <li> with " / ")."""
    taikei = soup.select_one("div.taikei")
    if taikei is None:
        return {}
    parts = [t for t in (_text(li) for li in taikei.find_all("li")) if t]
    return {"taxonomy": "/".join(parts)} if parts else {}


# ---- entry point -------------------------------------------------------------------------------

def html_lines(soup: BeautifulSoup, layout: str) -> Iterable[Line]:
    if layout == REIKI_BASE:
        return reiki_base_lines(soup)
    if layout == D1W:
        return d1w_lines(soup)
    if layout == JOUREIKUN:
        return joureikun_lines(soup)
    return generic_lines(soup)


def feed_lines(lines: Iterable[Line], key: str) -> LineParser:
    """Hand the lines to LineParser. Markup already says what a note or a table row is, so those
    bypass LineParser's text classifier."""
    parser = LineParser(key)
    for line in lines:
        if line.role == NOTE:
            parser.add_note(line.text)
        elif line.role == CONTINUATION:
            parser.add_continuation(line.text)
        else:
            parser.feed(line.text)
    return parser


def parse_html(data: bytes, key: str, url: str = "", content_type: str = "") -> Ordinance:
    """A body page's bytes → Ordinance (provisions may be empty when the page is not a 例規)."""
    soup = BeautifulSoup(decode_html(data, content_type), "lxml")
    layout = detect_layout(soup, url)
    parser = feed_lines(html_lines(soup, layout), key)
    meta = (reiki_base_metadata(soup) if layout == REIKI_BASE
            else joureikun_metadata(soup) if layout == JOUREIKUN else {})
    if meta.get("last_amended"):
        parser.last_amended = meta.pop("last_amended")
    return parser.ordinance(source_url=url, **meta)
