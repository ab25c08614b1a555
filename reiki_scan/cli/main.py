"""reiki-scan: 例規集のアナログ規制を洗い出し、見直しの進捗を管理する。"""

from __future__ import annotations

import importlib

import click

from ..store.db import StoreError
from ..workspace import WorkspaceError
from .common import fail, use_japanese_click_messages

use_japanese_click_messages()

# Each stage registers its commands on ``main`` from its own module.
COMMAND_MODULES = ("corpus_cmds", "crawl_cmd", "report_cmd", "review_cmds", "scan_cmds")


class _Group(click.Group):
    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except (WorkspaceError, StoreError) as exc:
            fail(str(exc))
        except KeyboardInterrupt:
            fail("中断しました(保存済みのデータはそのまま残っています)", code=130)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="reiki-scan", help="バージョンを表示して終了します")
def main() -> None:
    """例規集からアナログ規制を検出し、見直しの進捗を管理します。"""


for _name in COMMAND_MODULES:
    importlib.import_module(f"{__package__}.{_name}")
