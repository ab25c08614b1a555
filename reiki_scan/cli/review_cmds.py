"""review export / import / status: the 所管課's decisions through an Excel sheet."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..review.layout import SHEET
from ..review.state import (CATEGORY_ORDER, COUNT_LABELS, GROUP_LABELS, category_of, count_rows, counts_by,
                            department_of, review_rows)
from ..review.xlsx import export_review_sheet
from ..review.xlsx_import import SheetError, apply_plan, plan_import
from ..wareki import deadline_text
from ..workspace import os_error_ja
from .common import existing_workspace_option, fail, format_table
from .main import main


@main.group("review")
def review() -> None:
    """所管課の判定(該非・見直し方針)を Excel の判定表でやり取りします。"""


@review.command("export")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None, metavar="FILE",
              help="出力するファイル(既定: 作業フォルダの reports/review.xlsx)")
@click.option("--only", type=click.Choice(["pending"]), default=None,
              help="pending: まだ判定が必要な行(未判定・条文変更)だけを出力")
@click.option("--overwrite", is_flag=True,
              help="出力先に、記入済みでまだ取り込んでいない判定表があっても上書きする")
@existing_workspace_option
def export(output, only, overwrite, ws):
    """判定表(点検・見直し一覧)を Excel ブックに出力します。

    所管課は 所管課・該非・見直し方針・見直し予定時期・存置理由・備考 を記入します。

    記入後は reiki-scan review import で取り込みます(記入のしかたは README の「判定表の記入のしかた」)。
    """
    output = output or ws.reports_dir / "review.xlsx"
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


def overwrite_problem(path: Path, store, departments: list[str]) -> str:
    """Why writing over an existing file would lose someone's work ('' when it would not): a review
    sheet with rows filled in and not imported yet (rows with errors count: someone typed them), or
    a workbook that is not a review sheet at all."""
    try:
        plan = plan_import(path, store, departments)
    except SheetError:
        return f"{path} は reiki-scan の判定表ではないようです"
    unsaved = len(plan.changes) + len({message.split("行目")[0] for message in plan.errors})
    if not unsaved:
        return ""
    return (f"{path} には、まだ取り込んでいない記入が {unsaved} 行あります。先に reiki-scan review import {path} で"
            "取り込んでください")


@review.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="何が変わるかを表示するだけで、書き込みません")
@click.option("--reviewer", default="", metavar="NAME", help="判定者として記録する名前(既定: 判定表の判定者欄、なければログイン名)")
@existing_workspace_option
def import_(file, dry_run, reviewer, ws):
    """記入済みの判定表を取り込みます。誤りが1行でもあれば何も取り込みません。

    誤りは「シート・行・列」で表示します。まず --dry-run で反映される内容を確かめてください。
    """
    with ws.store() as store:
        try:
            plan = plan_import(file, store, ws.config.get("departments") or [], reviewer)
        except SheetError as exc:
            fail(str(exc))
        if plan.errors:
            for message in plan.errors:
                click.echo(message, err=True)
            fail(f"判定表に誤りが {len(plan.errors)} 件あるため、何も取り込んでいません。直してからもう一度取り込んでください")
        for change in plan.changes:
            click.echo(("(取り込み予定) " if dry_run else "") + change.describe())
        for message in plan.skipped:
            click.secho(f"見送り: {message}", fg="yellow", err=True)
        for message in plan.reminders:
            click.secho(f"確認: {message}", fg="yellow", err=True)
        if not dry_run:
            apply_plan(store, plan, source=file.name)
    verb = "反映予定" if dry_run else "反映"
    click.echo(f"{'確認のみ(--dry-run、何も書き込んでいません)' if dry_run else '取り込み結果'}: "
               f"{verb} {len(plan.changes)} 件 / 変更なし {plan.unchanged} 件 / 見送り {len(plan.skipped)} 件")


@review.command("status")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
              help="table: 表 / json: 件数を1つの JSON で(found, undecided, not_analog, revise, keep, considering, changed, abolished ほか)")
@existing_workspace_option
def status(fmt, ws):
    """判定の進み具合(判定別・類型別・所管課別の件数)を表示します。"""
    with ws.store() as store:
        rows = review_rows(store)
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
