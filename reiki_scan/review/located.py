"""Where a finding sits inside its 条・項 (号 included), and the clause text with its 号 numbers.

The engine reports by unit (条, or 項; items roll up), and identity and scoring keep that unit. A
法規担当 cites the item (第5条第1号) and reads the items with their numbers (一 …, 二 …), while the
stored text of an item has its label stripped; so the review sheet and the report rebuild both from
the stored version of the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..findings import Finding
from ..store.db import Store

_DIGITS = "〇一二三四五六七八九"
_ITEM_PATH = re.compile(r"第(\d+)号((?:の\d+)*)$")


def kanji_number(n: int) -> str:
    """12 → 十二, 20 → 二十, 105 → 百五: how 条例 number their items."""
    if n <= 0:
        return str(n)
    out = ""
    for value, name in ((1000, "千"), (100, "百"), (10, "十")):
        count, n = divmod(n, value)
        if count:
            out += ("" if count == 1 else _DIGITS[count]) + name
    return out + (_DIGITS[n] if n else "")


def item_label(path: str) -> str:
    """第3条第1項第2号の2 → 二の二; '' for a path that is not an item."""
    m = _ITEM_PATH.search(path)
    if not m:
        return ""
    branches = [int(b) for b in m.group(2).split("の") if b]
    return kanji_number(int(m.group(1))) + "".join(f"の{kanji_number(b)}" for b in branches)


@dataclass(frozen=True)
class Located:
    path: str       # 第5条第1号 when the sentence is in an item, else the unit path
    text: str       # the unit's text, items numbered (一 年間を通じて…)


def locate(finding: Finding, provisions: list[tuple[str, str]]) -> Located:
    """``provisions``: (path, text) of the finding's unit in document order, from the scanned version."""
    if not provisions or "\n".join(t for _, t in provisions) != finding.provision_text:
        return Located(finding.provision, finding.provision_text)     # not the text that was scanned
    path = finding.provision
    for p_path, p_text in provisions:
        if finding.sentence and finding.sentence in p_text:
            path = p_path if item_label(p_path) else finding.provision
            break
    lines = [f"{item_label(p)} {t}" if item_label(p) else t for p, t in provisions]
    return Located(path, "\n".join(lines))


def locate_all(store: Store, findings: list[Finding]) -> dict[str, Located]:
    """finding identity → Located, reading each finding's unit from the version last scanned."""
    wanted = {f.identity for f in findings}
    if not wanted:
        return {}
    versions = dict(store.conn.execute(
        "SELECT f.finding_id, f.version_id FROM findings f JOIN (SELECT finding_id, MAX(run_id) AS run_id"
        " FROM findings GROUP BY finding_id) m ON f.finding_id = m.finding_id AND f.run_id = m.run_id").fetchall())
    units: dict[tuple[int, str], list[tuple[str, str]]] = {}
    needed = sorted({versions[fid] for fid in wanted if fid in versions})
    for start in range(0, len(needed), 500):
        chunk = needed[start:start + 500]
        rows = store.conn.execute(
            f"SELECT version_id, unit_path, path, text FROM provisions WHERE version_id IN ({','.join('?' * len(chunk))})"
            " ORDER BY version_id, seq", chunk)
        for version_id, unit_path, path, text in rows:
            units.setdefault((version_id, unit_path), []).append((path, text))
    return {f.identity: locate(f, units.get((versions.get(f.identity, -1), f.provision), []))
            for f in findings}
