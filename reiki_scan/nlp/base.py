"""The parser protocol and the token table (解析結果) that the engine and the cache share.

A parse is stored as a list of token rows ``[text, whitespace, lemma, norm, pos, tag, dep, head]``
(head = absolute index inside the sentence). Rows are model-independent plain data, so the
engine can be tested on hand-made parses and a cached parse needs no model to be rebuilt.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, Sequence

from spacy.tokens import Doc
from spacy.vocab import Vocab

Row = list  # [text, ws, lemma, norm, pos, tag, dep, head]


@dataclass
class ParsedSentence:
    text: str
    rows: list[Row]


class Parser(Protocol):
    """What the engine needs from a dependency parser."""

    #: model and version, recorded with every scan and part of the cache key
    model: str

    def parse(self, sentences: Sequence[str]) -> list[ParsedSentence]: ...


_VOCAB: Vocab | None = None


def shared_vocab() -> Vocab:
    global _VOCAB
    if _VOCAB is None:
        _VOCAB = Vocab()
    return _VOCAB


def build_doc(rows: Sequence[Row], vocab: Vocab | None = None) -> Doc:
    """Rebuild a spaCy Doc from token rows (for Matcher / DependencyMatcher)."""
    vocab = vocab or shared_vocab()
    if not rows:
        return Doc(vocab, words=[])
    words = [r[0] for r in rows]
    spaces = [bool(r[1]) for r in rows]
    doc = Doc(vocab, words=words, spaces=spaces, lemmas=[r[2] or r[0] for r in rows],
              pos=[r[4] or "X" for r in rows], tags=[r[5] or "" for r in rows],
              deps=[r[6] or "dep" for r in rows], heads=[int(r[7]) for r in rows])
    for token, row in zip(doc, rows):
        token.norm_ = row[3] or row[0]
    return doc


class TableParser:
    """A parser from hand-made token tables (tests): sentence → rows, or a whitespace split.

    ``table`` maps a sentence to rows; an unknown sentence becomes one NOUN per character
    attached to the last token, enough for lexical rules.
    """

    model = "table/0"

    def __init__(self, table: dict[str, list[Row]] | None = None):
        self.table = table or {}
        self.calls: list[str] = []

    def parse(self, sentences: Sequence[str]) -> list[ParsedSentence]:
        out = []
        for s in sentences:
            self.calls.append(s)
            rows = self.table.get(s)
            if rows is None:
                last = len(s) - 1
                rows = [[ch, "", ch, ch, "NOUN", "", "ROOT" if i == last else "dep", last] for i, ch in enumerate(s)]
            out.append(ParsedSentence(s, rows))
        return out
