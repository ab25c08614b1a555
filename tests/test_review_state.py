import time

import pytest

from reiki_scan.review.decisions import Decision, decision_history, latest_decisions, record_decisions
from reiki_scan.review.state import (ABOLISHED, CHANGED, CONTINUED, NEW, VANISHED, changes_since_last_scan,
                                     progress_history, review_counts, review_rows)
from reiki_scan.store.db import Store
from test_review_support import Town, identity


@pytest.fixture
def town(tmp_path):
    with Store(tmp_path / "reiki.sqlite") as store:
        t = Town(store)
        t.write("kouen", {"第3条": "管理者は、利用者の見やすい場所に掲示しなければならない。",
                          "第4条": "町長は、必要があると認めるときは、立入検査をさせることができる。"})
        t.write("jigyo", {"第2条": "事業者は、許可証を事務所に掲示しなければならない。",
                          "第5条": "管理者は、施設に常駐しなければならない。"})
        yield t


def by_id(store):
    return {row.finding_id: row for row in review_rows(store)}


def decide(store, fid, applicability="該当", policy="見直し", **more):
    record_decisions(store, [Decision(fid, applicability, policy, **more)])


def test_first_scan_rows_are_new_and_undecided(town):
    town.scan()
    rows = review_rows(town.store)
    assert [r.status for r in rows] == [NEW] * 4
    assert all(r.decision is None and r.is_pending for r in rows)
    counts = review_counts(town.store)
    assert (counts["found"], counts["undecided"], counts["new"], counts["abolished"]) == (4, 4, 4, 0)


def test_same_content_carries_its_decision_over_a_rescan(town):
    town.scan()
    fid = identity(town, "kouen", "第3条")
    decide(town.store, fid, "該当", "存置", note="法令で義務付け")
    town.documents["jigyo"]["第9条"] = "届出は書面で行う。"     # another document amended
    town.scan()
    row = by_id(town.store)[fid]
    assert row.status == CONTINUED and row.decision.policy == "存置" and row.decision.note == "法令で義務付け"


def test_changed_clause_is_flagged_for_rereview_with_the_old_decision_as_suggestion(town):
    town.scan()
    old = identity(town, "kouen", "第3条")
    decide(town.store, old, "該当", "見直し", schedule="令和8年度", department="総務課")
    town.documents["kouen"]["第3条"] = "管理者は、利用者の見やすい場所に規則を掲示するものとする。"
    run = town.scan()
    new = identity(town, "kouen", "第3条")
    rows = by_id(town.store)
    assert old not in rows, "the replaced finding is shown through its successor, not twice"
    row = rows[new]
    assert row.status == CHANGED and row.decision is None and row.is_pending
    assert row.suggestion.schedule == "令和8年度" and row.previous.identity == old and row.lineage == (old,)
    assert row.status_run_id == run
    assert review_counts(town.store)["changed"] == 1
    decide(town.store, new, "該当", "見直し")
    assert by_id(town.store)[new].status == NEW and review_counts(town.store)["changed"] == 0


def test_removed_clause_decided_revise_is_abolished_by_the_scan_that_saw_it_go(town):
    first = town.scan()
    fid = identity(town, "kouen", "第3条")
    decide(town.store, fid)
    town.documents["kouen"]["第3条"] = "管理者は、利用者が閲覧できるようインターネットで公表する。"
    second = town.scan()
    row = by_id(town.store)[fid]
    assert row.status == ABOLISHED and row.status_run_id == second and row.decision.is_revise
    assert row.status_date == town.store.scan_runs()[-1]["started_at"][:10]
    assert review_counts(town.store)["abolished"] == 1
    history = progress_history(town.store)
    assert [(h["run_id"], h["revise"], h["abolished"]) for h in history] == [(first, 1, 0), (second, 0, 1)]


def test_vanished_finding_without_amendment_is_reported_not_abolished(town):
    town.scan()
    fid = identity(town, "kouen", "第3条")
    decide(town.store, fid)
    # The rules changed, the document did not: the finding vanished but nothing was abolished.
    findings = [f for f in town.findings("kouen") + town.findings("jigyo") if f.identity != fid]
    versions = {r["document_key"]: r["id"] for r in town.store.latest_versions()}
    town.store.record_scan(findings, versions, "m", "rules-v2", "2026-11-25T10:00:00+09:00")
    row = by_id(town.store)[fid]
    assert row.status == VANISHED and row.decision.is_revise
    assert review_counts(town.store)["abolished"] == 0 and review_counts(town.store)["vanished"] == 1


def test_vanished_undecided_finding_is_still_a_row(town):
    town.scan()
    fid = identity(town, "jigyo", "第5条", "resident_dedicated")
    del town.documents["jigyo"]["第5条"]
    town.scan()
    assert by_id(town.store)[fid].status == VANISHED


def test_identity_that_reappears_keeps_its_decision(town):
    town.scan()
    fid = identity(town, "kouen", "第4条", "onsite_audit")
    decide(town.store, fid, "非該当", "")
    text = town.documents["kouen"].pop("第4条")
    town.scan()
    town.documents["kouen"]["第4条"] = text
    town.scan()
    row = by_id(town.store)[fid]
    assert row.status == CONTINUED and row.decision.applicability == "非該当"


def test_reworded_twice_suggests_the_last_decision_made(town):
    town.scan()
    first = identity(town, "kouen", "第3条")
    decide(town.store, first, "該当", "存置", note="理由A")
    town.documents["kouen"]["第3条"] = "管理者は、見やすい場所に掲示しなければならない。"
    town.scan()
    town.documents["kouen"]["第3条"] = "管理者は、見やすい場所に掲示する。"
    town.scan()
    row = by_id(town.store)[identity(town, "kouen", "第3条")]
    assert row.status == CHANGED and row.suggestion.note == "理由A" and row.lineage[-1] == first


def test_reworded_then_removed_clause_decided_revise_counts_as_abolished(town):
    town.scan()
    decide(town.store, identity(town, "kouen", "第3条"))
    town.documents["kouen"]["第3条"] = "管理者は、見やすい場所に掲示する。"
    town.scan()
    reworded = identity(town, "kouen", "第3条")
    del town.documents["kouen"]["第3条"]
    town.scan()
    assert by_id(town.store)[reworded].status == ABOLISHED


def test_decisions_are_append_only_and_the_latest_wins(town):
    town.scan()
    fid = identity(town, "kouen", "第3条")
    decide(town.store, fid, "該当", "検討中", decided_by="総務課 山田")
    decide(town.store, fid, "該当", "見直し", decided_by="総務課 田中")
    assert [d.decided_by for d in decision_history(town.store, fid)] == ["総務課 山田", "総務課 田中"]
    assert latest_decisions(town.store)[fid].policy == "見直し"


def test_keep_without_reason_is_refused_and_nothing_is_stored(town):
    town.scan()
    fid = identity(town, "kouen", "第3条")
    with pytest.raises(ValueError):
        record_decisions(town.store, [Decision(fid, "該当", "見直し"), Decision(fid, "該当", "存置")])
    assert decision_history(town.store, fid) == []


def test_changes_since_last_scan_lists_what_the_rescan_changed(town):
    town.scan()
    removed, reworded = identity(town, "kouen", "第3条"), identity(town, "jigyo", "第2条")
    decide(town.store, removed)
    decide(town.store, reworded, "該当", "検討中")
    del town.documents["kouen"]["第3条"]
    town.documents["jigyo"]["第2条"] = "事業者は、許可証を掲示するものとする。"
    town.documents["jigyo"]["第8条"] = "職員は、帳簿の立入検査をすることができる。"
    town.write("shin", {"第1条": "受付は常駐の職員が行う。"})
    town.scan()
    changes = changes_since_last_scan(town.store)
    assert [r.finding_id for r in changes["abolished"]] == [removed]
    assert [r.suggestion.policy for r in changes["changed"]] == ["検討中"]
    assert {r.finding.provision for r in changes["new"]} == {"第8条", "第1条"}
    assert changes["vanished"] == []
    assert changes["amended_documents"] == ["jigyo", "kouen"] and changes["added_documents"] == ["shin"]


def test_no_scan_yet_gives_empty_state(tmp_path):
    with Store(tmp_path / "r.sqlite") as store:
        assert review_rows(store) == [] and review_counts(store)["found"] == 0
        assert progress_history(store) == [] and changes_since_last_scan(store)["run_id"] is None


def test_clause_reworded_while_its_article_gains_a_paragraph_is_still_the_same_clause(town):
    town.scan()
    old = identity(town, "kouen", "第3条")
    decide(town.store, old)
    text = town.documents["kouen"].pop("第3条")
    town.documents["kouen"]["第3条第1項"] = text.replace("しなければならない", "するものとする")
    town.documents["kouen"]["第3条第2項"] = "前項の掲示は、電子掲示板によることができる。"
    town.scan()
    rows = by_id(town.store)
    assert old not in rows and review_counts(town.store)["abolished"] == 0
    row = rows[identity(town, "kouen", "第3条第1項")]
    assert row.status == CHANGED and row.suggestion.is_revise


def test_burn_up_points_before_a_decision_do_not_count_it(town):
    first = town.scan()
    second = town.scan()
    time.sleep(1.1)          # timestamps are to the second
    fid = identity(town, "kouen", "第3条")
    decide(town.store, fid)
    history = progress_history(town.store)
    assert [(h["run_id"], h["revise"]) for h in history] == [(first, 0), (second, 1)]


def test_a_sentence_repeated_in_two_provisions_gives_two_findings(town):
    text = "管理者は、許可証を見やすい場所に掲示しなければならない。"
    town.documents["kouen"]["第5条"] = text
    town.documents["kouen"]["第3条"] = text
    town.scan()
    rows = [r for r in review_rows(town.store) if r.finding.document == "kouen" and r.finding.category == "posting"]
    assert sorted(r.finding.provision for r in rows) == ["第3条", "第5条"]
    assert len({r.finding_id for r in rows}) == 2
    town.scan()
    assert {r.finding_id for r in review_rows(town.store)} >= {r.finding_id for r in rows}
