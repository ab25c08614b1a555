"""Render the report view model to one self-contained HTML file (進捗レポート)."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from ..workspace import atomic_write_text
from .data import HISTORY_COLUMNS, Report

INDEX_NAME = "index.html"


def environment() -> Environment:
    # autoescape=True, not select_autoescape(): the templates end in .j2, which it would skip.
    return Environment(loader=PackageLoader("reiki_scan.report", "templates"), autoescape=True,
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def script_hash(script: str) -> str:
    """CSP source for the one inline script: no other script can run, even one smuggled in."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def render_html(report: Report) -> str:
    env = environment()
    # Our own static file, not user data: inserted as is.
    script = Markup(env.get_template("filters.js").render())
    return env.get_template("index.html.j2").render(r=report, script=script, script_hash=script_hash(script),
                                                    history_columns=HISTORY_COLUMNS)


def write_html(report: Report, out_dir: Path) -> Path:
    path = Path(out_dir) / INDEX_NAME
    atomic_write_text(path, render_html(report))
    return path
