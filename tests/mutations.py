"""Break the product on purpose, one break at a time, and check that the named tests fail.

Each break below is one that once passed the whole suite (issue 13). For each, the script copies the
checkout to a temporary folder once, applies the break there, runs the named tests against that copy
(PYTHONPATH points at it, so the installed package and the console script import the broken code),
restores the file and goes on. Nothing in the checkout is touched.

    .venv/bin/python tests/mutations.py              # every break: prints caught / MISSED per break
    .venv/bin/python tests/mutations.py -k crawl     # the breaks whose name contains "crawl"
    .venv/bin/python tests/mutations.py --table      # the table of tests/README.md

A break whose text no longer occurs in the code is reported as STALE: the code moved on, so update the
break (the script never guesses). The exit status is 0 only when every break selected was caught.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
COPIED = ("reiki_scan", "patterns", "tests", "corpus", "pyproject.toml", "README.md")


@dataclass
class Break:
    name: str                     # the break, as the issue words it
    tests: list[str]              # pytest node ids that must fail
    path: str                     # file to break, relative to the checkout
    old: str = ""                 # text replaced (every occurrence; it must occur)
    new: str = ""
    delete: bool = False          # delete the file instead
    drop_example: str = ""        # drop the last example of this kind (match / no_match) from a rule file
    original: bytes = field(default=b"", repr=False)

    def apply(self, root: Path) -> bool:
        """Break the copy; False when the break no longer applies to the code."""
        target = root / self.path
        if not target.exists():
            return False
        self.original = target.read_bytes()
        if self.delete:
            target.unlink()
        elif self.drop_example:
            data = yaml.safe_load(self.original.decode("utf-8"))
            data["examples"][self.drop_example].pop()
            target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        else:
            text = self.original.decode("utf-8")
            if self.old not in text:
                return False
            target.write_text(text.replace(self.old, self.new), encoding="utf-8")
        return True

    def restore(self, root: Path) -> None:
        (root / self.path).write_bytes(self.original)


T = "tests/"
POLITE = T + "test_crawl_politeness.py::"
CHECKS = T + "test_review_import_checks.py::"
NUMBERS = T + "test_report_numbers.py::"
OPTIONS = T + "test_cli_options.py::"
KEYS = T + "test_import_keys.py::"
MANIFEST = [T + "test_rules_manifest.py"]
WRONG_CELL = CHECKS + "test_one_wrong_cell_refuses_the_whole_sheet_naming_row_and_column"
FETCH = "reiki_scan/crawl/fetch.py"
XLSX_IMPORT = "reiki_scan/review/xlsx_import.py"
SCAN_CMDS = "reiki_scan/cli/scan_cmds.py"

BREAKS = [
    # ---- rules ---------------------------------------------------------------------------------
    Break("rule file deleted: ID card (AUD003)", MANIFEST, "patterns/onsite_audit/AUD003-inspector-id-card.yaml",
          delete=True),
    Break("rule file deleted: viewing (VST003)", MANIFEST, "patterns/visit_inspection/VST003-kept-for-reading.yaml",
          delete=True),
    Break("rule file deleted: visual (VIS005)", MANIFEST, "patterns/visual/VIS005-official-inspects-object.yaml",
          delete=True),
    Break("rule loses a match example (VIS004)", MANIFEST, "patterns/visual/VIS004-facility-check.yaml",
          drop_example="match"),
    Break("rule loses a no_match example (PST001)", MANIFEST, "patterns/posting/PST001-bulletin-board-posting.yaml",
          drop_example="no_match"),
    # ---- crawler politeness --------------------------------------------------------------------
    Break("crawl: default --delay 1 s set to 0", [POLITE + "test_crawl_without_a_delay_option_waits_a_second_between_requests"],
          "reiki_scan/cli/crawl_cmd.py", 'type=click.FloatRange(min=0), default=1.0,', 'type=click.FloatRange(min=0), default=0.0,'),
    Break("crawl: Fetcher's default delay set to 0", [POLITE + "test_fetcher_waits_a_second_between_requests_unless_told_otherwise"],
          FETCH, "delay: float = 1.0,", "delay: float = 0.0,"),
    Break("crawl: no User-Agent header", [POLITE + "test_every_request_names_the_crawler_in_its_user_agent"],
          FETCH, 'headers={"User-Agent": USER_AGENT}', "headers={}"),
    Break("crawl: robots.txt rules for our agent ignored",
          [POLITE + "test_robots_txt_rules_for_our_agent_are_obeyed_even_when_others_may_enter",
           POLITE + "test_crawl_of_a_site_closed_to_our_agent_fetches_no_page"],
          FETCH, ".can_fetch(USER_AGENT, url)", '.can_fetch("*", url)'),
    Break("crawl: Retry-After cap removed", [POLITE + "test_a_long_retry_after_is_waited_only_up_to_the_cap"],
          FETCH, "wait = min(told, self.max_retry_after)", "wait = told"),
    Break("crawl: size cap without Content-Length removed",
          [POLITE + "test_response_without_a_length_is_cut_off_at_the_size_cap"],
          FETCH, "                    if size > self.max_bytes:\n", "                    if False:\n"),
    Break("crawl: backoff removed", [POLITE + "test_retries_back_off_exponentially"],
          FETCH, "wait = self.backoff * 2 ** attempt", "wait = 0.0"),
    Break("crawl: backoff not exponential", [POLITE + "test_retries_back_off_exponentially"],
          FETCH, "wait = self.backoff * 2 ** attempt", "wait = self.backoff"),
    Break("crawl: --max-pages not passed to the crawler", [POLITE + "test_max_pages_stops_the_walk"],
          "reiki_scan/cli/crawl_cmd.py", "Crawler(store, fetcher, max_pages=max_pages)", "Crawler(store, fetcher)"),
    Break("crawl: --max-pages noted but the walk goes on", [POLITE + "test_max_pages_stops_the_walk"],
          "reiki_scan/crawl/crawler.py", "summary.page_limit = self.max_pages\n                    continue\n",
          "summary.page_limit = self.max_pages\n"),
    # ---- review import validation ----------------------------------------------------------------
    Break("review import: invalid 見直し方針 accepted", [WRONG_CELL + "[unknown-policy]"],
          "reiki_scan/review/decisions.py", "if content.policy and content.policy not in POLICIES:", "if False:"),
    Break("review import: 見直し方針 with 非該当/未判定 accepted",
          [WRONG_CELL + "[policy-with-not-analog]", WRONG_CELL + "[policy-with-undecided]"],
          "reiki_scan/review/decisions.py", 'elif content.policy and content.applicability != "該当":', "elif False:"),
    Break("review import: filled row with a blanked ID silently ignored",
          [CHECKS + "test_a_filled_row_whose_id_was_blanked_is_refused_not_skipped"],
          XLSX_IMPORT, 'error(r, "ID", "ID がありません。行を追加せず、出力された行に記入してください")', "pass"),
    Break("review import: row added to the sheet (no ID) ignored", [CHECKS + "test_a_row_added_to_the_sheet_is_refused"],
          XLSX_IMPORT, 'error(r, "ID", "ID がありません。行を追加せず、出力された行に記入してください")', "pass"),
    Break("review import: row with an unknown ID not refused", [CHECKS + "test_a_row_with_an_id_from_elsewhere_is_refused"],
          XLSX_IMPORT, "if not IDENTITY.match(fid) or fid not in known:", "if not IDENTITY.match(fid):"),
    Break("review import: rows vanished (or back) since export applied",
          [CHECKS + "test_a_row_whose_finding_vanished_after_export_is_held_back",
           CHECKS + "test_a_row_whose_finding_came_back_after_export_is_held_back"],
          XLSX_IMPORT, "if row is None or (exported_status in CURRENT_STATUSES) != row.is_current:", "if row is None:"),
    Break("review import: importer drops every third row",
          [T + "test_review_rounds.py::test_ten_rounds_of_amendment_rescan_and_import_lose_no_decision"],
          XLSX_IMPORT, "        cells = {h: sheet.cell(r, columns[h]) for h in read}\n",
          "        if r % 3 == 0:\n            continue\n        cells = {h: sheet.cell(r, columns[h]) for h in read}\n"),
    Break("review import: .ods not recognised", [CHECKS + "test_sheet_saved_in_another_format_is_refused_with_how_to_resave[ods]"],
          XLSX_IMPORT, 'if "mimetype" in names and b"opendocument" in package.read("mimetype"):', "if False:"),
    Break("review import: CSV not recognised", [CHECKS + "test_sheet_saved_in_another_format_is_refused_with_how_to_resave"],
          XLSX_IMPORT, "if _looks_like_csv(data):", "if False:"),
    Break("review import: Shift_JIS CSV not recognised",
          [CHECKS + "test_sheet_saved_in_another_format_is_refused_with_how_to_resave[csv-cp932]"],
          XLSX_IMPORT, 'for encoding in ("utf-8-sig", "cp932"):', 'for encoding in ("utf-8-sig",):'),
    # ---- summary.xlsx and the report ---------------------------------------------------------------
    Break("summary: 期限までの日数 swapped with 必要なペース",
          [NUMBERS + "test_deadline_days_pace_and_progress_are_each_in_their_own_cell"], "reiki_scan/report/xlsx.py",
          '("期限までの日数", p.days_left), ("必要なペース(件/月)", p.per_month)',
          '("期限までの日数", p.per_month), ("必要なペース(件/月)", p.days_left)'),
    Break("summary: 達成率 ×10", [NUMBERS + "test_deadline_days_pace_and_progress_are_each_in_their_own_cell"],
          "reiki_scan/report/xlsx.py", "round(report.percent, 1)", "round(report.percent * 10, 1)"),
    Break("summary: 根拠別 sheet filled with department rows",
          [NUMBERS + "test_summary_breakdown_sheets_hold_their_own_rows"], "reiki_scan/report/xlsx.py",
          '"根拠別", "根拠", report.by_basis', '"根拠別", "根拠", report.by_department'),
    Break("report: 消滅 counted as 未判定 in the breakdowns",
          [NUMBERS + "test_summary_breakdown_sheets_hold_their_own_rows"], "reiki_scan/report/data.py",
          "    if row.status in (ABOLISHED, VANISHED):\n        return row.status\n",
          '    if row.status == ABOLISHED:\n        return row.status\n    if row.status == VANISHED:\n        return "未判定"\n'),
    Break("report: 消滅 counted as 未判定 in the counts",
          [NUMBERS + "test_summary_counts_are_the_towns_known_counts_and_the_stores"], "reiki_scan/review/state.py",
          'counts["vanished"] += 1', 'counts["undecided"] += 1'),
    Break("report: progress bar over 100 %", [NUMBERS + "test_progress_past_the_target_stops_at_100_percent"],
          "reiki_scan/report/data.py", 'return min(100.0, self.counts["abolished"] * 100 / self.settings.target)',
          'return self.counts["abolished"] * 100 / self.settings.target'),
    Break("report: pace with under a month left", [NUMBERS + "test_with_under_a_month_left_the_whole_remainder_is_due_this_month"],
          "reiki_scan/report/data.py", "months = max(1.0, days_left / DAYS_PER_MONTH)", "months = days_left / DAYS_PER_MONTH"),
    # ---- offsets ---------------------------------------------------------------------------------
    Break("offsets: trigger words not mapped back to the original text",
          [T + "test_offsets.py::test_matched_words_point_into_the_published_sentence"], "reiki_scan/rules/engine.py",
          "verdict.keywords = [(sent.original[a:b], a, b) for w, s, e in found for a, b in [sent.to_original(s, e)]]",
          "verdict.keywords = [(sent.original[s:e], s, e) for w, s, e in found]"),
    Break("offsets: NormText.to_original returns the normalised offsets",
          [T + "test_offsets.py::test_matched_words_point_into_the_published_sentence"], "reiki_scan/nlp/text.py",
          "    def to_original(self, start: int, end: int) -> tuple[int, int]:\n",
          "    def to_original(self, start: int, end: int) -> tuple[int, int]:\n        return start, end\n"),
    Break("offsets: dependency words not mapped back",
          [T + "test_offsets.py::test_dependency_words_point_into_the_published_sentence"], "reiki_scan/rules/engine.py",
          "a, b = sent.to_original(offset + tok.idx, offset + tok.idx + len(tok.text))",
          "a, b = offset + tok.idx, offset + tok.idx + len(tok.text)"),
    # ---- CLI options -----------------------------------------------------------------------------
    Break("eval: precision and recall columns swapped",
          [OPTIONS + "test_eval_prints_a_hit_a_false_alarm_and_a_miss_as_counted_by_hand",
           OPTIONS + "test_eval_shows_the_tool_and_the_keyword_search_each_in_its_own_columns"], SCAN_CMDS,
          'return (f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}")',
          'return (f"{s.recall:.3f}", f"{s.precision:.3f}", f"{s.f1:.3f}")'),
    Break("eval: keyword columns show the tool's scores",
          [OPTIONS + "test_eval_shows_the_tool_and_the_keyword_search_each_in_its_own_columns"], SCAN_CMDS,
          "*cells(tool.overall), *cells(base.overall)", "*cells(tool.overall), *cells(tool.overall)"),
    Break("eval: --show-errors prints nothing",
          [OPTIONS + "test_eval_prints_a_hit_a_false_alarm_and_a_miss_as_counted_by_hand"], SCAN_CMDS,
          "    if show_errors:\n", "    if False:\n"),
    Break("rules explain: --heading ignored", [OPTIONS + "test_explain_heading_option_reaches_the_exclusions"],
          SCAN_CMDS, "engine.check(text, heading=heading)", "engine.check(text)"),
    Break("rules explain: --all ignored",
          [OPTIONS + "test_explain_all_lists_every_rule_and_without_it_only_those_with_a_word"], SCAN_CMDS,
          "if v.status == NO_TRIGGER and not v.excluded_by and not show_all:",
          "if v.status == NO_TRIGGER and not v.excluded_by:"),
    Break("scan: FILES with -w not refused",
          [OPTIONS + "test_scan_refuses_files_and_a_workspace_together_and_records_nothing"], SCAN_CMDS,
          "    if files and workspace:\n", "    if False:\n"),
    Break("scan jsonl: no matches key", [OPTIONS + "test_jsonl_carries_matched_words_with_offsets_the_cited_law_and_the_review_id"],
          SCAN_CMDS, '"confidence_reason", "matches", "legal_basis", "id", "details")',
          '"confidence_reason", "legal_basis", "id", "details")'),
    Break("scan jsonl: no legal_basis key",
          [OPTIONS + "test_jsonl_carries_matched_words_with_offsets_the_cited_law_and_the_review_id"],
          SCAN_CMDS, '"confidence_reason", "matches", "legal_basis", "id", "details")',
          '"confidence_reason", "matches", "id", "details")'),
    Break("scan jsonl: no id key", [OPTIONS + "test_jsonl_carries_matched_words_with_offsets_the_cited_law_and_the_review_id"],
          SCAN_CMDS, '"confidence_reason", "matches", "legal_basis", "id", "details")',
          '"confidence_reason", "matches", "legal_basis", "details")'),
    Break("corpus list: 条数 counts every provision", [OPTIONS + "test_corpus_list_counts_the_articles_of_the_main_provisions"],
          "reiki_scan/store/db.py", "WHERE version_id=? AND supplement='' AND kind='article'", "WHERE version_id=? AND supplement=''"),
    Break("--version text in English", [T + "test_cli_console_script.py::test_console_script_prints_its_version_in_japanese"],
          "reiki_scan/cli/common.py", '    "%(prog)s, version %(version)s": "%(prog)s バージョン %(version)s",\n', ""),
    Break("report -o into an unwritable folder: 予期しない問題",
          [OPTIONS + "test_report_and_review_export_refuse_an_unwritable_place_alike"], "reiki_scan/cli/report_cmd.py",
          "    except OSError as exc:\n", "    except ZeroDivisionError as exc:\n"),
    # ---- import keys -----------------------------------------------------------------------------
    Break("import: same file name in two folders = one document",
          [KEYS + "test_same_file_name_in_two_folders_imports_as_two_documents"], "reiki_scan/parse/files.py",
          'Source(p, p.relative_to(path).with_suffix("").as_posix())', "Source(p, p.stem)"),
    Break("import: files sharing a key not reported", [KEYS + "test_files_that_would_share_a_key_are_named_and_not_imported"],
          "reiki_scan/parse/files.py", "kept = [s for s in sources if len(by_key[s.key]) == 1]", "kept = list(sources)"),
    Break("import: a file imported before gets a new key",
          [KEYS + "test_a_file_imported_before_keeps_its_key_when_its_folder_is_imported"], "reiki_scan/cli/corpus_cmds.py",
          "store.key_of_source(source_url(s.path)) or s.key", "s.key"),
]


def copy_checkout(into: Path) -> None:
    for name in COPIED:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, into / name, ignore=shutil.ignore_patterns("__pycache__", ".pytest_cache"))
        else:
            shutil.copy2(src, into / name)


def run_tests(root: Path, tests: list[str]) -> tuple[int, float]:
    env = {**os.environ, "PYTHONPATH": str(root), "PYTHONDONTWRITEBYTECODE": "1", "PYTHONIOENCODING": "utf-8"}
    started = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *tests],
                          cwd=root, env=env, capture_output=True, text=True)
    return proc.returncode, time.monotonic() - started


def table() -> str:
    rows = ["| break | caught by |", "|---|---|"]
    for b in BREAKS:
        tests = "<br>".join(f"`{t.removeprefix(T)}`" for t in b.tests)
        rows.append(f"| {b.name} | {tests} |")
    return "\n".join(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-k", default="", help="only the breaks whose name contains this text")
    parser.add_argument("--table", action="store_true", help="print the table of tests/README.md and stop")
    args = parser.parse_args()
    if args.table:
        print(table())
        return 0
    selected = [b for b in BREAKS if args.k in b.name]
    with tempfile.TemporaryDirectory(prefix="reiki-scan-mutations-") as tmp:
        root = Path(tmp)
        copy_checkout(root)
        everything = sorted({t for b in selected for t in b.tests})
        rc, seconds = run_tests(root, everything)
        if rc != 0:
            print(f"the named tests fail on the unbroken code (pytest exit {rc}); fix them first", file=sys.stderr)
            return 2
        print(f"unbroken: {len(everything)} named tests pass ({seconds:.0f} s)")
        results = {"caught": 0, "MISSED": 0, "STALE": 0, "ERROR": 0}
        for b in selected:
            if not b.apply(root):
                verdict, seconds = "STALE", 0.0
            else:
                try:
                    rc, seconds = run_tests(root, b.tests)
                finally:
                    b.restore(root)
                verdict = {0: "MISSED", 1: "caught"}.get(rc, "ERROR")
            results[verdict] += 1
            print(f"{verdict:7} {seconds:5.0f} s  {b.name}", flush=True)
        print(" / ".join(f"{k} {v}" for k, v in results.items()) + f" (of {len(selected)} breaks)")
        return 0 if results["caught"] == len(selected) else 1


if __name__ == "__main__":
    sys.exit(main())
