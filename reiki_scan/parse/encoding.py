"""Bytes of a saved file or a fetched page → text: UTF-8, Shift_JIS (cp932) or EUC-JP.

Used by the file reader (files.py) and the HTML adapters (html.py) alike, so neither imports the other.
"""

from __future__ import annotations

import codecs
import re


class UndecodableError(ValueError):
    """Bytes in no encoding a Japanese page uses (message in Japanese; the caller names the file)."""


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
        raise UndecodableError("文字コードを判別できません")
    return str(best)


_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.I)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.I)
# Sites that declare Shift_JIS use Microsoft's extension of it (①, 髙, ～), so read it as cp932.
_ALIASES = {"shift_jis": "cp932", "shift-jis": "cp932", "sjis": "cp932", "x-sjis": "cp932",
            "windows-31j": "cp932", "ms_kanji": "cp932", "euc-jp": "euc_jp", "x-euc-jp": "euc_jp"}


def _codec(name: str) -> str | None:
    name = _ALIASES.get(name.lower(), name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_html(data: bytes, content_type: str = "") -> str:
    """Bytes of a page → text: valid UTF-8, else the HTTP header's charset, then <meta charset>, then the bytes.

    Japanese text in Shift_JIS or EUC-JP is practically never valid UTF-8, while tenants that moved
    to UTF-8 often kept the old Shift_JIS label; so valid UTF-8 is trusted before any label. A label
    the bytes contradict (a strict decode fails) is ignored too.
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    declared = []
    if m := _HEADER_CHARSET.search(content_type or ""):
        declared.append(m.group(1))
    if m := _META_CHARSET.search(data[:4096]):
        declared.append(m.group(1).decode("ascii"))
    for name in declared:
        codec = _codec(name)
        if codec is None:
            continue
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue
    return decode_text(data)
