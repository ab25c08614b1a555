"""report: the progress report (進捗レポート) as reports/index.html and summary.xlsx."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from ..report.build import build_report
from ..report.data import Settings
from ..report.render import write_html
from ..report.xlsx import write_summary
from ..workspace import os_error_ja
from .common import existing_workspace_option, fail
from .main import main


def _deadline(ctx, param, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"「{value}」は日付として読めません(例: 2027-03-31)") from None


@main.command("report")
@click.option("--output", "-o", "output", type=click.Path(file_okay=False, path_type=Path),
              help="出力先フォルダ(省略時は作業フォルダの reports/)")
@click.option("--target", type=click.IntRange(min=1), help="撤廃目標の件数(省略時は設定ファイルの target)")
@click.option("--deadline", callback=_deadline, metavar="YYYY-MM-DD",
              help="目標の期限(省略時は設定ファイルの deadline)")
@existing_workspace_option
def report(output, target, deadline, ws):
    """見直しの進捗レポート(index.html と summary.xlsx)を出力し、index.html の場所を表示します。"""
    try:
        settings = Settings.from_config(ws.config, target=target, deadline=deadline)
    except (KeyError, TypeError, ValueError) as exc:
        fail(f"設定ファイル {ws.config_path} の municipality / target / deadline を確認してください: {exc}")
    out_dir = output or ws.reports_dir
    with ws.store() as store:
        view = build_report(store, settings, date.today())
    try:
        write_summary(view, out_dir)
        page = write_html(view, out_dir)
    except OSError as exc:
        fail(f"{out_dir} に書き込めません: {os_error_ja(exc)}")
    click.echo(page.resolve())
