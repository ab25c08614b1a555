from datetime import date, datetime

import pytest

from reiki_scan.wareki import fiscal_year_label, to_wareki


@pytest.mark.parametrize("day, expected", [
    (date(2026, 11, 25), "令和8年11月25日"),
    (date(2019, 5, 1), "令和元年5月1日"),
    (date(2019, 4, 30), "平成31年4月30日"),
    (date(1989, 1, 8), "平成元年1月8日"),
    (date(1989, 1, 7), "昭和64年1月7日"),
    (datetime(2027, 3, 31, 23, 59), "令和9年3月31日"),
    ("2026-11-25T10:00:00+09:00", "令和8年11月25日"),
])
def test_day_is_written_in_the_era_in_force(day, expected):
    assert to_wareki(day) == expected


@pytest.mark.parametrize("day, expected", [
    (date(2026, 11, 25), "令和8年度"),
    (date(2027, 3, 31), "令和8年度"),
    (date(2027, 4, 1), "令和9年度"),
    (date(2019, 4, 1), "令和元年度"),
    (date(2020, 3, 31), "令和元年度"),
    (date(1989, 3, 31), "昭和63年度"),
    ("2024-06-01", "令和6年度"),
])
def test_fiscal_year_runs_april_to_march(day, expected):
    assert fiscal_year_label(day) == expected


def test_date_before_meiji_is_refused():
    with pytest.raises(ValueError):
        to_wareki(date(1867, 1, 1))
