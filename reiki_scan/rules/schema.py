"""JSON schema of a rule file (ルールファイル) and of the shared exclusions file."""

from __future__ import annotations

from ..categories import SLUGS

_STR_LIST = {"type": "array", "items": {"type": "string", "minLength": 1}}

EXAMPLE = {
    "oneOf": [
        {"type": "string", "minLength": 1},
        {"type": "object", "additionalProperties": False, "required": ["text"],
         "properties": {
             "text": {"type": "string", "minLength": 1},
             "heading": {"type": "string"},          # 見出し of the provision, e.g. (目的)
             "title": {"type": "string"},            # 例規名
             "excluded_by": {"type": "string"},      # the exclusion this negative example proves
             "note": {"type": "string"}}},
    ]
}

EXCLUSION = {
    "type": "object", "additionalProperties": False, "required": ["id", "reason"],
    "properties": {
        "id": {"type": "string", "pattern": "^[a-z][a-z0-9_]*$"},
        "reason": {"type": "string", "minLength": 1},
        "regex": {"type": "string", "minLength": 1},
        "scope": {"enum": ["sentence", "provision", "title", "heading"]},
        "unless": {"type": "string", "minLength": 1},    # regex: the exclusion does not apply if this matches
    },
}

RULE_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "additionalProperties": False,
    "required": ["id", "category", "title", "description", "explanation", "trigger", "examples"],
    "properties": {
        "id": {"type": "string", "pattern": "^(VIS|AUD|PER|RES|TRN|PST|VST|MED)[0-9]{3}$"},
        "category": {"enum": list(SLUGS)},
        "title": {"type": "string", "minLength": 1},
        "description": {
            "type": "object", "additionalProperties": False,
            "required": ["what", "why", "examples", "non_examples"],
            "properties": {"what": {"type": "string", "minLength": 1},      # 何を検出するか
                           "why": {"type": "string", "minLength": 1},       # なぜアナログ規制か
                           "examples": {"type": "string", "minLength": 1},  # 該当例
                           "non_examples": {"type": "string", "minLength": 1}}},  # 非該当例
        "explanation": {"type": "string", "minLength": 1},
        "trigger": {
            "type": "object", "additionalProperties": False,
            "anyOf": [{"required": ["keywords"]}, {"required": ["regex"]}],
            "properties": {
                "keywords": _STR_LIST,          # literal words on NFKC text (Japanese has no word boundary)
                "regex": _STR_LIST,
                "generic": _STR_LIST,           # of the keywords: analog only with a physical-presence word
                "requires": _STR_LIST,          # literal words, one of which every trigger contains (speed)
                # named regex fragments, written {{NAME}} in the regexes above (one vocabulary, several regexes)
                "define": {"type": "object", "propertyNames": {"pattern": "^[A-Z][A-Z0-9_]*$"},
                           "additionalProperties": {"type": "string", "minLength": 1}},
                "context": _STR_LIST,           # regex; one must also occur (scope below)
                "context_scope": {"enum": ["sentence", "provision", "document"]},
            }},
        "patterns": {
            "type": "object", "additionalProperties": False,
            "properties": {
                "matcher": {"type": "array", "items": {
                    "type": "object", "additionalProperties": False, "required": ["name", "pattern"],
                    "properties": {"name": {"type": "string"},
                                   "pattern": {"type": "array", "minItems": 1, "items": {"type": "object"}}}}},
                "dependency": {"type": "array", "items": {
                    "type": "object", "additionalProperties": False, "required": ["name", "pattern"],
                    "properties": {"name": {"type": "string"},
                                   "pattern": {"type": "array", "minItems": 1, "items": {"type": "object"}}}}},
            }},
        "exclusions": {"type": "array", "items": EXCLUSION},
        "skip_shared_exclusions": _STR_LIST,
        # the provision serves an act set elsewhere (a card carried during it): the finding takes the
        # category of that act, found in the same article first, then in the document
        "serves_act": {
            "type": "object", "additionalProperties": False, "required": ["categories"],
            "properties": {"categories": {"type": "array", "minItems": 1, "items": {"enum": list(SLUGS)}},
                           # without such an act in the document there is no finding
                           "required": {"type": "boolean"},
                           # …unless the holder the provision names is itself a role of one of the
                           # categories (巡視員証 is carried on a patrol set by the parent 条例)
                           # (category → regex on the sentence; the first that matches decides)
                           "holders": {"type": "object", "propertyNames": {"enum": list(SLUGS)},
                                       "additionalProperties": {"type": "string", "minLength": 1}},
                           # the act must be in the provision the sentence cites (前項, 前条, 同条, 第N条第M項)
                           "cited": {"type": "boolean"},
                           # the finding keeps its own category: the act only has to be there
                           "keep": {"type": "boolean"}}},
        # a document rule's id: outside its subject's documents the words alone must set its act
        "sets_act_of": {"type": "string", "pattern": "^[A-Z]{3}[0-9]{3}$"},
        # keyword rules whose match in the same sentence stands for this rule's parse patterns
        "parse_waived_by": {"type": "array", "items": {"type": "string", "pattern": "^[A-Z]{3}[0-9]{3}$"}},
        "references": _STR_LIST,
        "examples": {
            "type": "object", "additionalProperties": False, "required": ["match", "no_match"],
            "properties": {"match": {"type": "array", "minItems": 1, "items": EXAMPLE},
                           "no_match": {"type": "array", "minItems": 1, "items": EXAMPLE},
                           "todo": {"type": "array", "items": EXAMPLE}}},
    },
}

DEFINES_SCHEMA = {
    "type": "object", "additionalProperties": False, "required": ["defines"],
    "properties": {"defines": {"type": "object", "minProperties": 1,
                               "propertyNames": {"pattern": "^[A-Z][A-Z0-9_]*$"},
                               "additionalProperties": {"type": "string", "minLength": 1}}},
}

SHARED_EXCLUSIONS_SCHEMA = {
    "type": "object", "additionalProperties": False, "required": ["exclusions"],
    "properties": {
        "exclusions": {"type": "array", "items": {
            "type": "object", "additionalProperties": False, "required": ["id", "reason", "examples"],
            "properties": {
                "id": {"type": "string", "pattern": "^[a-z][a-z0-9_]*$"},
                "reason": {"type": "string", "minLength": 1},
                "words": _STR_LIST,
                "regex": _STR_LIST,
                "title": _STR_LIST,             # regexes on the 例規名 (checks that read the document's kind)
                "ignore": _STR_LIST,            # spans where the words do not count (removed before looking)
                "examples": {"type": "array", "minItems": 1, "items": EXAMPLE},
            }}},
    },
}

ASPECTS_SCHEMA = {
    "type": "object", "additionalProperties": False, "required": ["aspects"],
    "properties": {
        "act_predicates": {"type": "string", "minLength": 1},    # regex on the main predicate's lemma
        "aspects": {"type": "array", "minItems": 1, "items": {
            "type": "object", "additionalProperties": False, "required": ["id", "label", "role"],
            "anyOf": [{"required": ["heading"]}, {"required": ["topic"]}, {"required": ["body"]}],
            "properties": {
                "id": {"type": "string", "pattern": "^[a-z][a-z0-9_]*$"},
                "label": {"type": "string", "minLength": 1},        # 条項の役割 as shown in a finding
                "role": {"enum": ["how", "act", "names"]},
                "presence": {"type": "boolean"},                   # a body cue that presumes a person on site
                "everywhere": {"type": "boolean"},                 # names aspect that holds in any document
                "body_anywhere": {"type": "boolean"},              # ... and so does its body cue
                "heading": {"type": "string", "minLength": 1},     # regex on the 見出し
                "topic": {"type": "string", "minLength": 1},       # regex on the は-phrase
                "body": {"type": "string", "minLength": 1},        # regex on the provision's text
                # how aspect: its body cue beats these names aspects of the 見出し/topic (講習時間 under (内容))
                "overrides": {"type": "array", "items": {"type": "string", "pattern": "^[a-z][a-z0-9_]*$"}},
                # names aspect: when it qualifies a how word (申請の方法, 申込期間), the phrase is about it
                "qualifies": {"type": "boolean"},
                # names aspect: a list under it (…の種類は、次のとおり) is read by its items
                "lists": {"type": "boolean"},
            }}},
    },
}

DOCUMENT_EXAMPLE = {
    "type": "object", "additionalProperties": False, "required": ["title", "text"],
    "properties": {
        "title": {"type": "string", "minLength": 1},       # 例規名 of the example document
        "purpose": {"type": "string", "minLength": 1},     # its 趣旨 clause (第1条), when the title alone is not enough
        "heading": {"type": "string"},                     # 見出し of the provision under test
        "text": {"type": "string", "minLength": 1},        # the provision under test (第2条)
        "note": {"type": "string"},
    },
}

DOCUMENT_RULE_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "additionalProperties": False,
    "required": ["id", "category", "title", "description", "explanation", "subject", "how", "examples"],
    "properties": {
        "id": RULE_SCHEMA["properties"]["id"],
        "category": {"enum": list(SLUGS)},
        "title": {"type": "string", "minLength": 1},
        "description": RULE_SCHEMA["properties"]["description"],
        "explanation": {"type": "string", "minLength": 1},
        "subject": {
            "type": "object", "additionalProperties": False, "anyOf": [{"required": ["title"]}, {"required": ["purpose"]}],
            "properties": {"title": {"type": "string", "minLength": 1},      # regex on the 例規名
                           "purpose": {"type": "string", "minLength": 1},    # regex on the 趣旨・目的 clause
                           "not_title": {"type": "string", "minLength": 1},   # documents that only mention the act
                           # 趣旨 clauses of documents that only mention the act (a public education course)
                           "not_purpose": {"type": "string", "minLength": 1}}},
        "act": {"type": "string", "minLength": 1},          # regex: the words that name the act in a provision
        "act_requires": {"type": "string", "minLength": 1},  # regex: a provision sets the act only with one of these too
        # the act must be imposed in the document itself: a 監視員設置要綱 whose duties name no patrol sets
        # none, and the card its monitors carry fixes how nothing analog is done
        "act_in_document": {"type": "boolean"},
        # regex: trigger words of keyword candidates that the subject decides over (default: act). In a
        # 立入検査証規程 every 立入検査 candidate is decided by the subject: only carrying the card counts;
        # a kind of document with no act (staff training) covers its category's candidates and sets none
        "covers": {"type": "string", "minLength": 1},
        "how": {"type": "array", "items": {"type": "string"}},   # aspect ids (aspects.yaml)
        # names aspects that, in this kind of document, name the act itself (what may be posted)
        "act_aspects": {"type": "array", "items": {"type": "string"}},
        "also": {"type": "object", "additionalProperties": {"type": "array", "items": {"enum": list(SLUGS)}}},
        "references": _STR_LIST,
        "examples": {
            "type": "object", "additionalProperties": False, "required": ["match", "no_match"],
            "properties": {"match": {"type": "array", "items": DOCUMENT_EXAMPLE},
                           "no_match": {"type": "array", "minItems": 1, "items": DOCUMENT_EXAMPLE},
                           "todo": {"type": "array", "items": DOCUMENT_EXAMPLE}}},
    },
}
