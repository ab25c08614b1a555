import importlib.util
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "corpus" / "sample"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXE = Path(sys.executable).with_name("reiki-scan")


def load_bench(name: str):
    """A script of bench/ as a module (registered in sys.modules: its dataclasses look themselves up there)."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@dataclass
class CliResult:
    """What a command left behind, in the names of subprocess.CompletedProcess."""
    args: list[str]
    returncode: int
    stdout: str
    stderr: str


def _checked(result: CliResult, check: bool) -> CliResult:
    if check and result.returncode != 0:
        raise AssertionError(f"reiki-scan {' '.join(result.args)} failed ({result.returncode}):\n"
                             f"{result.stdout}\n{result.stderr}")
    return result


@pytest.fixture
def run_cli():
    """Run a reiki-scan command in this process through click's CliRunner; returns a CliResult.

    The same code path as the console script (main() with its error handler), without starting a
    new Python and loading GiNZA again for every call. An exception the CLI does not turn into a
    message propagates, so a test shows the real traceback. The console script itself is covered
    by the few tests that use ``run_console_script``.
    """
    from reiki_scan.cli.main import main

    def run(*args, check=True, input=None):
        argv = [str(a) for a in args]
        result = CliRunner().invoke(main, argv, input=input, catch_exceptions=False, prog_name="reiki-scan")
        return _checked(CliResult(argv, result.exit_code, result.stdout, result.stderr), check)
    return run


@pytest.fixture
def run_console_script():
    """Run the installed console script as a user would, in a new process; returns a CliResult."""
    def run(*args, check=True, input=None):
        argv = [str(a) for a in args]
        proc = subprocess.run([str(EXE), *argv], capture_output=True, text=True, input=input,
                              env={**os.environ, "PYTHONIOENCODING": "utf-8"})
        return _checked(CliResult(argv, proc.returncode, proc.stdout, proc.stderr), check)
    return run
