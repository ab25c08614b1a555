"""A regular (non-editable) install works from any folder: the rules, the store schema and the report
templates travel inside the package, built from the checkout's sdist into a wheel, offline.

The wheel goes into a fresh virtual environment made without the network: pip installs only
reiki-scan itself (--no-index --no-deps), and a .pth line lends it the dependencies already
installed in this test run's environment (.venv), so nothing is downloaded. A .pth line adds a
folder to sys.path without running the .pth files inside it, so the editable install of the
checkout that lives there stays out of the fresh environment.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tarfile
from pathlib import Path

import pytest

from reiki_scan.rules.loader import DEFAULT_DIR, load_rules

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ("pyproject.toml", "setup.py", "README.md", "reiki_scan", "patterns")
ORDINANCE = "○公告式条例\n第1条 告示は、役場前の掲示場に掲示して行う。\n"

pytestmark = pytest.mark.slow


def _run(*args, cwd=None, env=None) -> subprocess.CompletedProcess:
    proc = subprocess.run([str(a) for a in args], capture_output=True, text=True, cwd=cwd, env=env)
    assert proc.returncode == 0, f"{' '.join(map(str, args))}\n{proc.stdout}\n{proc.stderr}"
    return proc


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> tuple[Path, Path]:
    """(the fresh environment's bin folder, the sdist), reiki-scan installed from the checkout."""
    tmp = tmp_path_factory.mktemp("install")
    source = tmp / "checkout"             # a copy: building writes build/ and *.egg-info next to the sources
    source.mkdir()
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy(ROOT / name, source / name)
    dist = tmp / "dist"
    _run(sys.executable, "-c", "import sys; from setuptools import build_meta; build_meta.build_sdist(sys.argv[1])",
         dist, cwd=source)
    sdist = next(dist.glob("*.tar.gz"))
    _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-q",
         "--wheel-dir", dist, sdist, cwd=tmp)
    venv = tmp / "venv"
    _run(sys.executable, "-m", "venv", "--without-pip", venv)
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / ("python.exe" if os.name == "nt" else "python")
    _run(sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index", "-q",
         "--find-links", dist, "reiki-scan")
    # after the install: pip would see the editable reiki-scan through the .pth and install nothing
    site = _run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])").stdout.strip()
    Path(site, "dependencies_from_the_test_environment.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return bin_dir, sdist


def _reiki_scan(bin_dir: Path, *args, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("REIKI_SCAN_RULES", "PYTHONPATH")}
    return _run(bin_dir / "reiki-scan", *args, cwd=cwd, env={**env, "PYTHONIOENCODING": "utf-8"})


def test_sdist_carries_every_rule_file_and_readme_under_patterns(installed):
    _, sdist = installed
    with tarfile.open(sdist) as tar:
        shipped = {Path(*Path(n).parts[1:]).as_posix() for n in tar.getnames()}
    written = {p.relative_to(ROOT).as_posix() for p in DEFAULT_DIR.rglob("*") if p.suffix in (".yaml", ".md")}
    assert written and written <= shipped


def test_installed_package_runs_from_the_installed_files_not_the_checkout(installed, tmp_path):
    bin_dir, _ = installed
    python = next(p for p in bin_dir.iterdir() if p.name.startswith("python"))
    where = _run(python, "-c", "import reiki_scan.rules.loader as l; print(l.__file__); print(l.DEFAULT_DIR)",
                 cwd=tmp_path).stdout.split()
    assert all(ROOT not in Path(p).parents for p in where), where
    rules = {p.relative_to(where[1]).as_posix() for p in Path(where[1]).rglob("*") if p.is_file()}
    assert rules == {p.relative_to(DEFAULT_DIR).as_posix() for p in DEFAULT_DIR.rglob("*")
                     if p.suffix in (".yaml", ".yml", ".md")}


def test_installed_rules_list_and_scan_work_from_an_unrelated_folder(installed, tmp_path):
    bin_dir, _ = installed
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    listing = _reiki_scan(bin_dir, "rules", "list", cwd=elsewhere).stdout
    ruleset = load_rules()
    assert f"計 {len(ruleset.rules)} 件" in listing
    assert all(f"\n{rule.id} " in listing for rule in ruleset.rules)
    (elsewhere / "koukoku.txt").write_text(ORDINANCE, encoding="utf-8")
    found = [json.loads(line) for line in
             _reiki_scan(bin_dir, "scan", "koukoku.txt", "--format", "jsonl", cwd=elsewhere).stdout.splitlines()]
    assert [(f["provision"], f["category_ja"]) for f in found] == [("第1条", "書面掲示")]


def test_installed_package_keeps_a_workspace_and_writes_the_report(installed, tmp_path):
    bin_dir, _ = installed
    (tmp_path / "koukoku.txt").write_text(ORDINANCE, encoding="utf-8")
    _reiki_scan(bin_dir, "import", "koukoku.txt", "-w", "ws", cwd=tmp_path)        # the store's schema.sql
    assert "検出 1 件" in _reiki_scan(bin_dir, "scan", "-w", "ws", cwd=tmp_path).stdout
    report = Path(_reiki_scan(bin_dir, "report", "-w", "ws", cwd=tmp_path).stdout.strip())
    assert report.is_file() and "公告式条例" in report.read_text(encoding="utf-8")   # the templates
