"""GiNZA behind a small protocol (構文解析): the rule engine sees parsed sentences, not the model.

``base`` defines the protocol and the token table a parse is stored as; ``ginza`` is the real
parser; ``cache`` keeps parses keyed by sentence hash and model version; ``text`` holds the
NFKC normalisation with offset mapping and the sentence splitter.
"""

from .base import ParsedSentence, Parser, TableParser, build_doc  # noqa: F401
