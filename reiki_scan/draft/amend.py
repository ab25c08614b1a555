"""Drafting one clause (条・項, 号 included): the changes, 改正後の文言 and the 改め文.

A clause flagged in several categories is amended once: each category's finding takes the first
pattern that serves it, and a pattern already used in the clause (a patrol that is also periodic)
serves the others without a second change. Every change is a 「A」を「B」に改める sentence whose A
occurs once in the clause, widened with the words around it when it does not; so applying the
sentences to the clause's text gives exactly the amended text, as a 法規担当 would check it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .patterns import AmendmentPattern, HouseStyle, PatternSet

NO_PATTERN_NOTE = "用例なし: 手で起案してください"


@dataclass(frozen=True)
class Change:
    """One 改め文: in provision ``path`` (第2条第2項, 第5条第1号), 「old」 becomes 「new」."""
    path: str
    old: str
    new: str
    pattern: str

    def sentence(self) -> str:
        return f"{self.path}中「{self.old}」を「{self.new}」に改める。"


@dataclass
class ClauseDraft:
    """The amendment of one clause: its provisions as stored, the changes, and which pattern
    serves each category (None: no pattern fits)."""
    provisions: list[tuple[str, str]]           # (path, text) of the clause in document order
    changes: list[Change] = field(default_factory=list)
    served: dict[str, str | None] = field(default_factory=dict)
    shared_with: dict[str, str] = field(default_factory=dict)   # category → category whose change serves it

    @property
    def before(self) -> str:
        return "\n".join(text for _, text in self.provisions)

    @property
    def after(self) -> str:
        return apply_changes(self.before, self.changes)

    @property
    def amendment(self) -> str:
        return "\n".join(c.sentence() for c in self.changes)


def apply_changes(text: str, changes: list[Change]) -> str:
    """Each 「A」を「B」に in turn; A must occur exactly once (ValueError otherwise)."""
    for change in changes:
        if text.count(change.old) != 1:
            raise ValueError(f"「{change.old}」が条文に {text.count(change.old)} 回現れます")
        text = text.replace(change.old, change.new)
    return text


_PUNCTUATION = set("、。,，.()（）「」『』・ 　\n")


def _hiragana(ch: str) -> bool:
    return "\u3041" <= ch <= "\u309f"


def _starts_a_phrase(line: str, start: int) -> bool:
    """Whether a quotation may begin at ``start``: after punctuation, or where kanji or katakana follow
    a particle (…に「関する監視」, 若しくは「上級救命講習」), never inside a word (「級救命講習」)."""
    if start == 0:
        return True
    before, first = line[start - 1], line[start]
    if first in _PUNCTUATION:
        return False
    return before in _PUNCTUATION or (_hiragana(before) and not _hiragana(first))


def _unique_span(line: str, start: int, end: int, texts: list[str]) -> tuple[int, int] | None:
    """Widen [start, end) inside ``line`` until its words occur once in every text of ``texts``
    (the clause before and as amended so far): to the left first, then on to the start of the phrase,
    as a 法規担当 quotes 「町役場前の掲示場」 rather than 「前の掲示場」."""
    widened = False
    while any(t.count(line[start:end]) != 1 for t in texts):
        widened = True
        if start > 0:
            start -= 1
        elif end < len(line):
            end += 1
        else:
            return None
    while widened and not _starts_a_phrase(line, start):
        start -= 1
    return start, end


class _Clause:
    def __init__(self, provisions: list[tuple[str, str]], style: HouseStyle):
        self.draft = ClauseDraft(provisions)
        self.style = style
        self.used: list[tuple[int, int, int, str]] = []      # (provision index, start, end, pattern id)

    def _free(self, index: int, start: int, end: int) -> bool:
        return all(i != index or end <= s or e <= start for i, s, e, _ in self.used)

    def _change(self, pattern: AmendmentPattern, index: int, match, first: bool) -> bool:
        path, line = self.draft.provisions[index]
        current = self.draft.after
        span = _unique_span(line, match.start(), match.end(), [self.draft.before, current])
        if span is None or not self._free(index, *span):
            return False
        start, end = span
        new = line[start:match.start()] + pattern.replacement(match, self.style, first) + line[match.end():end]
        change = Change(path, line[start:end], new, pattern.id)
        try:
            apply_changes(current, [change])
        except ValueError:
            return False
        self.draft.changes.append(change)
        self.used.append((index, start, end, pattern.id))
        return True

    def apply(self, pattern: AmendmentPattern) -> bool:
        """Apply a pattern at its first free match (and replace_rest at the further ones)."""
        applied = False
        for index, (_, line) in enumerate(self.draft.provisions):
            for match in pattern.matches(line):
                if not self._free(index, match.start(), match.end()):
                    continue
                if applied and pattern.replace_rest is None:
                    return True
                if self._change(pattern, index, match, first=not applied):
                    applied = True
        return applied


def draft_clause(provisions: list[tuple[str, str]], categories: list[str], patterns: PatternSet,
                 style: HouseStyle | None = None) -> ClauseDraft:
    """Amend one clause for the categories it was flagged in (in the order given)."""
    clause = _Clause(provisions, style or HouseStyle.of("\n".join(t for _, t in provisions)))
    draft = clause.draft
    made_for: dict[str, str] = {}          # pattern id → the category it was applied for
    for category in categories:
        draft.served[category] = None
        for pattern in patterns.for_category(category):
            if pattern.id in made_for:
                draft.served[category] = pattern.id
                draft.shared_with[category] = made_for[pattern.id]
                break
            if clause.apply(pattern):
                draft.served[category] = pattern.id
                made_for[pattern.id] = category
                break
    return draft
