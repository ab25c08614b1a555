"""Saved files (.txt, .html/.htm, .pdf) → Ordinance. The document key is the file name without its extension."""

from __future__ import annotations

from pathlib import Path

from ..model import Ordinance
from .lines import parse_text

SUFFIXES = (".txt", ".html", ".htm", ".pdf")


class ParseError(Exception):
    """A file that cannot be read as an ordinance (message in Japanese)."""


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), Shift_JIS (cp932) or EUC-JP, detected from the bytes."""
    for encoding in ("utf-8-sig", "cp932", "euc_jp"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    from charset_normalizer import from_bytes
    best = from_bytes(data).best()
    if best is None:
        raise ParseError("文字コードを判別できません")
    return str(best)


def parse_file(path: Path) -> Ordinance:
    suffix = path.suffix.lower()
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ParseError(f"{path} を読めません: {exc.strerror}") from exc
    if suffix == ".txt":
        ordinance = parse_text(decode_text(data), key=path.stem, source_url=path.resolve().as_uri())
    else:
        raise ParseError(f"{path.name}: この形式のファイルは読み込めません({', '.join(SUFFIXES)} に対応)")
    if not ordinance.provisions:
        raise ParseError(f"{path.name}: 条文が見つかりません(例規の本文ではないようです)")
    return ordinance


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
