"""review export / import / status: the 所管課's decisions through an Excel sheet."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..review.batch_import import apply_batch, plan_batch
from ..review.by_department import department_progress, department_sheets
from ..review.layout import SHEET
from ..review.state import (CATEGORY_ORDER, COUNT_LABELS, GROUP_LABELS, category_of, count_rows, counts_by,
                            department_of, review_rows)
from ..review.xlsx import export_review_sheet, write_review_sheet
from ..review.xlsx_import import SheetError, plan_import
from ..wareki import deadline_text, to_wareki
from ..workspace import os_error_ja
from .assign_cmd import assign
from .common import existing_workspace_option, fail, format_table
from .main import main


@main.group("review")
def review() -> None:
    """所管課の判定(該非・見直し方針)を Excel の判定表でやり取りします。"""


review.add_command(assign)


@review.command("export")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None, metavar="PATH",
              help="出力するファイル(既定: 作業フォルダの reports/review.xlsx)。"
                   "--by-department のときは出力先フォルダ(既定: reports/照会)")
@click.option("--by-department", is_flag=True,
              help="所管課ごとに、その課の行だけのブック(総務課.xlsx …、所管課のない行は 未割当.xlsx)を出力")
@click.option("--only", type=click.Choice(["pending"]), default=None,
              help="pending: まだ判定が必要な行(未判定・条文変更)だけを出力")
@click.option("--overwrite", is_flag=True,
              help="出力先に、記入済みでまだ取り込んでいない判定表があっても上書きする")
@existing_workspace_option
def export(output, by_department, only, overwrite, ws):
    """判定表(点検・見直し一覧)を Excel ブックに出力します。

    所管課は 所管課・該非・見直し方針・見直し予定時期・存置理由・備考 を記入します。

    記入後は reiki-scan review import で取り込みます(記入のしかたは README の「判定表の記入のしかた」)。
    """
    if by_department:
        return export_by_department(output or ws.reports_dir / "照会", only == "pending", overwrite, ws)
    output = output or ws.reports_dir / "review.xlsx"
    if output.is_dir():
        fail(f"{output} はフォルダです。出力するファイル名(review.xlsx など)を指定してください"
             "(所管課ごとのブックをフォルダに出力するときは --by-department)")
    with ws.store() as store:
        if store.latest_run_id() is None:
            fail("まだ検出結果がありません。先に reiki-scan scan を実行してください")
        problem = overwrite_problem(output, store, ws.config.get("departments") or []) \
            if output.exists() and not overwrite else ""
        if problem:
            fail(f"{problem}。上書きすると失われるため出力を止めました。-o で別のファイル名を指定するか、"
                 "それでも上書きするときは --overwrite を付けてください")
        try:
            count = export_review_sheet(store, output, ws.config.get("departments") or [],
                                        ws.config["municipality"], only_pending=only == "pending")
        except OSError as exc:
            fail(f"{output} に書き込めません: {os_error_ja(exc)}")
    if only == "pending" and count == 0:
        click.echo(f"判定が必要な行はありません(すべて判定済みです)。空の判定表を出力しました: {output}")
    elif only == "pending":
        click.echo(f"判定表を出力しました: {output}(判定が必要な行 {count} 行)")
    else:
        click.echo(f"判定表を出力しました: {output}({count} 行)")


def export_by_department(directory: Path, only_pending: bool, overwrite: bool, ws) -> None:
    """One workbook per 所管課 in ``directory``; nothing is written when any of them would lose someone's work."""
    if (directory.exists() and not directory.is_dir()) or directory.suffix.lower() == ".xlsx":
        fail(f"{directory} はフォルダではありません。--by-department の -o には出力先のフォルダを指定してください"
             "(課ごとのブックをその中に作ります)")
    departments = ws.config.get("departments") or []
    with ws.store() as store:
        if store.latest_run_id() is None:
            fail("まだ検出結果がありません。先に reiki-scan scan を実行してください")
        rows = review_rows(store)
        sheets = department_sheets(rows, departments, only_pending)
        problems = [overwrite_problem(directory / s.file_name, store, departments, rows) for s in sheets
                    if (directory / s.file_name).exists() and not overwrite]
        problems = [p for p in problems if p]
        if problems:
            for problem in problems:
                click.echo(problem, err=True)
            fail("上書きすると失われる記入があるため、どのブックも出力していません。先に取り込むか、-o で別のフォルダを"
                 "指定してください(それでも上書きするときは --overwrite)")
        for sheet in sheets:
            path = directory / sheet.file_name
            try:
                write_review_sheet(store, path, sheet.rows, sheet.counted, departments, ws.config["municipality"],
                                   scope=sheet.department)
            except OSError as exc:
                fail(f"{path} に書き込めません: {os_error_ja(exc)}")
            click.echo(f"{path}({sheet.department} {len(sheet.rows)} 行)")
    if not sheets:
        click.echo("判定が必要な行はありません(すべて判定済みです)。ブックは出力していません" if only_pending
                   else "出力する行がありません(検出結果がすべて撤廃済か消滅です)")
        return
    click.echo(f"所管課ごとの判定表を {len(sheets)} 個出力しました: {directory}")
    click.echo(f"記入されて戻ってきたら: reiki-scan review import {directory}/*.xlsx(まとめて取り込めます)")


def overwrite_problem(path: Path, store, departments: list[str], rows=None) -> str:
    """Why writing over an existing file would lose someone's work ('' when it would not): a review
    sheet with rows filled in and not imported yet (rows with errors count: someone typed them), or
    a workbook that is not a review sheet at all."""
    try:
        plan = plan_import(path, store, departments, rows=rows)
    except SheetError:
        return f"{path} は reiki-scan の判定表ではないようです"
    unsaved = len(plan.changes) + len({message.split("行目")[0] for message in plan.errors})
    if not unsaved:
        return ""
    return (f"{path} には、まだ取り込んでいない記入が {unsaved} 行あります。先に reiki-scan review import {path} で"
            "取り込んでください")


@review.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path), metavar="FILE...")
@click.option("--dry-run", is_flag=True, help="何が変わるかを表示するだけで、書き込みません")
@click.option("--reviewer", default="", metavar="NAME", help="判定者として記録する名前(既定: 判定表の判定者欄、なければログイン名)")
@existing_workspace_option
def import_(files, dry_run, reviewer, ws):
    """記入済みの判定表を取り込みます(所管課ごとの判定表は、いくつでもまとめて)。

    すべての判定表を確かめてから、まとめて1回で取り込みます。誤りが1行でも、または同じ検出結果の判定が
    判定表どうしで食い違っていれば、何も取り込みません。誤りは「シート・行・列」で表示します。
    まず --dry-run で反映される内容を確かめてください。
    """
    with ws.store() as store:
        batch = plan_batch(list(files), store, ws.config.get("departments") or [], reviewer)
        several = batch.sheets > 1
        if batch.unreadable and not several:
            fail(batch.unreadable[0])
        if batch.problems:
            for message in batch.problems:
                click.echo(message, err=True)
            if several:
                fail(f"判定表の誤りや判定表どうしの食い違いが {len(batch.problems)} 件あるため、どの判定表も取り込んでいません。"
                     "直してから、まとめてもう一度取り込んでください")
            fail(f"判定表に誤りが {len(batch.problems)} 件あるため、何も取り込んでいません。直してからもう一度取り込んでください")
        for item in batch.changes:
            click.echo(("(取り込み予定) " if dry_run else "") + (f"{item.sheet} " if several else "")
                       + item.change.describe())
        for message in batch.skipped:
            click.secho(f"見送り: {message}", fg="yellow", err=True)
        for message in batch.reminders:
            click.secho(f"確認: {message}", fg="yellow", err=True)
        if not dry_run:
            apply_batch(store, batch)
    verb = "反映予定" if dry_run else "反映"
    duplicates = f"、同じ判定の重複 {batch.duplicates} 件は1件として反映" if batch.duplicates else ""
    sheets = f"(判定表 {batch.sheets} 個{duplicates})" if several else ""
    click.echo(f"{'確認のみ(--dry-run、何も書き込んでいません)' if dry_run else '取り込み結果'}: "
               f"{verb} {len(batch.changes)} 件 / 変更なし {batch.unchanged} 件 / 見送り {len(batch.skipped)} 件"
               + sheets)


@review.command("status")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
              help="table: 表 / json: 件数を1つの JSON で(found, undecided, not_analog, revise, keep, considering, changed, abolished ほか)")
@click.option("--by-department", is_flag=True,
              help="所管課ごとの回答状況(検出・未判定・要再確認・判定済・最終取込日)。回答待ちのある課が上。"
                   "json では課ごとに department, found, undecided, changed, decided, owing, last_import")
@existing_workspace_option
def status(fmt, by_department, ws):
    """判定の進み具合(判定別・類型別・所管課別の件数)を表示します。"""
    with ws.store() as store:
        rows = review_rows(store)
    if by_department:
        return department_status(rows, ws.config.get("departments") or [], fmt)
    counts = count_rows(rows)
    if fmt == "json":
        click.echo(json.dumps(counts, ensure_ascii=False))
        return
    if not rows:
        click.echo("まだ検出結果がありません(reiki-scan scan を実行してください)")
        return
    click.echo(f"{SHEET}: 判定別")
    click.echo(format_table(("項目", "件数"), [(label, counts[key]) for key, label in COUNT_LABELS.items()]))
    departments = ws.config.get("departments") or []
    for title, key, order in (("類型別", category_of, CATEGORY_ORDER), ("所管課別", department_of, departments)):
        table = [(name, *(c[k] for k in GROUP_LABELS)) for name, c in counts_by(rows, key, order).items()]
        click.echo(f"\n{title}")
        click.echo(format_table((title[:-1], *GROUP_LABELS.values()), table))
    target = ws.config.get("target")
    click.echo(f"\n撤廃済 {counts['abolished']} 件 / 目標 {target} 件 ・ 期限 {deadline_text(ws.config['deadline'])}")


# The per-department table (照会の回答状況); the report shows the same columns.
PROGRESS_HEADERS = ("所管課", "検出", "未判定", "要再確認", "判定済", "最終取込日")


def department_status(rows, departments: list[str], fmt: str) -> None:
    progress = department_progress(rows, departments)
    if fmt == "json":
        click.echo(json.dumps([p.to_dict() for p in progress], ensure_ascii=False))
        return
    if not rows:
        click.echo("まだ検出結果がありません(reiki-scan scan を実行してください)")
        return
    click.echo("所管課ごとの回答状況(回答待ち = 未判定 + 要再確認 のある課が上)")
    click.echo(format_table(PROGRESS_HEADERS, [
        (p.department, p.found, p.undecided, p.changed, p.decided, to_wareki(p.last_import) if p.last_import else "-")
        for p in progress]))
    owing = [p for p in progress if p.owing]
    if owing:
        click.echo("\n回答待ち: " + "、".join(f"{p.department} {p.owing} 件" for p in owing))
    else:
        click.echo("\nすべての課が回答済みです")
