"""Clause moves (条ずれ): where each clause of a document went when the document was amended.

An amendment that inserts an article renumbers the ones after it (第5条 → 第6条), often in the
same 改正 that rewords them. Matched by path alone, the reworded clause would look abolished (its
old path has no finding) and new (its new path has one), inflating the town's count of abolished
analog regulations. Aligning the clauses of the two versions by their text says where the clause
went, so the review can follow it to its new number.
"""

from __future__ import annotations

import unicodedata
from difflib import SequenceMatcher

from ..store.db import Store

#: how alike a reworded clause must stay to count as the same clause (difflib ratio of the texts). Low
#: on purpose: 「しなければならない」→「するものとする」 halves a short clause, and a wrong match only
#: asks a reviewer to look again, where a missed one would count an abolition that did not happen.
SIMILAR_CLAUSE = 0.5


def _plain(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def clause_moves(old: list[tuple[str, str]], new: list[tuple[str, str]]) -> dict[str, str]:
    """old clause path → new clause path, for clauses (条・項, in document order) kept word for word
    or reworded in place of others (similar text where the alignment has a replaced stretch)."""
    old_texts, new_texts = [_plain(t) for _, t in old], [_plain(t) for _, t in new]
    moves: dict[str, str] = {}
    matcher = SequenceMatcher(None, old_texts, new_texts, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            moves.update({old[i1 + k][0]: new[j1 + k][0] for k in range(i2 - i1)})
        elif tag == "replace":
            taken: set[int] = set()
            for i in range(i1, i2):
                scores = [(SequenceMatcher(None, old_texts[i], new_texts[j], autojunk=False).ratio(), j)
                          for j in range(j1, j2) if j not in taken]
                if scores and max(scores)[0] >= SIMILAR_CLAUSE:
                    j = max(scores)[1]
                    taken.add(j)
                    moves[old[i][0]] = new[j][0]
    return moves


class ClauseMoves:
    """Clause moves between stored versions, read once per pair of versions."""

    def __init__(self, store: Store):
        self.store = store
        self._moves: dict[tuple[int, int], dict[str, str]] = {}

    def _clauses(self, version_id: int) -> list[tuple[str, str]]:
        clauses: dict[str, list[str]] = {}
        for row in self.store.conn.execute(
                "SELECT unit_path, text FROM provisions WHERE version_id=? ORDER BY seq", (version_id,)):
            clauses.setdefault(row["unit_path"], []).append(row["text"])
        return [(path, "\n".join(texts)) for path, texts in clauses.items()]

    def new_path(self, old_version: int | None, new_version: int | None, path: str) -> str | None:
        """Where the clause at ``path`` of ``old_version`` is in ``new_version`` (None: not found)."""
        if old_version is None or new_version is None:
            return None
        if old_version == new_version:
            return path
        key = (old_version, new_version)
        if key not in self._moves:
            self._moves[key] = clause_moves(self._clauses(old_version), self._clauses(new_version))
        return self._moves[key].get(path)
