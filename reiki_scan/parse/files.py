"""Saved files (.txt, .html/.htm, .pdf) → Ordinance. The document key is the file name without its extension."""

from __future__ import annotations

from pathlib import Path

from ..model import Ordinance
from .encoding import UndecodableError, decode_text
from .html import parse_html
from .lines import parse_text
from .pdf import PdfError, parse_pdf

SUFFIXES = (".txt", ".html", ".htm", ".pdf")


class ParseError(Exception):
    """A file that cannot be read as an ordinance (message in Japanese)."""


def parse_bytes(data: bytes, key: str, suffix: str, source_url: str = "", content_type: str = "",
                name: str = "") -> Ordinance:
    """Bytes of a .txt, .html/.htm or .pdf page → Ordinance (ParseError when it holds no provisions).

    ``name`` is how messages call the page (the file name or the URL); it defaults to the key.
    """
    name = name or key
    try:
        if suffix == ".txt":
            ordinance = parse_text(decode_text(data), key=key, source_url=source_url)
        elif suffix in (".html", ".htm"):
            ordinance = parse_html(data, key=key, url=source_url, content_type=content_type)
        elif suffix == ".pdf":
            ordinance = parse_pdf(data, key=key, source_url=source_url)
        else:
            raise ParseError(f"{name}: この形式のファイルは読み込めません({', '.join(SUFFIXES)} に対応)")
    except (PdfError, UndecodableError) as exc:
        raise ParseError(f"{name}: {exc}") from exc
    if not ordinance.provisions:
        raise ParseError(f"{name}: 条文が見つかりません(例規の本文ではないようです)")
    return ordinance


def parse_file(path: Path) -> Ordinance:
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ParseError(f"{path.name}: この形式のファイルは読み込めません({', '.join(SUFFIXES)} に対応)")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ParseError(f"{path} を読めません: {exc.strerror}") from exc
    return parse_bytes(data, key=path.stem, suffix=suffix, source_url=path.resolve().as_uri(), name=path.name)


def collect_files(paths: list[Path]) -> list[Path]:
    """Files to import: the given files, and every supported file below given folders, in name order."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(sorted(p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file()))
        elif path.is_file():
            out.append(path)
        else:
            raise ParseError(f"{path} が見つかりません")
    return out
