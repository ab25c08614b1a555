"""照会 to the 所管課: 所管課 from the rules in reiki-scan.yaml, one sheet per 課 out, many sheets back in
one batch, and which 課 still owe answers."""

import json
import shutil

import pytest
import yaml
from click.testing import CliRunner
from openpyxl import load_workbook

from reiki_scan.cli.main import main
from reiki_scan.review.decisions import decision_history, latest_decisions
from reiki_scan.workspace import Workspace
from test_review_support import Town, fill, identity, sheet_rows

RULES = [{"department": "総務課", "title": "職員"},
         {"department": "建設課", "taxonomy": "第10編"},
         {"department": "税務課", "number": "令和元年条例第20号"}]

# key → (例規名, 例規番号, 体系): one document for each kind of rule, and one no rule gives a 課.
DOCUMENTS = {"shokuin": ("職員の服務に関する規程", "令和元年訓令第3号", ""),
             "kouen": ("町立公園条例", "令和元年条例第7号", "第10編 建設/第3章 公園"),
             "zei": ("町税条例", "令和元年条例第20号", "第6編 財務/第2章 税"),
             "tosho": ("図書館条例", "令和元年条例第9号", "第7編 教育")}


class CatalogTown(Town):
    """The review town with the 例規名, 例規番号 and 体系 the assignment rules look at."""

    def __init__(self, store, catalog):
        super().__init__(store)
        self.catalog = catalog

    def ordinance(self, key):
        ordinance = super().ordinance(key)
        ordinance.title, ordinance.number, ordinance.taxonomy = self.catalog[key]
        return ordinance


def write_settings(ws: Workspace, departments=("総務課", "建設課", "税務課"), rules=RULES) -> None:
    settings = {"municipality": "テスト町", "departments": list(departments), "assign": rules}
    ws.config_path.write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")


def scan_town(ws: Workspace, documents: dict, catalog=DOCUMENTS) -> CatalogTown:
    with ws.store() as store:
        town = CatalogTown(store, dict(catalog))
        town.documents = documents
        town.scan()
    return town


@pytest.fixture
def ws(tmp_path):
    """Three 課 by three kinds of rule: 総務課 2 findings, 建設課 2, 税務課 1."""
    workspace = Workspace.open(tmp_path / "ws")
    write_settings(workspace)
    workspace.town = scan_town(workspace, {
        "shokuin": {"第3条": "職員は、職務に専念し、勤務場所に常駐しなければならない。",
                    "第5条": "服務の規律は、庁内に掲示する。"},
        "kouen": {"第4条": "町長は、公園の管理者に立入検査をさせることができる。",
                  "第8条": "利用の制限は、公園の入口に掲示する。"},
        "zei": {"第12条": "納税の告知は、役場前の掲示場に掲示して行う。"}})
    return workspace


def cli(run_cli, ws, *args, check=True):
    return run_cli("review", *args, "--workspace", ws.root, check=check)


def given(ws, *args) -> None:
    """A step the test starts from, run in-process (the step under test goes through the installed command)."""
    result = CliRunner().invoke(main, ["review", *map(str, args), "--workspace", str(ws.root)])
    assert result.exit_code == 0, result.output


def sent_out(ws, tmp_path):
    """The state the 照会 starts from: 所管課 assigned by the rules and one sheet per 課 in 照会/."""
    given(ws, "assign")
    given(ws, "export", "--by-department", "-o", tmp_path / "照会")
    return tmp_path / "照会"


def by_department(run_cli, ws) -> dict[str, dict]:
    out = cli(run_cli, ws, "status", "--by-department", "--format", "json").stdout
    return {p["department"]: p for p in json.loads(out)}


def stored(ws):
    with ws.store() as store:
        return latest_decisions(store), store.conn.execute("SELECT COUNT(*) FROM decisions").fetchone()[0]


def decide_all(path, reviewer: str) -> None:
    fill(path, {r["ID"]: {"該非": "該当", "見直し方針": "検討中", "判定者": reviewer} for r in sheet_rows(path)})


def test_assign_dry_run_writes_nothing_and_assign_gives_each_document_its_department(run_cli, ws):
    before = by_department(run_cli, ws)
    dry = cli(run_cli, ws, "assign", "--dry-run").stdout
    assert "(割り当て予定) 町立公園条例(令和元年条例第7号): (未割当) → 建設課  2番目の規則(体系に「第10編」)" in dry
    assert "何も書き込んでいません" in dry and by_department(run_cli, ws) == before == {
        "(未割当)": {"department": "(未割当)", "found": 5, "undecided": 5, "changed": 0, "decided": 0,
                     "last_import": "", "owing": 5}}
    out = cli(run_cli, ws, "assign").stdout
    assert "所管課が変わる例規 3 件" in out and "すべての検出に所管課があります" in out
    assert {name: p["found"] for name, p in by_department(run_cli, ws).items()} == {"総務課": 2, "建設課": 2, "税務課": 1}
    assert "所管課が変わる例規 0 件" in cli(run_cli, ws, "assign").stdout      # running it again changes nothing


def test_three_departments_get_three_sheets_and_one_import_of_all_decides_every_finding(run_cli, ws, tmp_path):
    cli(run_cli, ws, "assign")
    out_dir = tmp_path / "照会"
    cli(run_cli, ws, "export", "--by-department", "-o", out_dir)
    assert sorted(p.name for p in out_dir.iterdir()) == ["建設課.xlsx", "税務課.xlsx", "総務課.xlsx"]
    titles = {"総務課": {"職員の服務に関する規程"}, "建設課": {"町立公園条例"}, "税務課": {"町税条例"}}
    for department, expected in titles.items():
        path = out_dir / f"{department}.xlsx"
        rows = sheet_rows(path)
        assert {r["例規名"] for r in rows} == expected and {r["所管課"] for r in rows} == {department}
        book = load_workbook(path)
        sheet = book["点検・見直し一覧"]
        assert {dv.formula1 for dv in sheet.data_validations.dataValidation} >= {'"該当,非該当,未判定"'}
        assert sheet.protection.sheet and sheet.cell(2, len(sheet[1])).protection.locked     # the ID column
        summary = {r[0]: r[1] for r in book["集計"].iter_rows(values_only=True) if r and r[0]}
        assert summary["検出(現存)"] == len(rows) and any(department in str(k) for k in summary)
        decide_all(path, f"{department} 担当")
    proc = run_cli("review", "import", *sorted(out_dir.glob("*.xlsx")), "--workspace", ws.root)
    assert "反映 5 件" in proc.stdout
    status = json.loads(cli(run_cli, ws, "status", "--format", "json").stdout)
    assert status["undecided"] == 0 and status["considering"] == 5
    progress = by_department(run_cli, ws)
    assert {p["owing"] for p in progress.values()} == {0} and all(p["last_import"] for p in progress.values())
    sources = {d.source for d in stored(ws)[0].values()}
    assert sources == {"総務課.xlsx", "建設課.xlsx", "税務課.xlsx"}


def test_sheets_that_disagree_on_one_finding_are_refused_whole_and_the_store_is_unchanged(run_cli, ws, tmp_path):
    out_dir = sent_out(ws, tmp_path)
    full = ws.reports_dir / "review.xlsx"
    given(ws, "export", "-o", full)
    posting = identity(ws.town, "zei", "第12条")
    fill(out_dir / "税務課.xlsx", {posting: {"該非": "該当", "見直し方針": "見直し", "見直し予定時期": "令和8年度"}})
    decide_all(out_dir / "総務課.xlsx", "総務課")                        # good sheets: not applied either
    fill(full, {posting: {"該非": "非該当"}})
    row_in = {path: 2 + [r["ID"] for r in sheet_rows(path)].index(posting) for path in (out_dir / "税務課.xlsx", full)}
    before = stored(ws)
    proc = run_cli("review", "import", out_dir / "税務課.xlsx", out_dir / "総務課.xlsx", full, "--workspace", ws.root,
                   check=False)
    assert proc.returncode != 0 and "どの判定表も取り込んでいません" in proc.stderr
    conflict = next(line for line in proc.stderr.splitlines() if "食い違っています" in line)
    assert f"税務課.xlsx {row_in[out_dir / '税務課.xlsx']}行目(該非 該当、見直し方針 見直し、見直し予定時期 令和8年度)" in conflict
    assert f"review.xlsx {row_in[full]}行目(該非 非該当、見直し方針 (空欄)、見直し予定時期 (空欄))" in conflict
    assert "町税条例 第12条(書面掲示)" in conflict
    assert stored(ws) == before == ({}, 0)


def test_a_second_copy_of_a_sheet_sent_back_late_changes_nothing(run_cli, ws, tmp_path):
    out_dir = sent_out(ws, tmp_path)
    decide_all(out_dir / "総務課.xlsx", "総務課 山田")
    late = tmp_path / "メール添付" / "総務課.xlsx"
    late.parent.mkdir()
    shutil.copy(out_dir / "総務課.xlsx", late)
    twice = run_cli("review", "import", out_dir / "総務課.xlsx", late, "--workspace", ws.root).stdout
    assert "反映 2 件" in twice and "同じ判定の重複 2 件は1件として反映" in twice
    decide_all(out_dir / "建設課.xlsx", "建設課")
    again = run_cli("review", "import", late, out_dir / "建設課.xlsx", "--workspace", ws.root).stdout
    assert "反映 2 件 / 変更なし 2 件 / 見送り 0 件" in again
    with ws.store() as store:
        for key, path in (("shokuin", "第5条"), ("kouen", "第8条")):
            assert len(decision_history(store, identity(ws.town, key, path))) == 1


def test_department_typed_in_a_sheet_moves_the_finding_and_wins_over_the_rules(run_cli, ws, tmp_path):
    out_dir = sent_out(ws, tmp_path)
    moved = identity(ws.town, "shokuin", "第3条", "resident_dedicated")
    fill(out_dir / "総務課.xlsx", {moved: {"所管課": "税務課"}})
    out = run_cli("review", "import", out_dir / "総務課.xlsx", "--workspace", ws.root).stdout
    assert "所管課 総務課→税務課" in out
    assert "判定表で手入力した所管課を規則より優先した検出 1 件" in cli(run_cli, ws, "assign").stdout
    assert {name: p["found"] for name, p in by_department(run_cli, ws).items()} == {"総務課": 1, "建設課": 2, "税務課": 2}
    cli(run_cli, ws, "export", "--by-department", "-o", out_dir)
    assert moved in {r["ID"] for r in sheet_rows(out_dir / "税務課.xlsx")}
    assert moved not in {r["ID"] for r in sheet_rows(out_dir / "総務課.xlsx")}


def test_department_left_as_exported_follows_the_rules_not_the_sheet(run_cli, ws, tmp_path):
    """A decision on a rule-assigned row stores no 所管課 of its own, so a later rule still moves it."""
    given(ws, "assign")
    path = ws.reports_dir / "review.xlsx"
    given(ws, "export", "-o", path)
    posting = identity(ws.town, "zei", "第12条")
    fill(path, {posting: {"該非": "非該当"}})
    cli(run_cli, ws, "import", path)
    assert stored(ws)[0][posting].department == ""
    assert next(r for r in sheet_rows(path) if r["ID"] == posting)["所管課"] == "税務課"


def test_renamed_department_moves_its_documents_and_an_old_sheet_still_imports(run_cli, ws, tmp_path):
    out_dir = sent_out(ws, tmp_path)
    old_sheet = out_dir / "建設課.xlsx"
    renamed = [dict(rule, department="都市建設課") if rule["department"] == "建設課" else rule for rule in RULES]
    write_settings(ws, departments=("総務課", "都市建設課", "税務課"), rules=renamed)
    assert "町立公園条例(令和元年条例第7号): 建設課 → 都市建設課" in cli(run_cli, ws, "assign").stdout
    decide_all(old_sheet, "建設課")                                 # the sheet still says 建設課
    assert "反映 2 件" in run_cli("review", "import", old_sheet, "--workspace", ws.root).stdout
    progress = by_department(run_cli, ws)
    assert "建設課" not in progress and progress["都市建設課"]["decided"] == 2
    fresh = tmp_path / "再照会"
    cli(run_cli, ws, "export", "--by-department", "-o", fresh)
    assert sorted(p.name for p in fresh.iterdir()) == ["税務課.xlsx", "総務課.xlsx", "都市建設課.xlsx"]


def test_document_keeps_its_department_across_an_amendment_and_a_new_finding_joins_it(run_cli, ws):
    given(ws, "assign")
    catalog = dict(DOCUMENTS, shokuin=("会計年度任用の服務に関する規程", "令和元年訓令第3号", ""))   # rule no longer matches
    documents = ws.town.documents
    documents["shokuin"]["第7条"] = "監督者は、毎月、勤務状況を目視により確認し、掲示する。"
    scan_town(ws, documents, catalog)
    assert by_department(run_cli, ws)["総務課"]["found"] == 3          # without running assign again
    assert "所管課が変わる例規 0 件" in cli(run_cli, ws, "assign").stdout
    assert by_department(run_cli, ws)["総務課"]["found"] == 3


def test_rows_without_a_department_go_to_an_unassigned_sheet(run_cli, ws, tmp_path):
    documents = ws.town.documents
    documents["tosho"] = {"第5条": "休館日は、館内に掲示する。"}
    scan_town(ws, documents)
    out = cli(run_cli, ws, "assign").stdout
    assert "まだ所管課のない検出 1 件(例規 1 件)" in out and "図書館条例(令和元年条例第9号) 1 件" in out
    cli(run_cli, ws, "export", "--by-department", "-o", tmp_path / "照会")
    assert [r["例規名"] for r in sheet_rows(tmp_path / "照会" / "未割当.xlsx")] == ["図書館条例"]


def test_export_by_department_writes_nothing_over_a_filled_sheet_not_yet_imported(run_cli, ws, tmp_path):
    out_dir = sent_out(ws, tmp_path)
    decide_all(out_dir / "税務課.xlsx", "税務課")
    (out_dir / "総務課.xlsx").unlink()
    proc = cli(run_cli, ws, "export", "--by-department", "-o", out_dir, check=False)
    assert proc.returncode != 0 and "税務課.xlsx には、まだ取り込んでいない記入が 1 行" in proc.stderr
    assert not (out_dir / "総務課.xlsx").exists(), "no sheet is written when one would be lost"
    assert sheet_rows(out_dir / "税務課.xlsx")[0]["該非"] == "該当"
    cli(run_cli, ws, "export", "--by-department", "-o", out_dir, "--overwrite")
    assert sheet_rows(out_dir / "税務課.xlsx")[0]["該非"] is None and (out_dir / "総務課.xlsx").exists()


def test_status_by_department_puts_the_departments_that_owe_answers_on_top(run_cli, ws, tmp_path):
    out_dir = sent_out(ws, tmp_path)
    decide_all(out_dir / "総務課.xlsx", "総務課")
    run_cli("review", "import", out_dir / "総務課.xlsx", "--workspace", ws.root)
    assert list(by_department(run_cli, ws)) == ["建設課", "税務課", "総務課"]
    table = cli(run_cli, ws, "status", "--by-department").stdout
    lines = table.splitlines()
    assert lines[1].split() == ["所管課", "検出", "未判定", "要再確認", "判定済", "最終取込日"]
    assert lines[3].split()[:5] == ["建設課", "2", "2", "0", "0"] and lines[5].split()[:5] == ["総務課", "2", "0", "0", "2"]
    assert lines[5].split()[5].startswith("令和") and "回答待ち: 建設課 2 件、税務課 1 件" in table


@pytest.mark.parametrize("rule, message", [
    ({"department": "総務課", "titel": "職員"}, "titel は使えません"),
    ({"department": "広報課", "title": "広報"}, "課「広報課」が departments の一覧にありません"),
    ({"department": "総務課"}, "どれかで当てはまる例規を示します"),
    ({"title": "職員"}, "割り当てる課を department: 総務課 のように書きます"),
])
def test_assignment_rule_with_a_mistake_is_refused_naming_the_rule(run_cli, ws, rule, message):
    write_settings(ws, rules=[RULES[0], rule])
    proc = cli(run_cli, ws, "assign", check=False)
    assert proc.returncode != 0 and "assign の2番目の規則を確認してください" in proc.stderr and message in proc.stderr
    assert "Traceback" not in proc.stderr


def test_assign_without_rules_says_how_to_write_them(run_cli, ws):
    write_settings(ws, rules=None)
    proc = cli(run_cli, ws, "assign", check=False)
    assert proc.returncode != 0 and "割り当て規則(assign)がありません" in proc.stderr


def test_department_cleared_on_a_rule_assigned_row_is_said_to_stay_with_the_rule(run_cli, ws):
    given(ws, "assign")
    path = ws.reports_dir / "review.xlsx"
    given(ws, "export", "-o", path)
    posting = identity(ws.town, "zei", "第12条")
    fill(path, {posting: {"所管課": None, "該非": "非該当"}})
    proc = cli(run_cli, ws, "import", path)
    assert "割り当て規則により「税務課」のままです" in proc.stderr
    assert by_department(run_cli, ws)["税務課"]["decided"] == 1
