"""import, corpus list, corpus export."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..parse.files import SUFFIXES, ParseError, Source, collect_sources, parse_file, separate_clashes, source_url
from ..store.db import now_iso
from .common import existing_workspace_option, fail, format_table, interruptible, text_width, workspace_option
from .main import main


@main.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@workspace_option
def import_(paths, ws):
    """保存済みのファイル(.txt/.html/.htm/.pdf)を例規集データに取り込みます。

    PATHS にはファイルかフォルダ(中のファイルをすべて)を指定します。

    例規のキーは、ファイルを指定したときはファイル名(拡張子を除く)、フォルダを指定したときはそのフォルダからの
    パス(条例/1.txt → 条例/1)です。一度取り込んだファイルは、取り込み直しても同じキーのままです。
    改正後に同じキーのファイルを取り込むと、新しい版として記録します(古い版も残ります)。

    例: reiki-scan import 保存したページ/ -w 作業フォルダ
    """
    try:
        sources = collect_sources(list(paths))
    except ParseError as exc:
        fail(str(exc))
    if not sources:
        where = "、".join(str(p) for p in paths)
        fail(f"{where} に取り込めるファイル(拡張子 {' / '.join(SUFFIXES)})がありません")
    counts = {"new": 0, "changed": 0, "unchanged": 0, "failed": 0}
    problems: list[str] = []
    total = len(sources)
    try:
        with ws.store() as store:
            # a file imported before keeps the key it was stored under (also a bare file name from before
            # a folder's keys were paths), so that importing again never duplicates a document
            sources, problems = separate_clashes(
                [Source(s.path, store.key_of_source(source_url(s.path)) or s.key) for s in sources])
            counts["failed"] = total - len(sources)
            with click.progressbar(sources, label="取り込み中", show_pos=True,
                                   file=click.get_text_stream("stderr")) as bar:
                for source in interruptible(bar):
                    try:
                        ordinance = parse_file(source.path, key=source.key)
                    except ParseError as exc:
                        counts["failed"] += 1
                        problems.append(str(exc))
                        continue
                    ordinance.fetched_at = now_iso()
                    status, _ = store.save_ordinance(ordinance)      # one transaction per document
                    counts[status] += 1
    except KeyboardInterrupt:
        done = counts["new"] + counts["changed"] + counts["unchanged"]
        fail(f"取り込みを中断しました。中断までの {done} 件(新規 {counts['new']} / 変更 {counts['changed']})は保存済みです。"
             "もう一度実行すると、保存済みのものは「変更なし」として残りを取り込みます", code=130)
    click.echo(f"取り込み結果: 新規 {counts['new']} / 変更 {counts['changed']} / "
               f"変更なし {counts['unchanged']} / 失敗 {counts['failed']}(作業フォルダ {ws.root})")
    for problem in problems:
        click.secho(f"  失敗: {problem}", fg="yellow", err=True)
    if counts["new"] or counts["changed"]:
        click.echo(f"次は reiki-scan scan --workspace {ws.root} で走査してください")
    if counts["failed"] == total:
        # A warning, not an exit status: a batch that imports a folder again and again must not stop.
        click.secho("注意: 1件も取り込めませんでした(「失敗」の理由を確かめてください)", fg="yellow", err=True)


@main.group("corpus")
def corpus() -> None:
    """取り込んだ例規集データを表示・出力します。"""


TITLE_WIDTH = 40     # columns of a 例規名 in the list; 昭和村長の資産等の公開に関する規則第十条… would push the rest off screen


def shorten(text: str, width: int) -> str:
    """``text`` cut to ``width`` terminal columns with …, full-width characters counting two."""
    if text_width(text) <= width:
        return text
    out = ""
    for ch in text:
        if text_width(out + ch) > width - 2:
            break
        out += ch
    return out + "…"


@corpus.command("list")
@existing_workspace_option
def corpus_list(ws):
    """例規の一覧(キー, 例規名, 例規番号, 種別, 最終改正, 条数)。

    キーは取り込んだファイル名(拡張子を除く。フォルダを指定したときはそのフォルダからのパス)です。
    改正後はこのキーになるファイルを取り込み直します。
    """
    with ws.store() as store:
        rows = store.latest_versions()
        table = [(r["document_key"], shorten(r["title"], TITLE_WIDTH), r["number"], r["kind"], r["last_amended"],
                  store.article_count(r["id"])) for r in rows]
    if not table:
        click.echo("例規がまだ取り込まれていません(reiki-scan import または crawl を実行してください)")
        return
    click.echo(format_table(("キー", "例規名", "例規番号", "種別", "最終改正", "条数"), table))
    click.echo(f"計 {len(table)} 件")


@corpus.command("export")
@click.option("--format", "fmt", type=click.Choice(["jsonl"]), default="jsonl", show_default=True,
              help="出力形式(jsonl: 1行に1条項の JSON)")
@existing_workspace_option
def corpus_export(fmt, ws):
    """最新版の各条項を1行1件の JSON で出力します(document, title, number, provision, heading, text など)。"""
    with ws.store() as store:
        for version_id, ordinance in store.latest_ordinances():
            for p in ordinance.provisions:
                click.echo(json.dumps({
                    "document": ordinance.key, "title": ordinance.title, "number": ordinance.number,
                    "kind": ordinance.kind, "version": version_id, "provision": p.path,
                    "unit": p.unit_path, "heading": p.heading, "supplement": p.supplement,
                    "text": p.text}, ensure_ascii=False))
