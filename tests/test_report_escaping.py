"""Clause text and every user-supplied value reach the page as text: nothing in them runs."""

from datetime import date

from reiki_scan.findings import Finding, Match
from reiki_scan.model import Ordinance, Provision
from reiki_scan.report.build import build_report
from reiki_scan.report.data import Settings
from reiki_scan.report.render import render_html
from reiki_scan.review.decisions import Decision, record_decisions
from reiki_scan.store.db import Store, now_iso
from test_report_support import TODAY, page

SENTENCE = "<script>alert(1)</script>管理者は、許可証を掲示しなければならない。"
TITLE = "<img src=x onerror=alert(2)>条例"
DEPARTMENT = '"><b onmouseover=alert(3)>総務課</b>'
NOTE = "</td><script>alert(4)</script>"


def _render(tmp_path) -> str:
    with Store(tmp_path / "reiki.sqlite") as store:
        ordinance = Ordinance("evil", TITLE, number="令和元年条例第1号", source_url="javascript:alert(5)",
                              provisions=[Provision("第1条", SENTENCE)])
        _, version = store.save_ordinance(ordinance)
        start = SENTENCE.index("掲示")
        finding = Finding("evil", TITLE, "令和元年条例第1号", "第1条", "posting", "PST001", SENTENCE,
                          "「掲示」<em>を求めている</em>", [Match("掲示", start, start + 2)])
        store.record_scan([finding], {"evil": version}, "test", "test", now_iso())
        record_decisions(store, [Decision(finding.identity, "該当", "存置", department=DEPARTMENT, note=NOTE,
                                          decided_by="<u>担当</u>")])
        settings = Settings("<i>町</i>", 50, date(2027, 3, 31), [DEPARTMENT])
        return render_html(build_report(store, settings, TODAY))


def test_clause_with_a_script_tag_renders_as_text(tmp_path):
    text = _render(tmp_path)
    doc = page(text)
    assert len(doc.xpath("//script")) == 1, "only the report's own filter script"
    assert text.count("<script") == 1
    assert doc.xpath('//table[@id="findings"]//td[@class="clause"]/p')[0].text_content() == SENTENCE
    assert [m.text for m in doc.xpath("//mark")] == ["掲示"]


def test_titles_departments_notes_and_settings_cannot_add_elements_or_handlers(tmp_path):
    doc = page(_render(tmp_path))
    for tag in ("img", "b", "i", "u", "em"):
        assert doc.xpath(f"//{tag}") == [], tag
    assert [el.tag for el in doc.iter() if isinstance(el.tag, str) and any(a.startswith("on") for a in el.attrib)] == []
    row = doc.xpath('//table[@id="findings"]/tbody/tr')[0]
    assert row.get("data-department") == DEPARTMENT
    assert TITLE in row.text_content() and NOTE in row.text_content() and "<u>担当</u>" in row.text_content()
    assert "<i>町</i>" in doc.findtext(".//h1")


def test_a_javascript_source_url_is_not_turned_into_a_link(tmp_path):
    doc = page(_render(tmp_path))
    assert [a.get("href") for a in doc.xpath("//a") if not a.get("href").startswith("#")] == []
