"""Document context (文書の主題と条項の役割): what a document is about, and each provision's role in it.

"Where to label" (categories.md): in a document about an analog act — a 閲覧規則, a 宿日直規程, a
監視員設置要綱 — the findings are the provisions that SET the act and those that fix HOW it is done
(its place, time, frequency, physical method, conditions that presume a person on site), not every
provision that names the role, the register or the course. Those HOW provisions often carry no
category keyword at all; the document's subject and the provision's role decide.

- The document rules (patterns/documents/) say which kinds of document carry an act: the subject is
  recognised from the 例規名 or the 趣旨・目的 clause.
- The aspects (patterns/aspects.yaml) are the vocabulary of roles, matched on the provision's 見出し,
  on its topic (the は-phrase of its first sentence, from the GiNZA parse: nlp/frame.py) and, for the
  cues that presume presence (持ち出してはならない, 腕章を着用), on its text.

A Role is computed per (document rule, provision) and carries a one-line Japanese reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..nlp.frame import Frame
from .loader import Aspect, DocumentRule, RuleSet

ACT, HOW, NAMES, NONE = "act", "how", "names", "none"
SOURCE_HEADING, SOURCE_TOPIC, SOURCE_BODY, SOURCE_ACT = "見出し", "主題", "本文", "行為の語"
_PARENS = re.compile(r"^[(（]|[)）]$")
_PURPOSE_HEADING = re.compile(r"趣旨|目的")
_LATER_PARAGRAPH = re.compile(r"第([2-9]|\d{2,})項$")


@dataclass
class Role:
    """条項の役割 for one document rule."""
    kind: str                      # act | how | names | none
    aspect: Aspect | None = None   # the aspect that decided (None for act by the act word, none)
    source: str = ""               # 見出し / 主題 / 本文 / 行為の語
    matched: str = ""              # the text that decided
    extra: list[str] = field(default_factory=list)    # further how-aspects in the text (frequency → also …)

    @property
    def label(self) -> str:
        if self.kind == ACT:
            return self.aspect.label if self.aspect else "行為そのもの"
        return self.aspect.label if self.aspect else ""

    def describe(self) -> str:
        if self.kind == NONE:
            return "役割なし"
        where = f"{self.source}「{self.matched}」" if self.matched else self.source
        kind = {ACT: "行為を定める", HOW: "行為のしかたを定める", NAMES: "役・書類・講習の名を挙げるだけ"}[self.kind]
        return f"{kind}({self.label}; {where})"


def strip_heading(heading: str) -> str:
    return _PARENS.sub("", heading.strip())


def head_of(phrase: str) -> str:
    """The head of a Japanese noun phrase: what follows the last の (閲覧の申請 → 申請)."""
    return phrase.rsplit("の", 1)[-1] if "の" in phrase else phrase


def _last_match(aspects: list[Aspect], attr: str, text: str) -> tuple[Aspect, str] | None:
    """The aspect whose match ends last in ``text`` (the head of a compound is at its end: 講習科目及び
    時間 is about 時間); on a tie the longer match (委嘱期間 is a term, not a time)."""
    best = None
    for a in aspects:
        rx = getattr(a, attr)
        if rx is None or not text:
            continue
        for m in rx.finditer(text):
            key = (m.end(), m.end() - m.start())
            if best is None or key > best[0]:
                best = (key, a, m.group(0))
    return (best[1], best[2]) if best else None


class DocumentContext:
    """Subjects of a document and roles of its provisions, from the rule set's data."""

    def __init__(self, ruleset: RuleSet):
        self.ruleset = ruleset
        self.aspects = ruleset.aspects
        self.names = [a for a in self.aspects.values() if a.role == NAMES]
        self.everywhere = [a for a in self.names if a.everywhere]
        self.acts = [a for a in self.aspects.values() if a.role == ACT]

    # ---- the document's subject -----------------------------------------------------------------
    def subjects(self, title: str, purpose: str) -> list[DocumentRule]:
        """Document rules whose subject is the document's: by 例規名, else by the 趣旨・目的 clause."""
        out = []
        for rule in self.ruleset.documents:
            if rule.not_title is not None and rule.not_title.search(title):
                continue
            if (rule.subject_title is not None and rule.subject_title.search(title)) or (
                    rule.subject_purpose is not None and purpose and rule.subject_purpose.search(purpose)):
                out.append(rule)
        return out

    @staticmethod
    def purpose_text(units) -> str:
        """The 趣旨・目的 clause: the first provision headed so, else the first article's text."""
        for unit in units[:3]:
            if _PURPOSE_HEADING.search(unit.heading):
                return unit.text
        return units[0].text if units else ""

    # ---- names only (any document) ------------------------------------------------------------------
    def names_only(self, heading: str, topic: str, text: str) -> tuple[Aspect, str, str] | None:
        """The names-only aspect that the 見出し or topic gives the provision (任期, 手数料, 日誌 …),
        unless its text presumes presence (持ち出してはならない under 遵守事項 is still a finding)."""
        if any(a.presence and a.body is not None and a.body.search(text) for a in self.aspects.values()):
            return None
        others = [a for a in self.aspects.values() if a.role != NAMES or not a.everywhere]
        # only the head of each phrase: (納入通知書の送付) is about 送付, not 通知
        for phrase, attr, source in self._phrases(heading, topic)[::2]:
            hit = _last_match(self.everywhere + others, attr, phrase)
            if hit is not None:
                return (hit[0], source, hit[1]) if hit[0] in self.everywhere else None
        return None

    @staticmethod
    def _phrases(heading: str, topic: str):
        h = strip_heading(heading)
        # the head first (報告書の閲覧 is about 閲覧), then the whole phrase
        return [(head_of(h), "heading", SOURCE_HEADING), (h, "heading", SOURCE_HEADING),
                (head_of(topic), "topic", SOURCE_TOPIC), (topic, "topic", SOURCE_TOPIC)]

    # ---- a provision's role in a document of a given subject ------------------------------------------
    def role(self, rule: DocumentRule, path: str, heading: str, frame: Frame | None, text: str) -> Role:
        """Role of a provision (``text`` NFKC, heading as published) for the document rule ``rule``."""
        how = [self.aspects[a] for a in rule.how]
        extra = [a.id for a in how if not a.presence and a.body is not None and a.body.search(text)]
        # 1. a cue that presumes presence overrides a names-only heading (持出しの禁止 under 遵守事項)
        for a in how:
            if a.presence and a.body is not None and (m := a.body.search(text)):
                return Role(HOW, a, SOURCE_BODY, m.group(0), extra)
        # 2. the topic (from the parse), then the 見出し: the aspect at the head of the phrase decides.
        #    A later paragraph shares its article's 見出し: what its own text names comes first there.
        topic = frame.topic if frame else ""
        later_paragraph = bool(_LATER_PARAGRAPH.search(path))
        phrases = self._phrases(heading, topic)
        for phrase, attr, source in phrases[2:] + ([] if later_paragraph else phrases[:2]):
            hit = _last_match(self.names + how + self.acts, attr, phrase)
            if hit is None:
                continue
            aspect, matched = hit
            if aspect.role in (NAMES, HOW):
                return Role(NAMES if aspect.role == NAMES else HOW, aspect, source, matched, extra)
            break   # an act heading (職務, 勤務 …): the text decides below
        # 3. paperwork or conduct named in the text (申請書, 手数料, 中止させる, 喫煙) — not the act
        for a in self.names:
            if a.body is not None and (m := a.body.search(text)):
                return Role(NAMES, a, SOURCE_BODY, m.group(0), extra)
        if later_paragraph:
            for phrase, attr, source in phrases[:2]:
                hit = _last_match(self.names + how, attr, phrase)
                if hit is not None:
                    aspect, matched = hit
                    return Role(NAMES if aspect.role == NAMES else HOW, aspect, source, matched, extra)
        # 4. the act itself, named in the text
        if rule.act.search(text) and (rule.act_requires is None or rule.act_requires.search(text)):
            m = rule.act.search(text)
            return Role(ACT, None, SOURCE_ACT, m.group(0), extra)
        return Role(NONE, extra=extra)
