"""Text normalisation (NFKC for matching, original kept) and sentence splitting (文分割)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

SUDACHI_MAX_BYTES = 49149


@dataclass
class NormText:
    """NFKC text with a map back to the original: ``offsets[i]`` = original index of norm char i."""

    original: str
    norm: str
    offsets: list[int]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        if not self.norm:
            return 0, 0
        o_start = self.offsets[min(start, len(self.offsets) - 1)]
        o_end = self.offsets[end - 1] + 1 if end > 0 else 0
        return o_start, max(o_start, o_end)


# Characters NFKC leaves alone but ordinance texts mix freely; 廻 is the older form of 回 (巡廻 = 巡回,
# 見廻り = 見回り) that 昭和 ordinances still print.
_EXTRA = str.maketrans({"〜": "~", "－": "-", "‐": "-", "―": "-", "ー": "ー", "廻": "回"})


#: NFKC of each non-ASCII character seen so far (a 例規集 uses a few thousand distinct characters)
_NFKC: dict[str, str] = {}


def _nfkc(ch: str) -> str:
    n = _NFKC.get(ch)
    if n is None:
        n = _NFKC[ch] = unicodedata.normalize("NFKC", ch).translate(_EXTRA)
    return n


#: a comma after Japanese text is a 読点 (規則は,次のとおり / 規則は，次のとおり): some 例規集 write one for the
#: other, and the rules and the parser read 、
_COMMA = re.compile(r"(?<=[^\x00-\x7f]),")


class _PerChar(dict):
    """str.translate table: each character to its NFKC (ASCII to itself), filled on first sight."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        n = self[code] = _nfkc(ch) if code > 127 else ch
        return n


_PER_CHAR = _PerChar()

#: 昭和 ordinances written with katakana okurigana (職員ニ宿直ヲ命ズ): a katakana particle after a kanji (ヲ,
#: or ハ ニ ガ デ before the next kanji or a 読点) marks the style, which modern text never uses. Each sentence
#: is read on its own, so the mark is sought in each. There the katakana runs are read as hiragana (one
#: character for one, so the offsets stay), so that the rules and the parser read 宿直を命ず; a run with a
#: long-vowel mark, a handakuten or a small vowel is a loanword (ポンプ, メートル) and stays as it is, but for
#: the particle written on after it (ポンプヲ).
_KATAKANA_STYLE = re.compile(r"[一-龥々〆](?:ヲ|[ハニガデ](?=[一-龥々、]))")
_KATAKANA_RUN = re.compile(r"[ァ-ヶ]+")
_LOANWORD = re.compile(r"[ーァィゥェォヮヴヵヶパピプペポ]")
_PARTICLES = re.compile(r"[ヲハニノヘ]+$")


def _hiragana(run: str) -> str:
    return "".join(chr(ord(c) - 0x60) for c in run)


def _okurigana_to_hiragana(m: re.Match) -> str:
    run = m.group(0)
    if not _LOANWORD.search(run):
        return _hiragana(run)
    tail = _PARTICLES.search(run)        # the particle written on after a loanword (消防ポンプヲ)
    return run[:tail.start()] + _hiragana(tail.group(0)) if tail else run


#: the endings of 文語 ordinances, read as their modern forms so that the rules and the parser see the duty or
#: the ban (報告スベシ → 報告しなければならない, 庁舎ヲ離ルベカラズ → 離れてはならない, 外出スルコトヲ得ズ →
#: 外出してはならない, 宿直セシム → 宿直させる, …トハ…ヲ謂フ → いう). Longer forms first.
# (the mark as narrow as the endings: 当たる or わたる in modern text does not send it through the rewrite)
_CLASSICAL_MARK = re.compile(r"べし|べからず|を得ず|しむ|しめ|謂ふ|をいふ|(?<=[けれてせめべえ])たる|[一-龥]す。")
_CLASSICAL = re.compile(r"せしむべし|(?<=[めへけれてねえげべ])しむべし|すべからず|すべし|離るべからず|離るることを得ず"
                        r"|することを得ず|ことを得ず|せしむ(?=[。、]|$)|せしめ|(?<=[めへけれてねえげべ])しめ(?=[、。て])"
                        r"|を謂ふ|をいふ"
                        # the causative of a 四段 verb (守らしむべし, 行わしむ, 当たらしめ → 守らせなければならない, 行わせる,
                        # 当たらせ), the past attributive たる (受けたる後 → 受けた後) and a sentence ending in す (掲示す。)
                        r"|(?<=[かさたなはまらがざだばわ])(?:しむべし|しむ(?=[。、]|$)|しめ(?=[、。てる]))"
                        r"|(?<=[けれてせめべえ])たる(?=[一-龥]|もの|とき)|(?<=[一-龥])す(?=。)")
_MODERN = {"せしむべし": "させなければならない", "しむべし": "させなければならない", "しめ": "させ",
           "すべからず": "してはならない", "すべし": "しなければならない",
           "離るべからず": "離れてはならない", "離るることを得ず": "離れてはならない",
           "することを得ず": "してはならない", "ことを得ず": "ことができない", "せしむ": "させる",
           "せしめ": "させ", "を謂ふ": "をいう", "をいふ": "をいう", "しむ": "せる", "たる": "た", "す": "する"}


#: the kana before しむべし / しめ: after an え-row kana the causative is させ (備へしむべし), after an あ-row one せ
#: (守らしむべし, 当たらしめ)
_E_ROW = set("めへけれてねえげべ")
_FOUR_GRADE = {"しむべし": "せなければならない", "しめ": "せ"}


def _modern_endings(norm: str, offsets: list[int]) -> tuple[str, list[int]]:
    """Each 文語 ending replaced by its modern form; each new character maps into the span it replaces."""
    out: list[str] = []
    new_offsets: list[int] = []
    at = 0
    for m in _CLASSICAL.finditer(norm):
        out.append(norm[at:m.start()])
        new_offsets.extend(offsets[at:m.start()])
        word = m.group(0)
        modern = _FOUR_GRADE.get(word, _MODERN[word]) if m.start() and norm[m.start() - 1] not in _E_ROW else _MODERN[word]
        span = offsets[m.start():m.end()]
        out.append(modern)
        new_offsets.extend(span[min(i, len(span) - 1)] for i in range(len(modern)))
        at = m.end()
    out.append(norm[at:])
    new_offsets.extend(offsets[at:])
    return "".join(out), new_offsets


#: 歴史的かなづかい of older hiragana texts, read as modern kana one character for one (the offsets stay):
#: a verb's ending ふ after its kanji (行ふ, 従ふ, 補ふ → 行う), ひ before a comma (行ひ、 → 行い、), は in the
#: forms of the common verbs in わ (行はせ, 扱はない → 行わせ, 扱わない), and ゐ / ゑ (置かれてゐる → いる)
_HISTORICAL = re.compile(r"(?<=[一-龥])ふ(?=[。、]|もの|こと|べ|とき|場合|者|に|の|ため|まで|ほか)|(?<=[一-龥])ひ(?=[、。])"
                         r"|(?<=[行扱伴従失払使])は(?=せ|ず|ない|なけれ|れ|しむ|しめ)|[ゐゑ]")
_MODERN_KANA = {"ふ": "う", "ひ": "い", "は": "わ", "ゐ": "い", "ゑ": "え"}


#: a line where a parenthesis or a quote opens before a 。
_OPENED_LINE = re.compile(r"[(「『][^\n]*。")


def _inner_stops(norm: str) -> str:
    """Every 。 inside a parenthesis or a quote ((以下「検査員」という。), (…をいう。以下同じ。), 「…とする。」)
    read as ．: it ends no sentence, as split_sentences says, so the rules' [^。] runs on past it (one character
    for one; a line break closes whatever is open). The text itself when it has none."""
    out: list[str] | None = None
    for line in _OPENED_LINE.finditer(norm):
        depth = 0
        for i in range(line.start(), line.end()):
            ch = norm[i]
            if ch in "「『(":
                depth += 1
            elif ch in "」』)":
                depth = max(0, depth - 1)
            elif ch == "。" and depth:
                out = out if out is not None else list(norm)
                out[i] = "．"
    return norm if out is None else "".join(out)


def normalise(text: str) -> NormText:
    """NFKC per character (so every normalised char maps to one original char), and 文語 endings read as
    modern ones (their characters map into the ending they replace)."""
    norm = text.translate(_PER_CHAR)     # the per-character map, done in C
    if "," in norm:
        norm = _COMMA.sub("、", norm)       # one character for one: the offsets stay
    if "。" in norm:
        norm = _inner_stops(norm)
    if _KATAKANA_STYLE.search(norm):
        norm = _KATAKANA_RUN.sub(_okurigana_to_hiragana, norm)     # one for one: the offsets stay
    if _HISTORICAL.search(norm):
        norm = _HISTORICAL.sub(lambda m: _MODERN_KANA[m.group(0)], norm)     # one for one: the offsets stay
    # NFKC maps no character to nothing, so the same length means every character maps to one (the
    # usual case)
    if len(norm) == len(text):
        offsets = list(range(len(text)))
    else:
        offsets = []
        for i, ch in enumerate(text):
            offsets.extend([i] * len(_PER_CHAR[ord(ch)]))
    if _CLASSICAL_MARK.search(norm):
        norm, offsets = _modern_endings(norm, offsets)
    return NormText(text, norm, offsets)


_SENT = re.compile(r"[^。\n]*(?:。|\n|$)")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) on 。 and line breaks; a 「…。」 quote does not end a sentence."""
    spans: list[tuple[int, int]] = []
    start = 0
    depth = 0
    for i, ch in enumerate(text):
        if ch in "「『(（":
            depth += 1
        elif ch in "」』)）":
            depth = max(0, depth - 1)
        elif ch == "\n" or (ch == "。" and depth == 0):
            end = i + 1 if ch == "。" else i
            if text[start:end].strip():
                spans.append((start, end))
            start = i + 1
            depth = 0 if ch == "\n" else depth
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def safe_chunks(text: str, limit: int = SUDACHI_MAX_BYTES - 1) -> list[str]:
    """Cut a sentence under SudachiPy's byte limit: by clause (読点), then hard on a char boundary."""
    if len(text.encode("utf-8")) <= limit:
        return [text]
    out: list[str] = []
    buf = ""
    for clause in re.split(r"(?<=[、，,；;])", text):
        while len(clause.encode("utf-8")) > limit:
            cut = clause.encode("utf-8")[:limit].decode("utf-8", "ignore")
            if buf:
                out.append(buf)
                buf = ""
            out.append(cut)
            clause = clause[len(cut):]
        if len((buf + clause).encode("utf-8")) > limit:
            out.append(buf)
            buf = clause
        else:
            buf += clause
    if buf:
        out.append(buf)
    return out
