"""Shared CLI plumbing: the --workspace option and turning known errors into plain messages."""

from __future__ import annotations

import functools
import sys

import click

from ..workspace import Workspace


def workspace_option(func):
    """--workspace DIR (default: the current directory); passes ``ws: Workspace``."""
    @click.option("--workspace", "-w", "workspace", type=click.Path(file_okay=False), default=".",
                  show_default=True, help="作業フォルダ(corpus/ と reports/ を置く場所)")
    @functools.wraps(func)
    def wrapper(*args, workspace, **kwargs):
        return func(*args, ws=Workspace.open(workspace), **kwargs)
    return wrapper


def fail(message: str, code: int = 1):
    click.secho(f"エラー: {message}", fg="red", err=True)
    sys.exit(code)
