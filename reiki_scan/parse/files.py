"""Saved files (.txt, .html/.htm, .pdf) → Ordinance, each with its document key (キー).

A file named on the command line is keyed by its name without the extension (d01.txt → d01); a file
found in a named folder by its path below that folder (条例/1.txt → 条例/1). Saved 例規 pages are often
filed in folders that repeat names, and two ordinances must never share a key: the second would be
stored as a new version of the first.
"""

from __future__ import annotations

from dataclasses import dataclass
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


def parse_file(path: Path, key: str = "") -> Ordinance:
    """A saved file → Ordinance under ``key`` (default: the file name without its extension)."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ParseError(f"{path.name}: この形式のファイルは読み込めません({', '.join(SUFFIXES)} に対応)")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ParseError(f"{path} を読めません: {exc.strerror}") from exc
    return parse_bytes(data, key=key or path.stem, suffix=suffix, source_url=source_url(path), name=path.name)


def source_url(path: Path) -> str:
    """Where a saved file came from, as recorded with its versions (file:// URL)."""
    return path.resolve().as_uri()


@dataclass(frozen=True)
class Source:
    """A saved file and the document key (キー) it is read under."""
    path: Path
    key: str


def collect_sources(paths: list[Path]) -> list[Source]:
    """The given files, and every supported file below given folders (in name order), with their keys."""
    out: list[Source] = []
    for path in paths:
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file())
            out.extend(Source(p, p.relative_to(path).with_suffix("").as_posix()) for p in files)
        elif path.is_file():
            out.append(Source(path, path.stem))
        else:
            raise ParseError(f"{path} が見つかりません")
    unique, seen = [], set()
    for source in out:          # a file reached twice (named, and in a named folder) is read once
        where = source.path.resolve()
        if where not in seen:
            seen.add(where)
            unique.append(source)
    return unique


def separate_clashes(sources: list[Source]) -> tuple[list[Source], list[str]]:
    """(sources whose key is their own, one message per key that several files would share).

    Files that clash are all left out: reading one as a version of another would mix two ordinances
    (条例/1.txt and 規則/1.txt given as two folders), or two copies of one (d01.txt beside d01.pdf).
    """
    by_key: dict[str, list[Source]] = {}
    for source in sources:
        by_key.setdefault(source.key, []).append(source)
    kept = [s for s in sources if len(by_key[s.key]) == 1]
    problems = [f"{'、'.join(str(s.path) for s in group)}: 例規のキーがどれも「{key}」になるため、"
                f"どれも取り込んでいません(ファイル名を変えるか、これらをまとめたフォルダを指定してください)"
                for key, group in by_key.items() if len(group) > 1]
    return kept, problems
