"""根拠法令: does a provision restate a national law, or is it the town's own rule?"""

from __future__ import annotations

import re

from ..model import Ordinance
from ..numerals import NUM_CHARS
from ..parse.lines import ERA as _ERA

_NUM = rf"[{NUM_CHARS}元]+"
# 地方自治法(昭和22年法律第67号) / 〜法施行令(昭和44年政令第180号) / 〜省令
_LAW_CITE = re.compile(rf"([^\s、。,()（）「」『』]{{1,40}}?(?:法律|法|令|規則))[(（]{_ERA}{_NUM}年(?:法律|政令|[^\s()（）]{{0,8}}省令)第{_NUM}号")
# 以下「法」という / 以下「令」という
_ALIAS = re.compile(rf"([^\s、。,()（）「」]{{1,40}}?(?:法|令))[(（][^()（）]*(?:法律|政令|省令)第{_NUM}号[。、]以下「([^」]{{1,10}})」という")
_SHORT_CITE = re.compile(rf"(?<![^\s、。,()（）「」は、の])(法|令|政令|省令)第{_NUM}条")
_ANY_LAW_ARTICLE = re.compile(rf"([^\s、。,()（）「」]{{1,30}}?法)(?:施行令|施行規則)?第{_NUM}条")
_SEIREI = re.compile(r"政令で定める")


def law_aliases(ordinance: Ordinance) -> dict[str, str]:
    aliases: dict[str, str] = {}
    for p in ordinance.provisions:
        for m in _ALIAS.finditer(p.text):
            aliases.setdefault(m.group(2), m.group(1))
    return aliases


def document_basis(ordinance: Ordinance) -> str:
    """The national law the document as a whole rests on (趣旨/目的 clause, 〜法施行細則 titles)."""
    for p in ordinance.provisions[:2]:
        if re.search(r"目的|趣旨", p.heading) or re.search(r"目的とする|定めるものとする|定める。$", p.text):
            if m := _LAW_CITE.search(p.text):
                return _clean(m.group(1))
    if m := re.match(r"(.+?法)施行(?:細則|規則)$", ordinance.title):
        return _clean(m.group(1))
    return ""


def provision_basis(text: str, aliases: dict[str, str], doc_basis: str) -> str:
    """Name of the law cited as the basis of this provision, or the document's basis, or ''."""
    if m := _LAW_CITE.search(text):
        return _clean(m.group(1))
    if m := _SHORT_CITE.search(text):
        return aliases.get(m.group(1), doc_basis or m.group(1))
    if m := _ANY_LAW_ARTICLE.search(text):
        name = _clean(m.group(1))
        if not name.endswith("条例"):
            return name
    if _SEIREI.search(text):
        return doc_basis or "政令"
    return doc_basis


def _clean(name: str) -> str:
    # 「…が管理する公職選挙法」→ 公職選挙法, but 「…に関する法律」 keeps its whole name.
    for m in reversed(list(re.finditer(r"(?:する|した|される|による|に基づく|は|が|を)", name))):
        rest = name[m.end():]
        if len(rest) >= 3 and rest not in ("法律", "政令", "省令"):
            name = rest
            break
    name = re.sub(r"^(?:この|同|又は|若しくは)", "", name)
    return name.lstrip("はにをがの")
