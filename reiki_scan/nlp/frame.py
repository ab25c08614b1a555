"""The frame of a sentence (文の骨格) from its dependency parse: topic, predicate and modality.

A provision's role in its document shows in who or what it is about (the は-phrase: 閲覧時間は /
監視員の任期は / 宿日直員は) and in what it does with it (the main predicate and its modality:
〜しなければならない, 〜するものとする, 〜することができる, 〜してはならない, 〜とする).
Works on token rows (nlp/base.py), so it is tested on real parses and on hand-made ones alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from .base import Row

# modality (法的な様相) of the main predicate
OBLIGATION = "義務"          # 〜しなければならない / 〜させなければならない
PROHIBITION = "禁止"         # 〜してはならない
SHALL = "ものとする"          # 〜するものとする
PERMISSION = "できる"         # 〜することができる
IMPOSSIBLE = "できない"       # 〜することができない
SETTING = "とする"            # 〜は、…とする (fixes a value: a time, a place, a term)
PLAIN = "平叙"               # 〜する / 〜を置く / 〜に準用する

TEXT, LEMMA, POS, DEP, HEAD = 0, 2, 4, 6, 7
#: a は-phrase headed by these is a condition (〜するときは, 〜の場合は), not what the sentence is about
CONDITION_HEADS = frozenset({"とき", "時", "場合", "際"})


@dataclass(frozen=True)
class Frame:
    topic: str          # the phrase marked by は that the main predicate governs ('' if none)
    topic_head: str     # its head noun (時間, 任期, 員 …)
    predicate: str      # lemma of the main predicate (ROOT)
    modality: str

    def describe(self) -> str:
        return f"主題「{self.topic or '-'}」・述語「{self.predicate}」・{self.modality}"


def _children(rows: Sequence[Row], i: int) -> list[int]:
    return [j for j, r in enumerate(rows) if int(r[HEAD]) == i and j != i]


def _subtree(rows: Sequence[Row], i: int) -> list[int]:
    out, todo = [], [i]
    while todo:
        k = todo.pop()
        out.append(k)
        todo.extend(_children(rows, k))
    return sorted(out)


def _topic(rows: Sequence[Row], root: int) -> tuple[str, str]:
    """The は-phrase attached to the main predicate (or, failing that, the first one in the sentence).
    A condition (〜するときは, 〜の場合は) is not a topic: the sentence is about what follows it."""
    candidates = []
    for i, r in enumerate(rows):
        if r[LEMMA] == "は" and r[POS] == "ADP" and r[DEP] == "case":
            head = int(r[HEAD])
            if head != i and rows[head][POS] in ("NOUN", "PROPN", "PRON", "NUM") and \
                    rows[head][LEMMA] not in CONDITION_HEADS:
                candidates.append(head)
    if not candidates:
        return "", ""
    direct = [h for h in candidates if int(rows[h][HEAD]) == root]
    head = (direct or candidates)[0]
    words = [rows[k][TEXT] for k in _subtree(rows, head)
             if k <= head and rows[k][DEP] not in ("punct", "case") or k < head and rows[k][DEP] == "case"]
    return "".join(words), rows[head][TEXT]


def _modality(rows: Sequence[Row]) -> str:
    lemmas = [r[LEMMA] for r in rows if r[POS] != "PUNCT"]
    tail = "".join(lemmas[-6:])
    if tail.endswith(("てはなるない", "ではなるない")):
        return PROHIBITION
    if tail.endswith(("ないばなるない", "なくてはなるない")):
        return OBLIGATION
    if tail.endswith("ことができるない"):
        return IMPOSSIBLE
    if tail.endswith("ことができる"):
        return PERMISSION
    if tail.endswith("ものとする"):
        return SHALL
    if len(lemmas) >= 2 and lemmas[-1] == "する" and lemmas[-2] == "と":
        return SETTING
    return PLAIN


def frame_of(rows: Sequence[Row]) -> Frame:
    if not rows:
        return Frame("", "", "", PLAIN)
    roots = [i for i, r in enumerate(rows) if r[DEP] == "ROOT"]
    root = roots[-1] if roots else len(rows) - 1
    topic, head = _topic(rows, root)
    return Frame(topic=topic, topic_head=head, predicate=_predicate(rows, root), modality=_modality(rows))


def _predicate(rows: Sequence[Row], root: int) -> str:
    """The main verb: in 〜するものとする the verb under もの (返却, 開催), not the light する."""
    if rows[root][LEMMA] == "する":
        for c in _children(rows, root):
            if rows[c][LEMMA] == "もの":
                verbs = [k for k in _children(rows, c) if rows[k][DEP] == "acl"]
                if verbs:
                    return rows[verbs[0]][LEMMA]
    return rows[root][LEMMA] or rows[root][TEXT]
