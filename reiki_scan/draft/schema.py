"""JSON schema of a drafting pattern file (起案用例ファイル)."""

from __future__ import annotations

from ..categories import SLUGS

_TEXT = {"type": "string", "minLength": 1}

PATTERN_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "additionalProperties": False,
    "required": ["id", "category", "title", "explanation", "match", "replace", "note", "source", "examples"],
    "properties": {
        "id": {"type": "string", "pattern": "^(VIS|AUD|PER|RES|TRN|PST|VST|MED)-A[0-9]{2}$"},
        "category": {"enum": list(SLUGS)},                      # the category the move is written for
        "also": {"type": "array", "items": {"enum": list(SLUGS)}},   # other categories the same words digitise
        "title": _TEXT,
        "explanation": _TEXT,       # 何をどう改めるか、なぜそれでデジタル化されるか
        "match": _TEXT,             # regex over the provision text as published
        "replace": {"type": "string"},   # re.expand template: what the matched words become
        "replace_rest": {"type": "string"},   # further matches in the same clause (a term defined at the first)
        "note": _TEXT,              # what the reviewer must still decide
        "source": _TEXT,            # where the model wording comes from (honestly: law, 用例, or our own wording)
        "examples": {"type": "array", "minItems": 1, "items": {
            "type": "object", "additionalProperties": False, "required": ["before", "after"],
            "properties": {"before": _TEXT, "after": _TEXT}}},
        "no_match": {"type": "array", "items": _TEXT},
    },
}
