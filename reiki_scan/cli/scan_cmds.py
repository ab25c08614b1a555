"""scan (files or workspace), rules list / explain, eval."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import click

from ..categories import SLUGS, name_ja
from ..store.db import now_iso
from .common import fail, format_table, interruptible, rules_option
from .main import main

JSONL_KEYS = ("document", "title", "number", "provision", "category", "category_ja", "rule", "sentence",
              "explanation", "confidence", "confidence_reason", "matches", "legal_basis", "id", "details")
TABLE_HEADERS = ("例規", "条項", "類型", "ルール", "該当語", "根拠法令", "説明")


def _progress(total: int, label: str):
    return click.progressbar(length=total, label=label, show_pos=True, file=click.get_text_stream("stderr"))


class _ParseBar:
    """The second progress bar (構文解析), opened once the number of candidate sentences is known."""

    def __init__(self):
        self.bar = None
        self.outer = None          # the document bar: finished first so the two do not share a line

    def __call__(self, total: int):
        if total == 0:
            return None
        if self.outer is not None:
            self.outer.render_finish()
        self.bar = _progress(total, "構文解析中")
        self.bar.__enter__()
        return self.bar.update

    def close(self):
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


def _engine(rules_dir: str | None, cache_file: Path | None = None):
    from ..rules.loader import RuleError
    from ..scan import make_engine
    try:
        return make_engine(rules_dir, cache_file=cache_file)
    except RuleError as exc:
        fail(str(exc))


def _emit(findings, fmt: str) -> None:
    if fmt == "jsonl":
        for f in findings:
            data = f.to_dict()
            click.echo(json.dumps({k: data[k] for k in JSONL_KEYS if k in data}, ensure_ascii=False))
    elif fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(["document", "title", "number", "provision", "category", "category_ja", "rule",
                         "matches", "legal_basis", "sentence", "explanation", "id"])
        for f in findings:
            writer.writerow([f.document, f.title, f.number, f.provision, f.category, f.category_ja, f.rule,
                             " ".join(m.text for m in f.matches), f.legal_basis, f.sentence, f.explanation,
                             f.identity])
        click.echo(buf.getvalue(), nl=False)
    else:
        rows = [(f.document, f.citation, f.category_ja, f.rule, "・".join(dict.fromkeys(m.text for m in f.matches)),
                 f.legal_basis or "(町独自)", f.explanation) for f in findings]
        if rows:
            click.echo(format_table(TABLE_HEADERS, rows))


def _summary_line(stats, findings, carried: int = 0, previous: int | None = None) -> str:
    """The counts of one scan; ``carried`` documents were not scanned but kept the findings of run ``previous``."""
    by_cat = {s: 0 for s in SLUGS}
    for f in findings:
        by_cat[f.category] += 1
    cats = " / ".join(f"{name_ja(s)} {n}" for s, n in by_cat.items() if n)
    share = stats.candidate_sentences / stats.sentences if stats.sentences else 0.0
    kept = (f"(変更のない {carried} 件は走査 #{previous} の結果を引き継ぎ。すべて走査し直すときは --full)"
            if carried else "")
    return (f"走査: 例規 {stats.documents} 件{kept}・条項 {stats.provisions} 件・文 {stats.sentences} 件"
            f"(構文解析 {stats.candidate_sentences} 文 = {share:.1%}、うち新規 {stats.parsed_sentences})"
            f" → 検出 {len(findings)} 件" + (f"({cats})" if cats else ""))


@main.command("scan")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option("--workspace", "-w", "workspace", type=click.Path(), default=None, metavar="DIR",
              help="作業フォルダ:取り込み済みの例規(最新版)を走査し、走査結果を記録します")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table", show_default=True,
              help="ファイルを走査したときの出力形式")
@click.option("--full", is_flag=True,
              help="作業フォルダの例規をすべて走査し直す(省略時は、前回と同じルールで走査した変更のない例規の結果を引き継ぐ)")
@rules_option
def scan(files, workspace, fmt, full, rules_dir):
    """アナログ規制を検出します(ファイル指定: 結果を出力 / --workspace: 走査結果を記録)。

    例規が改正されたら、import のあとにもう一度 reiki-scan scan -w 作業フォルダ を実行します。
    前回と同じルール・同じモデルで走査した例規のうち、変更のないものは前回の結果を引き継ぎ、
    改正・追加された例規だけを走査します。

    判定済みの行は判定を引き継ぎ、条文が変わった行は「条文変更・要再確認」になります。
    """
    from ..scan import cache_path_for, scan_ordinances
    if files and workspace:
        fail("ファイルと --workspace は同時に指定できません")
    if full and files:
        fail("--full は作業フォルダ(--workspace)を走査するときに指定します")
    if files:
        from ..parse.files import SUFFIXES, ParseError, collect_sources, parse_file, separate_clashes
        try:
            sources, problems = separate_clashes(collect_sources(list(files)))
        except ParseError as exc:
            fail(str(exc))
        ordinances = []
        for source in sources:
            try:
                ordinances.append(parse_file(source.path, key=source.key))
            except ParseError as exc:
                problems.append(str(exc))
        for problem in problems:
            click.secho(f"  読み込み失敗: {problem}", fg="yellow", err=True)
        if not ordinances:
            fail(f"走査できるファイルがありません(例規の本文を拡張子 {' / '.join(SUFFIXES)} のファイルで指定してください)")
        engine = _engine(rules_dir)
        parse_bar = _ParseBar()
        with _progress(len(ordinances), "走査中") as bar:
            parse_bar.outer = bar
            findings, stats = scan_ordinances(engine, ordinances, progress=bar.update, parse_progress=parse_bar)
        parse_bar.close()
        _emit(findings, fmt)
        click.echo(_summary_line(stats, findings), err=True)
        return
    from ..scan import carried_over, engine_fingerprint, finding_order
    from ..workspace import Workspace
    ws = Workspace.open_existing(workspace or ".")
    started = now_iso()
    run_id = None
    try:
        with ws.store() as store:
            latest = store.latest_version_ids()
            if not latest:
                fail("例規がまだ取り込まれていません(reiki-scan import または crawl を実行してください)")
            engine = _engine(rules_dir, cache_file=cache_path_for(ws.corpus_dir))
            fingerprint = engine_fingerprint(engine)
            previous, kept = (None, {}) if full else carried_over(store, fingerprint, latest)
            todo = [vid for key, vid in latest.items() if key not in kept]
            parse_bar = _ParseBar()
            with _progress(len(todo), "走査中") as bar:
                parse_bar.outer = bar
                findings, stats = scan_ordinances(engine, interruptible(store.ordinances(todo)), progress=bar.update,
                                                  parse_progress=parse_bar)
            parse_bar.close()
            findings = sorted(findings + [f for fs in kept.values() for f in fs], key=finding_order)
            summary = {**stats.as_dict(), "carried_over": len(kept), "engine": fingerprint,
                       "by_category": {s: sum(1 for f in findings if f.category == s) for s in SLUGS}}
            run_id = store.record_scan(findings, latest, model=engine.model,
                                       rules_hash=engine.ruleset.rules_hash, started_at=started, summary=summary)
            changes = changes_line(store)
    except KeyboardInterrupt:
        if run_id is None:
            fail("走査を中断しました。今回の走査は記録していません(前回までの走査結果と判定はそのまま残っています)",
                 code=130)
        fail(f"中断しました(走査 #{run_id} は記録済みです)", code=130)
    click.echo(f"走査 #{run_id} を記録しました(モデル {engine.model}、ルール {engine.ruleset.rules_hash})")
    click.echo(_summary_line(stats, findings, len(kept), previous))
    if changes:
        click.echo(changes)


def changes_line(store) -> str:
    """What the latest scan changed for the reviewers ('' after the first scan): the counts the
    report's 「前回の走査からの変化」 lists, and what to do next."""
    from ..review.state import changes_since_last_scan
    c = changes_since_last_scan(store)
    if c["previous_run_id"] is None:
        return "次は reiki-scan review export で判定表を出力してください"
    line = (f"前回の走査(#{c['previous_run_id']})からの変化: 改正された例規 {len(c['amended_documents'])} 件・"
            f"追加された例規 {len(c['added_documents'])} 件 → 新規 {len(c['new'])} 件 / "
            f"条文変更・要再確認 {len(c['changed'])} 件 / 撤廃済 {len(c['abolished'])} 件 / 消滅 {len(c['vanished'])} 件")
    if c["new"] or c["changed"]:
        line += "\n判定が必要な行は reiki-scan review export --only pending で出力できます"
    return line


@main.group("rules")
def rules() -> None:
    """検出ルールの一覧と、条文に対する判定の説明。"""


@rules.command("list")
@rules_option
def rules_list(rules_dir):
    """ルールの一覧(ID, 類型, 名称, 例の数)。"""
    from ..rules.loader import RuleError, load_rules
    try:
        ruleset = load_rules(rules_dir)
    except RuleError as exc:
        fail(str(exc))
    rows = [(r.id, name_ja(r.category), r.title, str(len(r.examples_match)), str(len(r.examples_no_match)),
             str(len(r.exclusions))) for r in ruleset.rules]
    click.echo(format_table(("ID", "類型", "名称", "該当例", "非該当例", "除外条件"), rows))
    click.echo(f"計 {len(rows)} 件")
    if ruleset.documents:
        click.echo(f"\n文書の主題ルール {len(ruleset.documents)} 件(その種の例規で、行為とそのしかたを定める条項を検出し、"
                   "役・書類・講習の名を挙げるだけの条項は検出しない)")
        click.echo(format_table(("ID", "類型", "名称", "該当例", "非該当例"), [
            (d.id, name_ja(d.category), d.title, str(len(d.examples_match)), str(len(d.examples_no_match)))
            for d in ruleset.documents]))
    if ruleset.shared:
        click.echo(f"\nすべてのルールに共通の除外条件 {len(ruleset.shared)} 件(該当語があっても検出しない場合)")
        click.echo(format_table(("ID", "理由"), [(x.id, first_sentence(x.reason)) for x in ruleset.shared.values()]))


def first_sentence(text: str) -> str:
    """The first sentence of a reason (up to 。), joined across the YAML's line breaks (a folded
    YAML string leaves a space where the line broke, which Japanese does not have)."""
    text = "".join(line.strip() for line in text.splitlines())
    text = re.sub(r"(?<=[^\x00-\x7f])\s+(?=[^\x00-\x7f])", "", text)
    head, dot, _ = text.partition("。")
    return head + dot


@rules.command("explain")
@click.argument("text")
@click.option("--heading", default="", metavar="TEXT", help="条文の見出し(例: (目的))。目的・定義規定の除外を確かめるとき")
@click.option("--title", default="", metavar="TEXT",
              help="例規名(例: 町道台帳閲覧規程)。文書の主題と、この条項の役割を確かめるとき")
@click.option("--all", "show_all", is_flag=True, help="対象語のないルールも表示する")
@rules_option
def rules_explain(text, heading, title, show_all, rules_dir):
    """条文 TEXT を GiNZA で解析し、各ルールの判定(該当・除外・構文パターン不一致 など)を表示します。

    例: reiki-scan rules explain "告示は、掲示場に掲示して行う。"
    """
    from ..nlp.frame import frame_of
    from ..nlp.ginza import GinzaParser
    from ..nlp.text import normalise, split_sentences
    from ..rules.engine import NO_TRIGGER, VERDICT_JA
    if not text.strip():
        fail('条文を指定してください(例: reiki-scan rules explain "告示は、掲示場に掲示して行う。")')
    engine = _engine(rules_dir)
    parser = GinzaParser()
    click.echo(f"モデル: {parser.model}")
    frames = []
    for a, b in split_sentences(text):
        sentence = normalise(text[a:b].strip()).norm
        click.echo(f"\n文: {sentence}")
        for parsed in parser.parse([sentence]):
            for i, (tok, _ws, lemma, norm, pos, tag, dep, head) in enumerate(parsed.rows):
                click.echo(f"  {i:>3} {tok}\t{lemma}\t{pos}\t{dep} → {head}:{parsed.rows[head][0]}\t{tag}")
            frames.append(frame_of(parsed.rows))
            click.echo(f"  文の骨格: {frames[-1].describe()}")
    if title:
        _explain_context(engine, text, heading, title, frames[0] if frames else None)
    click.echo("\n判定:")
    for rule_id, v in engine.check(text, heading=heading, title=title).items():
        if v.status == NO_TRIGGER and not v.excluded_by and not show_all:
            continue
        words = "・".join(w for w, _, _ in v.keywords)
        extra = ""
        if v.excluded_by:
            extra = " 除外: " + ", ".join(v.excluded_by)
        if v.pattern:
            extra += f" 構文: {v.pattern.name}[{'・'.join(w for w, _, _ in v.pattern_words)}]"
        elif v.waived_by:
            extra += f" 構文: 不要({v.waived_by} が同じ文で一致)"
        click.echo(f"  {rule_id} {name_ja(v.rule.category)} {VERDICT_JA[v.status]}"
                   + (f" 対象語: {words}" if words else "") + extra)


def _explain_context(engine, text: str, heading: str, title: str, frame) -> None:
    """文書の主題 (the document rules whose subject the title gives) and this provision's role in each."""
    from ..nlp.text import normalise, split_sentences
    subjects = engine.context.subjects(normalise(title).norm, "")
    click.echo(f"\n文書の主題({title}): " + ("、".join(f"{s.id} {s.title.split('(')[0]}" for s in subjects)
                                           or "なし(キーワードのルールだけで判定します)"))
    norm = normalise(text).norm
    first = next((normalise(text[a:b].strip()).norm for a, b in split_sentences(text)), "")
    for s in subjects:
        role = engine.context.role(s, "第1条", heading, frame, norm, first)
        click.echo(f"  {s.id} 条項の役割: {role.describe()}")


@main.command("eval")
@click.argument("directories", nargs=-1, required=True, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--fold", default=None, metavar="名前",
              help="folds.csv のあるデータでは、その分割(例: A)に属する例規だけで測る(自治体単位の分割。"
                   "folds.csv のないデータは全体で測る)")
@click.option("--show-errors", is_flag=True, help="誤検出と見逃しを一覧表示する")
@rules_option
def eval_(directories, fold, show_errors, rules_dir):
    """正解付きデータ(DIR/docs/*.txt, DIR/labels.csv)で精度・再現率を測ります(キーワード検索と比較)。

    複数の DIR を指定すると、データごとの表のあとに全体を合わせた表を出します。
    確度「高」だけに絞った値も出します(確度は確認の順番の目安で、精度そのものではありません)。
    """
    from ..rules.evaluate import Evaluation, merge, read_set_labels, score_confidence
    from ..scan import evaluate_dir
    for directory in directories:
        if not (directory / "labels.csv").exists() or not (directory / "docs").is_dir():
            fail(f"{directory} に docs/ と labels.csv がありません")
    engine = _engine(rules_dir)
    results: list[tuple[str, Evaluation, Evaluation, Evaluation, list]] = []
    for directory in directories:
        n = len(list((directory / "docs").glob("*.txt")))
        parse_bar = _ParseBar()
        set_fold = fold if (directory / "folds.csv").exists() else None
        with _progress(n, f"評価中 {directory.name}") as bar:
            parse_bar.outer = bar
            tool, base, findings, _stats = evaluate_dir(engine, directory, progress=bar.update,
                                                        parse_progress=parse_bar, fold=set_fold)
        parse_bar.close()
        high = score_confidence(findings, read_set_labels(directory, set_fold))
        name = directory.name + (f" (分割 {set_fold})" if set_fold else "")
        results.append((name, tool, base, high, findings))
        _eval_table(name, tool, base, high)
        if show_errors:
            _eval_errors(tool, findings)
    if len(results) > 1:
        _eval_table("合計: " + " + ".join(r[0] for r in results), merge([r[1] for r in results]),
                    merge([r[2] for r in results]), merge([r[3] for r in results]))
    click.echo(f"モデル {engine.model}")


def _eval_table(name: str, tool, base, high) -> None:
    def cells(s):
        return (f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}")
    rows = [("全体", str(tool.overall.labels), *cells(tool.overall), *cells(base.overall),
             f"{tool.overall.tp}/{tool.overall.fp}", f"{base.overall.tp}/{base.overall.fp}")]
    for slug in SLUGS:
        t, b = tool.per_category[slug], base.per_category[slug]
        rows.append((f"{name_ja(slug)} ({slug})", str(t.labels), *cells(t), *cells(b), f"{t.tp}/{t.fp}", f"{b.tp}/{b.fp}"))
    click.echo(f"== {name}")
    click.echo(format_table(("類型", "正解数", "適合率", "再現率", "F1", "KW適合率", "KW再現率", "KW F1",
                             "正/誤", "KW正/誤"), rows))
    h = high.overall
    click.echo(f"確度「高」だけ: 適合率 {h.precision:.3f} 再現率 {h.recall:.3f}({h.tp + h.fp} 件)")
    ratio = tool.overall.precision / base.overall.precision if base.overall.precision else float("inf")
    click.echo(f"適合率はキーワード検索の {ratio:.2f} 倍")


def _eval_errors(tool, findings) -> None:
    by_key = {(f.document, f.provision, f.category): f for f in findings}
    for key in tool.false_positives:
        f = by_key.get(key)
        click.echo(f"誤検出 {' '.join(key)} {f.rule if f else ''} {f.confidence if f else ''} {f.sentence[:80] if f else ''}")
    for label in tool.missed:
        click.echo(f"見逃し {label.document} {label.provision} {'|'.join(label.categories)} {label.evidence[:60]}")
