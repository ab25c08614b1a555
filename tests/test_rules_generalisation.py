"""Provisions written from the category definitions (not from the gold set): whole-rule-set verdicts.

Common non-analog provisions that share words with the rules must stay silent; typical analog
provisions of other towns must be found. Runs on the real ja_ginza model.
"""

from __future__ import annotations

import pytest

from reiki_scan.rules.engine import MATCH, Engine
from reiki_scan.rules.loader import load_rules

pytestmark = pytest.mark.slow

NOT_ANALOG = """町長は、補助事業の遂行の状況について調査し、又は報告を求めることができる。
会計管理者は、現金の出納を確認しなければならない。
教育委員会は、教職員の研修を計画的に実施するものとする。
この条例は、公布の日から施行する。
町長は、前条の申請を受けたときは、内容を審査のうえ、適当と認めれば許可する。
審議会は、町長の諮問に応じ、都市計画に関する事項を調査審議する。
委員は、在任中に知った秘密を外部に漏らしてはならない。
指定管理者は、毎年度終了後30日以内に、事業報告書を作成し、町長に提出しなければならない。
町長は、前項の規定による届出があったときは、その旨を公表するものとする。
使用者は、施設の使用を終了したときは、直ちに原状に回復しなければならない。
奨励金の交付を希望する団体は、所定の申請書に事業計画書を添えて、町長に提出しなければならない。
町長は、必要があると認めるときは、委員会に対して報告を求めることができる。
職員の給与は、別に条例で定める。
町長は、毎年度、予算の範囲内において補助金を交付する。
議長は、会議の秩序を保持するため、必要な措置を講ずることができる。
町は、住民が安心して暮らせるよう、防犯灯の設置に努めるものとする。
常時使用する従業員の数が20人以下の事業者を対象とする。
組合は、定期総会を毎年1回開催しなければならない。
申請者は、次に掲げる書類を添付しなければならない。
町長は、施設の管理を指定管理者に行わせることができる。
公文書の写しの交付に要する費用は、請求者の負担とする。
町長は、計画の策定に当たっては、住民の意見を聴くものとする。
職員は、職務の遂行に当たっては、所属長の指示に誠実に従わなければならない。
前条の規定は、規則の公表について準用する。
この要綱に定めるもののほか、必要な事項は、町長が別に定める。
町長は、必要に応じて関係機関と連絡調整を図るものとする。
受給資格者は、毎年6月に現況届を町長に提出しなければならない。
委員の任期は2年とし、再任を妨げない。
町は、地域の見守り活動を行う団体を支援する。
町長は、違反者に対し、期限を定めて是正を命ずることができる。""".splitlines()

ANALOG = {
    "町長は、この条例の施行に必要な限度において、職員に事業所に立ち入り、帳簿その他の物件を検査させることができる。": "onsite_audit",
    "施設の管理者は、毎月1回以上、消防用設備を点検しなければならない。": "periodic_inspection",
    "指定事業者は、事業所ごとに専任の管理責任者を置かなければならない。": "resident_dedicated",
    "許可を受けた者は、許可証を作業場の見やすい場所に掲げておかなければならない。": "posting",
    "町長は、整備計画の素案をまとめたときは、その旨を告示し、告示の日から3週間、当該素案を住民の縦覧に供するものとする。": "visit_inspection",
    "選挙人名簿の抄本は、事務局において閲覧に供する。": "visit_inspection",
    "申請者は、申請書に記載すべき事項を記録したフレキシブルディスクを提出することができる。": "recording_media",
    "登録を受けようとする者は、町長が行う講習を修了した者でなければならない。": "in_person_training",
    "職員は、道路の状況を把握するため、定期的に道路を巡回するものとする。": "periodic_inspection",
    "委託を受けた者は、作業の完了後、町の職員の立会いの下で完了の確認を受けなければならない。": "visual",
    "町長は、補助事業が完了したときは、実績報告書の審査及び必要に応じて現地調査を行い、補助金の額を確定する。": "onsite_audit",
    "条例の公布は、役場本庁舎前及び各支所前の掲示場に掲示してこれを行う。": "posting",
    "管理人は、施設内に居住し、夜間及び休日の施設の保安に当たるものとする。": "resident_dedicated",
    "浄化槽管理者は、毎年1回、指定検査機関の行う水質に関する検査を受けなければならない。": "periodic_inspection",
    "事業者は、現場に有資格者を常駐させなければならない。": "resident_dedicated",
    "町長は、境界の確認に当たり、現地において関係土地所有者の立会いを求めるものとする。": "visual",
}


@pytest.fixture(scope="module")
def engine():
    from reiki_scan.nlp.ginza import GinzaParser
    return Engine(load_rules(), GinzaParser())


@pytest.mark.parametrize("text", NOT_ANALOG)
def test_common_provision_without_analog_act_is_not_flagged(engine, text):
    hits = [rule for rule, v in engine.check(text).items() if v.status == MATCH]
    assert hits == [], f"{hits} on: {text}"


@pytest.mark.parametrize("text, category", sorted(ANALOG.items()))
def test_typical_analog_provision_is_flagged_in_its_category(engine, text, category):
    verdicts = engine.check(text)
    assert category in {v.rule.category for v in verdicts.values() if v.status == MATCH}, text
