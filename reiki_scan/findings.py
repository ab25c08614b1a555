"""Finding (検出結果): one provision × category flagged by a rule, with a content-based identity."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import asdict, dataclass, field

from .categories import name_ja
from .model import cite

#: 確度: a ranking for reviewers (which findings to read first), not a precision.
CONFIDENCE_LEVELS = ("高", "中", "低")


@dataclass
class Match:
    """A matched word (該当語) with its offsets in the original sentence."""
    text: str
    start: int
    end: int


@dataclass
class Finding:
    """One analog-regulation candidate (アナログ規制の候補)."""

    document: str                 # document key (file stem / crawl key)
    title: str
    number: str                   # 例規番号
    provision: str                # canonical unit path: 第3条第2項, 附則第2項, 別表第1
    category: str                 # slug
    rule: str                     # rule id, e.g. PST001
    sentence: str                 # the sentence as published
    explanation: str              # one line in Japanese
    matches: list[Match] = field(default_factory=list)
    legal_basis: str = ""         # cited national law (根拠法令); '' = the town's own rule
    provision_text: str = ""
    kind: str = ""                # 種別
    details: dict = field(default_factory=dict)   # explanation object: trigger, dependency, exclusions checked
    occurrence: int = 1           # 2, 3 … for the same sentence repeated in other provisions of the document
    confidence: str = ""          # 確度: 高 / 中 / 低 (CONFIDENCE_LEVELS)
    confidence_reason: str = ""   # one line in Japanese: why this 確度
    articles_without_jo: bool = False   # the document numbers its articles 第1, 第2 … (model.cite)

    @property
    def category_ja(self) -> str:
        return name_ja(self.category)

    @property
    def citation(self) -> str:
        """The provision as the document cites it (第3第2項 in a 要綱 numbered without 条)."""
        return cite(self.provision, self.articles_without_jo)

    @property
    def identity(self) -> str:
        return finding_identity(self.document, self.category, self.rule, self.sentence, self.occurrence)

    def to_dict(self) -> dict:
        data = asdict(self)
        data["category_ja"] = self.category_ja
        data["id"] = self.identity
        return data

    @classmethod
    def from_dict(cls, data: dict) -> "Finding":
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        known["matches"] = [Match(**m) for m in known.get("matches", [])]
        return cls(**known)


def normalise_sentence(sentence: str) -> str:
    """NFKC, no whitespace: a re-flowed or full-width/half-width variant keeps its identity."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", sentence))


def finding_identity(document: str, category: str, rule: str, sentence: str, occurrence: int = 1) -> str:
    """Stable identity from content (never offsets, never Python's hash()): 16 hex chars of sha256.

    A sentence that a document repeats word for word in another provision is told apart by its
    occurrence number (document order); the first keeps the plain identity.
    """
    parts = [document, category, rule, normalise_sentence(sentence)]
    if occurrence > 1:
        parts.append(f"#{occurrence}")
    data = "\x1f".join(parts).encode("utf-8")
    return hashlib.sha256(data).hexdigest()[:16]
