"""The KPI stays honest when an amendment moves clauses: a flagged clause renumbered (第5条 → 第6条,
after an article is inserted before it) and reworded in the same 改正 is the same clause to review
again (条文変更・要再確認, carrying its decision), not an abolition plus a new finding."""

import pytest

from reiki_scan.review.decisions import Decision, record_decisions
from reiki_scan.review.renumber import clause_moves
from reiki_scan.review.state import ABOLISHED, CHANGED, NEW, review_counts, review_rows
from reiki_scan.store.db import Store
from test_review_support import Town, identity

STAY = "管理者は、開館時間中、施設に常駐しなければならない。"


@pytest.fixture
def town(tmp_path):
    with Store(tmp_path / "reiki.sqlite") as store:
        t = Town(store)
        t.write("kaikan", {"第3条": "会館に管理者を置く。", "第4条": "管理者は、町長が任命する。", "第5条": STAY,
                           "第6条": "この規則に定めるもののほか、必要な事項は、町長が定める。"})
        yield t


def decide_revise(town, path):
    fid = identity(town, "kaikan", path, "resident_dedicated")
    record_decisions(town.store, [Decision(fid, "該当", "見直し", department="総務課")])
    return fid


def test_clause_renumbered_and_reworded_is_rereviewed_not_abolished(town):
    town.scan()
    old = decide_revise(town, "第5条")
    docs = town.documents["kaikan"]
    town.documents["kaikan"] = {"第3条": docs["第3条"], "第4条": docs["第4条"],
                                "第5条": "管理者の任期は、2年とする。",
                                "第6条": STAY.replace("しなければならない", "するものとする"),
                                "第7条": docs["第6条"]}
    town.scan()
    rows = {r.finding_id: r for r in review_rows(town.store)}
    assert old not in rows and review_counts(town.store)["abolished"] == 0
    moved = rows[identity(town, "kaikan", "第6条", "resident_dedicated")]
    assert moved.status == CHANGED and moved.suggestion.is_revise and moved.previous.identity == old
    assert moved.finding.provision == "第6条"


def test_an_inserted_clause_of_the_same_category_is_new_and_the_moved_one_keeps_its_decision(town):
    town.scan()
    old = decide_revise(town, "第5条")
    docs = town.documents["kaikan"]
    town.documents["kaikan"] = {"第3条": docs["第3条"], "第4条": docs["第4条"],
                                "第5条": "副管理者は、夜間、施設に常駐しなければならない。",
                                "第6条": STAY.replace("開館時間中", "開館している間"),
                                "第7条": docs["第6条"]}
    town.scan()
    rows = {r.finding_id: r for r in review_rows(town.store)}
    inserted = rows[identity(town, "kaikan", "第5条", "resident_dedicated")]
    moved = rows[identity(town, "kaikan", "第6条", "resident_dedicated")]
    assert inserted.status == NEW and inserted.suggestion is None
    assert moved.status == CHANGED and moved.previous.identity == old
    assert review_counts(town.store)["abolished"] == 0


def test_a_clause_really_removed_by_the_amendment_still_counts_as_abolished(town):
    town.scan()
    old = decide_revise(town, "第5条")
    docs = town.documents["kaikan"]
    town.documents["kaikan"] = {"第3条": docs["第3条"], "第4条": "管理者の任期は、2年とする。",
                                "第5条": docs["第4条"], "第6条": docs["第6条"]}
    town.scan()
    rows = {r.finding_id: r for r in review_rows(town.store)}
    assert rows[old].status == ABOLISHED and review_counts(town.store)["abolished"] == 1


def test_clause_moves_follow_inserted_and_reworded_clauses():
    old = [("第1条", "目的を定める。"), ("第2条", "管理者は、施設に常駐しなければならない。"), ("第3条", "委任する。")]
    new = [("第1条", "目的を定める。"), ("第2条", "任期は2年とする。"),
           ("第3条", "管理者は、施設に常駐するものとする。"), ("第4条", "委任する。")]
    assert clause_moves(old, new) == {"第1条": "第1条", "第2条": "第3条", "第3条": "第4条"}
    unlike = [("第1条", "目的を定める。"), ("第2条", "手数料は無料とする。"), ("第3条", "委任する。")]
    assert "第2条" not in clause_moves(old, unlike)
