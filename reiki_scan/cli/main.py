"""reiki-scan: 例規集のアナログ規制を洗い出し、見直しの進捗を管理する。"""

from __future__ import annotations

import importlib
import os
import sqlite3
import sys
import tempfile
import traceback
from datetime import datetime

import click

from ..store.db import StoreError
from ..workspace import WorkspaceError
from .common import fail, use_japanese_click_messages

use_japanese_click_messages()

# Each stage registers its commands on ``main`` from its own module.
COMMAND_MODULES = ("corpus_cmds", "crawl_cmd", "draft_cmd", "report_cmd", "review_cmds", "scan_cmds")


DEBUG_ENV = "REIKI_SCAN_DEBUG"      # set to 1 to see the Python traceback instead of the plain message


def save_traceback(exc: BaseException) -> str:
    """Write the traceback of an unexpected error to a file for whoever maintains the tool; its path."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    fd, path = tempfile.mkstemp(prefix=f"reiki-scan-error-{stamp}-", suffix=".log")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write("".join(traceback.format_exception(exc)))
    return path


class _Group(click.Group):
    """Known problems end in one Japanese line; an unexpected one too, with the traceback kept in a file."""

    def invoke(self, ctx):
        try:
            result = super().invoke(ctx)
            sys.stdout.flush()         # output still buffered meets a closed pipe here, not at exit
            return result
        except BrokenPipeError:
            # the reader went away (`reiki-scan rules list | head`): normal on the command line.
            # click's main() ends quietly on it (exit status 1) and silences the final flush.
            raise
        except (WorkspaceError, StoreError) as exc:
            fail(str(exc))
        except KeyboardInterrupt:
            fail("中断しました(保存済みのデータはそのまま残っています)", code=130)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or os.environ.get(DEBUG_ENV):
                raise
            fail("例規集データをほかの reiki-scan が使用中です。そちらが終わってからもう一度実行してください")
        except Exception as exc:      # noqa: BLE001 — the last line of defence: no traceback for a clerk
            if os.environ.get(DEBUG_ENV):
                raise
            fail(f"予期しない問題が起きました({type(exc).__name__}: {exc})。書き込み途中のデータは取り消しています。"
                 f"詳しい記録を {save_traceback(exc)} に保存しました。ツールの担当者に渡してください")


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="reiki-scan", help="バージョンを表示して終了します")
def main() -> None:
    """例規集からアナログ規制を検出し、見直しの進捗を管理します。"""


for _name in COMMAND_MODULES:
    importlib.import_module(f"{__package__}.{_name}")
