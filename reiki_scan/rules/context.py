"""Document context (文書の主題と条項の役割): what a document is about, and each provision's role in it.

"Where to label" (categories.md): in a document about an analog act — a 閲覧規則, a 宿日直規程, a
監視員設置要綱 — the findings are the provisions that SET the act and those that fix HOW it is done
(its place, time, frequency, physical method, conditions that presume a person on site), not every
provision that names the role, the register or the course. Those HOW provisions often carry no
category keyword at all; the document's subject and the provision's role decide.

- The document rules (patterns/documents/) say which kinds of document carry an act: the subject is
  recognised from the 例規名 or the 趣旨・目的 clause.
- The aspects (patterns/aspects.yaml) are the vocabulary of roles, matched on the provision's 見出し,
  on its topic (the は-phrase of its first sentence, from the GiNZA parse: nlp/frame.py) and on its
  text (cues that presume presence, such as 持ち出してはならない, and paperwork such as 申請書).
- A provision sets the act when the act's word is in what its first sentence imposes (the parse
  without condition and purpose phrases) under a main predicate that imposes an act (行う, 供する,
  開催する, 置く …), or in the items of a list that sentence introduces.

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
_PURPOSE_WORDING = re.compile(r"(目的とする|必要な事項を定める(もの(とする)?)?|定めるところによる)(\([^()]*\))?。?$")
_LATER_PARAGRAPH = re.compile(r"第([2-9]|\d{2,})項$")
_TRAILING = re.compile(r"(等|など|その他)$")
#: a first sentence that introduces a list: the items carry what it imposes
_LIST_INTRO = re.compile(r"次に掲げる|次の各号|次のとおり|次の(事項|区分|とおり)|次により|下記")


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


def _last_match(aspects: list[Aspect], attr: str, phrase: str) -> tuple[Aspect, str] | None:
    """The aspect that names the phrase: its match must end the phrase (a compound's head is its
    last part: 講習科目及び時間 is about 時間, 保存期間の経過した報告書 is about 報告書 and matches none);
    on a tie the longer match (委嘱期間 is a term, not a time)."""
    text = _TRAILING.sub("", phrase)
    best = None
    for a in aspects:
        rx = getattr(a, attr)
        if rx is None or not text:
            continue
        if m := _anchored(rx).search(text):
            key = m.end() - m.start()
            if best is None or key > best[0]:
                best = (key, a, m.group(0))
    return (best[1], best[2]) if best else None


_ANCHORED: dict[str, re.Pattern] = {}


def _anchored(rx: re.Pattern) -> re.Pattern:
    """The aspect's regex, matching only at the end of the phrase (and preferring the longest match)."""
    if rx.pattern not in _ANCHORED:
        # okurigana may follow the stem (割当て, 申込み, 取消し, 引継ぎ, 貸出し)
        _ANCHORED[rx.pattern] = re.compile(f"(?:{rx.pattern})[てみしぎけりれ]?$")
    return _ANCHORED[rx.pattern]


class DocumentContext:
    """Subjects of a document and roles of its provisions, from the rule set's data."""

    def __init__(self, ruleset: RuleSet):
        self.ruleset = ruleset
        self.aspects = ruleset.aspects
        self.names = [a for a in self.aspects.values() if a.role == NAMES]
        self.everywhere = [a for a in self.names if a.everywhere]
        self.acts = [a for a in self.aspects.values() if a.role == ACT]
        self.presence = [a for a in self.aspects.values() if a.presence and a.body is not None]
        self.act_predicates = ruleset.act_predicates

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
        """The 趣旨・目的 clause: among the first provisions, one headed so or worded so."""
        for unit in units[:3]:
            if _PURPOSE_HEADING.search(unit.heading) or _PURPOSE_WORDING.search(unit.text):
                return unit.text
        return ""

    # ---- names only (any document) ------------------------------------------------------------------
    def names_only(self, heading: str, topic: str, text: str) -> tuple[Aspect, str, str] | None:
        """The names-only aspect that holds in any document (任期, 手数料, 日誌 …) given by the head of
        the 見出し or of the topic — unless the provision presumes presence (持ち出してはならない under
        遵守事項 is still a finding)."""
        if any(a.body.search(text) for a in self.presence):
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
    def role(self, rule: DocumentRule, path: str, heading: str, frame: Frame | None, text: str,
             first: str = "") -> Role:
        """Role of a provision for the document rule ``rule``: ``text`` is its NFKC text, ``first``
        its first sentence (NFKC), ``frame`` that sentence's frame, ``heading`` as published."""
        how = [self.aspects[a] for a in rule.how]
        act_aspects = [self.aspects[a] for a in rule.act_aspects]
        extra = [a.id for a in how if not a.presence and a.body is not None and a.body.search(text)]
        # 1. a cue that presumes presence overrides a names-only heading (持出しの禁止 under 遵守事項)
        for a in how:
            if a.presence and a.body is not None and (m := a.body.search(text)):
                return Role(HOW, a, SOURCE_BODY, m.group(0), extra)
        # 2. the topic (from the parse), then the 見出し: the aspect at the head of the phrase decides.
        #    A later paragraph shares its article's 見出し, so there the heading counts only for a
        #    "how" aspect whose cue is in the paragraph's own text, and after what its text names.
        topic = frame.topic if frame else ""
        later = bool(_LATER_PARAGRAPH.search(path))
        phrases = self._phrases(heading, topic)
        candidates = self.names + how + act_aspects + self.acts
        for phrase, attr, source in phrases[2:] + ([] if later else phrases[:2]):
            hit = _last_match(candidates, attr, phrase)
            if hit is None:
                continue
            aspect, matched = hit
            if aspect in act_aspects:
                return Role(ACT, aspect, source, matched, extra)
            if aspect.role in (NAMES, HOW):
                return Role(NAMES if aspect.role == NAMES else HOW, aspect, source, matched, extra)
            break   # an act heading (職務, 勤務 …): the text decides below
        # 3. paperwork, conduct or who takes part named in the text (申請書, 手数料, 中止させる, 喫煙)
        for a in self.names:
            if a.body is not None and (m := a.body.search(text)):
                return Role(NAMES, a, SOURCE_BODY, m.group(0), extra)
        if later:
            for phrase, attr, source in phrases[:2]:
                hit = _last_match(self.names + how, attr, phrase)
                if hit is None:
                    continue
                aspect, matched = hit
                if aspect.role == NAMES:
                    return Role(NAMES, aspect, source, matched, extra)
                if aspect.body is None or aspect.body.search(text):
                    return Role(HOW, aspect, source, matched, extra)
                break
        # 4. the act itself, imposed by the first sentence (or by the items of the list it introduces)
        if (m := self._act(rule, frame, text, first, path.startswith("別表"))) is not None:
            return Role(ACT, None, SOURCE_ACT, m, extra)
        return Role(NONE, extra=extra)

    def _act(self, rule: DocumentRule, frame: Frame | None, text: str, first: str, table: bool) -> str | None:
        """The act's word where the provision imposes the act, else None."""
        if rule.act is None:
            return None
        if rule.act_requires is not None and not rule.act_requires.search(text):
            return None
        if frame is None or self.act_predicates is None or table:
            m = rule.act.search(text)          # no parse, or a 別表 (a list, not a sentence): the words
            return m.group(0) if m else None
        for verb in frame.verbs:
            if rule.act.search(verb):
                return verb
        if self.act_predicates.search(frame.predicate) and (m := rule.act.search(frame.main)):
            return m.group(0)
        # a list: the items say what is imposed (監視員は、次に掲げる職務を行う。 (1) 巡視 …)
        if first and _LIST_INTRO.search(first):
            for line in text[len(first):].splitlines():
                if (m := rule.act.search(line)) and (rule.act_requires is None or rule.act_requires.search(line)):
                    return m.group(0)
        return None
