"""Ordinance (例規) and Provision (条・項・号, 附則, 別表) — the document model every stage shares."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass, field

KINDS = ("条例", "規則", "訓令", "告示", "要綱", "規程", "その他")

#: provision kinds, outermost first
ARTICLE, PARAGRAPH, ITEM, SUBITEM = "article", "paragraph", "item", "subitem"
SUPPLEMENT, TABLE, FORM, PREAMBLE, TEXT = "supplement", "table", "form", "preamble", "text"


@dataclass
class Provision:
    """One provision (条項): an article, paragraph, item, 附則 line, 別表 or 様式.

    ``path`` is canonical (provision_paths.md): 第3条の2第1項第2号, 附則第2項, 別表第1.
    ``text`` is as published (numbering label stripped, original numerals kept).
    ``supplement`` says which 附則 a provision belongs to: "" for the 本則, "附則" for the
    original one, "附則(令和4年3月10日条例第7号)" for an amendment 附則.
    """

    path: str
    text: str
    kind: str = ARTICLE
    heading: str = ""
    supplement: str = ""
    revisions: list[str] = field(default_factory=list)

    @property
    def unit_path(self) -> str:
        """The reporting unit (条, or 項): items roll up to their paragraph."""
        return unit_path(self.path)


_ITEM = re.compile(r"(?<=[条項則\d])第\d+号.*$")


def unit_path(path: str) -> str:
    """第3条第2項第1号 → 第3条第2項, 第3条の2第2号 → 第3条の2; 様式第1号 and 別表第1 stay as they are."""
    if path.startswith(("様式", "別表", "別記")):
        return path
    return _ITEM.sub("", path)


_ARTICLE_JO = re.compile(r"^(第\d+)条(?=(の\d+)*(第\d+[項号])*$)")


def cite(path: str, without_jo: bool) -> str:
    """A canonical path as the document cites it: in a document whose articles are numbered without 条,
    第3条の2第1項 is 第3の2第1項 (附則, 別表 and 様式 are written the same either way)."""
    return _ARTICLE_JO.sub(r"\1", path) if without_jo else path


def same_provision(a: str, b: str) -> bool:
    """Scoring rule: items roll up; 第N条 == 第N条第1項. An article of a 要綱 numbered without 条 may be
    written as the document numbers it (第2第1項) or as the guide does (第2条第1項)."""
    def canon(p: str) -> str:
        p = unit_path(_WITHOUT_JO.sub(r"第\1条\2", p))
        return re.sub(r"(条(?:の\d+)*)第1項$", r"\1", p)
    return canon(a) == canon(b)


_WITHOUT_JO = re.compile(r"^第(\d+)((?:の\d+)*)(?=第\d+[項号]|$)")


@dataclass
class Ordinance:
    """例規: one document with its metadata and provisions in document order."""

    key: str
    title: str
    number: str = ""               # 例規番号: 平成18年条例第1号 / 条例第1号
    kind: str = "その他"            # 種別
    promulgated: str = ""          # 公布日 as published (和暦)
    last_amended: str = ""         # 最終改正 when shown
    taxonomy: str = ""             # 体系 path
    source_url: str = ""
    fetched_at: str = ""
    provisions: list[Provision] = field(default_factory=list)
    #: the 本則's articles are numbered 第1, 第2 … without 条 (a 要綱 issued as a 告示): paths stay 第N条
    #: (provision_paths.md), and ``cite`` writes them as the document does
    articles_without_jo: bool = False

    def content_hash(self) -> str:
        """sha256 over what the document says (not when or where it was fetched, nor how its paths are
        cited: a collection stored before articles_without_jo was read keeps its hashes)."""
        # (vars, not asdict: the same JSON for these flat dataclasses, without asdict's deep copy of every
        # provision, which was a third of re-importing an unchanged collection)
        body = {k: v for k, v in vars(self).items() if k not in ("source_url", "fetched_at", "articles_without_jo")}
        body["provisions"] = [vars(p) for p in self.provisions]
        data = json.dumps(body, ensure_ascii=False, sort_keys=True).encode("utf-8")
        return hashlib.sha256(data).hexdigest()

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Ordinance":
        provisions = [Provision(**p) for p in data.get("provisions", [])]
        return cls(**{**data, "provisions": provisions})


def kind_from_number(number: str) -> str:
    """種別 from 例規番号: 平成18年条例第1号 → 条例; 教委規則第10号 → 規則; 訓令甲第5号 → 訓令."""
    for kind in ("条例", "規則", "訓令", "告示", "要綱", "規程", "要領", "規約"):
        if kind in number:
            return {"要領": "要綱", "規約": "規程"}.get(kind, kind)
    return "その他"


def kind_from_title(title: str) -> str:
    for suffix, kind in (("条例", "条例"), ("規則", "規則"), ("細則", "規則"), ("要綱", "要綱"),
                         ("要領", "要綱"), ("規程", "規程"), ("訓令", "訓令"), ("告示", "告示")):
        if title.endswith(suffix):
            return kind
    return "その他"
