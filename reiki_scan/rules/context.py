"""Document context (文書の主題と条項の役割): what a document is about, and each provision's role in it.

"Where to label" (categories.md): in a document about an analog act — a 閲覧規則, a 宿日直規程, a
監視員設置要綱 — the findings are the provisions that SET the act and those that fix HOW it is done
(its place, time, frequency, physical method, conditions that presume a person on site), not every
provision that names the role, the register or the course. Those HOW provisions often carry no
category keyword at all; the document's subject and the provision's role decide.

- The document rules (patterns/documents/) say which kinds of document carry an act: the subject is
  recognised from the 例規名 or the 趣旨・目的 clause.
- The aspects (patterns/aspects.yaml) are the vocabulary of roles, matched on the provision's 見出し,
  on its topic (the は-phrase of its first sentence, from the GiNZA parse: nlp/frame.py) and on its
  text (cues that presume presence, such as 持ち出してはならない; paperwork, such as 申請書; how the
  act is done, such as 講習時間は2時間).
- A provision sets the act when the act's word is in what its first sentence imposes — the parse
  without condition and purpose phrases — under a main predicate that imposes an act (行う, 供する,
  開催する, 置く …), or in the items of a list that sentence introduces. A 別表 takes its role from
  the article it belongs to (第N条関係), else from its words.

A Role is computed per (document rule, provision) and carries a one-line Japanese reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from ..nlp.frame import PROHIBITION, SETTING, Frame
from .loader import Aspect, DocumentRule, RuleSet

ACT, HOW, NAMES, NONE = "act", "how", "names", "none"
SOURCE_HEADING, SOURCE_TOPIC, SOURCE_BODY, SOURCE_ACT, SOURCE_TABLE = "見出し", "主題", "本文", "行為の語", "別表"
_PARENS = re.compile(r"^[(（]|[)）]$")
_PURPOSE_HEADING = re.compile(r"趣旨|目的")
_PURPOSE_WORDING = re.compile(r"(目的とする|必要な事項を定める(もの(とする)?)?|定めるところによる)(\([^()]*\))?。?$")
_LATER_PARAGRAPH = re.compile(r"第([2-9]|\d{2,})項$")
_TRAILING = re.compile(r"(等|など|その他)$")
#: an act imposed in a clause coordinated with the next (巡視するものとし、特に…の巡視は欠かしてはならない)
_COORDINATED = re.compile(r"([^、。をにはがで]{1,6}?)(?:する|を行う|を実施する)ものとし、")
#: a sentence that defines a word (…とは、…をいう / …のことをいう)
_DEFINES = re.compile(r"(とは、|のことを)[^。]*いう。?$|^[^。]*のことをいう")
#: a ban on misusing a card or a power, not a duty to carry or show it
_MISUSE = re.compile(r"みだりに(これを)?(提示|使用|貸与|他人)|濫用|乱用|不正に使用")
#: main predicates that report or ask: what they report on (the condition) is not how an act is done
_REPORTS = re.compile(r"^(届け出る|届出|報告|通知|連絡|申請|提出|申し出る|申出)$")
#: predicates that only say what to mind (…に留意しなければならない), and the occasion they name (…を行うに当たっては、)
_MINDS = re.compile(r"^(留意|注意|配慮|心掛ける|心がける)$")
_OCCASION_CLAUSE = re.compile(r"[^。、]*(に当たって|にあたって|に際して|に当たり|の際)(は|には)?、")
#: everything up to the end of a sentence's condition (…を延長するときは、 / …の場合において、)
_CONDITION = re.compile(r"^[^。]*(とき|場合)(は|には|において)、")
#: the condition alone, from the clause that opens it, not the acts before it (担当区域内を巡視し、異常を認めた
#: ときは、報告しなければならない: the patrol stays)
_CONDITION_CLAUSE = re.compile(r"[^。、]*(とき|場合)(は|には|において)、")
_PERMITS = re.compile(r"ことができる。?$")
#: the clause names who wishes the act, the topic of what follows (…をし、又は…を受けようとする者は、)
_WISHER = re.compile(r"[^。]*?ようとする(者|もの)は、")
#: a second clause that sets an act at a place (…とし、閲覧はその窓口において行うものとする)
_THEN_AT = re.compile(r"とし、([^。]*(において|で)[^。、]{0,8}(行う|行わせる|させる|供する)[^。]*)。?$")
#: a last clause that makes people serve a duty (当直勤務に服さなければならない) or orders it (…に当直を命ずる)
_SERVE_DUTY = re.compile(r"(に服さ|に従事し|に当たら|に就か)なければならない。?$"
                         r"|を(命じ|命ず|命令す)(なければならない|ることができる|るものとする)。?$")
#: a last clause that makes the duty the topic names served as a table sets out (当直は、日直及び宿直とし、
#: 別表に定めるところにより服務するものとする)
_SERVED_AS_SET = re.compile(r"により服務するものとする。?$")
#: a last clause that has the text signed (…年月日を記入して、その末尾に企業長が署名しなければならない):
#: under (公布の方法) the signing is paperwork, the posting is the next paragraph
_SIGNS = re.compile(r"署名(し|する)(なければならない|ものとする)?。?$")
#: a last clause that hands a paper in (…議長に提出しなければならない)
_HANDS_IN = re.compile(r"(提出|差し出|申し出|届け出)(し|さ)?(なければならない|るものとする|するものとする|する)。?$")
#: the joints of a heading that names two subjects (種別及び勤務時間)
_JOINED = re.compile(r"及び|並びに")
_POINTS_ELSEWHERE = re.compile(r"別表|別記|次のとおり|次に掲げる|別に定める")
#: a kind of the act defined by what it covers (出来高検査は、…既済部分について行うものとする)
_SCOPE_OF_KIND = re.compile(r"^[^、。]{1,12}は、[^。]*について(行う|行なう|実施する)(ものとする)?。?$")
#: a first sentence that introduces a list: the items carry what it imposes
#: (older texts printed in columns say 左: 左に掲げる事項を遵守させなければならない)
_LIST_INTRO = re.compile(r"[次左]に掲げる|次に挙げる|[次左]の各号|[次左]のとおり|[次左]の(事項|区分|とおり|職務|業務|事務)|次により|次の表|下記")
#: the people appointed are chosen from those the list qualifies (次の各号に該当する者のうちから委嘱する), or
#: the list sets who qualifies (…の愛犬は、次のいずれにも該当するものとする)
_CHOSEN_FROM = re.compile(r"(該当する|掲げる|満たす|備える)(者|もの)(のうち|の中)から|(該当する|満たす)(者|もの)とする")
#: a list item that defines a word (特定閲覧 …の閲覧で、…をいう。)
_ITEM_DEFINES = re.compile(r"をいう。?$")
#: the cells of a table's first row (|, tabs or spaces between them)
_CELL_SEP = re.compile(r"\s*\|\s*|\s+")
#: a header cell that says when, how often or where (回数, 時期, 場所): the table fixes how the check is done
_TABLE_HOW = re.compile(r"回数|頻度|周期|時期|間隔|期日|日時|時間|期間|場所|位置|箇所|個所|路線|区域|経路|施設名|所在")
#: a 別表 says which articles it belongs to: (第3条関係), (第2条、第5条関係), (第4条の2関係)
_TABLE_OF = re.compile(r"^\s*[(（]([^()（）]*)関係[)）]")
_ARTICLE_REF = re.compile(r"第[0-9]+条(?:の[0-9]+)?")
_PUNCT = re.compile(r"[、。,.「」『』()（）\s]")
#: what may stand between a names word and the how word it qualifies: nothing (申込期間) or one の-link
#: (申請の方法, 手数料の納付方法), the names word's okurigana kept (申込みの方法, 申出の期間); 及び/並びに/、
#: join two subjects (講習内容及び時間 is also about 時間)
_QUALIFIER_GAP = re.compile(r"[みしてけ]?(の[^の及並、・]{0,6}の?)?")


@dataclass
class Role:
    """条項の役割 for one document rule."""
    kind: str                      # act | how | names | none
    aspect: Aspect | None = None   # the aspect that decided (None for act by the act word, none)
    source: str = ""               # 見出し / 主題 / 本文 / 行為の語 / 別表
    matched: str = ""              # the text that decided
    extra: list[str] = field(default_factory=list)    # further how-aspects in the text (frequency → also …)

    @property
    def label(self) -> str:
        if self.kind == ACT:
            return self.aspect.label if self.aspect else "行為そのもの"
        if self.kind == HOW and self.aspect is None:
            return "条項の別表"
        return self.aspect.label if self.aspect else ""

    def describe(self) -> str:
        if self.kind == NONE:
            return "役割なし"
        where = f"{self.source}「{self.matched}」" if self.matched else self.source
        kind = {ACT: "行為を定める", HOW: "行為のしかたを定める", NAMES: "役・書類・講習の名を挙げるだけ"}[self.kind]
        return f"{kind}({self.label}; {where})"


def table_articles(text: str) -> list[str]:
    """The articles a 別表 belongs to, from its (第N条関係) line (NFKC text): ['第3条'] or []."""
    m = _TABLE_OF.match(text)
    return _ARTICLE_REF.findall(m.group(1)) if m else []


def table_role(articles: list[str], roles: dict[str, Role], extra: list[str] | None = None,
               scope: Aspect | None = None, header: str = "") -> Role:
    """A 別表 is part of the articles it belongs to: the list of 掲示場, the patrol routes, the lecture
    hours. It fixes how the act is done when one of them sets the act or fixes how it is done, and
    is nothing of its own otherwise (a fee table): its own words are only the rows of a list.
    ``extra``: the how aspects its rows show (1年に1回: a table of intervals is a frequency too).
    A table headed by what the check looks at (``header`` matching the ``scope`` aspect's topic: 点検項目,
    検査事項; or a row of cells one of which is that, beside the kinds of check: 点検の種別 | 点検項目) is the
    check's scope, not where or how it is done (categories.md visual) — unless a cell says when, how often
    or where (点検項目 | 回数)."""
    cells = [c for c in _CELL_SEP.split(header.strip()) if c]
    if scope is not None and scope.topic is not None and (
            scope.topic.match(header.strip()) or any(scope.topic.fullmatch(c) for c in cells)) and not any(
            _TABLE_HOW.search(c) for c in cells):
        return Role(NAMES, scope, SOURCE_TABLE, header.strip()[:20])
    for path, role in roles.items():
        if role.kind in (ACT, HOW) and any(path == a or path.startswith(a + "第") for a in articles):
            return Role(HOW, None, SOURCE_TABLE, f"{path}関係", list(extra or []))
    return Role(NONE)


def strip_heading(heading: str) -> str:
    return _PARENS.sub("", heading.strip())


def head_of(phrase: str) -> str:
    """The head of a Japanese noun phrase: what follows the last の (閲覧の申請 → 申請)."""
    return phrase.rsplit("の", 1)[-1] if "の" in phrase else phrase


_ANCHORED: dict[str, re.Pattern] = {}


def _anchored(rx: re.Pattern) -> re.Pattern:
    """The aspect's regex, matching only at the end of the phrase (and preferring the longest match);
    okurigana may follow the stem (割当て, 申込み, 取消し, 引継ぎ, 貸出し)."""
    if rx.pattern not in _ANCHORED:
        _ANCHORED[rx.pattern] = re.compile(f"(?:{rx.pattern})[てみしぎけりれ]?$")
    return _ANCHORED[rx.pattern]


def _last_match(aspects: list[Aspect], attr: str, phrase: str) -> tuple[Aspect, str, int] | None:
    """The aspect that names the phrase: its match must end the phrase (a compound's head is its last
    part: 講習科目及び時間 is about 時間, 保存期間の経過した報告書 is about 報告書 and matches none); on
    a tie the longer match (委嘱期間 is a term, not a time). → (aspect, words, start)"""
    text = _TRAILING.sub("", phrase)
    best = None
    for a in aspects:
        rx = getattr(a, attr)
        if rx is None or not text:
            continue
        if m := _anchored(rx).search(text):
            key = m.end() - m.start()
            if best is None or key > best[0]:
                best = (key, a, m.group(0), m.start())
    return (best[1], best[2], best[3]) if best else None


@lru_cache(maxsize=None)
def _with_act(template: str, act: str, flags: int = 0) -> re.Pattern:
    """``template`` with the document rule's act pattern in place of ACT, compiled once per pair."""
    return re.compile(template.replace("ACT", act), flags)


#: the act's word used as the last verb of a sentence: 常駐し(なければならない。), 巡視する(ものとする。),
#: 巡視をなす(ものとする。) in old texts — not the act banned (…事実をまげて検針してはならない: conduct)
_FINAL_VERB = r"(ACT)(し|す|さ|させ|をなす|をなさ|をなし)(?!てはならない|ては、?ならない)[^。、]{0,14}。?$"
#: the act's word as the verb of a clause the sentence goes on from (巡視をし、報告しなければならない;
#: 立入検査権を行使し、…図らなければならない; …巡視を行い、…報告することを業務とする: a post's work;
#: 地区を見て回り、…確かめるものとする: the plain verb's own 連用形; …の検針を行い使用者に通知するものとする: を行い
#: with no comma)
_ACT_DONE_THEN = (r"(ACT)(?:([^。、を]{0,6}を(行使し|実施し)|を?(し|行い)|[りき]?(?<=[りき]))、|を行い)[^。]*"
                  r"(なければならない|ものとする|ことを(その)?(業務|職務|任務)とする)。?$")
#: the act's noun held or carried out by the last verb, imposed (…に基づく講座を実施するものとする; …のため監視
#: 活動を行うものとする: the act as an activity; not
#: …の後でなければ、パトロールを実施してはならない: a condition of the act)
_ACT_HELD = (r"(ACT)(会|活動|業務)?を(実施する|開催する|開設する|行う|行なう|実施しなければならない|開催しなければならない|"
             r"行わなければならない)(ものとする|こととする)?。?$")
#: the act done to what a list names (次の事項を点検する): the list is its scope
_LISTED_OBJECT = r"(事項|各号|もの|とおり)を(ACT)"
#: the act as the means of the duty, also before a condition (区域内の監視を行うことにより…と認められる
#: ときは、報告するものとする) — not an act the person could not do (…ことができないときは)
_ACT_AS_MEANS = r"(ACT)を?(行う|する)ことにより(?![^。]*できない)[^。]*(しなければならない|するものとする)。?$"
#: the act banned for the things or persons a list names (次に掲げる掲示物は、掲示することができない; 次のいずれか
#: に該当する者は、署名簿を縦覧することができない)
_ACT_BANNED = r"(次に掲げる|次の各号|次のいずれか)[^。]*(ACT)(すること|させること|して|させて)(が|は)?(できない|ならない)。?$"
#: a sentence whose topic is the act itself (宿直は、…)
_ACT_TOPIC = r"(?:^|。)(ACT)は、"
#: the sentence's topic is the one who holds the act (宿直勤務を命ぜられた職員は、…): the sentence is about the act
_ACT_HOLDER = r"(?:^|。)[^。、]{0,10}?(ACT)(?:勤務)?を(?:命ぜられた|命じられた|命令された|割り当てられた)(?:職員|者)(?:等)?は、"
#: a kind of the act said to be the act done on some occasion (定期査察は、…計画的に行う査察とする;
#: 臨時査察は、…必要と認めた場合において行う査察をいう)
_KIND_DONE = r"(?:行う|実施する|行われる)(ACT)(?:を)?(?:いう|とする)。?$"
#: a short name the document gives a phrase (立入検査(以下「検査」という。)), and what the short name goes on to
#: name that is no act (検査員, 検査証, 検査の結果)
_ALIAS = re.compile(r"([^()「」、。\n]{1,24})\(以下「([^」]{1,8})」という[。．]?\)")
_ALIAS_NOT_ACT = r"員|証|票|書|簿|済|結果|の結果|計画|実施計画|事項|項目|の対象|対象"
#: what may follow the act's word at the end of the defined phrase: the rest of that word (立入|検査)
_ALIAS_TAIL = re.compile(r"[^のにをがはとへで者員人]{0,4}")
#: the topic of a second clause joined by とし、 (…の定数は、12人以内とし、担当区域は、別表のとおりとする)
#: a first clause that only counts the role (看守人は各1名とし; 監視員は、地区ごとに2人以内とし)
_HEADCOUNT = re.compile(r"[0-9一二三四五六七八九十]+(名|人)(以内|以上|程度)?とし$")
_SECOND_TOPIC = re.compile(r"とし、?(?![てたそ])([^、。(]{1,16}?)は(?:、|(?=[一-龥]))")
#: the act that must not be left undone (…のときは、巡回又は注意を欠いてはならない; 巡視を怠ってはならない)
_ACT_NOT_SKIPPED = r"(ACT)(?:(?:又は|及び)[^。、]{0,8})?を(?:欠い|怠っ|怠つ|おこたっ)てはならない。?$"
#: the act's word as the way that replaces another in a later sentence (ただし、…に掲示して、…に代える;
#: older texts write かえる or 替える)
_ACT_INSTEAD = r"^(?:ただし|但し)[^。]*?(ACT)して[^。]{0,30}に(?:代|替|か)える"


#: a form's name with its form number (講習受講者名簿(別記第4号様式)): the act word in it names a paper
_FORM_NAME = re.compile(r"[^、。()\s]{1,30}(書|票|簿|表|台帳)\((別記)?(第[0-9]+号)?様式[^()]*\)")


def _act_done_then(rule: DocumentRule, first: str) -> re.Match | None:
    """The act's word as the verb of a clause the first sentence goes on from (_ACT_DONE_THEN) — not when
    the act is in a condition (…巡視することができないときは、届け出なければならない) or names who wishes it
    (閲覧をし、又は写しの交付を受けようとする者は、請求書を提出しなければならない); a condition after the
    act is none of its (巡視を行い、…を発見したときは、報告することを業務とする)."""
    if rule.act is None or not first:
        return None
    m = _with_act(_ACT_DONE_THEN, rule.act.pattern).search(first)
    if m is None or _CONDITION.match(first[:m.end(1)]) or _WISHER.match(first[m.end(1):]):
        return None
    return m


#: a list item that is the act itself: it ends in the act's word (…メーターの検針; 担当区域を巡視すること)
_ITEM_IS_ACT = r"(ACT)(?:する(?:こと)?|を行う(?:こと)?)?。?$"


def _item_act(rule: DocumentRule, items: str) -> str | None:
    """The act's word ending one of the list's items, else None."""
    m = _with_act(_ITEM_IS_ACT, rule.act.pattern, re.M).search(items) if rule.act is not None else None
    return m.group(1) if m else None


def names_act(rule: DocumentRule, text: str) -> bool:
    """The text names the document rule's act (its act words, with one of act_requires if given), not
    only inside a form's name."""
    if "様式" in text:         # (a cheap test first: names_act runs for every document rule)
        text = _FORM_NAME.sub("", text)
    return rule.act is not None and bool(rule.act.search(text)) and (
        rule.act_requires is None or bool(rule.act_requires.search(text)))


def _cue_text(frame: Frame | None, text: str) -> str:
    """Where a how cue counts: the text, without the condition when the sentence only reports, and without
    the occasion when it only says what to mind then (実地監査を行うに当たっては、次に掲げる事項に留意しなければ
    ならない: conduct during the act, which another provision sets)."""
    if frame is not None and _REPORTS.match(frame.predicate):
        return _CONDITION_CLAUSE.sub("", text)
    if frame is not None and _MINDS.match(frame.predicate):
        return _OCCASION_CLAUSE.sub("", text, count=1)
    return text


class DocumentContext:
    """Subjects of a document and roles of its provisions, from the rule set's data."""

    def __init__(self, ruleset: RuleSet):
        self.ruleset = ruleset
        self.aspects = ruleset.aspects
        self.names = [a for a in self.aspects.values() if a.role == NAMES]
        self.everywhere = [a for a in self.names if a.everywhere]
        self.acts = [a for a in self.aspects.values() if a.role == ACT]
        self.how = [a for a in self.aspects.values() if a.role == HOW]
        self.presence = [a for a in self.aspects.values() if a.presence and a.body is not None]
        self.qualifiers = [a for a in self.names if a.qualifies]
        self.act_predicates = ruleset.act_predicates
        # what a parse could tell: a topic word of some aspect, or a word of some act
        topics = [a.topic.pattern for a in self.aspects.values() if a.topic is not None]
        self._topic_words = re.compile("|".join(f"(?:{t})" for t in topics)) if topics else None
        acts = [d.act.pattern for d in ruleset.documents if d.act is not None]
        self._act_words = re.compile("|".join(f"(?:{a})" for a in acts)) if acts else None

    def frame_matters(self, sentence: str) -> bool:
        """Whether the parse of a provision's first sentence (NFKC) can change its role: only when a
        topic word of some aspect or the word of some act occurs in it. The other first sentences
        are not parsed."""
        bare = _PUNCT.sub("", sentence)
        return any(rx is not None and rx.search(bare) for rx in (self._topic_words, self._act_words))

    # ---- the document's subject -----------------------------------------------------------------
    def subjects(self, title: str, purpose: str) -> list[DocumentRule]:
        """Document rules whose subject is the document's: by 例規名, else by the 趣旨・目的 clause."""
        out = []
        for rule in self.ruleset.documents:
            if rule.not_title is not None and rule.not_title.search(title):
                continue
            if rule.not_purpose is not None and purpose and rule.not_purpose.search(purpose):
                continue
            if (rule.subject_title is not None and rule.subject_title.search(title)) or (
                    rule.subject_purpose is not None and purpose and rule.subject_purpose.search(purpose)):
                out.append(rule)
        return out

    def section_subjects(self, title: str, headings: dict[str, str], subjects: list[DocumentRule]
                         ) -> list[tuple[DocumentRule, set[str]]]:
        """Document rules that are the subject of a section of another kind of document: two or more
        articles whose 見出し name the act (防火管理講習, 講習の種別, 講習の実施回数 in a 防火管理規程).
        ``headings`` maps each article (第4条) to its 見出し; each rule comes with the articles of its section."""
        out = []
        joined = "\n".join(headings.values())     # one search rules most rules out
        for rule in self.ruleset.documents:
            if rule in subjects or rule.subject_title is None or not rule.subject_title.search(joined) or (
                    rule.not_title is not None and rule.not_title.search(title)):
                continue
            articles = {a for a, h in headings.items() if rule.subject_title.search(h)}
            if len(articles) >= 2:
                out.append((rule, articles))
        return out

    @staticmethod
    def with_aliases(subjects: list[DocumentRule], text: str) -> list[DocumentRule]:
        """The subjects, each act widened by the short names the document gives it: 立入検査(以下「検査」
        という。) makes 検査 the act in the provisions that follow, as the document means it."""
        if "以下「" not in text:
            return subjects
        out = []
        for rule in subjects:
            # (the phrase must end in the act's word: 実施する立入検査; not 立入検査に従事する者(以下「検査員」
            # という。), nor 講習指導員の資格審査(以下「資格審査」という。))
            aliases = {m.group(2) for m in _ALIAS.finditer(text) if rule.act is not None
                       and any(_ALIAS_TAIL.fullmatch(m.group(1)[a.end():]) for a in rule.act.finditer(m.group(1)))
                       and not rule.act.search(m.group(2))}
            if aliases:
                words = "|".join(re.escape(a) for a in sorted(aliases, key=len, reverse=True))
                rule = replace(rule, act=re.compile(f"(?:{rule.act.pattern})|(?:{words})(?!{_ALIAS_NOT_ACT})"))
            out.append(rule)
        return out

    @staticmethod
    def purpose_text(units) -> str:
        """The 趣旨・目的 clause: among the first provisions, one headed so or worded so."""
        for unit in units[:3]:
            if _PURPOSE_HEADING.search(unit.heading) or _PURPOSE_WORDING.search(unit.text):
                return unit.text
        return ""

    # ---- names only (any document) ------------------------------------------------------------------
    def names_only(self, heading: str, topic: str, text: str, path: str = "") -> tuple[Aspect, str, str] | None:
        """The names-only aspect that holds in any document (任期, 手数料, 日誌 …) given by the head of
        the 見出し or of the topic, else by a text cue marked body_anywhere (…をもって充てる) — unless
        the provision presumes presence (持ち出してはならない under 遵守事項 is still a finding). A later
        paragraph is read by its own topic only: its article's 見出し (服務) may head a paragraph that sets
        an act (勤務中1回以上巡視しなければならない)."""
        if any(a.body.search(text) for a in self.presence):
            return None
        others = [a for a in self.aspects.values() if a.role != NAMES or not a.everywhere]
        phrases = self._phrases("" if _LATER_PARAGRAPH.search(path) else heading, topic)
        # only the head of each phrase: (納入通知書の送付) is about 送付, not 通知
        for phrase, attr, source, full in phrases[::2]:
            hit = self._match(self.everywhere + others, attr, phrase, full)
            if hit is None or (hit[0].role == NAMES and hit[0] not in self.everywhere):
                continue    # a names aspect that holds only in a subject document: the topic may still say
            if hit[0].lists and _LIST_INTRO.search(text):
                return None     # a list of kinds: its items may set each of them
            if any(hit[0].id in a.overrides and a.body is not None and a.body.search(text) for a in self.how):
                return None     # a how cue beats it (巡視項目 listing 定期巡視 月2回: the patrol's frequency)
            return (hit[0], source, hit[1]) if hit[0] in self.everywhere else None
        for a in self.everywhere:
            if a.body_anywhere and a.body is not None and (m := a.body.search(text)):
                return a, SOURCE_BODY, m.group(0)
        return None

    def _match(self, aspects: list[Aspect], attr: str, phrase: str, full: str = "") -> tuple[Aspect, str] | None:
        """The aspect of a 見出し or topic phrase: the one at its head (_last_match), except that a how word
        qualified by a names word is about the names word (申請の方法, 受講申込期間, 手数料の納付方法).
        ``full`` is the whole phrase when ``phrase`` is its head (方法 of 申請の方法)."""
        hit = _last_match(aspects, attr, phrase)
        if hit is None:
            return None
        aspect, words, start = hit
        if aspect.role == HOW:
            full = full if full.endswith(phrase) else phrase
            before = full[:len(full) - len(phrase) + start]
            for q in self.qualifiers:
                rx = getattr(q, attr)
                for m in (rx.finditer(before) if rx is not None else ()):
                    if _QUALIFIER_GAP.fullmatch(before[m.end():]):
                        return q, m.group(0)
        return aspect, words

    @staticmethod
    def _phrases(heading: str, topic: str, act: re.Pattern | None = None):
        """(phrase, attr, source, whole phrase): the head first (報告書の閲覧 is about 閲覧), then the
        whole phrase — unless the head names the document's act (台帳の閲覧 is about the viewing, not
        the register: the text decides)."""
        h = strip_heading(heading)
        out = []
        for phrase, attr, source in ((h, "heading", SOURCE_HEADING), (topic, "topic", SOURCE_TOPIC)):
            head = head_of(phrase)
            whole = "" if act is not None and head != phrase and act.search(head) else phrase
            out += [(head, attr, source, phrase), (whole, attr, source, phrase)]
        return out

    # ---- a provision's role in a document of a given subject ------------------------------------------
    def role(self, rule: DocumentRule, path: str, heading: str, frame: Frame | None, text: str,
             first: str = "") -> Role:
        """Role of a provision for the document rule ``rule``: ``text`` is its NFKC text, ``first``
        its first sentence (NFKC), ``frame`` that sentence's frame (None when the parse could not
        matter), ``heading`` as published."""
        how = [self.aspects[a] for a in rule.how]
        act_aspects = [self.aspects[a] for a in rule.act_aspects]
        extra = [a.id for a in how if not a.presence and a.body is not None and a.body.search(text)]
        # 1. a cue that presumes presence overrides a names-only heading (持出しの禁止 under 遵守事項) —
        #    not in a definition (…において提示する証票のことをいう) or a ban on misusing the card (みだりに
        #    これを提示し…てはならない), nor in the condition of a report
        #    (区域内を巡視することができないときは、届け出なければならない)
        # (a list of who qualifies gives its cues in its first sentence only: its items are qualifications, not
        #  how the act is done: …次の各号に該当する者のうちから委嘱する。 (1) 月2回以上巡回に従事できること;
        #  …次のいずれにも該当するものとする。 (2) 年1回の予防注射を受けていること)
        qualifications = bool(first) and bool(_CHOSEN_FROM.search(first))
        reported = _cue_text(frame, first if qualifications else text)
        cues = "" if _DEFINES.search(first or text) or _MISUSE.search(first or text) else reported
        for a in how:
            if a.presence and a.body is not None and (m := a.body.search(cues)):
                return Role(HOW, a, SOURCE_BODY, m.group(0), extra)
        # 1b. a ban on the act itself for listed things (次に掲げる掲示物は掲示することができない) restricts
        #     what the act covers, not how it is done
        if first and rule.act is not None and _with_act(_ACT_BANNED, rule.act.pattern).search(first):
            return Role(NAMES, self.aspects["restriction"], SOURCE_BODY, first[:30], extra)
        # 1c. a first topic that only names the role, then a second topic after とし、 that fixes how the act
        #     is done (看守人の定数は、12人以内とし、担当区域は、別表のとおりとする: the areas patrolled) — not
        #     one that goes on about the first (…を改製するものとし、その時期は: the register's); the first
        #     clause may also only count the role (看守人は各1名とし受持区域は、…)
        topic = frame.topic if frame else ""
        if (topic and (m := _SECOND_TOPIC.search(first or text))
                and (self._match(self.names, "topic", head_of(topic), topic) is not None
                     or _HEADCOUNT.search((first or text)[:m.start()] + "とし"))
                and (hit := self._match(how, "topic", head_of(m.group(1)), m.group(1)))):
            return Role(HOW, hit[0], SOURCE_TOPIC, hit[1], extra)
        # 2. the topic (from the parse), then the 見出し: the aspect at the head of the phrase decides.
        #    A later paragraph shares its article's 見出し: what its own text says comes first there.
        later = bool(_LATER_PARAGRAPH.search(path))
        pool = act_aspects + self.names + how + self.acts
        # a heading that joins two subjects of different roles (当直の種別及び勤務時間): a paragraph keeps
        # the parts its own text speaks of (当直を分けて宿直及び日直とする: neither)
        heading = self._heading_for(heading, pool, text)
        phrases = self._phrases(heading, topic, rule.act)
        decided = self._phrase_role(phrases[2:], pool, how, act_aspects, reported, extra)
        if isinstance(decided, Role):
            return self._settle(decided, rule, frame, text, first, path, heading, topic)
        # 2b. the main predicate is the act of another kind of document (その旨を閲覧所に掲示する in a
        #     閲覧規則 is a posting; 庁舎内を巡視する in a 宿日直規程 is a patrol): not this act's provision,
        #     unless its main clause also fixes how this act is done (閲覧時間を変更し、その旨を掲示する;
        #     not a condition: 閲覧時間を延長するときは、その旨を掲示する)
        predicate = frame.predicate if frame else ""
        main = _CONDITION.sub("", first or text)
        in_main = frame is not None and any(
            a.id in extra and a.body.search(frame.main) and a.body.search(main) for a in how if a.body is not None)
        # (…査察員を対象物に立ち入らせ、…を検査させるものとする: a verb of an earlier clause is this act; the
        # predicate only names what is done there)
        own_verb = frame is not None and rule.act is not None and any(rule.act.match(v) for v in frame.verbs[1:])
        if decided is None and predicate and not in_main and not own_verb and not (
                rule.act is not None and rule.act.fullmatch(predicate)) and any(
                d.category != rule.category and d.act is not None and d.act.fullmatch(predicate)
                for d in self.ruleset.documents):
            return Role(NONE, extra=extra)
        # the first sentence's last clause (…、毎月末までに当直勤務を命令しなければならない)
        last = (first or text).split("\n")[0].rsplit("、", 1)[-1]
        if decided is None and not later:
            decided = self._phrase_role(phrases[:2], pool, how, act_aspects, reported, extra)
            # a how heading over a sentence that ends in paperwork ((閲覧方法) …閲覧申出書により議長に申し
            # 出なければならない) is the paperwork
            # (…請求書に所要事項を記入し、議長に提出しなければならない: the form is named before the
            # clause that hands it in); one over a sentence that hands the act to a contractor ((実施方法)
            # 講座の実施を協会に委託することができる) is the outsourcing; one over a sentence that only forbids
            # misusing the papers ((閲覧の方法) …丁寧に扱い、汚損…してはならない) is conduct (document_types.md:
            # 汚損の禁止 alone), unless the sentence also fixes how the act is done
            if isinstance(decided, Role) and decided.kind == HOW and not decided.aspect.presence:
                paper, contractor = self.aspects["application"], self.aspects["outsourcing"]
                conduct, sentence = self.aspects["conduct"], first or text
                handed_in = sentence if _HANDS_IN.search(last) else last
                if m := paper.body.search(handed_in) or _SIGNS.search(last):
                    return Role(NAMES, paper, SOURCE_BODY, m.group(0), extra)
                if m := contractor.body.search(last):
                    return Role(NAMES, contractor, SOURCE_BODY, m.group(0), extra)
                if (m := conduct.body.search(sentence)) and not any(
                        a.body is not None and a.body.search(sentence) for a in how):
                    return Role(NAMES, conduct, SOURCE_BODY, m.group(0), extra)
            if isinstance(decided, Role):
                return self._settle(decided, rule, frame, text, first, path, heading, topic)
        # 3. paperwork, conduct or who takes part named in the text (申請書, 手数料, 中止させる, 喫煙) —
        #    unless the sentence's last clause imposes the act itself (町長の許可を受けて宿直を置く; 当直勤務
        #    割当表を作成し、毎月末までに当直勤務を命令しなければならない); a permission given with
        #    approval is none (許可を得て共に居住することができる)
        # (a list whose items fix how the act is done (講習の実施回数は、年1回以上とし…) is read for those
        #  first, whatever else its items name)
        # (not the qualifications of those appointed or taking part, above)
        items = text[len(first):] if first and _LIST_INTRO.search(first) and not qualifications else ""
        listed_how = any(not a.presence and a.body is not None and a.body.search(items) for a in how)
        # (a names cue only in the items does not hide the act the first sentence imposes before them:
        #  担当区域を巡視し、次の業務を行う。 …火気を取り扱う際の注意を促す, nor the act an item imposes:
        #  検針員の業務は、次に掲げるものとする。 …(2) 使用料金の算定に必要なメーターの検針; nor does one in a
        #  clause after the act is imposed: 1回以上庁舎内を巡視し、その結果を日誌に記載しなければならない)
        for a in self.names if not listed_how else ():
            if a.body is not None and (m := a.body.search(text)):
                if items and not a.body.search(first) and (act := self._act(rule, frame, first, first, False)
                                                            or _item_act(rule, items)):
                    return Role(ACT, None, SOURCE_ACT, act, extra)
                if (done := _act_done_then(rule, first)) is not None and done.end(1) <= m.start():
                    return Role(ACT, None, SOURCE_ACT, done.group(1), extra)
                # (not a clause that names who serves: 他の職員が所属長の承認を受けて代わって宿直する)
                cue = a.body.search(last)
                if ((cue is None or last[cue.end():cue.end() + 1] == "て") and names_act(rule, last)
                        and not _PERMITS.search(last) and not self.aspects["rota"].body.search(last)):
                    return Role(ACT, None, SOURCE_ACT, rule.act.search(last).group(0), extra)
                # a how cue that beats this names aspect (利用時間を伸縮し、又は利用を停止する: the hours)
                for h in how:
                    if a.id in h.overrides and h.body is not None and (hm := h.body.search(text)):
                        return Role(HOW, h, SOURCE_BODY, hm.group(0), extra)
                return Role(NAMES, a, SOURCE_BODY, m.group(0), extra)
        # 3b. the text fixes how the act is done (1月につき8日, 講習時間は2時間) under a heading that
        #     does not say so ((職務), or the article's heading over a later paragraph) — unless the
        #     text names only another kind's act (毎年度1回研修を行う in a 監視員設置要綱 is a course's)
        # (a sentence about this act is not foreign: 宿直は、…構内の巡視に従事するものとし、退院時限より翌日
        #  登院時限までをその従事時間とする; 宿直勤務を命ぜられた職員は、午後10時から…施設の監視に従事する)
        foreign = not names_act(rule, text) and not (rule.act is not None and any(
            _with_act(t, rule.act.pattern, re.M).search(text) for t in (_ACT_TOPIC, _ACT_HOLDER))) and any(
            d.category != rule.category and names_act(d, text) for d in self.ruleset.documents)
        for a in how if not foreign else ():
            if not a.presence and a.body is not None and (m := a.body.search(reported)):
                return Role(HOW, a, SOURCE_BODY, m.group(0), extra)
        # 3c. a later paragraph under its article's heading: names, or a how that needs no cue of its
        #     own (a how aspect with a text cue would have matched in 3b)
        #     (under a kinds heading, a later paragraph that imposes the act sets it: 臨時査察の必要があると
        #     認めたときは、その都度実施計画を立て実施するものとする under (査察の種別等); so does one whose last
        #     clause orders the duty, as in a first paragraph: …臨時に職員に当直を命ずることができる under (割当て))
        if later:
            decided = self._phrase_role(phrases[:2], self.names + how, how, [], reported, extra)
            if isinstance(decided, Role) and (decided.kind == NAMES or decided.aspect is None
                                              or decided.aspect.body is None):
                return self._then_act(self._kinds_that_impose(decided, rule, frame, text, first, path), rule, first)
        # 4. the act itself, imposed by the first sentence (or by the items of the list it introduces)
        if (m := self._act(rule, frame, text, first, path.startswith("別表"))) is not None:
            return Role(ACT, None, SOURCE_ACT, m, extra)
        return Role(NONE, extra=extra)

    def _kinds_that_impose(self, decided: Role, rule: DocumentRule, frame: Frame | None, text: str, first: str,
                           path: str) -> Role:
        """Under a kinds heading (監査の種類) a sentence that is no list and imposes the act itself
        (指導監査は、一般監査及び特別監査とし、実地において行う) sets the act."""
        if decided.kind != NAMES or decided.aspect is None or not decided.aspect.lists or _LIST_INTRO.search(text):
            return decided
        if _SCOPE_OF_KIND.search(first or text) and not any(
                a.body is not None and a.body.search(first or text) for a in self.how):
            return decided      # 竣工検査は、工事の完成した出来高について行う: what the kind covers
        m = self._act(rule, frame, text, first, path.startswith("別表"))
        return Role(ACT, None, SOURCE_ACT, m, decided.extra) if m is not None else decided

    def _settle(self, decided: Role, rule: DocumentRule, frame: Frame | None, text: str, first: str, path: str,
                heading: str, topic: str) -> Role:
        """A role the heading or the topic decided, checked against what the sentence itself imposes."""
        decided = self._then_act(self._kinds_that_impose(decided, rule, frame, text, first, path), rule, first)
        return self._foreign_how(decided, rule, heading, topic)

    def _foreign_how(self, decided: Role, rule: DocumentRule, heading: str, topic: str) -> Role:
        """A how word of the heading or topic qualified by another kind's act only (巡視時刻は、… in a
        宿日直規程 is when the patrol is made, not the hours of the duty) fixes nothing of this act."""
        if decided.kind != HOW or decided.source not in (SOURCE_HEADING, SOURCE_TOPIC) or not decided.matched:
            return decided
        full = topic if decided.source == SOURCE_TOPIC else strip_heading(heading)
        qualifier = full[:full.rfind(decided.matched)] if decided.matched in full else ""
        # (the qualifier is a phrase: its own act is named without a verb, 検査の時期 in a 検査要綱)
        if qualifier and not (rule.act is not None and rule.act.search(qualifier)) and any(
                d.category != rule.category and d.act is not None and d.act.search(qualifier)
                for d in self.ruleset.documents):
            return Role(NONE, extra=decided.extra)
        return decided

    @staticmethod
    def _then_act(decided: Role, rule: DocumentRule, first: str) -> Role:
        """A sentence whose topic only names the register, coordinated with a clause that sets the act
        at a place (報告書の保存場所は、秘書広報課とし、閲覧はその窓口において行うものとする), or whose last
        clause makes people serve the act (…職員は、すべて当直勤務に服さなければならない) or orders it
        (…に宿直勤務を命じなければならない), sets the act."""
        if decided.kind != NAMES:
            return decided
        if (m := _THEN_AT.search(first)) and names_act(rule, m.group(1)):
            return Role(ACT, None, SOURCE_ACT, rule.act.search(m.group(1)).group(0), decided.extra)
        # …次の各号に掲げる職員以外の職員は、すべて当直勤務に服さなければならない under (当直員の範囲); the
        # duty ordered in the last clause (…勤務割当を定め、宿直代行員に宿直勤務を命じなければならない under
        # (宿直の勤務命令)): categories.md flags the provision that 命ずる the duty, not the rota before it
        last = first.split("\n")[0].rsplit("、", 1)[-1]
        if _SERVE_DUTY.search(last) and names_act(rule, last):
            return Role(ACT, None, SOURCE_ACT, rule.act.search(last).group(0), decided.extra)
        if _SERVED_AS_SET.search(last) and rule.act is not None and (m := rule.act.match(first)):
            return Role(ACT, None, SOURCE_ACT, m.group(0), decided.extra)
        # the act is the last clause's own verb (…を防ぐため、受持ちの山林の巡視をなすものとする under
        # (巡視事項)): the sentence sets the act, whatever its heading names
        # — not a list of what it covers (次の事項を点検する under (点検事項) is its scope), nor a permission
        # for some (利害関係のある部分に限り、これを閲覧することができる)
        if (rule.act is not None and (m := _with_act(_FINAL_VERB, rule.act.pattern).search(last)
                                      or _with_act(_ACT_HELD, rule.act.pattern).search(last))
                and not _with_act(_LISTED_OBJECT, rule.act.pattern).search(last) and not _PERMITS.search(last)):
            return Role(ACT, None, SOURCE_ACT, m.group(1), decided.extra)
        return decided

    def _heading_for(self, heading: str, pool: list[Aspect], text: str) -> str:
        parts = _JOINED.split(strip_heading(heading))
        if len(parts) < 2:
            return heading
        # the first part's の-link qualifies every part (室外閲覧の冊数及び期間: the loan's count and period)
        owner = parts[0][:parts[0].rfind("の") + 1]
        parts = [parts[0]] + [p if "の" in p else owner + p for p in parts[1:]]
        hits = [(p, hit[0]) for p in parts if (hit := self._match(pool, "heading", head_of(p), p))]
        if len(hits) == 1:
            return hits[0][0]       # the one part with a role (時間及び当直者数: the hours)
        if len({a.role for _, a in hits}) < 2:
            return heading
        # (a text that speaks of both keeps the how part last, where the heading's head is read: 当直の
        # 時間及び当直者の数は、別表のとおりとする fixes the duty's hours, whatever else it names)
        role_of = dict(hits)
        kept = sorted((p for p, a in hits if a.heading is not None and a.heading.search(text)),
                      key=lambda p: role_of[p].role == HOW)
        # a text that points elsewhere (別表のとおりとする) carries the whole heading
        return "及び".join(kept) if kept or not _POINTS_ELSEWHERE.search(text) else heading

    def _phrase_role(self, phrases, pool: list[Aspect], how: list[Aspect], act_aspects: list[Aspect],
                     cues: str, extra: list[str]) -> Role | str | None:
        """The role the first phrase with an aspect gives; ACT (the marker) for an act heading (職務,
        勤務: the text decides); None when no phrase has one. An act aspect of this kind of document
        (what may be posted) sets the act. A how cue in ``cues`` (the text where cues count: _cue_text) beats
        the names aspects it overrides (講習時間は90分 under (講座内容); 20人以上 under (受講人員))."""
        for phrase, attr, source, full in phrases:
            hit = self._match(pool, attr, phrase, full)
            if hit is None:
                continue
            aspect, matched = hit
            if aspect in act_aspects:
                return Role(ACT, aspect, source, matched, extra)
            if aspect.role == ACT:
                return ACT
            if aspect.role == NAMES:
                for a in how:
                    if aspect.id in a.overrides and a.body is not None and (m := a.body.search(cues)):
                        return Role(HOW, a, SOURCE_BODY, m.group(0), extra)
                return Role(NAMES, aspect, source, matched, extra)
            return Role(HOW, aspect, source, matched, extra)
        return None

    def _act(self, rule: DocumentRule, frame: Frame | None, text: str, first: str, table: bool) -> str | None:
        """The act's word where the provision imposes the act, else None."""
        if not names_act(rule, text):
            return None
        if table or self.act_predicates is None:
            return rule.act.search(text).group(0)        # a 別表 is a list, not a sentence: its words
        if frame is not None:
            # (the act itself banned is conduct: …使用水量の事実をまげて検針してはならない)
            for verb in frame.verbs[1:] if frame.modality == PROHIBITION else frame.verbs:
                if rule.act.search(verb):
                    return verb
            # (not the act inside a topic that names who did it: 定期点検を行った者は、…診断を行う)
            main = frame.main
            if frame.topic.endswith("者") and main.startswith(frame.topic):
                main = main[len(frame.topic):]
            if self._imposes(frame) and (m := rule.act.search(main)):
                return m.group(0)
        # the act's word is the sentence's final verb (…施設に常駐しなければならない), whatever the parse
        # made of the sentence
        if first and (m := _with_act(_FINAL_VERB, rule.act.pattern).search(first)):
            return m.group(1)
        if first and (m := _with_act(_KIND_DONE, rule.act.pattern).search(first)):
            return m.group(1)
        if first and (m := _with_act(_ACT_NOT_SKIPPED, rule.act.pattern).search(first.split("\n")[0])):
            return m.group(1)
        # …の定める日に巡視するものとし、…: the act imposed in the first of two coordinated clauses; …の
        # 指示により所要の調査及び巡視をし、報告しなければならない: the act done, then reported (or the
        # means of what is reported: 監視を行うことにより…認められるときは、報告する)
        if first and (m := _COORDINATED.search(first)) and rule.act.fullmatch(m.group(1)):
            return m.group(1)
        if (m := _act_done_then(rule, first)) is not None:
            return m.group(1)
        if first and (m := _with_act(_ACT_AS_MEANS, rule.act.pattern).search(first)):
            return m.group(1)
        # a proviso that lets the act replace the usual way (公布は、公報に登載して行う。ただし、…掲示場に
        # 掲示して、公報の登載に代えることができる)
        if first and (m := _with_act(_ACT_INSTEAD, rule.act.pattern, re.M).search(text[len(first):])):
            return m.group(1)
        # a list: the items say what is imposed (監視員は、次に掲げる職務を行う。 (1) 巡視 …), or which
        # duty the sentence sets up (次の各号により、代行員をおく。 (1) 宿直 …)
        if first and _LIST_INTRO.search(first):
            for line in text[len(first):].splitlines():
                if (m := rule.act.search(line)) and (rule.act_requires is None or rule.act_requires.search(line)
                                                     or rule.act_requires.search(first)):
                    return m.group(0)
        return None

    def _imposes(self, frame: Frame) -> bool:
        """The main predicate imposes an act: one of act_predicates, or する used as a verb (勤務をさせる,
        巡視をする) — not 〜とする, which only fixes a value (講習は、次のとおりとする)."""
        if frame.predicate in ("する", "為る"):
            return frame.modality != SETTING
        # (an adverb the parse joined to the verb is no part of it: 随時行う is 行う)
        predicate = frame.predicate
        return any(self.act_predicates.search(predicate[i:]) for i in range(len(predicate) - 1))

    def list_of_kinds(self, role: Role, text: str) -> bool:
        """A names role from an aspect that introduces lists (…の種類は、次のとおりとする): the items may
        set each kind in explicit analog words, so a keyword finding in them stands (no document-rule
        finding is made from the list itself) — unless every item only defines its kind (特定閲覧 …の閲覧
        で、…をいう) and none says how it is done (宿直 午後5時から翌日の午前8時30分までの当直をいう)."""
        if not (role.kind == NAMES and role.aspect is not None and role.aspect.lists and _LIST_INTRO.search(text)):
            return False
        items = [line for line in text.split("\n")[1:] if line.strip()]
        defines_only = items and all(_ITEM_DEFINES.search(line) for line in items)
        return not defines_only or any(a.body is not None and not a.presence and a.body.search("\n".join(items))
                                       for a in self.how)
