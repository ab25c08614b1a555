"""review assign: each 例規's 所管課 from the rules in reiki-scan.yaml, and what is still 未割当.

A plain command that review_cmds adds to its group (this module imports no other command module).
"""

from __future__ import annotations

from collections import Counter

import click

from ..review.assign import plan_assignments, record_assignments, rules_from_config
from ..review.by_department import group_rows
from ..review.state import UNASSIGNED, department_of, hand_department, review_rows
from .common import existing_workspace_option, fail


@click.command("assign")
@click.option("--dry-run", is_flag=True, help="何が変わるかを表示するだけで、書き込みません")
@existing_workspace_option
def assign(dry_run, ws):
    """reiki-scan.yaml の割り当て規則(assign)で、例規ごとの所管課を決めます。

    例規名・体系・例規番号で当てはまる最初の規則の課になり、あとの走査で増えた検出も同じ課になります。
    判定表で所管課を書き換えた行は、書き換えた課のままです。最後に、まだ所管課のない検出を表示します。
    """
    rules = rules_from_config(ws.config)
    if not rules:
        fail(f"設定ファイル {ws.config_path} に所管課の割り当て規則(assign)がありません。"
             "README の「所管課への照会」の例のように書いてください")
    departments = ws.config.get("departments") or []
    with ws.store() as store:
        plan = plan_assignments(store, rules)
        rows = review_rows(store)
        if not dry_run:
            record_assignments(store, plan)
    changed = [a for a in plan if a.changes]
    for a in changed:
        click.echo(("(割り当て予定) " if dry_run else "") + f"{a.title}{f'({a.number})' if a.number else ''}: "
                   f"{a.before or UNASSIGNED} → {a.after or UNASSIGNED}  {a.rule or '当てはまる規則がなくなりました'}")
    after = {a.document: a.after for a in plan}
    for row in rows:
        row.assigned_department = after.get(row.finding.document, "")
    current = [r for r in rows if r.is_current]
    head = "確認のみ(--dry-run、何も書き込んでいません)" if dry_run else "割り当て結果"
    click.echo(f"{head}: 所管課が変わる例規 {len(changed)} 件 / 変わらない例規 {len(plan) - len(changed)} 件"
               f"(規則 {len(rules)} 件)")
    groups = group_rows(current, departments)
    click.echo("所管課ごとの検出: " + "、".join(f"{name} {len(members)} 件" for name, members in groups.items()))
    by_hand = [r for r in current if r.assigned_department and hand_department(r) not in ("", r.assigned_department)]
    if by_hand:
        click.echo(f"判定表で手入力した所管課を規則より優先した検出 {len(by_hand)} 件")
    unknown = Counter(hand_department(r) for r in current if departments and hand_department(r)
                      and hand_department(r) not in departments)
    if unknown:
        click.secho("departments の一覧にない所管課が判定表で入力されています: "
                    + "、".join(f"{name}({n} 件)" for name, n in unknown.items())
                    + "。課の名前が変わったときは、判定表の所管課列で新しい課を選んで取り込んでください", fg="yellow", err=True)
    _report_unassigned([r for r in current if department_of(r) == UNASSIGNED])


def _report_unassigned(rows) -> None:
    if not rows:
        click.echo("すべての検出に所管課があります。次は reiki-scan review export --by-department で照会します")
        return
    documents = Counter((r.finding.title, r.finding.number) for r in rows)
    click.echo(f"まだ所管課のない検出 {len(rows)} 件(例規 {len(documents)} 件):")
    for (title, number), n in documents.most_common():
        click.echo(f"  {title}{f'({number})' if number else ''} {n} 件")
    click.echo("reiki-scan.yaml の assign に規則を足すか、判定表の所管課列で課を選んで取り込んでください"
               "(review export --by-department では 未割当.xlsx に入ります)")
