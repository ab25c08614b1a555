"""Load and validate rule files: every problem names the file and the field."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import jsonschema
import yaml

from .exclusions import CHECKS, Example, SharedExclusion
from .schema import ASPECTS_SCHEMA, DEFINES_SCHEMA, DOCUMENT_RULE_SCHEMA, RULE_SCHEMA, SHARED_EXCLUSIONS_SCHEMA


def _shipped_rules() -> Path:
    """The rules shipped with the project: reiki_scan/patterns in an installed package (setup.py puts
    the repository's patterns/ there), else the checkout's patterns/ (an editable install)."""
    package = Path(__file__).resolve().parents[1]
    installed = package / "patterns"
    return installed if installed.is_dir() else package.parent / "patterns"


#: the rules shipped with the project
DEFAULT_DIR = _shipped_rules()
SHARED_FILE = "exclusions.yaml"
ASPECTS_FILE = "aspects.yaml"
#: regex fragments named once for several rules ({{NAME}} in a trigger regex)
DEFINES_FILE = "defines.yaml"
DOCUMENTS_DIR = "documents"


class RuleError(Exception):
    """A rule file is invalid (message names the file)."""


@dataclass
class Exclusion:
    id: str
    reason: str
    regex: re.Pattern | None = None
    scope: str = "sentence"
    unless: re.Pattern | None = None


@dataclass
class Rule:
    id: str
    category: str
    title: str
    description: dict
    explanation: str
    keywords: list[str]
    regex: list[str]
    generic: list[str]
    context: list[re.Pattern]
    context_scope: str
    matcher: list[dict]
    dependency: list[dict]
    exclusions: list[Exclusion]
    skip_shared: list[str]
    references: list[str]
    examples_match: list[Example]
    examples_no_match: list[Example]
    examples_todo: list[Example]
    path: Path
    serves_act: list[str] = field(default_factory=list)
    serves_act_required: bool = False
    #: without an act in the document, the category whose holder the sentence names (巡視員 → 目視)
    serves_act_holders: dict[str, re.Pattern] = field(default_factory=dict)
    #: the act must be in the provision the sentence cites (前項の…は、毎月1回以上行う)
    serves_act_cited: bool = False
    #: the finding keeps its own category (the act only has to be there)
    serves_act_keep: bool = False
    #: a document rule (RES101): where no document subject of the category decides, the words alone keep a
    #: finding only in a provision that sets that rule's act or fixes how it is done
    sets_act_of: str = ""
    #: keyword rules whose match in the same sentence confirms the act this rule's parse patterns look for
    #: (VIS001: PER001 — a patrol word bound to a fixed frequency is the patrol, however the parse reads it)
    parse_waived_by: tuple[str, ...] = ()
    #: literal words one of which every keyword and every regex of the trigger contains: a provision
    #: without any of them cannot trigger the rule, and the costly regexes are not tried on it
    requires: tuple[str, ...] = ()
    trigger_re: re.Pattern = field(init=False)

    def __post_init__(self):
        parts = [re.escape(k) for k in sorted(self.keywords, key=len, reverse=True)] + self.regex
        self.trigger_re = re.compile("|".join(f"(?:{p})" for p in parts))

    @property
    def needs_parse(self) -> bool:
        return bool(self.matcher or self.dependency)

    def triggers_in(self, text: str) -> bool:
        """The trigger occurs in the text (the required words first: a search for a literal is cheap)."""
        return (not self.requires or any(w in text for w in self.requires)) and bool(self.trigger_re.search(text))


@dataclass
class Aspect:
    """条項の役割: what a provision is about (aspects.yaml)."""
    id: str
    label: str
    role: str                        # how | act | names
    presence: bool = False
    everywhere: bool = False
    body_anywhere: bool = False
    heading: re.Pattern | None = None
    topic: re.Pattern | None = None
    body: re.Pattern | None = None
    overrides: list[str] = field(default_factory=list)
    qualifies: bool = False
    lists: bool = False


@dataclass
class DocumentExample:
    title: str
    text: str
    heading: str = ""
    purpose: str = ""
    note: str = ""


@dataclass
class DocumentRule:
    """A kind of document that carries an analog act (文書の主題ルール, patterns/documents/)."""
    id: str
    category: str
    title: str
    description: dict
    explanation: str
    subject_title: re.Pattern | None
    subject_purpose: re.Pattern | None
    not_title: re.Pattern | None
    not_purpose: re.Pattern | None
    act: re.Pattern | None           # None: this kind of document carries no act of its category
    covers: re.Pattern | None        # trigger words it decides over (None: those of ``act``)
    act_requires: re.Pattern | None
    act_in_document: bool            # how provisions count only where a provision of the document sets the act
    how: list[str]
    act_aspects: list[str]
    also: dict[str, list[str]]
    references: list[str]
    examples_match: list[DocumentExample]
    examples_no_match: list[DocumentExample]
    examples_todo: list[DocumentExample]
    path: Path


@dataclass
class RuleSet:
    rules: list[Rule]
    shared: dict[str, SharedExclusion]
    directory: Path
    aspects: dict[str, Aspect] = field(default_factory=dict)
    documents: list[DocumentRule] = field(default_factory=list)
    act_predicates: re.Pattern | None = None     # main predicates that impose an act (aspects.yaml)

    @property
    def rules_hash(self) -> str:
        """sha256 over every file that decides detection (not the drafting patterns): recorded with a scan run."""
        h = hashlib.sha256()
        paths = [r.path for r in self.rules] + [d.path for d in self.documents]
        paths += [p for p in (self.directory / SHARED_FILE, self.directory / ASPECTS_FILE) if p.exists()]
        for path in sorted(paths):
            h.update(path.relative_to(self.directory).as_posix().encode())
            h.update(path.read_bytes())
        return h.hexdigest()[:16]

    def by_id(self, rule_id: str) -> Rule | DocumentRule:
        for rule in [*self.rules, *self.documents]:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)


_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read_yaml(path: Path):
    try:
        # libyaml's safe loader when PyYAML was built with it (about ten times faster: the rules are
        # read at every start of the CLI), else the pure-Python one; both build the same data
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_SAFE_LOADER)
    except yaml.YAMLError as exc:
        raise RuleError(f"{path}: YAML として読めません: {exc}") from exc


def _validate(data, schema, path: Path) -> None:
    validator = jsonschema.Draft202012Validator(schema)
    # errors inside a field first (they say what is wrong), then missing fields at the top level
    errors = sorted(validator.iter_errors(data), key=lambda e: (not e.absolute_path, list(map(str, e.absolute_path))))
    if errors:
        lines = []
        for err in errors[:8]:
            where = "/".join(map(str, err.absolute_path)) or "(最上位)"
            lines.append(f"  {where}: {err.message}")
        raise RuleError(f"{path}: ルールファイルの形式が正しくありません\n" + "\n".join(lines))


def _compile(pattern: str, path: Path, where: str) -> re.Pattern:
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise RuleError(f"{path}: {where} の正規表現が正しくありません: {pattern!r} ({exc})") from exc


_DEFINE_REF = re.compile(r"\{\{([A-Z][A-Z0-9_]*)\}\}")


def _expand_defines(regexes: list[str], defines: dict[str, str], shared: dict[str, str], path: Path,
                    where: str = "trigger/regex") -> list[str]:
    """The trigger regexes with each {{NAME}} replaced by the group (?:fragment) of ``trigger.define``, or
    of the shared defines.yaml (a fragment several rules use)."""
    used = {name for rx in regexes for name in _DEFINE_REF.findall(rx)}
    if clash := defines.keys() & shared.keys():
        raise RuleError(f"{path}: trigger/define の {sorted(clash)} は {DEFINES_FILE} と同じ名前です")
    known = {**shared, **defines}
    if used - known.keys():
        raise RuleError(f"{path}: {where} で、trigger/define にも {DEFINES_FILE} にもない名前が使われています: "
                        f"{sorted(used - known.keys())}")
    if defines.keys() - used:
        raise RuleError(f"{path}: trigger/define の {sorted(defines.keys() - used)} はどの正規表現でも使われていません")
    for name, fragment in defines.items():
        _compile(fragment, path, f"trigger/define/{name}")
    return [_DEFINE_REF.sub(lambda m: f"(?:{known[m.group(1)]})", rx) for rx in regexes]


def _regex_with_defines(pattern: str, defines: dict[str, str], path: Path, where: str) -> re.Pattern:
    """One regex (a rule's exclusion, a shared exclusion's, an aspect's), its {{NAME}}s read from defines.yaml."""
    return _compile(_expand_defines([pattern], {}, defines, path, where)[0], path, where)


def load_defines(path: Path) -> dict[str, str]:
    """The shared fragments of defines.yaml (name → regex fragment); none when the file is absent."""
    if not path.exists():
        return {}
    data = _read_yaml(path)
    _validate(data, DEFINES_SCHEMA, path)
    known: dict[str, str] = {}
    for name, fragment in data["defines"].items():
        # a fragment may use the names defined above it
        if unknown := sorted(set(_DEFINE_REF.findall(fragment)) - known.keys()):
            raise RuleError(f"{path}: defines/{name} が、その前に定義されていない名前を使っています: {unknown}")
        known[name] = _DEFINE_REF.sub(lambda m: f"(?:{known[m.group(1)]})", fragment)
        _compile(known[name], path, f"defines/{name}")
    return known


def load_rule(path: Path, defines: dict[str, str] | None = None) -> Rule:
    """One rule file; ``defines`` are the shared fragments (read from the rules folder when not given)."""
    if defines is None:
        defines = load_defines(path.parent.parent / DEFINES_FILE)
    data = _read_yaml(path)
    _validate(data, RULE_SCHEMA, path)
    category_dir = path.parent.name
    if category_dir != data["category"]:
        raise RuleError(f"{path}: category {data['category']!r} はフォルダ {category_dir!r} と一致しません")
    if not path.name.startswith(data["id"] + "-"):
        raise RuleError(f"{path}: ファイル名は {data['id']}-<slug>.yaml にしてください")
    from ..categories import BY_SLUG
    if not data["id"].startswith(BY_SLUG[data["category"]].rule_prefix):
        raise RuleError(f"{path}: id {data['id']} の接頭辞は {BY_SLUG[data['category']].rule_prefix} にしてください")
    trigger = data["trigger"]
    trigger["regex"] = _expand_defines(trigger.get("regex", []), trigger.get("define", {}), defines, path)
    for i, rx in enumerate(trigger["regex"]):
        _compile(rx, path, f"trigger/regex/{i}")
    unknown = set(trigger.get("generic", [])) - set(trigger.get("keywords", []))
    if unknown:
        raise RuleError(f"{path}: trigger/generic の語 {sorted(unknown)} が trigger/keywords にありません")
    exclusions = []
    for i, ex in enumerate(data.get("exclusions", [])):
        # an exclusion's regex may name a shared fragment of defines.yaml too (a check's items, notices for staff)
        exclusions.append(Exclusion(
            id=ex["id"], reason=ex["reason"], scope=ex.get("scope", "sentence"),
            **{k: _regex_with_defines(ex[k], defines, path, f"exclusions/{i}/{k}") if k in ex else None
               for k in ("regex", "unless")}))
    examples = data["examples"]
    rule = Rule(
        id=data["id"], category=data["category"], title=data["title"], description=data["description"],
        explanation=data["explanation"], keywords=trigger.get("keywords", []), regex=trigger.get("regex", []),
        generic=trigger.get("generic", []),
        context=[_compile(c, path, f"trigger/context/{i}") for i, c in enumerate(trigger.get("context", []))],
        context_scope=trigger.get("context_scope", "sentence"),
        matcher=data.get("patterns", {}).get("matcher", []),
        dependency=data.get("patterns", {}).get("dependency", []),
        exclusions=exclusions, skip_shared=data.get("skip_shared_exclusions", []),
        references=data.get("references", []),
        examples_match=[Example.of(e) for e in examples["match"]],
        examples_no_match=[Example.of(e) for e in examples["no_match"]],
        examples_todo=[Example.of(e) for e in examples.get("todo", [])],
        path=path, serves_act=data.get("serves_act", {}).get("categories", []),
        serves_act_required=data.get("serves_act", {}).get("required", False),
        serves_act_holders={c: re.compile(r) for c, r in data.get("serves_act", {}).get("holders", {}).items()},
        serves_act_cited=data.get("serves_act", {}).get("cited", False),
        serves_act_keep=data.get("serves_act", {}).get("keep", False),
        sets_act_of=data.get("sets_act_of", ""), parse_waived_by=tuple(data.get("parse_waived_by", [])),
        requires=tuple(trigger.get("requires", [])))
    if rule.requires:
        missing = [k for k in rule.keywords if not any(w in k for w in rule.requires)]
        missing += [e.text for e in rule.examples_match if not any(w in e.text for w in rule.requires)]
        if missing:
            raise RuleError(f"{path}: trigger/requires の語をどれも含まないキーワード・例文があります: {missing[:3]}")
    ids = [e.id for e in exclusions]
    if len(set(ids)) != len(ids):
        raise RuleError(f"{path}: exclusions の id が重複しています")
    return rule


def load_shared(path: Path, defines: dict[str, str] | None = None) -> dict[str, SharedExclusion]:
    """The shared exclusions; their regexes may name fragments of defines.yaml (read beside them if not given)."""
    if defines is None:
        defines = load_defines(path.parent / DEFINES_FILE)
    data = _read_yaml(path)
    _validate(data, SHARED_EXCLUSIONS_SCHEMA, path)
    out = {}
    for i, ex in enumerate(data["exclusions"]):
        if ex["id"] not in CHECKS:
            raise RuleError(f"{path}: 共通除外 {ex['id']!r} は reiki_scan/rules/exclusions.py に実装がありません")
        out[ex["id"]] = SharedExclusion(
            id=ex["id"], reason=ex["reason"], words=ex.get("words", []),
            **{k: [_regex_with_defines(r, defines, path, f"exclusions/{i}/{k}/{j}")
                   for j, r in enumerate(ex.get(k, []))] for k in ("regex", "title", "ignore")},
            examples=[Example.of(e) for e in ex["examples"]])
    return out


def load_aspects(path: Path, defines: dict[str, str] | None = None) -> tuple[dict[str, Aspect], re.Pattern | None]:
    """The aspects; their regexes may name fragments of defines.yaml (read beside them if not given)."""
    if defines is None:
        defines = load_defines(path.parent / DEFINES_FILE)
    data = _read_yaml(path)
    _validate(data, ASPECTS_SCHEMA, path)
    out: dict[str, Aspect] = {}
    for i, a in enumerate(data["aspects"]):
        if a["id"] in out:
            raise RuleError(f"{path}: aspects の id {a['id']} が重複しています")
        out[a["id"]] = Aspect(
            id=a["id"], label=a["label"], role=a["role"], presence=a.get("presence", False),
            everywhere=a.get("everywhere", False), body_anywhere=a.get("body_anywhere", False),
            overrides=a.get("overrides", []),
            qualifies=a.get("qualifies", False), lists=a.get("lists", False),
            **{k: _regex_with_defines(a[k], defines, path, f"aspects/{i}/{k}")
               for k in ("heading", "topic", "body") if k in a})
    for a in out.values():
        if a.body_anywhere and (not a.everywhere or a.body is None):
            raise RuleError(f"{path}: aspects/{a.id}/body_anywhere は、body を持つ everywhere の観点にだけ付けます")
        unknown = [o for o in a.overrides if o not in out or out[o].role != "names"]
        if unknown or (a.overrides and a.role != "how"):
            raise RuleError(f"{path}: aspects/{a.id}/overrides は how の観点に、names の観点の id を並べます: {unknown}")
    predicates = _compile(data["act_predicates"], path, "act_predicates") if "act_predicates" in data else None
    return out, predicates


def load_document_rule(path: Path, aspects: dict[str, Aspect]) -> DocumentRule:
    data = _read_yaml(path)
    _validate(data, DOCUMENT_RULE_SCHEMA, path)
    if not path.name.startswith(data["id"] + "-"):
        raise RuleError(f"{path}: ファイル名は {data['id']}-<slug>.yaml にしてください")
    from ..categories import BY_SLUG
    if not data["id"].startswith(BY_SLUG[data["category"]].rule_prefix):
        raise RuleError(f"{path}: id {data['id']} の接頭辞は {BY_SLUG[data['category']].rule_prefix} にしてください")
    unknown = [a for a in [*data["how"], *data.get("also", {}), *data.get("act_aspects", [])] if a not in aspects]
    if unknown:
        raise RuleError(f"{path}: how / also の {unknown} は {ASPECTS_FILE} にありません")
    not_how = [a for a in data["how"] if aspects[a].role != "how"]
    if not_how:
        raise RuleError(f"{path}: how の {not_how} は role: how の観点ではありません")
    if "act" not in data and "covers" not in data:
        raise RuleError(f"{path}: act か covers のどちらかが必要です")
    if "act" in data and not data["examples"]["match"]:
        raise RuleError(f"{path}: act のあるルールには examples/match が必要です")
    subject = data["subject"]

    def rx(key: str, value: str | None) -> re.Pattern | None:
        return _compile(value, path, key) if value else None
    examples = data["examples"]

    def ex(items) -> list[DocumentExample]:
        return [DocumentExample(**e) for e in items]
    return DocumentRule(
        id=data["id"], category=data["category"], title=data["title"], description=data["description"],
        explanation=data["explanation"], subject_title=rx("subject/title", subject.get("title")),
        subject_purpose=rx("subject/purpose", subject.get("purpose")),
        not_title=rx("subject/not_title", subject.get("not_title")),
        not_purpose=rx("subject/not_purpose", subject.get("not_purpose")), act=rx("act", data.get("act")),
        covers=rx("covers", data.get("covers")),
        act_requires=rx("act_requires", data.get("act_requires")),
        act_in_document=data.get("act_in_document", False), how=data["how"],
        act_aspects=data.get("act_aspects", []), also=data.get("also", {}),
        references=data.get("references", []), examples_match=ex(examples["match"]),
        examples_no_match=ex(examples["no_match"]), examples_todo=ex(examples.get("todo", [])), path=path)


def load_rules(directory: str | Path | None = None) -> RuleSet:
    """All rules of a folder: the argument, else $REIKI_SCAN_RULES, else the shipped patterns/."""
    import os
    directory = Path(directory or os.environ.get("REIKI_SCAN_RULES") or DEFAULT_DIR)
    if not directory.is_dir():
        raise RuleError(f"ルールのフォルダ {directory} がありません")
    defines = load_defines(directory / DEFINES_FILE)
    shared_path = directory / SHARED_FILE
    shared = load_shared(shared_path, defines) if shared_path.exists() else {}
    rules: list[Rule] = []
    seen: dict[str, Path] = {}
    # Only the category folders hold detection rules (documents/ and amendments/ hold other kinds).
    from ..categories import SLUGS
    for path in sorted(p for slug in SLUGS for p in (directory / slug).glob("*.yaml")):
        rule = load_rule(path, defines)
        if rule.id in seen:
            raise RuleError(f"{path}: id {rule.id} は {seen[rule.id]} でも使われています(id は再利用できません)")
        seen[rule.id] = path
        for name in rule.skip_shared:
            if name not in shared:
                raise RuleError(f"{path}: skip_shared_exclusions の {name!r} は {shared_path.name} にありません")
        rules.append(rule)
    if not rules:
        raise RuleError(f"{directory}: ルールファイルがありません")
    rules.sort(key=lambda r: r.id)
    aspects_path = directory / ASPECTS_FILE
    aspects, act_predicates = load_aspects(aspects_path, defines) if aspects_path.exists() else ({}, None)
    documents = []
    for path in sorted((directory / DOCUMENTS_DIR).glob("*.yaml")):
        doc_rule = load_document_rule(path, aspects)
        if doc_rule.id in seen:
            raise RuleError(f"{path}: id {doc_rule.id} は {seen[doc_rule.id]} でも使われています(id は再利用できません)")
        seen[doc_rule.id] = path
        documents.append(doc_rule)
    by_id = {d.id: d for d in documents}
    rule_ids = {r.id for r in rules}
    for rule in rules:
        if unknown := [i for i in rule.parse_waived_by if i not in rule_ids or i == rule.id]:
            raise RuleError(f"{rule.path}: parse_waived_by の {unknown} は、ほかのキーワードルールの id ではありません")
        if rule.sets_act_of and (rule.sets_act_of not in by_id or by_id[rule.sets_act_of].act is None):
            raise RuleError(f"{rule.path}: sets_act_of の {rule.sets_act_of} は、行為(act)を持つ文書の主題ルールではありません")
    return RuleSet(rules=rules, shared=shared, directory=directory, aspects=aspects, documents=documents,
                   act_predicates=act_predicates)
