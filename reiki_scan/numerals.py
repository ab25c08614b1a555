"""漢数字 and full-width numerals → int, for provision paths (never for stored text)."""

from __future__ import annotations

import re

_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
_KANJI_DIGIT = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
                "六": 6, "七": 7, "八": 8, "九": 9, "壱": 1, "弐": 2, "参": 3}
_KANJI_UNIT = {"十": 10, "百": 100, "千": 1000}
_CIRCLED = {chr(0x2460 + i): i + 1 for i in range(20)}          # ①..⑳
_PAREN = {chr(0x2474 + i): i + 1 for i in range(20)}            # ⑴..⒇

NUM_CHARS = "0-9０-９〇零一二三四五六七八九十百千壱弐参"
NUM = f"[{NUM_CHARS}]+"


def to_int(text: str) -> int:
    """Convert '12', '１２', '十二', '百二十三', '一〇' to an int. ValueError if it is not a number."""
    s = text.strip().translate(_FULLWIDTH)
    if not s:
        raise ValueError("empty numeral")
    if s.isdigit():
        return int(s)
    if s in _CIRCLED:
        return _CIRCLED[s]
    if s in _PAREN:
        return _PAREN[s]
    if all(ch in _KANJI_DIGIT for ch in s):        # positional: 一〇 = 10
        return int("".join(str(_KANJI_DIGIT[ch]) for ch in s))
    total, current = 0, 0
    for ch in s:
        if ch in _KANJI_DIGIT:
            current = _KANJI_DIGIT[ch]
        elif ch in _KANJI_UNIT:
            total += (current or 1) * _KANJI_UNIT[ch]
            current = 0
        else:
            raise ValueError(f"not a numeral: {text!r}")
    return total + current


def halfwidth_digits(text: str) -> str:
    return text.translate(_FULLWIDTH)


_REF_NUM = re.compile(NUM)


def normalise_ref(text: str) -> str:
    """'第十五条の二第三項' → '第15条の2第3項': every numeral run to Arabic."""
    return _REF_NUM.sub(lambda m: str(to_int(m.group())), text)
