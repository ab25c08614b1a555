"""Load and validate drafting patterns (起案用例): every problem names the file and the field."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import jsonschema
import yaml

from ..categories import BY_SLUG
from .schema import PATTERN_SCHEMA

#: the patterns shipped with the project (editable install: the repository's patterns/amendments/)
DEFAULT_DIR = Path(__file__).resolve().parents[2] / "patterns" / "amendments"


class PatternError(Exception):
    """A drafting pattern file is invalid (message names the file)."""


@dataclass(frozen=True)
class HouseStyle:
    """The punctuation a document is written in: inserted words follow it (（） or (), 、 or ,)."""
    half_width_parens: bool = False
    comma: str = "、"

    @classmethod
    def of(cls, text: str) -> "HouseStyle":
        half = "(" in text and "（" not in text
        comma = "、"
        if "、" not in text:
            # some 例規集 write 読点 as a comma: full-width, or ASCII after Japanese text
            comma = "，" if "，" in text else ("," if re.search(r"[^\x00-\x7f],", text) else "、")
        return cls(half, comma)

    def apply(self, template: str) -> str:
        if self.half_width_parens:
            template = template.replace("（", "(").replace("）", ")")
        return template.replace("、", self.comma)


@dataclass
class AmendmentPattern:
    id: str
    category: str
    also: list[str]
    title: str
    explanation: str
    regex: re.Pattern
    replace: str
    replace_rest: str | None
    note: str
    source: str
    examples: list[dict]
    no_match: list[str]
    path: Path
    categories: tuple[str, ...] = field(init=False)

    def __post_init__(self):
        self.categories = (self.category, *[c for c in self.also if c != self.category])

    def matches(self, text: str) -> list[re.Match]:
        """Non-empty matches in document order."""
        return [m for m in self.regex.finditer(text) if m.end() > m.start()]

    def replacement(self, match: re.Match, style: HouseStyle, first: bool = True) -> str:
        template = self.replace if first or self.replace_rest is None else self.replace_rest
        return match.expand(style.apply(template))

    def apply(self, text: str) -> str:
        """The text with this pattern applied (first match, and further ones when replace_rest is set):
        what the examples show."""
        style = HouseStyle.of(text)
        out, last = [], 0
        for i, m in enumerate(self.matches(text)):
            if i and self.replace_rest is None:
                break
            out += [text[last:m.start()], self.replacement(m, style, first=i == 0)]
            last = m.end()
        return "".join(out) + text[last:]


def _joined(text: str) -> str:
    """A folded YAML string leaves a space where a line broke, which Japanese does not have."""
    return re.sub(r"(?<=[^\x00-\x7f])\s+(?=[^\x00-\x7f])", "", text.strip())


def _read_yaml(path: Path):
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise PatternError(f"{path}: YAML として読めません: {exc}") from exc


def _validate(data, path: Path) -> None:
    validator = jsonschema.Draft202012Validator(PATTERN_SCHEMA)
    errors = sorted(validator.iter_errors(data), key=lambda e: (not e.absolute_path, list(map(str, e.absolute_path))))
    if errors:
        lines = [f"  {'/'.join(map(str, e.absolute_path)) or '(最上位)'}: {e.message}" for e in errors[:8]]
        raise PatternError(f"{path}: 起案用例ファイルの形式が正しくありません\n" + "\n".join(lines))


def load_pattern(path: Path) -> AmendmentPattern:
    data = _read_yaml(path)
    _validate(data, path)
    if not path.name.startswith(data["id"] + "-"):
        raise PatternError(f"{path}: ファイル名は {data['id']}-<slug>.yaml にしてください")
    prefix = BY_SLUG[data["category"]].rule_prefix
    if not data["id"].startswith(prefix + "-"):
        raise PatternError(f"{path}: id {data['id']} の接頭辞は {prefix} にしてください(category {data['category']})")
    try:
        regex = re.compile(data["match"])
    except re.error as exc:
        raise PatternError(f"{path}: match の正規表現が正しくありません: {data['match']!r} ({exc})") from exc
    pattern = AmendmentPattern(
        id=data["id"], category=data["category"], also=data.get("also", []), title=_joined(data["title"]),
        explanation=_joined(data["explanation"]), regex=regex, replace=data["replace"],
        replace_rest=data.get("replace_rest"), note=_joined(data["note"]), source=_joined(data["source"]),
        examples=data["examples"], no_match=data.get("no_match", []), path=path)
    for i, example in enumerate(pattern.examples):
        if not pattern.matches(example["before"]):
            raise PatternError(f"{path}: examples/{i} の before に match が当たりません")
        try:
            pattern.replacement(pattern.matches(example["before"])[0], HouseStyle())
        except (re.error, IndexError) as exc:
            raise PatternError(f"{path}: replace が正しくありません({exc})") from exc
    return pattern


@dataclass
class PatternSet:
    patterns: list[AmendmentPattern]

    def for_category(self, slug: str) -> list[AmendmentPattern]:
        """Patterns written for the category first (in id order), then those that also serve it."""
        own = [p for p in self.patterns if p.category == slug]
        return own + [p for p in self.patterns if p.category != slug and slug in p.also]

    def by_id(self, pattern_id: str) -> AmendmentPattern:
        for p in self.patterns:
            if p.id == pattern_id:
                return p
        raise KeyError(pattern_id)


def load_patterns(directory: str | Path | None = None) -> PatternSet:
    """Every drafting pattern of a folder (default: the shipped patterns/amendments/)."""
    directory = Path(directory or DEFAULT_DIR)
    if not directory.is_dir():
        raise PatternError(f"起案用例のフォルダ {directory} がありません")
    patterns: list[AmendmentPattern] = []
    seen: dict[str, Path] = {}
    for path in sorted(directory.glob("*.yaml")):
        pattern = load_pattern(path)
        if pattern.id in seen:
            raise PatternError(f"{path}: id {pattern.id} は {seen[pattern.id]} でも使われています")
        seen[pattern.id] = path
        patterns.append(pattern)
    if not patterns:
        raise PatternError(f"{directory}: 起案用例ファイルがありません")
    patterns.sort(key=lambda p: p.id)
    return PatternSet(patterns)
