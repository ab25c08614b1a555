"""After a workspace scan the clerk is told what changed since the previous scan, in the report's terms."""

from reiki_scan.cli.scan_cmds import changes_line
from reiki_scan.store.db import Store
from test_report_support import build_town
from test_review_support import Town


def test_first_scan_points_to_the_review_sheet(tmp_path):
    with Store(tmp_path / "reiki.sqlite") as store:
        town = Town(store)
        town.write("kouen", {"第3条": "管理者は、利用者の見やすい場所に掲示しなければならない。"})
        town.scan()
        assert "reiki-scan review export" in changes_line(store)


def test_rescan_reports_amended_documents_and_the_status_changes(tmp_path):
    with Store(tmp_path / "reiki.sqlite") as store:
        build_town(store)     # one clause removed (見直し), one reworded, one document added
        line = changes_line(store)
    assert "改正された例規 2 件" in line and "追加された例規 1 件" in line
    assert "新規 1 件" in line and "条文変更・要再確認 1 件" in line and "撤廃済 1 件" in line
    assert "--only pending" in line
