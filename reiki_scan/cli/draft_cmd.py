"""draft: 改正案 (新旧対照表.docx, 改正案.xlsx or jsonl) for every finding decided 該当・見直し."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import click

from ..workspace import os_error_ja
from .common import existing_workspace_option, fail
from .main import main


@main.command("draft")
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), default=None, metavar="DIR",
              help="出力先フォルダ(既定: 作業フォルダの reports/)")
@click.option("--format", "fmt", type=click.Choice(["files", "jsonl"]), default="files", show_default=True,
              help="files: 新旧対照表.docx と 改正案.xlsx / jsonl: 1行に1件の JSON を画面に出力")
@click.option("--only", "department", default=None, metavar="課",
              help="この所管課の条項だけ(例: --only 総務課)")
@existing_workspace_option
def draft(output, fmt, department, ws):
    """該当・見直しと判定した条項の改正案(改正後の文言・改め文・新旧対照表)を起案します。

    起案は patterns/amendments/ の用例によります。合う用例がない条項は「用例なし」として示します。

    例: reiki-scan draft -w 作業フォルダ -o reports/
    """
    from ..draft.build import drafts_for
    from ..draft.patterns import PatternError, load_patterns
    try:
        patterns = load_patterns()
    except PatternError as exc:
        fail(str(exc))
    with ws.store() as store:
        if store.latest_run_id() is None:
            fail("まだ検出結果がありません。先に reiki-scan scan を実行してください")
        drafts = drafts_for(store, patterns, department)
    if not drafts:
        who = f"所管課「{department}」の" if department else ""
        known = ws.config.get("departments") or []
        hint = f"(所管課の一覧: {'、'.join(known)})" if department and department not in known else ""
        # on stderr for jsonl, so that the output stays a (here empty) stream of JSON lines
        click.echo(f"{who}該当・見直しと判定した条項はありません。判定表で「該当」「見直し」とした行を"
                   f" reiki-scan review import で取り込むと起案できます{hint}", err=fmt == "jsonl")
        return
    if fmt == "jsonl":
        for d in drafts:
            click.echo(json.dumps(d.as_dict(), ensure_ascii=False))
        return
    from ..draft.table import write_table
    from ..draft.xlsx import write_drafts_xlsx
    out_dir = output or ws.reports_dir
    try:
        table = write_table(drafts, out_dir, ws.config["municipality"], date.today())
        sheet = write_drafts_xlsx(drafts, out_dir)
    except OSError as exc:
        fail(f"{out_dir} に書き込めません: {os_error_ja(exc)}")
    drafted = sum(1 for d in drafts if d.pattern)
    click.echo(f"改正案を出力しました: {table} / {sheet}")
    click.echo(f"起案 {drafted} 件 / 用例なし(手で起案) {len(drafts) - drafted} 件(該当・見直し {len(drafts)} 件)")
