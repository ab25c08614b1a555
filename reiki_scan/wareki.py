"""和暦 (Japanese era dates): 令和8年11月25日, 令和8年度, 令和元年.

Only the eras a municipal 例規集 needs in practice (明治 onward); a date before 明治 is refused.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime

# (era name, first day): newest first, so the first era whose start is <= the date is the one.
ERAS: tuple[tuple[str, date], ...] = (
    ("令和", date(2019, 5, 1)),
    ("平成", date(1989, 1, 8)),
    ("昭和", date(1926, 12, 25)),
    ("大正", date(1912, 7, 30)),
    ("明治", date(1868, 1, 25)),
)


def _as_date(value: date | datetime | str) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    # ISO text as stored in the database ("2026-11-25" or "2026-11-25T10:00:00+09:00").
    return date.fromisoformat(str(value)[:10])


def era_year(value: date | datetime | str) -> tuple[str, int]:
    """(元号, 年) of a day, e.g. (令和, 8)."""
    day = _as_date(value)
    for name, start in ERAS:
        if day >= start:
            return name, day.year - start.year + 1
    raise ValueError(f"{day.isoformat()} は明治より前の日付です")


def year_label(era: str, year: int) -> str:
    """令和1 → 令和元年 (the first year of an era is written 元年)."""
    return f"{era}{'元' if year == 1 else year}年"


def to_wareki(value: date | datetime | str) -> str:
    """2026-11-25 → 令和8年11月25日; 2019-05-01 → 令和元年5月1日."""
    day = _as_date(value)
    era, year = era_year(day)
    return f"{year_label(era, year)}{day.month}月{day.day}日"


def fiscal_year(value: date | datetime | str) -> int:
    """The Western year in which the 年度 (April–March) of a day starts."""
    day = _as_date(value)
    return day.year if day.month >= 4 else day.year - 1


def fiscal_year_label(value: date | datetime | str) -> str:
    """2026-11-25 → 令和8年度; 2027-03-31 → 令和8年度; 2019-04-01 → 令和元年度.

    A 年度 (April–March) takes the number of the calendar year it starts in, written in the
    era in force at the end of that calendar year: the 年度 from 2019-04-01 is 令和元年度, as
    town budgets and 決算 call it, and the one from 1988-04-01 stays 昭和63年度.
    """
    era, year = era_year(date(fiscal_year(value), 12, 31))
    return f"{year_label(era, year)}度"


def deadline_label(value: date | datetime | str) -> str:
    """令和8年度末 for the last day of a 年度 (31 March), the 和暦 date otherwise."""
    day = _as_date(value)
    if (day.month, day.day) == (3, 31):
        return f"{fiscal_year_label(day)}末"
    return to_wareki(day)


def deadline_text(value: date | datetime | str) -> str:
    """令和8年度末(令和9年3月31日): the goal's deadline as the report and the status table write it."""
    label, exact = deadline_label(value), to_wareki(value)
    return label if label == exact else f"{label}({exact})"


_WESTERN_FY = re.compile(r"((?:19|20)\d\d)\s*(?:年度)?")
_ERA_FY = re.compile(r"(令和|平成|R|H)\.?\s*(\d{1,2}|元)\s*(?:年度)?", re.IGNORECASE)
_ERA_INITIAL = {"R": "令和", "H": "平成"}


def schedule_label(text: str) -> str:
    """A 見直し予定時期 as the town writes it: 2026年度, R8, ｒ８年度, 令和８年度 → 令和8年度.

    Only a bare year or 年度 is rewritten; anything more (令和8年9月議会, 未定) is kept as typed.
    """
    plain = unicodedata.normalize("NFKC", text).strip()
    if m := _WESTERN_FY.fullmatch(plain):
        return fiscal_year_label(date(int(m.group(1)), 4, 1))
    if m := _ERA_FY.fullmatch(plain):
        era = _ERA_INITIAL.get(m.group(1).upper(), m.group(1))
        year = 1 if m.group(2) == "元" else int(m.group(2))
        return f"{year_label(era, year)}度" if year >= 1 else text.strip()
    return text.strip()
