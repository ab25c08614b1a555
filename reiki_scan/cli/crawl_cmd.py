"""crawl: 例規集サイトを巡回して例規集データに取り込む。"""

from __future__ import annotations

from urllib.parse import urlsplit

import click

from ..crawl.crawler import Crawler, CrawlError
from ..crawl.fetch import Fetcher
from .common import fail, workspace_option
from .main import main


@main.command("crawl")
@click.argument("url")
@click.option("--delay", type=click.FloatRange(min=0), default=1.0, show_default=True,
              help="同じサーバーへのリクエストの間隔(秒)")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=20.0, show_default=True,
              help="1回のリクエストの待ち時間の上限(秒)")
@click.option("--retries", type=click.IntRange(min=0), default=3, show_default=True,
              help="時間切れ・サーバーエラー・429 のときに再試行する回数")
@click.option("--max-pages", type=click.IntRange(min=1), default=20000, show_default=True,
              help="巡回するページ数の上限")
@workspace_option
def crawl(url, delay, timeout, retries, max_pages, ws):
    """例規集サイト(URL から始まるページ)を巡回し、例規本文を取り込みます。

    中断しても、もう一度同じ URL で実行すると取得済みのページを飛ばして続きから再開します。
    2 回目以降の収集では、前回まで索引にあったのに今回どの目次からもリンクされていない例規を
    「索引から消えた例規」(廃止の可能性)として表示します。保存済みの版は削除しません。
    """
    if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).hostname:
        fail(f"URL は http:// または https:// で始めてください: {url}")
    with ws.store() as store, Fetcher(url, delay=delay, timeout=timeout, retries=retries) as fetcher:
        try:
            summary = Crawler(store, fetcher, max_pages=max_pages).run(url)
        except CrawlError as exc:
            fail(str(exc))
    for line in summary.lines():
        click.echo(line)
