"""The rule engine (検出エンジン).

1. Lexical stage, per provision: NFKC normalise (original kept, offsets mapped back) → keyword
   prefilter (the rules whose trigger occurs in the provision) → sentence split → each of those
   rules' trigger, context and exclusions. Facts that belong to the provision (its normalised text,
   provision-scope exclusions) are computed once per provision, so a long 別表 costs time linear in
   its length.
2. Parse stage: GiNZA parses the candidate sentences whose rules have patterns, and the first
   sentence of every provision whose role matters (a candidate's provision; every provision of a
   document with a subject) where the parse can change that role (context.frame_matters: a topic
   word of some aspect in it, or an act word at its end), all in one batch through the parse cache.
3. Decision stage, per document (rules/context.py): the document's subject and each provision's role
   (sets the act / fixes how it is done / only names the role, register or course) keep or drop
   the keyword candidates and add the provisions that fix how the act is done without a keyword.
   Every finding gets a 確度 (高/中/低) with its reason.
"""

from __future__ import annotations

import re

from dataclasses import dataclass, field
from typing import Callable, Iterable

from ..findings import Finding, Match
from ..model import ARTICLE, Ordinance, Provision
from ..nlp.base import Parser, build_doc
from ..nlp.frame import Frame, frame_of
from ..nlp.text import NormText, normalise, safe_chunks, split_sentences
from .compiler import CompiledRule, PatternHit
from .context import ACT, HOW, SOURCE_ACT, DocumentContext, Role, names_act, table_articles, table_role
from .exclusions import CHECKS, PROVISION_SCOPE, Candidate
from .legal_basis import document_basis, law_aliases, provision_basis
from .loader import DocumentRule, Rule, RuleSet

MATCH, NO_TRIGGER, NO_CONTEXT, NO_PATTERN, EXCLUDED = "match", "no_trigger", "no_context", "no_pattern", "excluded"
VERDICT_JA = {MATCH: "該当", NO_TRIGGER: "対象語なし", NO_CONTEXT: "文脈語なし", NO_PATTERN: "構文パターン不一致",
              EXCLUDED: "除外"}
#: shared exclusions applied after parsing (they need the provision's topic or the document's subject)
NAMES_ONLY, SUBJECT_ROLE = "names_only_provision", "subject_role"
#: shared exclusions that say a provision is not operative text (no document-rule finding either)
STRUCTURAL = ("purpose_clause", "definition_clause", "penalty_citation", "junyo_only", "amendment_clause",
              "delegation_clause")
HIGH, MEDIUM, LOW = "高", "中", "低"


#: a later sentence that opens a case of its own (…を制限することができる。この場合において、その旨を掲示しなければ
#: ならない): its act is not what the provision's 見出し names
_CASE_SENTENCE = re.compile(r"^\s*この場合において")


def _in_case_sentence(v: "Verdict") -> bool:
    """The candidate's sentence opens a case of its own with この場合において."""
    return bool(_CASE_SENTENCE.match(v.sentence))


@dataclass
class Unit:
    """A reporting unit (条, or 項; 号 rolled up) with its text as published."""
    path: str
    text: str
    heading: str
    provisions: list[Provision] = field(default_factory=list)
    title_line: bool = False        # a 前文 that only repeats the 例規名


def units_of(ordinance: Ordinance) -> list[Unit]:
    units: list[Unit] = []
    title = normalise(ordinance.title).norm.strip()
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
    for unit in units:
        if unit.path not in ("前文", "本則") or not title:
            continue
        # a 前文 that repeats the 例規名 after the enactment sentence: the repeat is no sentence of the text
        lines = unit.text.split("\n")
        kept = [line for line in lines if normalise(line).norm.strip() != title]
        unit.title_line = not kept
        if kept and len(kept) < len(lines):
            unit.text = "\n".join(kept)
    return units


def _sentence_texts(text: str) -> list[str]:
    return [raw for a, b in split_sentences(text) if (raw := text[a:b].strip())]


class UnitFacts:
    """What the engine knows of one provision, computed once: NFKC text, sentences, memoised checks."""

    def __init__(self, unit: Unit):
        self.unit = unit
        self.norm = normalise(unit.text).norm
        self.heading_norm = normalise(unit.heading).norm
        self.sentence_texts = _sentence_texts(unit.text)
        self._sentences: list[NormText] | None = None
        self._first: NormText | None = None
        self.memo: dict[tuple, object] = {}
        self.frame: Frame | None = None

    @property
    def sentences(self) -> list[NormText]:
        """The sentences, NFKC normalised on first use (most provisions have no keyword and no role)."""
        if self._sentences is None:
            self._sentences = [normalise(s) for s in self.sentence_texts]
        return self._sentences

    @property
    def first(self) -> NormText | None:
        if self._sentences is not None:
            return self._sentences[0] if self._sentences else None
        if self._first is None and self.sentence_texts:
            self._first = normalise(self.sentence_texts[0])
        return self._first

    def once(self, key: tuple, compute: Callable[[], object]):
        if key not in self.memo:
            self.memo[key] = compute()
        return self.memo[key]


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
    role: Role | None = None                # the provision's role that kept it (document context)
    subject: DocumentRule | None = None
    waived_by: str = ""                     # the rule whose match stood for the parse (Rule.parse_waived_by)


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
    facts: UnitFacts
    sentence: NormText
    verdict: Verdict


@dataclass
class _Document:
    """One document between the stages: its provisions, subjects and keyword candidates."""
    ordinance: Ordinance
    facts: list[UnitFacts]
    subjects: list[DocumentRule]
    pending: list[_Pending] = field(default_factory=list)
    doc_basis: str = ""
    aliases: dict = field(default_factory=dict)
    #: subjects of a section only (context.section_subjects): rule id → its articles
    sections: dict[str, set[str]] = field(default_factory=dict)

    def in_scope(self, subject: DocumentRule, path: str) -> bool:
        articles = self.sections.get(subject.id)
        return articles is None or _article(path) in articles

    def needs_frame(self) -> list[UnitFacts]:
        """Provisions whose role is read: every operative one in a document with a subject, else
        those with a keyword candidate."""
        if self.subjects:
            return [f for f in self.facts if f.first is not None and _operative(f.unit)]
        seen: dict[int, UnitFacts] = {}
        for p in self.pending:
            seen.setdefault(id(p.facts), p.facts)
        return [f for f in seen.values() if f.first is not None]


def _operative(unit: Unit) -> bool:
    """本則 and 別表: a 附則 (施行期日, 経過措置), a 様式 or the 前文 (an enacting formula, or the 例規名
    repeated as the first line of the body) sets no analog act of its own."""
    return not unit.path.startswith(("附則", "様式", "別記", "前文")) and not unit.title_line


class Engine:
    def __init__(self, ruleset: RuleSet, parser: Parser):
        self.ruleset = ruleset
        self.parser = parser
        self.compiled = {r.id: CompiledRule(r) for r in ruleset.rules}
        self.context = DocumentContext(ruleset)

    @property
    def model(self) -> str:
        return self.parser.model

    # ---- lexical stage ------------------------------------------------------------------------
    def _lexical(self, rule: Rule, sent: NormText, facts: UnitFacts, title: str,
                 doc_norm: Callable[[], str]) -> Verdict:
        verdict = Verdict(rule, NO_TRIGGER, sentence=sent.original)
        found = [(m.group(0), m.start(), m.end()) for m in rule.trigger_re.finditer(sent.norm)]
        heading = facts.unit.heading
        if not found:
            if rule.trigger_re.search(facts.heading_norm):
                verdict.status = EXCLUDED
                verdict.excluded_by = ["heading_only"]
                verdict.checked = ["heading_only"]
            return verdict
        verdict.keywords = [(sent.original[a:b], a, b) for w, s, e in found for a, b in [sent.to_original(s, e)]]
        if rule.context:
            if rule.context_scope == "sentence":
                ok = any(c.search(sent.norm) for c in rule.context)
            else:
                scope = facts.norm if rule.context_scope == "provision" else doc_norm()
                ok = facts.once(("context", rule.id), lambda: any(c.search(scope) for c in rule.context))
            if not ok:
                verdict.status = NO_CONTEXT
                return verdict
        words = [w for w, _, _ in found]
        generic = set(rule.generic)
        cand = Candidate(sentence=sent.norm, provision=facts.norm, heading=heading, title=title, matched=words,
                         generic_only=bool(generic) and all(w in generic for w in words))
        for name, shared in self.ruleset.shared.items():
            if name in rule.skip_shared or name == "heading_only":
                continue
            verdict.checked.append(name)
            if name in PROVISION_SCOPE:
                hit = facts.once(("shared", name), lambda n=name, s=shared: CHECKS[n](s, cand))
            else:
                hit = CHECKS[name](shared, cand)
            if hit:
                verdict.excluded_by.append(name)
        for ex in rule.exclusions:
            verdict.checked.append(ex.id)
            if ex.regex is None:
                continue
            if ex.scope == "sentence":
                hit = bool(ex.regex.search(sent.norm)) and not (ex.unless and ex.unless.search(sent.norm))
            elif ex.scope == "provision":
                hit = facts.once(("exclusion", rule.id, ex.id), lambda e=ex: bool(
                    e.regex.search(facts.norm)) and not (e.unless and e.unless.search(facts.norm)))
            else:
                # a title- or heading-wide exclusion yields to a sentence that says otherwise (a grant's 要綱 whose
                # grantee must have a trained member: …講習を修了した者を1名以上置いていること)
                text = title if ex.scope == "title" else heading
                hit = facts.once(("exclusion", rule.id, ex.id), lambda t=text, e=ex: bool(e.regex.search(t))) and not (
                    ex.unless and ex.unless.search(sent.norm))
            if hit:
                verdict.excluded_by.append(ex.id)
        verdict.status = EXCLUDED if verdict.excluded_by else MATCH
        return verdict

    def _structural(self, facts: UnitFacts, title: str) -> list[str]:
        """Shared exclusions that make a provision non-operative (目的, 定義, 罰則, 準用, 改正, 委任) and the
        digital alternative, read on its first sentence: no document-rule finding there."""
        def compute() -> list[str]:
            first = facts.first
            if first is None:
                return []
            cand = Candidate(sentence=first.norm, provision=facts.norm, heading=facts.unit.heading, title=title,
                             matched=[], generic_only=False)
            names = [*STRUCTURAL, "digital_alternative"]
            return [n for n in names if n in self.ruleset.shared and CHECKS[n](self.ruleset.shared[n], cand)]
        return facts.once(("structural",), compute)

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
    def _document(self, ordinance: Ordinance, stats: ScanStats) -> _Document:
        title = ordinance.title
        units = units_of(ordinance)
        facts = [UnitFacts(u) for u in units]
        purpose = normalise(self.context.purpose_text(units)).norm
        norm_title = normalise(title).norm
        doc = _Document(ordinance, facts, self.context.subjects(norm_title, purpose))
        headings: dict[str, str] = {}      # an article's 見出し, normalised once (its paragraphs share it)
        for u in units:
            if u.heading and u.path.startswith("第") and (a := _article(u.path)) not in headings:
                headings[a] = normalise(u.heading).norm
        sections = self.context.section_subjects(norm_title, headings, doc.subjects)
        doc.subjects += [rule for rule, _ in sections]
        doc.sections = {rule.id: articles for rule, articles in sections}
        doc_cache: dict[str, str] = {}

        def doc_norm() -> str:
            if "t" not in doc_cache:
                doc_cache["t"] = "\n".join(f.norm for f in facts)
            return doc_cache["t"]
        if doc.subjects:
            doc.subjects = self.context.with_aliases(doc.subjects, doc_norm())
        for f in facts:
            stats.provisions += 1
            stats.chars += len(f.unit.text)
            stats.sentences += len(f.sentence_texts)
            # the keyword prefilter: the rules whose trigger occurs in the provision (one search per
            # rule; a single alternation of every trigger is several times slower in Python's re)
            triggered = [] if f.unit.title_line else [r for r in self.ruleset.rules if r.triggers_in(f.norm)]
            for sent in f.sentences if triggered else ():
                for rule in triggered:
                    verdict = self._lexical(rule, sent, f, title, doc_norm)
                    if verdict.status == MATCH:
                        doc.pending.append(_Pending(f, sent, verdict))
        if doc.pending or doc.subjects:
            doc.aliases, doc.doc_basis = law_aliases(ordinance), document_basis(ordinance)
        return doc

    def scan(self, ordinances: Iterable[Ordinance], progress: Callable[[int], None] | None = None,
             stats: ScanStats | None = None,
             parse_progress: Callable[[int], Callable[[int], None] | None] | None = None) -> list[Finding]:
        """Findings for the ordinances. ``progress(n)`` counts documents; ``parse_progress(total)``
        is called once with the number of sentences to parse and returns a callback for them."""
        stats = stats if stats is not None else ScanStats()
        docs: list[_Document] = []
        for ordinance in ordinances:
            stats.documents += 1
            doc = self._document(ordinance, stats)
            if doc.pending or doc.subjects:
                docs.append(doc)
            if progress:
                progress(1)
        to_parse = [p.sentence.norm for d in docs for p in d.pending if p.verdict.rule.needs_parse]
        to_parse += [f.first.norm for d in docs for f in d.needs_frame() if self.context.frame_matters(f.first.norm)]
        before_parsed = getattr(self.parser, "parsed", None)
        parse_cb = parse_progress(len(set(to_parse))) if parse_progress else None
        parses = self._parse(to_parse, parse_cb)
        stats.candidate_sentences += len(parses)
        if before_parsed is not None:
            stats.parsed_sentences += self.parser.parsed - before_parsed
            stats.cached_sentences += len(parses) - (self.parser.parsed - before_parsed)
        else:
            stats.parsed_sentences += len(parses)
        findings: list[Finding] = []
        for doc in docs:
            findings.extend(self._decide(doc, parses))
        stats.findings += len(findings)
        return findings

    # ---- decision stage -------------------------------------------------------------------------
    def _frames(self, doc: _Document, parses: dict) -> None:
        for f in doc.needs_frame():
            chunks = parses.get(f.first.norm) if self.context.frame_matters(f.first.norm) else None
            f.frame = frame_of(chunks[0][1]) if chunks else None

    def _roles(self, doc: _Document) -> dict[tuple[str, str], Role]:
        roles = {}
        for f in doc.facts:
            if not _operative(f.unit) or f.first is None:
                continue
            structural = [n for n in self._structural(f, doc.ordinance.title) if n != "digital_alternative"]
            if structural:
                continue
            for s in doc.subjects:
                if not doc.in_scope(s, f.unit.path):
                    continue
                roles[(s.id, f.unit.path)] = self.context.role(s, f.unit.path, f.unit.heading, f.frame, f.norm,
                                                               f.first.norm)
        # a 別表 (第N条関係) takes its role from its article (掲示場の位置, 巡視の路線, 講習時間)
        scope = self.ruleset.aspects.get("scope_topic")
        for f in doc.facts:
            articles = table_articles(f.norm) if f.unit.path.startswith("別表") else []
            header = (f.norm.split("\n", 2) + [""])[1] if articles else ""    # the table's first row
            for s in doc.subjects if articles else []:
                of_subject = {path: r for (sid, path), r in roles.items() if sid == s.id}
                own = roles.get((s.id, f.unit.path))
                roles[(s.id, f.unit.path)] = table_role(articles, of_subject, own.extra if own else [], scope, header)
        return roles

    def _keep_candidate(self, v: Verdict, facts: UnitFacts, subjects: list[DocumentRule],
                        roles: dict[tuple[str, str], Role]) -> bool:
        """Post-parse checks of a keyword candidate: names-only provisions and the document's subject."""
        if NAMES_ONLY not in v.rule.skip_shared and NAMES_ONLY in self.ruleset.shared:
            v.checked.append(NAMES_ONLY)
            topic = facts.frame.topic if facts.frame else ""
            if not _in_case_sentence(v) and facts.once(("names_only",), lambda: self.context.names_only(
                    facts.unit.heading, topic, facts.norm, facts.unit.path)):
                v.excluded_by.append(NAMES_ONLY)
        # the subject decides only over candidates for its own act (巡視 in a patrol document, not a
        # 現場確認 after a report there): the same category and a trigger word that names the act
        words = [normalise(w).norm for w, _, _ in v.keywords]

        def covers(d: DocumentRule) -> bool:
            return any((d.covers or d.act).search(w) for w in words)
        same = [s for s in subjects if s.category == v.rule.category and covers(s)]
        # no subject of its own decides here: the words alone must set the act of the document rule the
        # rule names (当直者を置く), not only name the person on duty (当直の警備員に連絡する)
        act = self.ruleset.by_id(v.rule.sets_act_of) if v.rule.sets_act_of and not same else None
        if act is not None and not v.excluded_by and covers(act):
            v.checked.append(SUBJECT_ROLE)
            r = self.context.role(act, facts.unit.path, facts.unit.heading, facts.frame, facts.norm,
                                  facts.first.norm if facts.first is not None else "")
            if r.kind not in (ACT, HOW):
                v.excluded_by.append(SUBJECT_ROLE)
        if same and not v.excluded_by:
            v.checked.append(SUBJECT_ROLE)
            kept = [(s, roles.get((s.id, facts.unit.path))) for s in same]
            kept = [(s, r) for s, r in kept if r is not None and (r.kind in (ACT, HOW)
                                                                  or self.context.list_of_kinds(r, facts.norm))]
            if kept:
                v.subject, v.role = kept[0]
            else:
                v.excluded_by.append(SUBJECT_ROLE)
        if v.excluded_by:
            v.status = EXCLUDED
        return not v.excluded_by

    def _decide(self, doc: _Document, parses: dict) -> list[Finding]:
        self._frames(doc, parses)
        roles = self._roles(doc) if doc.subjects else {}
        findings: dict[tuple, Finding] = {}
        key = doc.ordinance.key
        lexical = _lexical_matches((p.verdict, p.facts.unit.path, p.sentence) for p in doc.pending)
        for p in doc.pending:
            v = p.verdict
            if v.rule.needs_parse:
                self._apply_patterns(v, p.sentence, parses[p.sentence.norm])
                _waive_parse(v, lexical, p.facts.unit.path, p.sentence)
                if v.status != MATCH:
                    continue
            if not self._keep_candidate(v, p.facts, [s for s in doc.subjects if doc.in_scope(s, p.facts.unit.path)],
                                        roles):
                continue
            k = (key, p.facts.unit.path, v.rule.category)
            if k in findings:
                findings[k].details.setdefault("also", []).append(v.rule.id)
                continue
            findings[k] = self._finding(doc, p)
        for s in doc.subjects:
            acts = [f for f in doc.facts if (r := roles.get((s.id, f.unit.path))) and r.kind == ACT]
            if any("digital_alternative" in self._structural(f, doc.ordinance.title) for f in acts):
                continue    # the provision that sets the act already offers a digital way
            if s.act_in_document and not any(names_act(s, f.norm) for f in doc.facts if not f.unit.title_line):
                continue    # the act is never named here (監視員 who only report what they happen to see)
            for f in doc.facts:
                role = roles.get((s.id, f.unit.path))
                if role is None or role.kind not in (ACT, HOW):
                    continue
                if "digital_alternative" in self._structural(f, doc.ordinance.title):
                    continue
                aspects = ([role.aspect.id] if role.aspect else []) + role.extra
                categories = [s.category] + [c for a in aspects for c in s.also.get(a, [])]
                for category in dict.fromkeys(categories):
                    k = (key, f.unit.path, category)
                    if k not in findings:
                        findings[k] = self._document_finding(doc, f, s, role, category)
                    elif (findings[k].confidence == MEDIUM and not findings[k].details["context"]["subject"]
                          and role.source != SOURCE_ACT):
                        _confirm(findings[k], s, role)
        return self._serve_acts(doc, findings)

    def _serve_acts(self, doc: _Document, findings: dict[tuple, Finding]) -> list[Finding]:
        """A provision that serves an act set elsewhere (the card carried during it) takes that act's category
        — unless its own category is the document's subject's (the inspector's card in a 立入検査実施要項 stays
        an audit's, whatever witness's presence sits beside it)."""
        order = {f.unit.path: i for i, f in enumerate(doc.facts)}
        subject_categories = {s.category for s in doc.subjects}
        serving = {k: self._serving(f) for k, f in findings.items()}
        acts = [(order.get(f.provision, 0), f) for k, f in findings.items() if serving[k] is None]
        out: dict[tuple, Finding] = {}
        for k, f in findings.items():
            rule = serving[k]
            if rule is None:
                out.setdefault(k, f)
                continue
            # the same article first, then the nearest provision (or only the provision the sentence cites)
            cited = _cited(f.sentence, f.provision, order) if rule.serves_act_cited else None
            near = [(_article(a.provision) != _article(f.provision), abs(i - order.get(f.provision, 0)), a.category)
                    for i, a in acts if a.category in rule.serves_act
                    and (cited is None or any(_within(a.provision, c) for c in cited))]
            if not near and rule.serves_act_cited:
                continue
            if not near:
                # the act is set elsewhere (the parent 条例): the holder the sentence names may still tell its category
                near = [(False, 0, c) for c, r in rule.serves_act_holders.items() if r.search(f.sentence)][:1]
            if not near:
                if not rule.serves_act_required:
                    out.setdefault(k, f)
                continue
            category = f.category if rule.serves_act_keep or f.category in subject_categories else min(near)[2]
            if category != f.category:
                f.details["serves"] = {"from": f.category, "to": category}
                f.category = category
            key = (k[0], k[1], category)
            if key in out or key in findings and key != k:
                continue    # the provision already has a finding of that category
            out[key] = f
        return list(out.values())

    def _serving(self, finding: Finding) -> Rule | None:
        compiled = self.compiled.get(finding.rule)     # None for a document rule's finding
        return compiled.rule if compiled is not None and compiled.rule.serves_act else None

    def _finding(self, doc: _Document, p: _Pending) -> Finding:
        v = p.verdict
        words = v.keywords
        explanation = v.rule.explanation.replace("{word}", words[0][0] if words else "")
        matches = [Match(w, a, b) for w, a, b in words]
        for w, a, b in v.pattern_words:
            if not any(m.start <= a and b <= m.end for m in matches):
                matches.append(Match(w, a, b))
        matches.sort(key=lambda m: (m.start, m.end))
        word = words[0][0] if words else ""
        if v.role is not None:
            confidence = HIGH
            reason = f"「{word}」があり、文書の主題「{_subject_name(v.subject)}」の条項として{v.role.describe()}"
        elif v.pattern is not None:
            confidence, reason = HIGH, f"「{word}」が行為の語として構文上確認できる({v.pattern.name})"
        elif v.waived_by:
            confidence, reason = MEDIUM, f"「{word}」が同じ文で頻度とともに定められている({v.waived_by})"
        else:
            confidence, reason = MEDIUM, f"「{word}」の語による検出(文書の主題からの裏付けなし)"
        unit = p.facts.unit
        return Finding(
            document=doc.ordinance.key, title=doc.ordinance.title, number=doc.ordinance.number,
            provision=unit.path, category=v.rule.category, rule=v.rule.id, sentence=p.sentence.original,
            explanation=explanation, matches=matches,
            legal_basis=provision_basis(p.facts.norm, doc.aliases, doc.doc_basis),
            provision_text=unit.text, kind=doc.ordinance.kind, confidence=confidence, confidence_reason=reason,
            articles_without_jo=doc.ordinance.articles_without_jo,
            details={"trigger": [w for w, _, _ in words],
                     "dependency": ({"pattern": v.pattern.name, "kind": v.pattern.kind,
                                     "tokens": [w for w, _, _ in v.pattern_words]} if v.pattern else None),
                     "exclusions_checked": v.checked,
                     "heading": unit.heading,
                     "context": _context_details(v.subject, v.role, p.facts.frame)})

    def _document_finding(self, doc: _Document, facts: UnitFacts, subject: DocumentRule, role: Role,
                          category: str) -> Finding:
        """A provision that sets the act or fixes how it is done, found from the document's subject."""
        sentence = next((s for s in facts.sentences if role.matched and role.matched in s.norm), facts.first)
        matches = []
        if role.matched and role.source != "見出し" and (i := sentence.norm.find(role.matched)) >= 0:
            a, b = sentence.to_original(i, i + len(role.matched))
            matches.append(Match(sentence.original[a:b], a, b))
        elif subject.act is not None and (m := subject.act.search(sentence.norm)):
            # the 見出し told how the act is done: the reviewer is shown the act's word in the sentence
            a, b = sentence.to_original(m.start(), m.end())
            matches.append(Match(sentence.original[a:b], a, b))
        if role.source == SOURCE_ACT:
            confidence = LOW
            reason = f"文書の主題「{_subject_name(subject)}」の条項が行為の語「{role.matched}」を含む(見出し・主題の裏付けなし)"
        else:
            confidence = MEDIUM
            reason = f"文書の主題「{_subject_name(subject)}」の条項で、{role.describe()}"
        unit = facts.unit
        return Finding(
            document=doc.ordinance.key, title=doc.ordinance.title, number=doc.ordinance.number,
            provision=unit.path, category=category, rule=subject.id, sentence=sentence.original,
            explanation=subject.explanation.replace("{role}", role.label), matches=matches,
            legal_basis=provision_basis(facts.norm, doc.aliases, doc.doc_basis),
            provision_text=unit.text, kind=doc.ordinance.kind, confidence=confidence, confidence_reason=reason,
            articles_without_jo=doc.ordinance.articles_without_jo,
            details={"trigger": [role.matched] if role.matched else [], "dependency": None,
                     "exclusions_checked": [*STRUCTURAL, "digital_alternative"], "heading": unit.heading,
                     "context": _context_details(subject, role, facts.frame)})

    # ---- single text (rules explain, rule examples) ---------------------------------------------
    def check(self, text: str, heading: str = "", title: str = "") -> dict[str, Verdict]:
        """Each keyword rule's verdict on a provision text: the best over its sentences. The 見出し
        and 例規名 count as they do in a scan (names-only provisions, the document's subject)."""
        unit = Unit(path="第1条", text=text, heading=heading)
        facts = UnitFacts(unit)
        ordinance = Ordinance(key="check", title=title)
        doc = _Document(ordinance, [facts], self.context.subjects(normalise(title).norm, ""))
        order = [NO_TRIGGER, NO_CONTEXT, EXCLUDED, NO_PATTERN, MATCH]
        best: dict[str, Verdict] = {}
        verdicts: list[tuple[Verdict, NormText]] = []
        for sent in facts.sentences:
            for rule in self.ruleset.rules:
                verdicts.append((self._lexical(rule, sent, facts, title, lambda: facts.norm), sent))
        to_parse = [s.norm for v, s in verdicts if v.status == MATCH and v.rule.needs_parse]
        if facts.first is not None and any(v.status == MATCH for v, _ in verdicts):
            to_parse.append(facts.first.norm)
        parses = self._parse(to_parse)
        if facts.first is not None and facts.first.norm in parses:
            facts.frame = frame_of(parses[facts.first.norm][0][1])
        roles = self._roles(doc) if doc.subjects else {}
        lexical = _lexical_matches((v, unit.path, sent) for v, sent in verdicts)
        for v, sent in verdicts:
            if v.status == MATCH and v.rule.needs_parse:
                self._apply_patterns(v, sent, parses[sent.norm])
                _waive_parse(v, lexical, unit.path, sent)
            if v.status == MATCH:
                self._keep_candidate(v, facts, doc.subjects, roles)
            cur = best.get(v.rule.id)
            if cur is None or order.index(v.status) > order.index(cur.status):
                best[v.rule.id] = v
        if not facts.sentences:
            for rule in self.ruleset.rules:
                best[rule.id] = Verdict(rule, NO_TRIGGER)
        return best


def _lexical_matches(verdicts) -> set[tuple[str, str, str]]:
    """(rule id, provision path, sentence) of each match that needs no parse: it may stand for another
    rule's parse patterns in the same sentence (Rule.parse_waived_by)."""
    return {(v.rule.id, path, sent.norm) for v, path, sent in verdicts if v.status == MATCH and not v.rule.needs_parse}


def _waive_parse(v: Verdict, lexical: set[tuple[str, str, str]], path: str, sent: NormText) -> None:
    """A rule whose parse patterns found no act keeps its match when a rule it names in parse_waived_by matched
    the same sentence (a patrol word bound to a fixed frequency by PER001 is the patrol: 巡視回数 各3回以上)."""
    if v.status == NO_PATTERN and (waived := [r for r in v.rule.parse_waived_by if (r, path, sent.norm) in lexical]):
        v.status, v.waived_by = MATCH, waived[0]


def _article(path: str) -> str:
    """第3条第2項 → 第3条; 附則第2項 → 附則; 別表第1 → 別表第1"""
    m = _ARTICLE.match(path)
    return m.group(0) if m and m.group(0) else path


_ARTICLE = re.compile(r"(附則)?(第[0-9]+条(の[0-9]+)*)?")

#: the provision a sentence points back to (前項の巡視は; 前条第1号の活動を; 第4条第2項の点検は)
_CITATION = re.compile(r"前項|前条|同条|(?<!条例)(?<!法)(?<!規則)(?<!令)(?<!要綱)(?<!規程)第[0-9]+条(?:の[0-9]+)*(?:第[0-9]+項)?")


def _cited(sentence: str, provision: str, order: dict[str, int]) -> list[tuple[str, bool]]:
    """The provisions the sentence's first citation names: (path, exact), exact for one 項 alone, else an
    article standing for all its 項."""
    m = _CITATION.search(sentence)
    if not m:
        return []
    article = _article(provision)
    word = m.group(0)
    if word == "同条":
        return [(article, False)]
    if word == "前項":
        para = re.search(r"第([0-9]+)項$", provision)
        if not para or int(para.group(1)) < 2:
            return []
        # (the first 項 may be reported as the article itself)
        previous = [(f"{article}第{int(para.group(1)) - 1}項", True)]
        return previous + ([(article, True)] if para.group(1) == "2" else [])
    if word == "前条":
        articles = list(dict.fromkeys(_article(p) for p in sorted(order, key=order.get)))
        at = articles.index(article) if article in articles else 0
        return [(articles[at - 1], False)] if at > 0 else []
    return [(word, False)]


def _within(path: str, cited: tuple[str, bool]) -> bool:
    """第3条第2項 is within 第3条 and within 第3条第2項; 第30条 is not within 第3条; an exact one only itself."""
    target, exact = cited
    return path == target or (not exact and path.startswith(target + "第"))


def _confirm(finding: Finding, subject: DocumentRule, role: Role) -> None:
    """A keyword finding that the document's subject also reaches (定期的な巡回 in a 監視員設置要綱,
    whose role gives the frequency → periodic_inspection): two independent signals agree → 高."""
    finding.confidence = HIGH
    finding.confidence_reason = (f"{finding.confidence_reason.split('(')[0]}、文書の主題"
                                 f"「{_subject_name(subject)}」の条項としても{role.describe()}")
    finding.details["context"] = _context_details(subject, role, None) | {
        "frame": finding.details["context"]["frame"]}


def _subject_name(subject: DocumentRule | None) -> str:
    return subject.title.split("(")[0] if subject else ""


def _context_details(subject: DocumentRule | None, role: Role | None, frame: Frame | None) -> dict:
    """The explanation object's document part: 文書の主題 / 条項の役割 / 文の骨格."""
    return {"subject": f"{subject.id} {_subject_name(subject)}" if subject else "",
            "role": role.describe() if role else "",
            "frame": frame.describe() if frame else ""}
