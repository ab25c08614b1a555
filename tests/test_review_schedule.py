"""見直し予定時期 is stored in 和暦 whichever way a reviewer typed the year, so the report reads one way."""

import pytest

from reiki_scan.wareki import schedule_label
from test_review_support import fill
from test_review_xlsx import decisions, export, ids, ws  # noqa: F401 (fixture)


@pytest.mark.parametrize("typed, stored", [
    ("2026年度", "令和8年度"), ("2026", "令和8年度"), ("R8", "令和8年度"), ("ｒ８年度", "令和8年度"),
    ("令和８年度", "令和8年度"), ("2019年度", "令和元年度"), ("H30", "平成30年度"),
    ("令和8年9月議会", "令和8年9月議会"), ("未定", "未定"), ("", ""),
])
def test_a_year_typed_any_way_becomes_a_wareki_fiscal_year(typed, stored):
    assert schedule_label(typed) == stored


def test_schedule_typed_as_a_western_year_or_a_number_is_stored_in_wareki(run_cli, ws):  # noqa: F811
    post, audit = ids(ws)[:2]
    path = export(run_cli, ws)
    fill(path, {post: {"該非": "該当", "見直し方針": "見直し", "見直し予定時期": "2027年度"},
                audit: {"該非": "該当", "見直し方針": "見直し", "見直し予定時期": 2026}})
    run_cli("review", "import", path, "--workspace", ws.root)
    stored = decisions(ws)
    assert (stored[post].schedule, stored[audit].schedule) == ("令和9年度", "令和8年度")
    again = export(run_cli, ws)
    assert "反映 0 件" in run_cli("review", "import", again, "--workspace", ws.root).stdout
