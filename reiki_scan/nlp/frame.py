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


#: head nouns of a condition or purpose phrase (…する場合は、…したときは、…するため、): not the topic,
#: and not what the provision imposes
_CONDITION_HEADS = ("場合", "とき", "時", "際", "ため", "為")


@dataclass(frozen=True)
class Frame:
    topic: str          # the phrase marked by は that the provision is about ('' if none)
    topic_head: str     # its head noun (時間, 任期, 員 …)
    predicate: str      # lemma of the main predicate (ROOT; the verb under もの in 〜ものとする)
    modality: str
    main: str = ""      # the sentence without its condition and purpose phrases: what it imposes
    verbs: tuple[str, ...] = ()   # the main predicate and the verbs coordinated with it (居住し、…任ずる)

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
    """The first は-phrase of the sentence that is not a condition (…する場合は、…のときは、): the
    sentence is about what follows a condition."""
    candidates = []
    for i, r in enumerate(rows):
        if r[LEMMA] == "は" and r[POS] == "ADP" and r[DEP] == "case":
            head = int(r[HEAD])
            if head != i and rows[head][POS] in ("NOUN", "PROPN", "PRON", "NUM") \
                    and rows[head][TEXT] not in _CONDITION_HEADS:
                candidates.append(head)
    if not candidates:
        return "", ""
    head = candidates[0]
    words = [rows[k][TEXT] for k in _subtree(rows, head)
             if k <= head and rows[k][DEP] not in ("punct", "case") or k < head and rows[k][DEP] == "case"]
    return "".join(words), rows[head][TEXT]


#: the classical light verb of older texts (…を命ずるものとす) read as する
_LIGHT = {"す": "する"}


def _modality(rows: Sequence[Row]) -> str:
    lemmas = [_LIGHT.get(r[LEMMA], r[LEMMA]) for r in rows if r[POS] != "PUNCT"]
    tail = "".join(lemmas[-6:])
    if tail.endswith(("てはなるない", "ではなるない")):
        return PROHIBITION
    if tail.endswith(("ないばなるない", "なくてはなるない", "べし")):     # (…報告スベシ: older texts' must)
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
    # the verbs of the clauses before the main verb, on the root or, in 〜するものとする, on the verb under
    # もの (…に立ち入らせ、…を検査させるものとする: 立ち入る), and the clauses those go on from in turn
    # (…を随時巡視して警戒に当たり、…を忘れてはならない: 巡視 under 当たる)
    heads = list(dict.fromkeys((root, _predicate_index(rows, root))))
    clauses: list[int] = []
    while heads:
        clause = [c for c in _children(rows, heads.pop(0))
                  if rows[c][DEP] in ("advcl", "conj") and rows[c][POS] == "VERB" and c not in clauses]
        clauses += clause
        heads += clause
    verbs = (_predicate(rows, root), *(rows[c][LEMMA] for c in clauses))
    return Frame(topic=topic, topic_head=head, predicate=verbs[0], modality=_modality(rows),
                 main=_main(rows, root), verbs=verbs)


def _main(rows: Sequence[Row], root: int) -> str:
    """The sentence without the condition and purpose phrases that hang off its main predicate."""
    drop: set[int] = set()
    # (and those of a verb coordinated with it: …を認めたときは、…に連絡し、その指示を受ける)
    heads = [root, *(c for c in _children(rows, root) if rows[c][DEP] in ("advcl", "conj") and rows[c][POS] == "VERB")]
    for c in (k for h in heads for k in _children(rows, h)):
        if rows[c][TEXT] in _CONDITION_HEADS or any(rows[k][TEXT] in _CONDITION_HEADS and int(rows[k][HEAD]) == c
                                                    and rows[k][DEP] in ("mark", "case", "fixed")
                                                    for k in _children(rows, c)):
            drop.update(_subtree(rows, c))
    return "".join(r[TEXT] for i, r in enumerate(rows) if i not in drop)


def _predicate(rows: Sequence[Row], root: int) -> str:
    """The main verb: in 〜するものとする the verb under もの (返却, 開催), not the light する; with the
    parts of a compound verb the tokenizer split off (出 + 務 → 出務)."""
    root = _predicate_index(rows, root)
    prefix = ""
    k = root - 1
    # a verb stem split off just before the predicate and hanging on it (出 -obl-> 務)
    while k >= 0 and int(rows[k][HEAD]) == root and rows[k][POS] == "VERB" and rows[k][DEP] in ("compound", "obl"):
        prefix = rows[k][TEXT] + prefix
        k -= 1
    return prefix + (rows[root][LEMMA] or rows[root][TEXT])


def _predicate_index(rows: Sequence[Row], root: int) -> int:
    """The main verb's token: under もの in 〜するものとする, else the root."""
    if _LIGHT.get(rows[root][LEMMA], rows[root][LEMMA]) == "する":
        for c in _children(rows, root):
            if rows[c][LEMMA] == "もの":
                verbs = [k for k in _children(rows, c) if rows[k][DEP] == "acl"]
                # the parser sometimes hangs the verb on する itself (命じる -advcl-> する): the verb
                # just before もの is the predicate either way
                if not verbs and c > 0 and rows[c - 1][POS] in ("VERB", "AUX") and rows[c - 1][DEP] != "fixed":
                    k = c - 1
                    while k > 0 and rows[k][POS] == "AUX":
                        k -= 1
                    verbs = [k] if rows[k][POS] == "VERB" else []
                if verbs:
                    return verbs[0]
    return root
