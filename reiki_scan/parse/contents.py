"""目次 (table of contents) at the head of a 例規 with chapters: recognised so it never becomes provisions.

A 目次 lists 章・節 with the articles they hold and usually ends with an entry 「附則」:

    目次
    第1章 総則(第1条・第2条)
    第2章 排水設備(第3条―第8条)
    附則
    第1章 総則          ← the body starts: the first entry's label comes again

Read as body text, 「目次」 would become a 前文 and the entry 「附則」 would turn every article after it
into 附則. The entries are context, like chapter headings, so they are consumed and kept nowhere.
"""

from __future__ import annotations

import re

from ..numerals import NUM, normalise_ref

SP = r"[\s\u3000]"
RE_TOC_START = re.compile(rf"^目{SP}*次$")
#: 第2章 排水設備(第3条―第8条): a division with the range of articles it holds
RE_DIVISION = re.compile(rf"^(第{NUM}[編章節款目])(?:{SP}*(.*))?$")
RE_ARTICLE_RANGE = re.compile(rf"[(（]第{NUM}条[^()（）]*[)）]$")
#: entries other than divisions: 前文, 附則, 別表 and 様式 (a short line, possibly with its own range)
RE_OTHER_ENTRY = re.compile(rf"^(?:前{SP}*文|附{SP}*則|別表(?:{SP}*第{NUM})?|(?:別記)?様式(?:{SP}*第{NUM}号)?)"
                            rf"{SP}*(?:[(（][^()（）]*[)）])?$")


def division_label(line: str) -> str:
    """「第２章　排水設備」 → 「第2章」 ('' when the line is not a 編・章・節 line)."""
    m = RE_DIVISION.match(line)
    return normalise_ref(m.group(1)) if m else ""


def opens_contents(line: str) -> bool:
    """「目次」, or a 章 entry with its article range (a 目次 whose heading the source left out)."""
    return bool(RE_TOC_START.match(line) or (division_label(line) and RE_ARTICLE_RANGE.search(line)))


class TableOfContents:
    """Consumes the entries of one 目次, and the body's first 章 heading that ends it."""

    def __init__(self) -> None:
        self.first_label = ""
        self.done = False

    def take(self, line: str) -> bool:
        """Whether ``line`` was the 目次's (``done`` is set once the body has begun)."""
        if RE_TOC_START.match(line):
            return True
        if label := division_label(line):
            if label == self.first_label:
                self.done = True              # the body's first heading: context, like the entries
            self.first_label = self.first_label or label
            return True
        if RE_OTHER_ENTRY.match(line):
            return True
        self.done = True
        return False
