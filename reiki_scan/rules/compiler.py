"""Rule patterns → spaCy Matcher / DependencyMatcher (one pair per rule, on a shared vocab)."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.matcher import DependencyMatcher, Matcher
from spacy.tokens import Doc

from ..nlp.base import shared_vocab
from .loader import Rule, RuleError


@dataclass
class PatternHit:
    name: str
    kind: str               # "matcher" | "dependency"
    tokens: list[int]       # token indices in the sentence doc


class CompiledRule:
    def __init__(self, rule: Rule, vocab=None):
        self.rule = rule
        vocab = vocab or shared_vocab()
        self.matcher = Matcher(vocab, validate=True) if rule.matcher else None
        self.dep_matcher = DependencyMatcher(vocab, validate=True) if rule.dependency else None
        try:
            for p in rule.matcher:
                self.matcher.add(p["name"], [p["pattern"]], greedy="LONGEST")
            for p in rule.dependency:
                self.dep_matcher.add(p["name"], [p["pattern"]])
        except Exception as exc:   # spaCy raises ValueError / MatchPatternError with its own text
            raise RuleError(f"{rule.path}: patterns が spaCy のパターンとして正しくありません: {exc}") from exc

    def match(self, doc: Doc) -> list[PatternHit]:
        hits: list[PatternHit] = []
        strings = doc.vocab.strings
        if self.matcher is not None:
            for match_id, start, end in self.matcher(doc):
                hits.append(PatternHit(strings[match_id], "matcher", list(range(start, end))))
        if self.dep_matcher is not None:
            for match_id, tokens in self.dep_matcher(doc):
                hits.append(PatternHit(strings[match_id], "dependency", sorted(tokens)))
        return hits
