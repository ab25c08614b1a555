"""Shared CLI plumbing: the --workspace option and turning known errors into plain messages."""

from __future__ import annotations

import functools
import signal
import sys
import unicodedata

import click

from ..workspace import Workspace


WORKSPACE_HELP = "作業フォルダ(例規集データ corpus/ と出力 reports/ を置く場所)"


def workspace_option(func):
    """--workspace DIR (default: the current directory), created when missing; passes ``ws: Workspace``.

    For the commands that bring documents in (import, crawl)."""
    @click.option("--workspace", "-w", "workspace", type=click.Path(file_okay=False), default=".",
                  show_default=True, metavar="DIR", help=WORKSPACE_HELP + "。なければ作ります")
    @functools.wraps(func)
    def wrapper(*args, workspace, **kwargs):
        return func(*args, ws=Workspace.open(workspace), **kwargs)
    return wrapper


def existing_workspace_option(func):
    """--workspace DIR that must already hold a corpus; passes ``ws: Workspace``.

    For every command that reads: a mistyped folder is refused, never created empty."""
    @click.option("--workspace", "-w", "workspace", type=click.Path(), default=".",
                  show_default=True, metavar="DIR", help=WORKSPACE_HELP)
    @functools.wraps(func)
    def wrapper(*args, workspace, **kwargs):
        return func(*args, ws=Workspace.open_existing(workspace), **kwargs)
    return wrapper


def rules_option(func):
    """--rules DIR: the folder of rule files to use instead of the shipped ones; passes ``rules_dir``
    (None: $REIKI_SCAN_RULES, else the rules installed with reiki-scan)."""
    return click.option("--rules", "rules_dir", type=click.Path(file_okay=False), default=None, metavar="DIR",
                        help="ルールのフォルダ(省略時は環境変数 REIKI_SCAN_RULES、なければ同梱のルール)")(func)


def interruptible(items):
    """``items`` one by one; a Ctrl-C (SIGINT) is raised as KeyboardInterrupt before the next item, not in
    the middle of one. Raised at any moment, it may land where Python cannot raise it (a callback inside a
    lazy import prints it and carries on) and the command would finish as if nothing happened. A second
    Ctrl-C stops at once."""
    pressed = []

    def note(signum, frame):
        if pressed:
            raise KeyboardInterrupt
        pressed.append(signum)

    previous = signal.signal(signal.SIGINT, note)
    try:
        for item in items:
            if pressed:
                raise KeyboardInterrupt
            yield item
        if pressed:
            raise KeyboardInterrupt
    finally:
        signal.signal(signal.SIGINT, previous)


def fail(message: str, code: int = 1):
    click.secho(f"エラー: {message}", fg="red", err=True)
    sys.exit(code)


def text_width(text: str) -> int:
    """Terminal columns: a full-width (Japanese) character takes two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def format_table(headers, rows) -> str:
    """A plain-text table aligned for Japanese (full-width characters count double); counts (int)
    are right-aligned so that their digits line up."""
    widths = [max(text_width(str(x)) for x in col) for col in zip(headers, *rows)]

    def cell(value, width):
        pad = " " * (width - text_width(str(value)))
        return pad + str(value) if isinstance(value, int) else str(value) + pad

    def line(cells):
        return "  ".join(cell(c, w) for c, w in zip(cells, widths)).rstrip()
    return "\n".join([line(headers), line("-" * w for w in widths)] + [line(r) for r in rows])


# click writes its own words (Usage:, Options, Error: Missing argument …) through gettext. A clerk
# reads Japanese, and the catalog route depends on LANG, which office terminals rarely set; so
# click's message functions are pointed at this table. Anything not listed stays as click has it.
CLICK_JA = {
    "Usage:": "使い方:",
    "Options": "オプション",
    "Commands": "コマンド",
    "Positional arguments": "引数",
    "Show this message and exit.": "この説明を表示して終了します",
    "Show the version and exit.": "バージョンを表示して終了します",
    "%(prog)s, version %(version)s": "%(prog)s バージョン %(version)s",
    "Error: {message}": "エラー: {message}",
    "Try '{command} {option}' for help.": "使い方は「{command} {option}」で表示できます。",
    "Invalid value: {message}": "値が正しくありません: {message}",
    "Invalid value for {param_hint}: {message}": "{param_hint} の値が正しくありません: {message}",
    "Missing argument": "次の引数を指定してください:",
    "Missing option": "次のオプションを指定してください:",
    "Missing parameter": "次の指定が必要です:",
    "Missing {param_type}": "次の指定が必要です({param_type}):",
    "Missing parameter: {param_name}": "次の指定が必要です: {param_name}",
    "No such option {name!r}.": "{name!r} というオプションはありません。",
    "No such command {name!r}.": "{name!r} というコマンドはありません。",
    "Missing command.": "コマンドを指定してください。",
    "Aborted!": "中止しました。",
    "default: {default}": "既定: {default}",
    # (not "file" / "directory": click also makes metavars of them, and full-width metavars break
    # the alignment of --help, which counts every character as one column)
    "{name} {filename!r} does not exist.": "{filename!r} がありません。",
    "{name} {filename!r} is a file.": "{filename!r} はファイルです(フォルダを指定してください)。",
    "{name} {filename!r} is a directory.": "{filename!r} はフォルダです(ファイルを指定してください)。",
    "{name} {filename!r} is not readable.": "{filename!r} を読む権限がありません。",
    "{name} {filename!r} is not writable.": "{filename!r} に書き込む権限がありません。",
    "{value!r} is not a valid {number_type}.": "{value!r} は数として読めません。",
    "{value} is not in the range {range}.": "{value} は指定できる範囲({range})の外です。",
    "Could not open file {filename!r}: {message}": "ファイル {filename!r} を開けません: {message}",
    # ngettext: singular and plural alike
    "Did you mean {possibility}?": "{possibility} のことですか?",
    "(Did you mean one of: {possibilities}?)": "({possibilities} のいずれかのことですか?)",
    "Option {name!r} requires an argument.": "オプション {name!r} には値が必要です。",
    "Option {name!r} requires {nargs} arguments.": "オプション {name!r} には値が {nargs} 個必要です。",
    "Option {name!r} does not take a value.": "オプション {name!r} には値を付けません。",
    "{value!r} is not {choice}.": "{value!r} は選べません({choice} のみ)。",
    "{value!r} is not one of {choices}.": "{value!r} は選べません({choices} のいずれか)。",
    "Got unexpected extra argument ({args})": "余分な引数があります({args})",
    "Got unexpected extra arguments ({args})": "余分な引数があります({args})",
}


def _gettext_ja(message: str) -> str:
    return CLICK_JA.get(message, message)


def _ngettext_ja(singular: str, plural: str, n: int) -> str:
    return CLICK_JA.get(singular if n == 1 else plural, singular if n == 1 else plural)


def use_japanese_click_messages() -> None:
    """Point click's gettext/ngettext at CLICK_JA (modules bound them at import, so patch each)."""
    import importlib
    for name in ("core", "decorators", "exceptions", "formatting", "parser", "types", "termui"):
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = _gettext_ja
        if hasattr(module, "ngettext"):
            module.ngettext = _ngettext_ja
