"""A town whose review history the report tests read: two scans, every kind of decision, and a
clause that reads like an attack, all through the real store and review API."""

from __future__ import annotations

from datetime import date

from lxml import html

from reiki_scan.review.decisions import Decision, record_decisions
from reiki_scan.store.db import Store
from test_review_support import Town, identity

TODAY = date(2026, 11, 25)
NASTY = "<script>alert('条文')</script>組合員は、事務所に常駐しなければならない。"


def build_town(store: Store) -> Town:
    """Scan 1, decisions, amendments (one clause removed, one reworded, one new document), scan 2.

    After scan 2: 撤廃済 1 (kouen 第3条), 見直し予定 1 (kouen 第5条), 検討中 1, 存置 1, 非該当 1,
    要再確認 1 (tosho 第2条, reworded), 未判定 1 (the new document's clause): 検出(現存) 6.
    """
    town = Town(store)
    town.write("kouen", {"第3条": "管理者は、利用者の見やすい場所に掲示しなければならない。",
                         "第4条": "町長は、必要があると認めるときは、立入検査をさせることができる。",
                         "第5条": "公告は、役場前の掲示場に掲示して行う。"})
    town.write("jigyo", {"第2条": "事業者は、法第5条の許可証を事務所に掲示しなければならない。",
                         "第5条": "管理者は、施設に常駐しなければならない。"})
    town.write("tosho", {"第2条": "利用の手引は、館内に掲示する。"})
    town.scan()
    decide = [("kouen", "第3条", "posting", "該当", "見直し", "総務課", ""),
              ("kouen", "第5条", "posting", "該当", "見直し", "総務課", ""),
              ("kouen", "第4条", "onsite_audit", "該当", "検討中", "建設課", ""),
              ("jigyo", "第2条", "posting", "該当", "存置", "税務課", "法令で義務付け"),
              ("jigyo", "第5条", "resident_dedicated", "非該当", "", "福祉課", "誤検出"),
              ("tosho", "第2条", "posting", "該当", "見直し", "教育委員会事務局", "")]
    record_decisions(store, [Decision(identity(town, key, path, category), applicability, policy,
                                      schedule="令和8年度" if policy == "見直し" else "", department=department,
                                      note=note, decided_by="法規担当")
                             for key, path, category, applicability, policy, department, note in decide])
    del town.documents["kouen"]["第3条"]
    town.documents["tosho"]["第2条"] = "利用の手引は、館内の見やすい場所に掲示するものとする。"
    town.write("kumiai", {"第1条": NASTY})
    town.scan()
    return town


def page(text: str):
    return html.fromstring(text)


def table(doc, table_id: str) -> dict[str, dict[str, str]]:
    """Rows of a breakdown table: label → {column heading: cell text}."""
    heads = [th.text_content() for th in doc.xpath(f'//table[@id="{table_id}"]/thead/tr/th')]
    rows = {}
    for tr in doc.xpath(f'//table[@id="{table_id}"]/tbody/tr'):
        cells = [td.text_content().strip() for td in tr.xpath("./td")]
        rows[cells[0]] = dict(zip(heads, cells))
    return rows


def shown_counts(doc) -> dict[str, int]:
    return {el.get("data-count"): int(el.text_content()) for el in doc.xpath("//*[@data-count]")}
