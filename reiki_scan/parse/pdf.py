"""PDF 例規本文 → Ordinance: pdfplumber text, wrapped lines rejoined, then LineParser."""

from __future__ import annotations

import io
import re

from ..model import Ordinance
from .lines import parse_lines


class PdfError(Exception):
    """A PDF that cannot be read (message in Japanese)."""


# A line that starts one of these is a new paragraph; anything else is the previous line wrapped at
# the page margin (reiki_systems.md §2.5, the 海士町 PDF splitter). Rejoining matters: a keyword cut
# by the margin (掲／示) would otherwise never match. 「第2 …」 opens an article of a 要綱 numbered without 条.
# 「1. …」 opens a paragraph numbered with a full stop, as 「1 …」 does (not a decimal: 1.5倍).
_STARTS_PARAGRAPH = re.compile(
    r"^(?:[○〇◯]|第[0-9０-９一二三四五六七八九十百]+(?:[条章節款目編]|[\s\u3000])|[0-9０-９]+[.．]?[\s\u3000]|[(（]|[\u2474-\u2487]"
    r"|[一二三四五六七八九十]+[\s\u3000]|附[\s\u3000]*則|別表|別記|様式|改正|(?:明治|大正|昭和|平成|令和)\S*年\S*月\S*日"
    r"|[アイウエオカキクケコサシスセソタチツテト][\s\u3000]|\S*第[0-9０-９一二三四五六七八九十百]+号$)")
# A line that is whole by itself (題名, 附則, 章名, 公布日, 番号, or one ending a sentence or a
# parenthesis): the next line never continues it.
_COMPLETE = re.compile(
    r"(?:^(?:[○〇◯]|附[\s\u3000]*則|第[0-9０-９一二三四五六七八九十百]+[章節款目編])|[。)）]$"
    r"|^(?:明治|大正|昭和|平成|令和)\S*年\S*月\S*日$|^\S*第[0-9０-９一二三四五六七八九十百]+号$)")
# Running page furniture: 「- 3 -」, 「3」, 「3/12」, 「3 / 12 ページ」.
_PAGE_NUMBER = re.compile(r"^[-‐―－\s]*[0-9０-９]+(?:\s*[/／]\s*[0-9０-９]+)?(?:\s*ページ)?[-‐―－\s]*$")


def pdf_text_lines(data: bytes) -> list[str]:
    """Text lines of every page, page numbers dropped."""
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psexceptions import PSException
    from pdfplumber.utils.exceptions import PdfminerException
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = [page.extract_text() or "" for page in pdf.pages]
    except (PdfminerException, PDFSyntaxError, PSException, ValueError, KeyError, TypeError) as exc:
        raise PdfError(f"PDF を読めません(壊れているか、PDF ではありません): {exc}") from exc
    lines = [line.strip() for page in pages for line in page.splitlines()]
    return [line for line in lines if line and not _PAGE_NUMBER.match(line)]


def rejoin(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        if out and not _STARTS_PARAGRAPH.match(line) and not _COMPLETE.search(out[-1]):
            out[-1] += line
        else:
            out.append(line)
    return out


def parse_pdf(data: bytes, key: str, source_url: str = "") -> Ordinance:
    lines = pdf_text_lines(data)
    if not lines:
        raise PdfError("PDF に文字がありません(画像だけの PDF は読めません)")
    return parse_lines(rejoin(lines), key, source_url=source_url)
