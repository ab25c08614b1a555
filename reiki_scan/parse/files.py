"""Saved files (.txt, .html/.htm, .pdf) → Ordinance. The document key is the file name without its extension."""

from __future__ import annotations

import re
from pathlib import Path

from ..model import Ordinance
from .lines import parse_text

SUFFIXES = (".txt", ".html", ".htm", ".pdf")


class ParseError(Exception):
    """A file that cannot be read as an ordinance (message in Japanese)."""


# Characters an ordinance is made of: kana, kanji, full-width punctuation and ASCII. Text decoded with
# the wrong Japanese codec turns into half-width katakana, private-use and rare symbols instead.
_PLAUSIBLE = re.compile(r"[\u3000-\u30ff\u4e00-\u9fff\uff01-\uff5e\u0020-\u007e\n\r\t]")


def _plausibility(text: str) -> float:
    return len(_PLAUSIBLE.findall(text)) / max(len(text), 1)


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), Shift_JIS (cp932) or EUC-JP, detected from the bytes.

    Short EUC-JP text often also decodes as cp932 (as half-width katakana), so when both Japanese
    codecs accept the bytes the one that yields ordinary Japanese characters wins.
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    candidates = []
    for encoding in ("cp932", "euc_jp"):
        try:
            candidates.append(data.decode(encoding))
        except UnicodeDecodeError:
            continue
    if candidates:
        return max(candidates, key=_plausibility)
    from charset_normalizer import from_bytes
    best = from_bytes(data).best()
    if best is None:
        raise ParseError("文字コードを判別できません")
    return str(best)


def parse_bytes(data: bytes, key: str, suffix: str, source_url: str = "", content_type: str = "",
                name: str = "") -> Ordinance:
    """Bytes of a .txt, .html/.htm or .pdf page → Ordinance (ParseError when it holds no provisions).

    ``name`` is how messages call the page (the file name or the URL); it defaults to the key.
    """
    name = name or key
    if suffix == ".txt":
        ordinance = parse_text(decode_text(data), key=key, source_url=source_url)
    elif suffix in (".html", ".htm"):
        from .html import parse_html
        ordinance = parse_html(data, key=key, url=source_url, content_type=content_type)
    elif suffix == ".pdf":
        from .pdf import PdfError, parse_pdf
        try:
            ordinance = parse_pdf(data, key=key, source_url=source_url)
        except PdfError as exc:
            raise ParseError(f"{name}: {exc}") from exc
    else:
        raise ParseError(f"{name}: この形式のファイルは読み込めません({', '.join(SUFFIXES)} に対応)")
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
