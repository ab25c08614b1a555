"""The real parser: ja_ginza (CNN), loaded once per process, tuned as ginza_notes.md says.

- ``exclude=["ner"]``: NER is half the time and its ENE labels are noise on legal text;
- ``merge_legal_refs`` before tok2vec: 第3条第2項 … stays one token and stops being split off
  as a sentence of its own;
- ``disable_sentencizer``: the engine feeds one sentence per Doc;
- ``bunsetu_recognizer`` clause markers off: clause detection is O(commas²) on long
  enumerations and ``ginza.clauses`` is not used (bunsetu spans are kept);
- ``nlp.pipe`` in batches of 64 (faster and flatter in memory than the default 1000);
- the model's matrix products through numpy (OpenBLAS) rather than thinc's default blis: the same parses
  (identical on 600 sentences of dev2), and tok2vec, 60 % of a full scan, about 2× faster on one core and 3×
  on this machine's two (1,900 → 5,800 chars/s measured with the rest of this pipeline).
"""

from __future__ import annotations

import re
import threading
from typing import Sequence

from .base import ParsedSentence
from .text import SUDACHI_MAX_BYTES

MODEL_NAME = "ja_ginza"
BATCH_SIZE = 64

_NUM = r"[0-9０-９一二三四五六七八九十百千]+"
_REF = re.compile(rf"(?:第{_NUM}条(?:の{_NUM})*(?:第{_NUM}項)?(?:第{_NUM}号)?|別表第{_NUM}|前各?[条項号]|同[条項号]|次[条項号])")

_lock = threading.Lock()
_NLP = None


def _register_components() -> None:
    from spacy.language import Language

    if "merge_legal_refs" in Language.factories:
        return

    @Language.component("merge_legal_refs")
    def merge_legal_refs(doc):
        with doc.retokenize() as rt:
            for m in _REF.finditer(doc.text):
                span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
                if span is not None and len(span) > 1:
                    rt.merge(span, attrs={"LEMMA": span.text, "NORM": span.text, "TAG": "名詞-普通名詞-一般"})
        return doc


def load_nlp():
    """spacy.load('ja_ginza') once per process with the pipeline tweaks above."""
    global _NLP
    with _lock:
        if _NLP is None:
            import spacy
            import ginza  # noqa: F401  (registers disable_sentencizer and the bunsetu components)
            from thinc.api import use_ops

            _register_components()
            with use_ops("numpy", use_blis=False):       # the layers keep the ops they were built with
                nlp = spacy.load(MODEL_NAME, exclude=["ner"])
            nlp.add_pipe("merge_legal_refs", first=True)
            nlp.add_pipe("disable_sentencizer", before="parser")
            if "bunsetu_recognizer" in nlp.pipe_names:
                nlp.get_pipe("bunsetu_recognizer").clause_marker_rules = [{"tag_": "(?!)"}]
            _NLP = nlp
        return _NLP


def model_version() -> str:
    """'ja_ginza 5.3.0 (ginza 5.3.0, SudachiDict-core 20260723, split C)' without loading the model."""
    from importlib.metadata import PackageNotFoundError, version

    def v(name: str) -> str:
        try:
            return version(name)
        except PackageNotFoundError:
            return "?"
    return f"{MODEL_NAME} {v('ja-ginza')} (ginza {v('ginza')}, SudachiDict-core {v('SudachiDict-core')}, split C)"


class GinzaParser:
    """Parser protocol over ja_ginza; the model loads on the first ``parse`` call only."""

    def __init__(self, batch_size: int = BATCH_SIZE):
        self.batch_size = batch_size
        self.model = model_version()

    @property
    def nlp(self):
        return load_nlp()

    def parse(self, sentences: Sequence[str]) -> list[ParsedSentence]:
        if not sentences:
            return []
        for s in sentences:
            if len(s.encode("utf-8")) > SUDACHI_MAX_BYTES:
                raise ValueError("sentence over SudachiPy's byte limit: chunk it first (text.safe_chunks)")
        out = []
        for sentence, doc in zip(sentences, self.nlp.pipe(sentences, batch_size=self.batch_size)):
            rows = [[t.text, t.whitespace_, t.lemma_, t.norm_, t.pos_, t.tag_, t.dep_, t.head.i] for t in doc]
            out.append(ParsedSentence(sentence, rows))
        return out
