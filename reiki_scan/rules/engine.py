"""The rule engine (検出エンジン).

NFKC normalise (original kept, offsets mapped back) → keyword prefilter over whole provisions →
sentence split → lexical trigger, context and exclusions per rule → GiNZA only on sentences whose
surviving rules have patterns → Matcher / DependencyMatcher → one finding per provision × category.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Iterable

from ..findings import Finding, Match
from ..model import ARTICLE, Ordinance, Provision
from ..nlp.base import Parser, build_doc
from ..nlp.text import NormText, normalise, safe_chunks, split_sentences
from .compiler import CompiledRule, PatternHit
from .exclusions import CHECKS, Candidate
from .legal_basis import document_basis, law_aliases, provision_basis
from .loader import Rule, RuleSet

MATCH, NO_TRIGGER, NO_CONTEXT, NO_PATTERN, EXCLUDED = "match", "no_trigger", "no_context", "no_pattern", "excluded"
VERDICT_JA = {MATCH: "該当", NO_TRIGGER: "対象語なし", NO_CONTEXT: "文脈語なし", NO_PATTERN: "構文パターン不一致",
              EXCLUDED: "除外"}


@dataclass
class Unit:
    """A reporting unit (条, or 項; 号 rolled up) with its text as published."""
    path: str
    text: str
    heading: str
    provisions: list[Provision] = field(default_factory=list)


def units_of(ordinance: Ordinance) -> list[Unit]:
    units: list[Unit] = []
    by_path: dict[str, Unit] = {}
    article_heading = ""
    for p in ordinance.provisions:
        if p.kind == ARTICLE:
            article_heading = p.heading
        elif p.kind not in ("paragraph", "item", "subitem"):
            article_heading = p.heading
        path = p.unit_path
        unit = by_path.get(path)
        if unit is None:
            unit = Unit(path=path, text=p.text, heading=p.heading or article_heading, provisions=[p])
            by_path[path] = unit
            units.append(unit)
        else:
            unit.text = f"{unit.text}\n{p.text}" if unit.text else p.text
            unit.provisions.append(p)
    return units


@dataclass
class Verdict:
    """One rule's verdict on one sentence (also what ``rules explain`` prints)."""
    rule: Rule
    status: str
    sentence: str = ""
    keywords: list[tuple[str, int, int]] = field(default_factory=list)   # (word, start, end) in the original
    pattern: PatternHit | None = None
    pattern_words: list[tuple[str, int, int]] = field(default_factory=list)
    excluded_by: list[str] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)


@dataclass
class ScanStats:
    documents: int = 0
    provisions: int = 0
    chars: int = 0
    sentences: int = 0
    candidate_sentences: int = 0     # sentences that reached GiNZA (parsed or from the cache)
    parsed_sentences: int = 0        # sentences the model actually parsed
    cached_sentences: int = 0
    findings: int = 0

    def as_dict(self) -> dict:
        return dict(self.__dict__)


@dataclass
class _Pending:
    ordinance: Ordinance
    unit: Unit
    sentence: NormText
    verdict: Verdict
    doc_basis: str
    aliases: dict


class Engine:
    def __init__(self, ruleset: RuleSet, parser: Parser):
        self.ruleset = ruleset
        self.parser = parser
        self.compiled = {r.id: CompiledRule(r) for r in ruleset.rules}
        parts = [r.trigger_re.pattern for r in ruleset.rules]
        self.prefilter = re.compile("|".join(f"(?:{p})" for p in parts))

    @property
    def model(self) -> str:
        return self.parser.model

    # ---- lexical stage ------------------------------------------------------------------------
    def _lexical(self, rule: Rule, sent: NormText, unit_norm: str, heading: str, title: str,
                 doc_norm: Callable[[], str]) -> Verdict:
        verdict = Verdict(rule, NO_TRIGGER, sentence=sent.original)
        found = [(m.group(0), m.start(), m.end()) for m in rule.trigger_re.finditer(sent.norm)]
        if not found:
            if rule.trigger_re.search(normalise(heading).norm):
                verdict.status = EXCLUDED
                verdict.excluded_by = ["heading_only"]
                verdict.checked = ["heading_only"]
            return verdict
        verdict.keywords = [(sent.original[a:b], a, b) for w, s, e in found for a, b in [sent.to_original(s, e)]]
        if rule.context:
            scope = {"sentence": sent.norm, "provision": unit_norm}.get(rule.context_scope) or doc_norm()
            if not any(c.search(scope) for c in rule.context):
                verdict.status = NO_CONTEXT
                return verdict
        words = [w for w, _, _ in found]
        generic = set(rule.generic)
        cand = Candidate(sentence=sent.norm, provision=unit_norm, heading=heading, title=title, matched=words,
                         generic_only=bool(generic) and all(w in generic for w in words))
        for name, shared in self.ruleset.shared.items():
            if name in rule.skip_shared or name == "heading_only":
                continue
            verdict.checked.append(name)
            if CHECKS[name](shared, cand):
                verdict.excluded_by.append(name)
        for ex in rule.exclusions:
            verdict.checked.append(ex.id)
            text = {"sentence": sent.norm, "provision": unit_norm, "title": title, "heading": heading}[ex.scope]
            if ex.regex is not None and ex.regex.search(text) and not (ex.unless and ex.unless.search(text)):
                verdict.excluded_by.append(ex.id)
        verdict.status = EXCLUDED if verdict.excluded_by else MATCH
        return verdict

    # ---- pattern stage ------------------------------------------------------------------------
    def _apply_patterns(self, verdict: Verdict, sent: NormText, parsed: list[tuple[int, list]]) -> None:
        compiled = self.compiled[verdict.rule.id]
        for offset, rows in parsed:
            doc = build_doc(rows)
            hits = compiled.match(doc)
            if hits:
                hit = hits[0]
                verdict.pattern = hit
                for i in hit.tokens:
                    tok = doc[i]
                    a, b = sent.to_original(offset + tok.idx, offset + tok.idx + len(tok.text))
                    verdict.pattern_words.append((sent.original[a:b], a, b))
                return
        verdict.status = NO_PATTERN

    def _parse(self, sentences: list[str], progress: Callable[[int], None] | None = None,
               step: int = 256) -> dict[str, list[tuple[int, list]]]:
        """Parse each distinct sentence (chunked under Sudachi's limit) → [(offset, rows), …].

        Sent to the parser in slices of ``step`` so that a progress bar can follow the slow part.
        """
        chunks: dict[str, list[tuple[int, str]]] = {}
        flat: list[str] = []
        for s in dict.fromkeys(sentences):
            pieces, offset = [], 0
            for piece in safe_chunks(s):
                pieces.append((offset, piece))
                offset += len(piece)
                flat.append(piece)
            chunks[s] = pieces
        parsed: dict[str, list] = {}
        todo = list(dict.fromkeys(flat))
        for i in range(0, len(todo), step):
            piece = todo[i:i + step]
            parsed.update({p.text: p.rows for p in self.parser.parse(piece)})
            if progress:
                progress(len(piece))
        return {s: [(o, parsed[piece]) for o, piece in pieces] for s, pieces in chunks.items()}

    # ---- scanning -----------------------------------------------------------------------------
    def _sentences(self, unit: Unit) -> list[NormText]:
        out = []
        for a, b in split_sentences(unit.text):
            raw = unit.text[a:b].strip()
            if raw:
                out.append(normalise(raw))
        return out

    def scan(self, ordinances: Iterable[Ordinance], progress: Callable[[int], None] | None = None,
             stats: ScanStats | None = None,
             parse_progress: Callable[[int], Callable[[int], None] | None] | None = None) -> list[Finding]:
        """Findings for the ordinances. ``progress(n)`` counts documents; ``parse_progress(total)``
        is called once with the number of sentences to parse and returns a callback for them."""
        stats = stats if stats is not None else ScanStats()
        pending: list[_Pending] = []
        for ordinance in ordinances:
            stats.documents += 1
            title = ordinance.title
            doc_cache: dict[str, str] = {}

            def doc_norm(o=ordinance, cache=doc_cache) -> str:
                if "t" not in cache:
                    cache["t"] = normalise("\n".join(p.text for p in o.provisions)).norm
                return cache["t"]
            aliases = doc_basis_ = None
            for unit in units_of(ordinance):
                stats.provisions += 1
                stats.chars += len(unit.text)
                unit_norm = normalise(unit.text).norm
                sentences = self._sentences(unit)
                stats.sentences += len(sentences)
                if not self.prefilter.search(unit_norm):
                    continue
                if aliases is None:
                    aliases, doc_basis_ = law_aliases(ordinance), document_basis(ordinance)
                for sent in sentences:
                    if not self.prefilter.search(sent.norm):
                        continue
                    for rule in self.ruleset.rules:
                        verdict = self._lexical(rule, sent, unit_norm, unit.heading, title, doc_norm)
                        if verdict.status == MATCH:
                            pending.append(_Pending(ordinance, unit, sent, verdict, doc_basis_, aliases))
            if progress:
                progress(1)
        to_parse = [p.sentence.norm for p in pending if p.verdict.rule.needs_parse]
        before_parsed = getattr(self.parser, "parsed", None)
        parse_cb = parse_progress(len(set(to_parse))) if parse_progress else None
        parses = self._parse(to_parse, parse_cb)
        stats.candidate_sentences += len(parses)
        if before_parsed is not None:
            stats.parsed_sentences += self.parser.parsed - before_parsed
            stats.cached_sentences += len(parses) - (self.parser.parsed - before_parsed)
        else:
            stats.parsed_sentences += len(parses)
        findings: dict[tuple, Finding] = {}
        for p in pending:
            v = p.verdict
            if v.rule.needs_parse:
                self._apply_patterns(v, p.sentence, parses[p.sentence.norm])
                if v.status != MATCH:
                    continue
            key = (p.ordinance.key, p.unit.path, v.rule.category)
            if key in findings:
                findings[key].details.setdefault("also", []).append(v.rule.id)
                continue
            findings[key] = self._finding(p)
        stats.findings += len(findings)
        return list(findings.values())

    def _finding(self, p: _Pending) -> Finding:
        v = p.verdict
        words = v.keywords
        explanation = v.rule.explanation.replace("{word}", words[0][0] if words else "")
        matches = [Match(w, a, b) for w, a, b in words]
        for w, a, b in v.pattern_words:
            if not any(m.start <= a and b <= m.end for m in matches):
                matches.append(Match(w, a, b))
        matches.sort(key=lambda m: (m.start, m.end))
        return Finding(
            document=p.ordinance.key, title=p.ordinance.title, number=p.ordinance.number,
            provision=p.unit.path, category=v.rule.category, rule=v.rule.id, sentence=p.sentence.original,
            explanation=explanation, matches=matches,
            legal_basis=provision_basis(normalise(p.unit.text).norm, p.aliases, p.doc_basis),
            provision_text=p.unit.text, kind=p.ordinance.kind,
            details={"trigger": [w for w, _, _ in words],
                     "dependency": ({"pattern": v.pattern.name, "kind": v.pattern.kind,
                                     "tokens": [w for w, _, _ in v.pattern_words]} if v.pattern else None),
                     "exclusions_checked": v.checked,
                     "heading": p.unit.heading})

    # ---- single text (rules explain, rule examples) ---------------------------------------------
    def check(self, text: str, heading: str = "", title: str = "") -> dict[str, Verdict]:
        """Each rule's verdict on a provision text: the best over its sentences."""
        unit = Unit(path="第1条", text=text, heading=heading)
        unit_norm = normalise(text).norm
        sentences = self._sentences(unit)
        order = [NO_TRIGGER, NO_CONTEXT, EXCLUDED, NO_PATTERN, MATCH]
        best: dict[str, Verdict] = {}
        verdicts: list[tuple[Verdict, NormText]] = []
        for sent in sentences:
            for rule in self.ruleset.rules:
                verdicts.append((self._lexical(rule, sent, unit_norm, heading, title, lambda: unit_norm), sent))
        parses = self._parse([s.norm for v, s in verdicts if v.status == MATCH and v.rule.needs_parse])
        for v, sent in verdicts:
            if v.status == MATCH and v.rule.needs_parse:
                self._apply_patterns(v, sent, parses[sent.norm])
            cur = best.get(v.rule.id)
            if cur is None or order.index(v.status) > order.index(cur.status):
                best[v.rule.id] = v
        if not sentences:
            for rule in self.ruleset.rules:
                best[rule.id] = Verdict(rule, NO_TRIGGER)
        return best
