import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "corpus" / "sample"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def run_cli(tmp_path):
    """Run the installed console script as a user would; returns CompletedProcess."""
    def run(*args, check=True, input=None):
        exe = Path(sys.executable).with_name("reiki-scan")
        proc = subprocess.run([str(exe), *map(str, args)], capture_output=True, text=True, input=input,
                              env={**os.environ, "PYTHONIOENCODING": "utf-8"})
        if check and proc.returncode != 0:
            raise AssertionError(f"reiki-scan {' '.join(map(str, args))} failed ({proc.returncode}):\n"
                                 f"{proc.stdout}\n{proc.stderr}")
        return proc
    return run
