"""Benchmark (not a test): full stateless scan of 1,000 distinct documents and a workspace re-scan.

    .venv/bin/python bench/bench_scan.py [--docs 1000] [--keep DIR]

Builds a corpus by repeating corpus/sample/docs with varied text (every line different), then times,
each in a fresh process (model load included):
  1. reiki-scan scan DIR --format jsonl            (stateless, targets ≤ 60 s)
  2. reiki-scan import DIR -w W; reiki-scan scan -w W   (first workspace scan, fills the parse cache)
  3. change 10 documents; reiki-scan import DIR -w W; reiki-scan scan -w W   (re-scan, target ≤ 10 s: the
     990 unchanged documents keep the previous run's findings, the 10 changed ones are scanned)
Prints chars/s, documents/s, the share of sentences parsed and peak memory (max RSS of the child).
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "corpus" / "sample" / "docs"
EXE = Path(sys.executable).with_name("reiki-scan")
TOWNS = ["北山", "南川", "東原", "西野", "中岡", "上田", "下村", "大沢", "小松", "高森", "青木", "若葉"]


_ERA_DATE = re.compile(r"^(\s*)(明治|大正|昭和|平成|令和)[^年]+年[^月]+月[^日]+日(\s*)$")
_NUMBER = re.compile(r"第[0-9０-９一二三四五六七八九十百千]+号(\s*)$")
_HEADING = re.compile(r"^([(（])(.+)([)）])$")


def _vary(line: str, doc: int, line_no: int) -> str:
    """Make a line unique without changing what it regulates (so the parser still sees its shape)."""
    # a neutral tag: a word of the rules' vocabulary here (区分, 場所 …) would change what is parsed
    tag = f"〔{doc + 1}-{line_no + 1}〕"
    stripped = line.strip()
    if line.startswith("○"):
        return f"○{TOWNS[doc % len(TOWNS)]}{doc + 1}号{line[1:]}"
    if _ERA_DATE.match(line):       # 公布日: a distinct date per document
        return f"平成{1 + doc % 30}年{1 + (doc // 30) % 12}月{1 + (doc // 360) % 28}日"
    if _NUMBER.search(stripped) and len(stripped) < 30:      # 例規番号
        return _NUMBER.sub(f"第{doc + 1}号", stripped)
    if m := _HEADING.match(stripped):                       # 見出し stays a 見出し
        return f"{m.group(1)}{m.group(2)}・{doc + 1}-{line_no + 1}{m.group(3)}"
    if re.match(r"^附\s*則\s*$", stripped):
        return f"附則 (第{doc + 1}集の{line_no + 1})"
    if line.rstrip().endswith("。"):
        return line.rstrip()[:-1] + tag + "。"
    return line.rstrip() + tag


def build_corpus(out: Path, n_docs: int) -> int:
    samples = sorted(SAMPLE.glob("*.txt"))
    out.mkdir(parents=True, exist_ok=True)
    chars = 0
    for i in range(n_docs):
        src = samples[i % len(samples)].read_text(encoding="utf-8").splitlines()
        lines = []
        for j, line in enumerate(src):
            # header lines (date, 例規番号) and headings keep their shape so the parser still sees them
            if line.strip():
                line = _vary(line, i, j)
            lines.append(line)
        text = "\n".join(lines) + "\n"
        chars += len(text)
        (out / f"b{i:04d}.txt").write_text(text, encoding="utf-8")
    return chars


def change_docs(out: Path, count: int) -> None:
    for path in sorted(out.glob("*.txt"))[:: max(1, len(list(out.glob('*.txt'))) // count)][:count]:
        text = path.read_text(encoding="utf-8")
        # every sentence changes, so the changed documents' candidate sentences must be parsed again
        text = text.replace("。", "(令和8年改正)。")
        path.write_text(text, encoding="utf-8")


def run(args: list[str]) -> tuple[float, int, str]:
    """Run reiki-scan in a fresh process; returns (seconds, peak RSS in MB of the largest child so far, output)."""
    start = time.perf_counter()
    proc = subprocess.run([str(EXE), *args], capture_output=True, text=True,
                          env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"reiki-scan {' '.join(args)} failed:\n{proc.stderr}")
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
    return elapsed, rss, proc.stdout + proc.stderr


def parse_share(output: str) -> str:
    m = re.search(r"文 (\d+) 件.構文解析 (\d+) 文 = ([\d.]+%)、うち新規 (\d+)", output)
    return f"{m.group(2)}/{m.group(1)} sentences reached GiNZA ({m.group(3)}), {m.group(4)} parsed by the model" if m else "?"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--keep", type=Path, default=None, help="build the corpus and workspace here and keep them")
    opts = ap.parse_args()
    base = opts.keep or Path(tempfile.mkdtemp(prefix="reiki-bench-"))
    corpus, ws = base / "docs", base / "ws"
    shutil.rmtree(corpus, ignore_errors=True)
    shutil.rmtree(ws, ignore_errors=True)
    chars = build_corpus(corpus, opts.docs)
    lines = [l for p in corpus.glob("*.txt") for l in p.read_text(encoding="utf-8").splitlines() if l.strip()]
    print(f"corpus: {opts.docs} documents, {chars:,} chars, {len(lines):,} lines "
          f"({len(set(lines)):,} distinct) in {corpus}")

    secs, rss, out = run(["scan", str(corpus), "--format", "jsonl"])
    findings = sum(1 for l in out.splitlines() if l.startswith("{"))
    print(f"[full stateless scan] {secs:.1f} s  {chars / secs:,.0f} chars/s  {opts.docs / secs:.1f} docs/s  "
          f"findings {findings}  peak RSS {rss} MB  (target ≤ 60 s)")
    print(f"    {parse_share(out)}")

    t_imp, _, _ = run(["import", str(corpus), "--workspace", str(ws)])
    t_scan, rss, out = run(["scan", "--workspace", str(ws)])
    print(f"[workspace first scan] import {t_imp:.1f} s + scan {t_scan:.1f} s  peak RSS {rss} MB")
    print(f"    {parse_share(out)}")

    change_docs(corpus, 10)
    t_imp, _, out_imp = run(["import", str(corpus), "--workspace", str(ws)])
    t_scan, rss, out = run(["scan", "--workspace", str(ws)])
    total = t_imp + t_scan
    print(f"[re-scan after 10 changed] import {t_imp:.1f} s + scan {t_scan:.1f} s = {total:.1f} s  "
          f"peak RSS {rss} MB  (target ≤ 10 s)")
    print("    " + " ".join(l for l in out_imp.splitlines() if l.startswith("取り込み結果")))
    print(f"    {parse_share(out)}")
    if not opts.keep:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
