"""View model (表示用データ) of the progress report: every number and label the page shows.

Plain data and the pure functions that derive it; build.py fills it from the store, the
templates only lay it out.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlsplit

from ..categories import CATEGORIES
from ..findings import Match
from ..model import cite
from ..review.state import ABOLISHED, CHANGED, VANISHED, department_of
from ..wareki import deadline_label, to_wareki
from .svg import BurnUpChart

#: Where a finding stands, one bucket each (判定の区分); the order of the breakdown columns.
#: The first six are findings still in the 例規集 (検出); 撤廃済 and 消滅 are gone.
BUCKETS = ("未判定", "要再確認", "非該当", "検討中", "存置", "見直し予定", "撤廃済", "消滅")
GONE = ("撤廃済", "消滅")
OWN_RULE, NATIONAL_LAW = "町独自", "法令に基づく"
#: 確度 of a finding stored before the engine gave one.
NO_CONFIDENCE = "未設定"
#: Said wherever 確度 is counted: it orders the reading, it does not measure correctness.
CONFIDENCE_NOTE = "確度(高・中・低)は、判定する人がどの検出から読むかの目安(並べる順)です。検出が正しい割合(精度)ではありません。"
#: A link is drawn only for these schemes: a javascript: URL in a crawled page must stay text.
LINK_SCHEMES = ("http", "https", "file")
DAYS_PER_MONTH = 365.25 / 12


@dataclass
class Settings:
    """The report's settings (設定): from the workspace config, overridable on the command line."""
    municipality: str
    target: int
    deadline: date
    departments: list[str] = field(default_factory=list)

    @classmethod
    def from_config(cls, config: dict, target: int | None = None, deadline: date | None = None) -> "Settings":
        return cls(municipality=str(config["municipality"]),
                   target=int(config["target"] if target is None else target),
                   deadline=deadline or date.fromisoformat(str(config["deadline"])),
                   departments=[str(d) for d in config.get("departments") or []])


@dataclass
class Segment:
    """A piece of the clause text; ``marked`` pieces are the matched words (該当語)."""
    text: str
    marked: bool


def highlight(sentence: str, matches: list[Match]) -> list[Segment]:
    """Split ``sentence`` at the matched spans (overlaps merged, out-of-range spans clipped)."""
    spans = sorted((max(0, m.start), min(len(sentence), m.end)) for m in matches)
    merged: list[list[int]] = []
    for start, end in spans:
        if start >= end:
            continue
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    segments, cursor = [], 0
    for start, end in merged:
        if start > cursor:
            segments.append(Segment(sentence[cursor:start], False))
        segments.append(Segment(sentence[start:end], True))
        cursor = end
    if cursor < len(sentence):
        segments.append(Segment(sentence[cursor:], False))
    return segments


def safe_link(url: str) -> str:
    return url if urlsplit(url).scheme.lower() in LINK_SCHEMES else ""


@dataclass
class FindingView:
    """One row of the findings list (検出一覧)."""
    id: str
    category: str
    category_ja: str
    title: str
    number: str
    provision: str
    segments: list[Segment]
    rule: str
    explanation: str
    basis: str            # 町独自 / 法令に基づく
    legal_basis: str      # the cited law, '' for the town's own rule
    status: str
    bucket: str
    department: str
    schedule: str
    note: str
    decided_by: str
    decided_on: str       # 和暦
    suggestion: str
    source_url: str
    evidence: list[tuple[str, str]] = field(default_factory=list)
    confidence: str = NO_CONFIDENCE     # 確度: 高 / 中 / 低 / 未設定


def bucket_of(row) -> str:
    """The one bucket of a review row, by the same rules as review_counts (review/state.py)."""
    if row.status in (ABOLISHED, VANISHED):
        return row.status
    if row.status == CHANGED:
        return "要再確認"
    decision = row.decision
    if decision is None or decision.is_undecided:
        return "未判定"
    if decision.applicability == "非該当":
        return "非該当"
    return {"見直し": "見直し予定", "存置": "存置"}.get(decision.policy, "検討中")


def evidence(details: dict) -> list[tuple[str, str]]:
    """検出の根拠 from the finding's explanation object: trigger words, dependency, exclusions."""
    items = []
    if details.get("trigger"):
        items.append(("きっかけの語", "、".join(details["trigger"])))
    dependency = details.get("dependency")
    if dependency:
        items.append(("係り受け", f"{dependency.get('pattern', '')}({'、'.join(dependency.get('tokens', []))})"))
    if details.get("exclusions_checked"):
        items.append(("確認した除外条件", "、".join(details["exclusions_checked"])))
    if details.get("also"):
        items.append(("同じ条項に当たった他のルール", "、".join(details["also"])))
    return items


def describe(decision) -> str:
    """該当・見直し(令和8年度, 総務課): a decision in one line, for a reworded clause's suggestion."""
    if decision is None:
        return ""
    head = "・".join(part for part in (decision.applicability, decision.policy) if part)
    more = ", ".join(part for part in (decision.schedule, decision.department) if part)
    return f"{head}({more})" if more else head


def finding_view(row, urls: dict[str, str], provision: str = "") -> FindingView:
    """A review row as shown; 所管課 and 根拠法令 come from the decision in force, which for a
    reworded clause is the one it inherits (the clause still belongs to the same 所管課).
    ``provision``: the 条項 to show when more precise than the finding's unit (第5条第1号)."""
    f, own, effective = row.finding, row.decision, row.effective
    legal_basis = ((effective.legal_basis if effective else "") or f.legal_basis).strip()
    return FindingView(
        id=f.identity, category=f.category, category_ja=f.category_ja,
        title=f.title, number=f.number, provision=cite(provision or f.provision, f.articles_without_jo),
        segments=highlight(f.sentence, f.matches),
        rule=f.rule, explanation=f.explanation, basis=NATIONAL_LAW if legal_basis else OWN_RULE,
        legal_basis=legal_basis, status=row.status, bucket=bucket_of(row),
        department=department_of(row),
        schedule=own.schedule if own else "", note=own.note if own else "",
        decided_by=own.decided_by if own else "",
        decided_on=to_wareki(own.decided_at) if own and own.decided_at else "",
        suggestion=describe(row.suggestion) if row.status == CHANGED else "",
        source_url=safe_link(urls.get(f.document, "")), evidence=evidence(f.details),
        confidence=f.confidence or NO_CONFIDENCE)


@dataclass
class Pace:
    """Days to the deadline and the pace needed (必要なペース)."""
    deadline_label: str   # 令和8年度末
    deadline_wareki: str  # 令和9年3月31日
    days_left: int
    remaining: int
    per_month: float | None
    message: str


def pace(abolished: int, target: int, deadline: date, today: date) -> Pace:
    days_left = (deadline - today).days
    remaining = max(0, target - abolished)
    per_month = None
    if remaining == 0:
        message = "目標を達成しました"
    elif days_left < 0:
        message = f"期限を{-days_left}日過ぎています(残り{remaining}件)"
    else:
        # Rounded up, so that keeping the stated pace reaches the target; under a month left,
        # everything remaining is due this month.
        months = max(1.0, days_left / DAYS_PER_MONTH)
        per_month = math.ceil(remaining / months * 10) / 10
        message = f"残り{remaining}件を、月あたり{per_month:g}件のペースで撤廃する必要があります"
    return Pace(deadline_label(deadline), to_wareki(deadline), days_left, remaining, per_month, message)


@dataclass
class BreakdownRow:
    label: str
    counts: dict[str, int]

    @property
    def total(self) -> int:
        """検出: the findings still in the 例規集, as review_counts' ``found``."""
        return sum(n for bucket, n in self.counts.items() if bucket not in GONE)


def breakdown(findings: list[FindingView], key, labels: list[str]) -> list[BreakdownRow]:
    """Counts per bucket for each value of ``key``: ``labels`` first (zero rows shown), then others."""
    rows = {label: BreakdownRow(label, dict.fromkeys(BUCKETS, 0)) for label in labels}
    for f in findings:
        label = key(f)
        rows.setdefault(label, BreakdownRow(label, dict.fromkeys(BUCKETS, 0))).counts[f.bucket] += 1
    return list(rows.values())


@dataclass
class InquiryRow:
    """One 課 in 照会の回答状況, as review status --by-department shows it."""
    department: str
    found: int
    undecided: int
    changed: int
    decided: int
    owing: int
    last_import: str      # 和暦 ('' = nothing imported yet)


@dataclass
class AmendedDocument:
    title: str
    number: str
    source_url: str


@dataclass
class Changes:
    """前回の走査からの変化."""
    new: list[FindingView]
    changed: list[FindingView]
    abolished: list[FindingView]
    vanished: list[FindingView]
    amended: list[AmendedDocument]


#: the columns of a scan's row on the page's history table and in summary.xlsx's 推移 sheet
HISTORY_COLUMNS = ("走査日", "対象例規", "うち引継ぎ", "検出", "見直し予定", "撤廃済")


@dataclass
class HistoryPoint:
    """One scan run on the time line (走査の履歴)."""
    date: date
    date_wareki: str
    found: int
    revise: int
    abolished: int
    documents: int          # 例規 the run covered
    carried: int            # of them, unchanged since the run before: its findings kept without scanning again


@dataclass
class Report:
    settings: Settings
    today: date
    counts: dict[str, int]
    pace: Pace
    history: list[HistoryPoint]
    chart: BurnUpChart
    by_category: list[BreakdownRow]
    by_department: list[BreakdownRow]
    by_basis: list[BreakdownRow]
    changes: Changes
    findings: list[FindingView]
    by_confidence: list[BreakdownRow] = field(default_factory=list)
    inquiry: list[InquiryRow] = field(default_factory=list)      # the 課 that owe answers first

    @property
    def today_wareki(self) -> str:
        return to_wareki(self.today)

    @property
    def percent(self) -> float:
        """Progress toward the target, capped at 100 for the bar."""
        if self.settings.target <= 0:
            return 100.0
        return min(100.0, self.counts["abolished"] * 100 / self.settings.target)

    @property
    def departments(self) -> list[str]:
        """所管課 choices for the filter: the configured list, then any other seen in decisions."""
        return [row.label for row in self.by_department]

    @property
    def confidence_note(self) -> str:
        return CONFIDENCE_NOTE

    @property
    def buckets(self) -> tuple[str, ...]:
        return BUCKETS

    @property
    def categories(self):
        return CATEGORIES

