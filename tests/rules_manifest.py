"""The pinned rule set (tests/rules_manifest.json): every rule id with the number of its examples.

The rule example tests are generated from the rules that load, so a deleted rule file takes its
tests with it and the suite stays green. test_rules_manifest.py compares the rules on disk with this
pin instead. After an intended change to patterns/ (a rule added, retired, or its examples edited),
regenerate the pin and commit it with the change:

    .venv/bin/python tests/rules_manifest.py --update
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

MANIFEST = Path(__file__).resolve().parent / "rules_manifest.json"
UPDATE_COMMAND = ".venv/bin/python tests/rules_manifest.py --update"


def current() -> dict:
    """The manifest of the rules as they are on disk now."""
    from reiki_scan.rules.loader import load_rules
    ruleset = load_rules()
    return {
        "how_to_update": f"after an intended change to patterns/: {UPDATE_COMMAND}",
        # keyword rules (patterns/<category>/) and document rules (patterns/documents/) share the ids
        "rules": {r.id: {"category": r.category, "match": len(r.examples_match),
                         "no_match": len(r.examples_no_match), "todo": len(r.examples_todo)}
                  for r in sorted([*ruleset.rules, *ruleset.documents], key=lambda r: r.id)},
        "shared_exclusions": {x.id: {"examples": len(x.examples)} for x in ruleset.shared.values()},
    }


def pinned() -> dict:
    return json.loads(MANIFEST.read_text(encoding="utf-8"))


def write() -> None:
    """One line per rule, so that a change to the pin reads as a change to that rule in a diff."""
    def block(entries: dict) -> str:
        return ",\n".join(f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in entries.items())
    data = current()
    MANIFEST.write_text(f'{{\n "how_to_update": {json.dumps(data["how_to_update"])},\n'
                        f' "rules": {{\n{block(data["rules"])}\n }},\n'
                        f' "shared_exclusions": {{\n{block(data["shared_exclusions"])}\n }}\n}}\n', encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[1:] != ["--update"]:
        sys.exit(f"usage: {UPDATE_COMMAND}")
    write()
    print(f"{MANIFEST} を更新しました(ルール {len(current()['rules'])} 件)")
