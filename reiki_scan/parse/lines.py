"""Line classifier: ordinance text, one paragraph or item per line → Ordinance with canonical paths.

Every source format ends here: plain text files, PDF pages, generic HTML and the vendor adapters
(which turn their markup into lines). Structure is rebuilt from document order, because 項 and 号
are siblings of their 条 in every published layout.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable

from ..model import (ARTICLE, FORM, ITEM, PARAGRAPH, PREAMBLE, SUPPLEMENT, TABLE, Ordinance, Provision,
                     kind_from_number, kind_from_title)
from ..numerals import NUM, halfwidth_digits, normalise_ref, to_int
from .contents import TableOfContents, opens_contents

SP = r"[\s\u3000]"
ERA = r"(?:明治|大正|昭和|平成|令和)"
DATE = rf"{ERA}(?:元|{NUM})年{NUM}月{NUM}日"
RE_TITLE = re.compile(r"^[○〇◯]\s*(.+)$")
RE_DATE = re.compile(rf"^{SP}*({DATE}){SP}*$")
RE_NUMBER = re.compile(rf"^{SP}*([^\s\u3000]*第{NUM}号(?:の{NUM})?){SP}*$")
RE_DATE_NUMBER = re.compile(rf"^{SP}*[(（]?({DATE}){SP}*([^\s\u3000]*第{NUM}号(?:の{NUM})?)[)）]?{SP}*$")
RE_LAST_AMENDED = re.compile(rf"^{SP}*(?:最終改正|改正){SP}*(.+)$")
RE_CHAPTER = re.compile(rf"^第{NUM}[編章節款目](?:{SP}|$)")
RE_HEADING = re.compile(r"^[(（]([^()（）]{1,40})[)）]$")
RE_REVISION = re.compile(r"^[(（][^()（）]*(?:改正|追加|削除|繰上|繰下|全改|旧第|一部改正)[^()（）]*[)）]$")
#: (older texts keep the old character and katakana: 第一條, 第六条ノ二)
RE_ARTICLE = re.compile(rf"^第({NUM})[条條]((?:[のノ]{NUM})*)(?:{SP}+|(?=[^\sのノ0-9０-９]))(.*)$")
RE_ARTICLE_BARE = re.compile(rf"^第({NUM})[条條]((?:[のノ]{NUM})*){SP}*$")
#: 「第1 この要綱は、…」「第2の2」: the articles of a 要綱 or 要領 issued as a 告示, numbered without 条
RE_ARTICLE_NUMBERED = re.compile(rf"^第({NUM})((?:の{NUM})*)(?:{SP}+(.*)|{SP}*)$")
RE_PARAGRAPH = re.compile(rf"^([0-9０-９]+)[.．]?{SP}+(.*)$")
RE_ITEM = re.compile(rf"^(?:[(（]([0-9０-９]+)[)）]|([\u2474-\u2487])|([一二三四五六七八九十]+))(?:の({NUM}))?{SP}*(.*)$")
RE_SUBITEM = re.compile(rf"^(?:[(（]?[アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワ][)）]?|[(（][a-zａ-ｚ][)）]){SP}+(.*)$")
RE_SUPPLEMENT = re.compile(rf"^附{SP}*則{SP}*(.*)$")
RE_TABLE = re.compile(rf"^別表({SP}*第{NUM})?(.*)$")
RE_FORM = re.compile(rf"^(?:別記)?(様式{SP}*(?:第{NUM}号(?:の{NUM})?)?|別記)(.*)$")
#: the end of a line that announces a list: 「…は、下記のとおりとする。」 「次に掲げる…」 「次の各号…」
RE_LIST_INTRO = re.compile(r"(?:下記|次|左)の?とおり|(?:下記|次)に掲げる|次の各号")


@dataclass
class _Paragraph:
    number: int
    text: str
    heading: str = ""
    items: list[tuple[str, str]] = field(default_factory=list)   # (label, text)
    revisions: list[str] = field(default_factory=list)


@dataclass
class _Article:
    label: str                      # 第3条の2, or '' for unnumbered 附則 text
    heading: str
    supplement: str
    paragraphs: list[_Paragraph] = field(default_factory=list)
    titled: bool = False            # 「第2 事務の所管」: its text starts on the next line, as its 第1項


@dataclass
class _ImplicitSupplement:
    """An 附則 the parser assumed because a 項 number did not rise ("1 この規程は…から施行する" after
    the last article, its heading left out). A later 第N条 continuing the 本則 proves it wrong, so the
    lines read since are kept to be read again as part of the interrupted article."""

    article: _Article                 # the 本則 article the numbered line interrupted
    blocks_before: int                # len(blocks) when the 附則 was assumed
    pending_heading: str
    lines: list[tuple[str, str]]      # (how it was fed, text) since then


FEED, NOTE, CONTINUATION = "feed", "note", "continuation"


class LineParser:
    """Feed lines in document order, then call ``ordinance()``."""

    def __init__(self, key: str):
        self.key = key
        self.title = ""
        self.number = ""
        self.promulgated = ""
        self.last_amended = ""
        self.header_done = False
        self.pending_heading = ""
        self.supplement = ""            # '' while in the 本則
        self.blocks: list[_Article | Provision] = []
        self.current: _Article | None = None
        self.current_block: Provision | None = None
        self.contents: TableOfContents | None = None     # while reading a 目次
        self.implicit: _ImplicitSupplement | None = None
        self.list_next = 0              # next number of a numbered list inside the current paragraph
        self.recovering = False         # numbered lines that restart are list items (see _recover)
        self.with_jo = False            # a 第N条 was read: 「第1 …」 lines are then not articles
        self.without_jo = False         # an article 「第1 …」 was read (Ordinance.articles_without_jo)
        self._line: tuple[str, str] = (FEED, "")

    # ---- header -----------------------------------------------------------------------------
    def _header(self, line: str) -> bool:
        if self.header_done:
            return False
        if not self.title and (m := RE_TITLE.match(line)):
            self.title = m.group(1).strip()
            return True
        if (m := RE_DATE_NUMBER.match(line)) and not self.number:
            self.promulgated, self.number = m.group(1), m.group(2)
            return True
        if not self.promulgated and (m := RE_DATE.match(line)):
            self.promulgated = m.group(1)
            return True
        if not self.number and (m := RE_NUMBER.match(line)):
            self.number = m.group(1)
            return True
        if (m := RE_LAST_AMENDED.match(line)) and re.search(ERA, line):
            self.last_amended = m.group(1).strip()
            return True
        return False

    # ---- body -------------------------------------------------------------------------------
    def feed(self, raw: str) -> None:
        self._record(FEED, raw)
        self._feed(raw)

    def _record(self, how: str, line: str) -> None:
        self._line = (how, line)
        if self.implicit is not None:
            self.implicit.lines.append(self._line)

    def _feed(self, raw: str) -> None:
        line = raw.strip().replace("\u00a0", " ")
        if not line:
            return
        if self._header(line):
            return
        if not self.title and not self.blocks and not self.current:
            self.title = line.lstrip("○〇◯ ").strip()
            return
        self.header_done = True
        if self._in_contents(line):
            return
        if RE_REVISION.match(line):
            self._add_note(line)
        elif RE_CHAPTER.match(line):
            self.pending_heading = ""
        elif m := RE_HEADING.match(line):
            self.pending_heading = line
        elif m := RE_SUPPLEMENT.match(line):
            self._start_supplement(m.group(1))
        elif m := RE_ARTICLE.match(line) or RE_ARTICLE_BARE.match(line):
            self.with_jo = True
            self._start_article(m.group(1), m.group(2), m.group(3) if m.re is RE_ARTICLE else "")
        elif (m := RE_ARTICLE_NUMBERED.match(line)) and self._numbered_without_jo():
            # its paths are written as the guide's 第N条 (provision_paths.md knows no other article);
            # 「第2 事務の所管」 carries the article's 見出し on its line, and its 「1 …」 lines are its 項
            text = (m.group(3) or "").strip()
            titled = bool(_SECTION_TITLE.fullmatch(text))
            if titled:
                self.pending_heading = f"({text})"
            self._start_article(m.group(1), m.group(2), "" if titled else text)
            self.current.titled = titled
            self.without_jo = True
        elif (m := RE_TABLE.match(line)) and not self._inside_text_continuation(line):
            path = "別表" + (normalise_ref(re.sub(r"\s", "", m.group(1))) if m.group(1) else "")
            self._start_block(Provision(path=path, text=m.group(2).strip(), kind=TABLE))
        elif (m := RE_FORM.match(line)) and not self._inside_text_continuation(line):
            path = normalise_ref(re.sub(r"\s", "", m.group(1)))
            self._start_block(Provision(path=path, text=m.group(2).strip(), kind=FORM))
        elif (m := RE_PARAGRAPH.match(line)) and self._opens_bare_body(int(halfwidth_digits(m.group(1)))):
            # 「1 目的」 after the 制定文 of a 要領 (…の全部を改正する。): the 前文 ends, the paragraphs begin
            self.current_block = None
            self._add_paragraph(1, m.group(2), line)
        elif self.current_block is not None:
            self.current_block.text = _join(self.current_block.text, line)
        elif (m := RE_PARAGRAPH.match(line)) and self.current is not None or (m and self.supplement) or (
                m and not self.blocks):
            # a 本則 without articles that opens with 「1 …」 is numbered by paragraphs, as an 附則 without
            # articles is (第1項, 第2項 …; provision_paths.md)
            self._add_paragraph(int(halfwidth_digits(m.group(1))), m.group(2), line)
        elif (m := RE_ITEM.match(line)) and self.current is not None and self.current.paragraphs:
            label = m.group(1) or m.group(2) or m.group(3)
            number = f"第{to_int(label)}号" + (f"の{to_int(m.group(4))}" if m.group(4) else "")
            self.current.paragraphs[-1].items.append((number, m.group(5)))
        elif (m := RE_SUBITEM.match(line)) and self.current is not None and self.current.paragraphs:
            self._append_text(line)
        elif self.current is None:
            if self.supplement:
                self._start_unnumbered_supplement(line)
            else:
                self._start_block(Provision(path="前文", text=line, kind=PREAMBLE))
        else:
            self._append_text(line)

    def _numbered_without_jo(self) -> bool:
        """Whether 「第1 …」 opens an article here: in the 本則 of a document that has no 第N条, not inside
        a 別表 or 様式 (where 第1 is a row)."""
        return (not self.with_jo and not self.supplement
                and (self.current_block is None or self.current_block.kind == PREAMBLE))

    def _opens_bare_body(self, number: int) -> bool:
        """Whether a paragraph 1 here opens a 本則 without articles: only a 前文 stands before it, and it
        does not announce a list (次のとおり定める。 keeps 「1 …」 as its list)."""
        return (number == 1 and not self.supplement and self.current_block is not None
                and all(isinstance(b, Provision) and b.kind == PREAMBLE for b in self.blocks)
                and not RE_LIST_INTRO.search(self.current_block.text.split("\n")[-1]))

    def _in_contents(self, line: str) -> bool:
        """Lines of a 目次 (before the first article) are consumed here."""
        if self.contents is None and opens_contents(line) and not any(
                isinstance(b, _Article) for b in self.blocks):
            self.contents = TableOfContents()
        if self.contents is None:
            return False
        taken = self.contents.take(line)
        if self.contents.done:
            self.contents = None
        return taken

    def _inside_text_continuation(self, line: str) -> bool:
        # 「別表に定める額」 in running text is not a 別表 heading: a heading is short.
        return len(line) > 40 and "関係" not in line[:30]

    def add_note(self, line: str) -> None:
        """A revision or enforcement note (改正注記): metadata of the provision above, never its text."""
        self._record(NOTE, line)
        self._add_note(line)

    def _add_note(self, line: str) -> None:
        if self.current_block is not None:
            self.current_block.revisions.append(line)
        elif self.current is not None and self.current.paragraphs:
            self.current.paragraphs[-1].revisions.append(line)

    def add_continuation(self, line: str) -> None:
        """A line the source marks as continuing the provision above (a table row, a wrapped line)."""
        self._record(CONTINUATION, line)
        self._add_continuation(line)

    def _add_continuation(self, line: str) -> None:
        if self.current_block is not None:
            self.current_block.text = _join(self.current_block.text, line)
        elif self.current is not None and self.current.paragraphs:
            self._append_text(line)
        else:
            self._feed(line)

    def _start_supplement(self, rest: str) -> None:
        """An 附則 heading: 「附　則」, or 「附　則(令和4年3月10日条例第7号)」 of an amendment."""
        rest = rest.strip()
        supplement = "附則" + (re.sub(r"\s*抄$", "", rest) if re.search(ERA, rest) else "")
        if self.implicit is not None and supplement == "附則" and not _enacts(self.implicit):
            # a second original 附則: the numbered lines before it were a list of the last article
            self._recover()
        self.implicit = None
        self._enter_supplement(supplement)

    def _enter_supplement(self, supplement: str) -> None:
        self.supplement = supplement
        self.current = None
        self.current_block = None
        self.pending_heading = ""

    def _start_article(self, num: str, branches: str, text: str) -> None:
        label = f"第{to_int(num)}条" + normalise_ref(branches.replace("ノ", "の"))
        if self.implicit is not None:
            if _order(label) > _order(self.implicit.article.label):
                self._recover()           # the 本則 goes on: the assumed 附則 was a list
            self.implicit = None          # else the 附則 has articles of its own: it was one
        self.list_next = 0
        self.current = _Article(label=label, heading=self.pending_heading, supplement=self.supplement)
        self.current.paragraphs.append(_Paragraph(1, text.strip()))
        self.blocks.append(self.current)
        self.current_block = None
        self.pending_heading = ""

    def _start_unnumbered_supplement(self, text: str) -> None:
        self.current = _Article(label="", heading=self.pending_heading, supplement=self.supplement)
        self.current.paragraphs.append(_Paragraph(1, text))
        self.blocks.append(self.current)
        self.pending_heading = ""

    def _add_paragraph(self, number: int, text: str, line: str) -> None:
        if (number == 1 and self.current is not None and self.current.titled and len(self.current.paragraphs) == 1
                and not self.current.paragraphs[0].text and not self.current.paragraphs[0].items):
            self.current.paragraphs[0].text = text.strip()
            return
        if self.current is not None and self.current.label and not self.supplement:
            if self._add_list_item(number, text):
                return
            if number <= self.current.paragraphs[-1].number:
                if self.recovering:
                    # a number that fits neither the list nor the 項 (a line lost from the source)
                    self._append_text(line)
                    return
                # 項 numbers only rise inside an article: "1 この規程は…から施行する" after the last
                # article is a 附則 whose heading the source left out — unless a 第N条 follows.
                self.implicit = _ImplicitSupplement(self.current, len(self.blocks), self.pending_heading,
                                                    [self._line])
                self._enter_supplement("附則")
                self.pending_heading = self.implicit.pending_heading     # (施行期日) above the line
        if self.current is None or (self.current.label == "" and self.supplement and number == 1
                                    and self.current.paragraphs and self.current.paragraphs[0].number != 0):
            # numbered 附則 paragraphs (附則第1項, 第2項 …) hang off an unnumbered 附則 block
            self.current = _Article(label="", heading="", supplement=self.supplement)
            self.blocks.append(self.current)
        self.current.paragraphs.append(_Paragraph(number, text.strip(), heading=self.pending_heading))
        self.pending_heading = ""
        self.list_next = 0

    def _start_block(self, provision: Provision) -> None:
        # 別表 and 様式 belong to the 本則 even where they are printed after the 附則.
        self.implicit = None
        self.supplement = provision.supplement
        self.current = None
        self.current_block = provision
        self.blocks.append(provision)
        self.pending_heading = ""

    def _add_list_item(self, number: int, text: str) -> bool:
        """「1 国民年金保険料」 under 「…は、下記のとおりとする。」: a numbered list stays in its
        paragraph, as its items (第3条第1号 …), instead of ending the 本則."""
        para = self.current.paragraphs[-1]
        continues = self.list_next and number == self.list_next
        announced = self.recovering or RE_LIST_INTRO.search(para.text.split("\n")[-1])
        if not (continues or (number == 1 and not para.items and announced)):
            return False
        para.items.append((f"第{number}号", text.strip()))
        self.list_next = number + 1
        return True

    def _recover(self, at_end: bool = False) -> None:
        """The assumed 附則 was wrong: drop what it produced and read its lines again as part of the
        article they interrupted, numbered lines that restart being list items. Mid-text the proof is the
        line being read (a 第N条 or a second 附則), which is read after; ``at_end`` the text ended."""
        implicit, self.implicit = self.implicit, None
        del self.blocks[implicit.blocks_before:]
        self.supplement = ""
        self.current, self.current_block = implicit.article, None
        self.pending_heading = implicit.pending_heading
        self.recovering = True
        for how, line in implicit.lines if at_end else implicit.lines[:-1]:
            {FEED: self._feed, NOTE: self._add_note, CONTINUATION: self._add_continuation}[how](line)
        self.recovering = False

    def _append_text(self, line: str) -> None:
        para = self.current.paragraphs[-1]
        if para.items:
            label, text = para.items[-1]
            para.items[-1] = (label, _join(text, line))
        else:
            para.text = _join(para.text, line)

    # ---- result -----------------------------------------------------------------------------
    def ordinance(self, **meta) -> Ordinance:
        if self.implicit is not None and not _enacts(self.implicit):
            # the text ends in an assumed 附則 that says nothing of taking effect: its numbers restarted
            # because the source lost a line (a 第N条), and its lines belong to the 本則
            self._recover(at_end=True)
        # 要綱 and 規程 are often promulgated as 告示 or 訓令: the title says what the rule is.
        kind = kind_from_title(self.title)
        if kind not in ("要綱", "規程"):
            kind = kind_from_number(self.number) if self.number else kind
        ordinance = Ordinance(key=self.key, title=self.title, number=_full_number(self.number, self.promulgated),
                              kind=kind,
                              promulgated=self.promulgated, last_amended=self.last_amended,
                              articles_without_jo=self.without_jo, **meta)
        # a 本則 without articles or paragraphs (a one-sentence 条例, an old 規程 in running text) is the
        # 本則 itself, not a 前文: it is amended as 本則中「…」を「…」に改める
        running_text = not any(isinstance(b, _Article) and not b.supplement for b in self.blocks)
        for block in self.blocks:
            if isinstance(block, Provision):
                if running_text and block.kind == PREAMBLE:
                    # (its 制定文, …に関する規程を次のように定める。 and the title again, stays the 前文)
                    if enacting := _enacting_lines(block.text, self.title):
                        ordinance.provisions.append(Provision(path="前文", text=enacting, kind=PREAMBLE))
                        block.text = block.text[len(enacting) + 1:]
                    block.path, block.kind = "本則", PARAGRAPH
                ordinance.provisions.append(block)
            else:
                ordinance.provisions.extend(_flatten(block))
        if not ordinance.last_amended:
            amendments = [p.supplement for p in ordinance.provisions if p.supplement.startswith("附則(")]
            if amendments:
                ordinance.last_amended = amendments[-1][3:-1]
        return ordinance


#: the 制定文 of a rule in running text: …を次のように定める。 (次のとおり定める。), alone on its line
_ENACTING = re.compile(r"^[^\n]*(?:規程|規則|要綱|要領|条例|訓令|告示)[^\n]*を?次の(?:ように|とおり)定める。$")


def _enacting_lines(text: str, title: str) -> str:
    """The 制定文 opening a 本則 in running text, with the title printed again under it, when the body goes on
    after them; else ''."""
    lines = text.split("\n")
    if len(lines) < 2 or not _ENACTING.match(lines[0]):
        return ""
    kept = 2 if len(lines) > 2 and title and lines[1].strip() == title.strip() else 1
    return "\n".join(lines[:kept])


#: the first line of a paragraph that is only a short title (目的及び内容, 実施箇所), its text or items
#: following it
_SECTION_TITLE = re.compile(r"^([^。、\n\s]{1,20})(?:\n(?=\S)|$)")


def _flatten(article: _Article) -> list[Provision]:
    paragraphs = [p for p in article.paragraphs if p.text or p.items or p.number > 1]
    if not paragraphs:
        paragraphs = article.paragraphs
    base = ("附則" if article.supplement else "") + article.label
    bare = not (article.label or article.supplement)     # a 本則 without articles
    # (it is cited by its paragraphs, even by one: 第1項)
    numbered = len(paragraphs) > 1 or bare
    out: list[Provision] = []
    for index, para in enumerate(paragraphs):
        path = f"{base}第{para.number}項" if numbered else base
        kind = ARTICLE if index == 0 and article.label else (SUPPLEMENT if article.supplement and not article.label
                                                             else PARAGRAPH)
        heading = article.heading if index == 0 else para.heading
        if not article.label and para.heading:
            heading = para.heading
        text = para.text
        if bare and not heading and (m := _SECTION_TITLE.match(text)) and (m.end() < len(text) or para.items):
            # 「1 目的及び内容」 over its text: the short first line of a paragraph of a 要領 without
            # articles is the paragraph's 見出し
            heading, text = f"({m.group(1)})", text[m.end():]
        out.append(Provision(path=path, text=text, kind=kind, heading=heading,
                             supplement=article.supplement, revisions=para.revisions))
        for label, text in para.items:
            out.append(Provision(path=f"{path}{label}", text=text, kind=ITEM, supplement=article.supplement))
    return out


def _order(label: str) -> tuple[int, ...]:
    """第3条の2 → (3, 2): articles compare in document order."""
    return tuple(int(n) for n in re.findall(r"\d+", label))


def _enacts(implicit: _ImplicitSupplement) -> bool:
    """Whether the assumed 附則 reads like one: its first line (or the 見出し above it) says when the
    例規 takes effect or how the change-over goes (施行期日, 適用, 経過措置)."""
    return bool(re.search("施行|適用|経過", implicit.pending_heading + implicit.lines[0][1]))


def _full_number(number: str, promulgated: str) -> str:
    """条例第1号 published under 昭和40年3月1日 → 昭和40年条例第1号 (how 例規番号 is cited)."""
    if number and not re.match(ERA, number) and (m := re.match(rf"({ERA}(?:元|{NUM})年)", promulgated)):
        return m.group(1) + number
    return number


def _join(a: str, b: str) -> str:
    return f"{a}\n{b}" if a else b


def parse_lines(lines: Iterable[str], key: str, **meta) -> Ordinance:
    parser = LineParser(key)
    for line in lines:
        parser.feed(line)
    return parser.ordinance(**meta)


def parse_text(text: str, key: str, **meta) -> Ordinance:
    return parse_lines(text.splitlines(), key, **meta)
