"""Shared exclusions (共通の除外条件): the checks every rule passes through.

The words and regexes live in patterns/exclusions.yaml; this module says how each is applied.
Each check returns True when the candidate must NOT be flagged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass
class Example:
    """A rule's example sentence (例文), with the 見出し and 例規名 it is read under."""
    text: str
    heading: str = ""
    title: str = ""
    excluded_by: str = ""
    note: str = ""

    @classmethod
    def of(cls, data) -> "Example":
        return cls(text=data) if isinstance(data, str) else cls(**data)


@dataclass
class SharedExclusion:
    """One shared exclusion of patterns/exclusions.yaml: its words and regexes (the logic is below)."""
    id: str
    reason: str
    words: list[str]
    regex: list[re.Pattern]
    examples: list[Example]
    title: list[re.Pattern]
    ignore: list[re.Pattern] = field(default_factory=list)


@dataclass
class Candidate:
    """What an exclusion sees: the NFKC sentence, its provision (unit) text, 見出し, title."""
    sentence: str
    provision: str
    heading: str
    title: str
    matched: list[str]           # trigger words found in the sentence
    generic_only: bool           # every trigger word is a generic one (確認, 調査 …)


_PURPOSE_HEADING = re.compile(r"^[(（](?:[^()（）]*の)?(?:目的|趣旨)(?:等|及び[^()（）]+|並びに[^()（）]+)?[)）]$")
# the heading must END in 定義/用語の意義 (定義, 用語の定義, 目的及び定義, 定義等, 定義及び適用範囲):
# (測定義務) or (検査の定義務) only contain the two characters
_DEFINITION_HEADING = re.compile(r"^[(（][^()（）]*(?:定義|用語の意義)(?:等|及び[^()（）]+)?[)）]$")
#: …under such a heading, a text that defines a word or sorts its kinds (…とは、…をいう; 用語の意義は; …の例に
#: よる; 対象物の区分は、次のとおりとする), not one that sets the act (宿直は、退庁時限から翌日登庁時限までとする
#: under (当直の定義) fixes the duty's hours)
_DEFINES = re.compile(r"とは|いう|意義|意味|の例による|区分|種類|種別")


def _any(ex: SharedExclusion, text: str) -> bool:
    for span in ex.ignore:
        text = span.sub("", text)
    return any(w in text for w in ex.words) or any(r.search(text) for r in ex.regex)


def in_sentence(ex: SharedExclusion, c: Candidate) -> bool:
    """The exclusion's words or regexes occur in the candidate's sentence."""
    return _any(ex, c.sentence)


def in_provision(ex: SharedExclusion, c: Candidate) -> bool:
    """The exclusion's words or regexes occur anywhere in the candidate's provision."""
    return _any(ex, c.provision)


#: a list's first sentence that offers its items as alternatives (次のいずれかの方法により行う)
_ALTERNATIVES = re.compile(r"いずれか|方法|又は|若しくは")


def digital_alternative(ex: SharedExclusion, c: Candidate) -> bool:
    """The provision offers a digital way. In a list of conditions that must all hold (次の各号のすべての
    要件を満たす) a digital word in another item (ホームページで公開することに同意) is no alternative to the
    candidate's item: there only the list's first sentence and the item itself count."""
    lines = c.provision.split("\n")
    if len(lines) > 1 and not _ALTERNATIVES.search(lines[0]):
        return _any(ex, lines[0]) or _any(ex, c.sentence)
    return _any(ex, c.provision)


def purpose_clause(ex: SharedExclusion, c: Candidate) -> bool:
    # (目的) (趣旨) (この条例の目的) (目的及び定義) — but not (目的外使用の許可) or (使用目的の制限)
    return bool(_PURPOSE_HEADING.match(c.heading)) or _any(ex, c.sentence)


def definition_clause(ex: SharedExclusion, c: Candidate) -> bool:
    return bool(_DEFINITION_HEADING.match(c.heading) and _DEFINES.search(c.provision)) or _any(ex, c.sentence)


def penalty_citation(ex: SharedExclusion, c: Candidate) -> bool:
    # A penalty clause names the act only to punish refusing it; the act is labelled where it is authorised.
    # words = the sanction (罰金, 過料, 取消し …); regex = citing another provision's act to punish refusing it
    return any(w in c.provision for w in ex.words) and any(r.search(c.provision) for r in ex.regex)


def no_physical_presence(ex: SharedExclusion, c: Candidate) -> bool:
    return c.generic_only and not _any(ex, c.sentence)


def heading_only(ex: SharedExclusion, c: Candidate) -> bool:
    # Applied in the engine: a trigger found in the 見出し but not in the text is not an act.
    return False


def pay_document(ex: SharedExclusion, c: Candidate) -> bool:
    # The document pays for work set elsewhere (宿日直手当, 特殊勤務手当, 報酬及び費用弁償): it defines
    # the work to price it and imposes no act.
    return any(r.search(c.title) for r in ex.regex)


def in_sentence_of_titled(ex: SharedExclusion, c: Candidate) -> bool:
    """The exclusion's words or regexes occur in the sentence of a document whose 例規名 matches its title
    regexes (an item of a 事務分掌規則 that names a section's work)."""
    return any(r.search(c.title) for r in ex.title) and _any(ex, c.sentence)


def result_of_check(ex: SharedExclusion, c: Candidate) -> bool:
    """The sentence opens with a check's result (検査の結果、…) or with the check done (…を行った場合は), and every
    trigger word is a check's word (the exclusion's words): what is done after the check. A posting or a viewing
    it leads to keeps its finding."""
    return (any(r.search(c.sentence) for r in ex.regex)
            and all(any(w in m for w in ex.words) for m in c.matched))


def names_only_provision(ex: SharedExclusion, c: Candidate) -> bool:
    # Applied in the engine after parsing: it needs the provision's topic (rules/context.py).
    return False


def subject_role(ex: SharedExclusion, c: Candidate) -> bool:
    # Applied in the engine after parsing: it needs the document's subject and the provision's role.
    return False


CHECKS = {
    # the same provision already offers a digital way (PHASE-cleared)
    "digital_alternative": digital_alternative,
    "purpose_clause": purpose_clause,
    "definition_clause": definition_clause,
    "penalty_citation": penalty_citation,
    "junyo_only": in_sentence,
    "no_physical_presence": no_physical_presence,
    # a row of a fee table (閲覧 1件につき 300円): the amount, no act
    "fee_row": in_sentence,
    # what a check covers, listed after it (実地監査は、次に掲げる事項について行う): its scope
    "scope_items": in_sentence,
    # what to mind during the act (監査に当たっては、次に掲げる事項に留意し): conduct, not the act
    "mind_during_act": in_sentence,
    "heading_only": heading_only,
    "amendment_clause": in_sentence,
    "pay_document": pay_document,
    "card_form": in_sentence,
    "form_name": in_sentence,
    # the clause that says an entry power is not for criminal investigation
    "interpretation_clause": in_sentence,
    # 「…に関し必要な事項は、町長が定める」: the details left to another rule
    "delegation_clause": in_sentence,
    # an item of a list of sections' work (予防課査察係 …の立入検査に関する業務)
    "office_tasks": in_sentence,
    # …and any item of a list of sections' work in a 事務分掌規則 (巡回並びに維持補修に関すること)
    "duty_list_item": in_sentence_of_titled,
    # the notice to the owner before an entry survey: read on the whole provision (its proviso too)
    "notice_before_entry": in_provision,
    # the papers for an agent the application is delegated to (境界確認の申請に関する権限を委任するとき)
    "agent_delegated": in_sentence,
    # what is done with a check's result or after it (検査の結果、…と認めたときは; …を行った場合は)
    "result_of_check": result_of_check,
    "names_only_provision": names_only_provision,
    "subject_role": subject_role,
}

#: checks that read only the provision (not the sentence): the engine runs them once per provision
PROVISION_SCOPE = frozenset({"penalty_citation", "pay_document", "notice_before_entry"})
