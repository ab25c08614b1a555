"""The report in a real headless Chromium: no console error, no request but the file, filters work."""

import shutil
from pathlib import Path

import pytest

from reiki_scan.report.build import build_report
from reiki_scan.report.render import write_html
from reiki_scan.review.state import review_rows
from reiki_scan.store.db import Store
from test_report import SETTINGS
from test_report_support import TODAY, build_town

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium")
ARTIFACTS = Path(__file__).resolve().parent / "_artifacts"
# Without the background-networking flags Chromium calls out at start; the network here is closed.
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


@pytest.fixture
def browser_page():
    if CHROMIUM is None:
        pytest.skip("chromium がありません(Debian の chromium パッケージ。scripts/test が root なら入れます)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright がありません(pip install -e '.[test]')")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            yield browser.new_page(viewport={"width": 1200, "height": 900})
        finally:
            browser.close()


@pytest.fixture
def report(tmp_path):
    with Store(tmp_path / "reiki.sqlite") as store:
        build_town(store)
        rows = review_rows(store)
        path = write_html(build_report(store, SETTINGS, TODAY), tmp_path / "reports")
    return path, rows


def _visible_ids(page) -> list[str]:
    return page.eval_on_selector_all("#findings tbody tr:not([hidden])", "rows => rows.map(r => r.id)")


def test_report_opens_offline_without_errors_and_filters_the_findings(browser_page, report):
    page, (path, rows) = browser_page, report
    errors, requests, dialogs = [], [], []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    url = path.as_uri()
    page.goto(url, wait_until="load")

    assert page.locator("h1").inner_text().startswith("与謝野町")
    assert len(_visible_ids(page)) == len(rows) and page.inner_text("#shown-count") == str(len(rows))

    page.select_option("select[name=category]", "posting")
    posting = [f"f-{r.finding_id}" for r in rows if r.finding.category == "posting"]
    assert _visible_ids(page) == posting and page.inner_text("#shown-count") == str(len(posting))

    page.select_option("select[name=bucket]", "撤廃済")
    abolished = [f"f-{r.finding_id}" for r in rows if r.status == "撤廃済"]
    assert _visible_ids(page) == abolished and len(abolished) == 1

    page.click("button[type=reset]")
    page.select_option("select[name=department]", "教育委員会事務局")
    page.fill("input[name=text]", "掲示")
    assert len(_visible_ids(page)) == 1
    page.fill("input[name=text]", "該当しない語")
    assert _visible_ids(page) == [] and page.is_visible("#no-match")

    page.click("button[type=reset]")
    assert len(_visible_ids(page)) == len(rows)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report.png"), full_page=True)

    page.emulate_media(media="print")
    assert not page.is_visible("#filters"), "the print stylesheet hides the filter form"
    page.pdf(path=str(ARTIFACTS / "report.pdf"), format="A4")

    assert errors == [] and dialogs == []
    assert requests == [url], "the page asked for nothing but itself"
