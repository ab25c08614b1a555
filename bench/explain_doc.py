"""Show how the engine reads one document: subject, each provision's frame and role, each keyword
candidate with its verdict, and the findings (for developing rules on the development sets).

    .venv/bin/python bench/explain_doc.py corpus/eval/dev/docs/d22.txt [more files]
"""

from __future__ import annotations

import sys
from pathlib import Path

from reiki_scan.parse.files import parse_file
from reiki_scan.rules.engine import MATCH, ScanStats
from reiki_scan.scan import make_engine


def main() -> None:
    engine = make_engine()
    for name in sys.argv[1:]:
        ordinance = parse_file(Path(name))
        doc = engine._document(ordinance, ScanStats())
        print(f"=== {ordinance.key} {ordinance.title}  主題: {[s.id for s in doc.subjects]}")
        to_parse = [p.sentence.norm for p in doc.pending if p.verdict.rule.needs_parse]
        to_parse += [f.first.norm for f in doc.needs_frame() if engine.context.frame_matters(f.first.norm)]
        parses = engine._parse(to_parse)
        findings = engine._decide(doc, parses)
        roles = engine._roles(doc) if doc.subjects else {}
        by_path = {}
        for f in findings:
            by_path.setdefault(f.provision, []).append(f"{f.category}/{f.rule}/{f.confidence}")
        for facts in doc.facts:
            path = facts.unit.path
            r = "; ".join(f"{s.id}:{roles[(s.id, path)].describe()}" for s in doc.subjects if (s.id, path) in roles)
            print(f"- {path} {facts.unit.heading} | {facts.frame.describe() if facts.frame else ''} | {r}")
            print(f"    {facts.unit.text[:90]!r}")
            for p in doc.pending:
                if p.facts is facts:
                    v = p.verdict
                    print(f"    候補 {v.rule.id} {v.status} {v.excluded_by if v.status != MATCH else ''}")
            if path in by_path:
                print(f"    ==> {by_path[path]}")


if __name__ == "__main__":
    main()
