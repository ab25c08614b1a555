"""Benchmark (not a test): scan time of one very long provision, model load included.

    .venv/bin/python bench/bench_long_provision.py [--rows 2000 4000 8000]

Two documents per size, each scanned in a fresh process with `reiki-scan scan FILE --format jsonl`:
  1. a 公告式条例 whose 別表 lists N 掲示場, one row per line (one provision, N candidate lines);
  2. an article with one paragraph of N sentences that each name a 掲示場.
Scan time must grow linearly with N (issue 10: the 8,000-row 別表 in ≤ 15 s on a 2-core machine).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

EXE = Path(sys.executable).with_name("reiki-scan")
HEAD = "○北山町公告式条例\n昭和30年4月1日\n条例第1号\n(公布の方法)\n第1条 条例の公布は、別表に掲げる掲示場に掲示して行う。\n"


def table_document(rows: int) -> str:
    lines = [f"北山町{i + 1}番地 | 第{i + 1}区公民館前掲示場" for i in range(rows)]
    return HEAD + "別表(第1条関係)\n" + "\n".join(lines) + "\n"


def sentence_document(rows: int) -> str:
    body = "".join(f"第{i + 1}区の告示は、第{i + 1}区公民館前の掲示場に掲示する。" for i in range(rows))
    return HEAD + f"第2条 {body}\n"


def timed(path: Path) -> tuple[float, int]:
    start = time.perf_counter()
    proc = subprocess.run([str(EXE), "scan", str(path), "--format", "jsonl"], capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(proc.stderr)
    return time.perf_counter() - start, len(proc.stdout.splitlines())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, nargs="+", default=[2000, 4000, 8000])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        print(f"{'rows':>6}  {'別表 (s)':>9}  {'1条N文 (s)':>10}  findings")
        for rows in args.rows:
            results = []
            for kind, make in (("table", table_document), ("sentences", sentence_document)):
                path = Path(tmp) / f"{kind}{rows}.txt"
                path.write_text(make(rows), encoding="utf-8")
                results.append(timed(path))
            print(f"{rows:>6}  {results[0][0]:>9.1f}  {results[1][0]:>10.1f}  {results[0][1]}/{results[1][1]}")


if __name__ == "__main__":
    main()
