"""End to end in headless Chromium: dashboard, document highlights, entity page, search, timeline,
upload with progress, and article text that tries to run script."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from tests.web.pages import wait_for


def _no_alert(driver: Any) -> None:
    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert.text  # noqa: B018


def test_workspace_dashboard_lists_documents_entities_events(
    browser: Any, site: Any, page: Any, shot: Any
) -> None:
    page(browser, site.url + "/")
    html = browser.find_element(By.TAG_NAME, "html")
    assert html.get_attribute("dir") == "rtl" and html.get_attribute("lang") == "ar"
    assert browser.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == "1"
    docs = {
        a.get_attribute("data-doc") for a in browser.find_elements(By.CSS_SELECTOR, "a.doc-link")
    }
    assert set(site.ids.values()) <= docs and len(docs) == 10  # 5 hand-built + 5 seed articles
    putin = browser.find_element(By.CSS_SELECTOR, 'a.entity-link[data-entity="wd:Q7747"]')
    assert "فلاديمير بوتين" in putin.text and "Vladimir Putin" in putin.text
    assert len(browser.find_elements(By.CSS_SELECTOR, "ul.events li")) == 3
    assert "عدد الاتفاقيات مختلف" in browser.find_element(By.CSS_SELECTOR, "ul.conflicts").text
    # RTL: the brand sits at the right edge of the header
    brand = browser.find_element(By.CSS_SELECTOR, ".brand")
    assert brand.location["x"] > browser.get_window_size()["width"] / 2
    shot(browser, "dashboard")


def test_workspace_document_highlights(browser: Any, site: Any, page: Any, shot: Any) -> None:
    page(browser, f"{site.url}/document?id={site.ids['visit']}")
    text = browser.find_element(By.ID, "doctext")
    kinds = {
        k
        for e in text.find_elements(By.CSS_SELECTOR, ".hl")
        for k in e.get_attribute("data-kinds").split()
    }
    assert kinds == {"entity", "time", "quantity", "quote"}
    putin = text.find_elements(By.CSS_SELECTOR, 'a.hl-entity[data-entity="wd:Q7747"]')
    assert [p.text for p in putin] == ["فلاديمير بوتين", "بوتين"]
    assert "Vladimir Putin" in putin[0].get_attribute("title")
    time_el = text.find_element(By.CSS_SELECTOR, ".hl-time")
    assert time_el.text == "11 نوفمبر 2025" and "2025-11-11" in time_el.get_attribute("title")
    money = next(
        e for e in text.find_elements(By.CSS_SELECTOR, ".hl-quantity") if "مليار" in e.text
    )
    assert "USD" in money.get_attribute("title") and "≈" in money.get_attribute("title")
    # the quote covers an entity and a number: their pieces carry both classes
    nested = text.find_elements(By.CSS_SELECTOR, ".hl-quote.hl-quantity")
    assert nested and "فلاديمير بوتين" in nested[0].get_attribute("title")
    # highlights only wrap the text: the article reads exactly as stored
    api_text = browser.execute_async_script(
        "const done = arguments[1]; fetch('/api/documents/' + arguments[0])"
        ".then(r => r.json()).then(d => done(d.text));",
        site.ids["visit"],
    )
    assert text.get_attribute("textContent") == api_text
    shot(browser, "document")


def test_workspace_entity_page(browser: Any, site: Any, page: Any, shot: Any) -> None:
    page(browser, site.url + "/")
    browser.find_element(By.CSS_SELECTOR, 'a.entity-link[data-entity="wd:Q7747"]').click()
    wait_for(browser, "/entity")
    assert "/entity?id=wd%3AQ7747" in browser.current_url
    assert "Vladimir Putin" in browser.find_element(By.TAG_NAME, "h1").text
    sentences = browser.find_elements(By.CSS_SELECTOR, "ol.mentions q.sentence")
    # the hand-built document's two mentions, among those the sample articles add
    assert any(s.text.startswith("وقال بوتين") for s in sentences)
    marked = [m.text for m in browser.find_elements(By.CSS_SELECTOR, "ol.mentions .hl-entity")]
    assert len(marked) == len(sentences)
    assert {"فلاديمير بوتين", "بوتين", "بوتن"} <= set(marked)
    assert browser.find_elements(By.CSS_SELECTOR, f'a.doc-link[data-doc="{site.ids["visit"]}"]')
    shot(browser, "entity")


def test_workspace_search_box(browser: Any, site: Any, page: Any, shot: Any) -> None:
    page(browser, site.url + "/")
    box = browser.find_element(By.ID, "q")
    box.send_keys("اتفاقية")
    box.submit()
    wait_for(browser, "/search")
    hits = [
        a.get_attribute("data-doc")
        for a in browser.find_elements(By.CSS_SELECTOR, "ul.results a.doc-link")
    ]
    assert site.ids["visit"] in hits
    assert all(m.text == "اتفاقية" for m in browser.find_elements(By.CSS_SELECTOR, ".snippet mark"))
    shot(browser, "search")


def test_workspace_timeline(browser: Any, site: Any, page: Any) -> None:
    page(browser, site.url + "/timeline?date_to=2025-11-30")
    dates = [t.text for t in browser.find_elements(By.CSS_SELECTOR, "ol.timeline > li > time")]
    assert dates == ["2025-11-11"]


def test_workspace_unknown_document_shows_error(browser: Any, site: Any, page: Any) -> None:
    page(browser, site.url + "/document?id=ffffffffffffffff")
    assert browser.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == "error"
    assert "404" in browser.find_element(By.CSS_SELECTOR, ".error").text


def test_workspace_untrusted_text_never_runs(browser: Any, site: Any, page: Any, shot: Any) -> None:
    for url in (
        f"/document?id={site.ids['xss']}",
        f"/document?id={site.ids['hostile']}",
        "/",
        "/event?id=ev3",
        "/entity?id=kb%3Ahostile",
        "/timeline",
        "/search?q=%3Cscript%3E",
        "/search?q=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E",
    ):
        page(browser, site.url + url)
        time.sleep(0.3)  # give an injected handler the time it would need to fire
        _no_alert(browser)
        assert browser.execute_script("return window.__xss === undefined")
        assert browser.find_elements(By.CSS_SELECTOR, "main img, main script, main b") == []
    page(browser, f"{site.url}/document?id={site.ids['xss']}")
    text = browser.find_element(By.ID, "doctext").text
    assert "<script>window.__xss=1;alert(1)</script>" in text
    assert '<img src=x onerror="window.__xss=1;alert(1)">' in text
    assert "<script>" in browser.find_element(By.TAG_NAME, "h1").text
    # markup in a title, an entity's names and an event's description shows as text
    page(browser, f"{site.url}/document?id={site.ids['hostile']}")
    h1 = browser.find_element(By.TAG_NAME, "h1").text
    assert '<img src=x onerror="window.__xss=1;alert(1)">' in h1 and "<script>" in h1
    hostile = browser.find_element(
        By.CSS_SELECTOR, '#doctext a.hl-entity[data-entity="kb:hostile"]'
    )
    assert hostile.text == "<script>window.__xss=1;alert(1)</script>"
    page(browser, site.url + "/entity?id=kb%3Ahostile")
    h1 = browser.find_element(By.TAG_NAME, "h1").text
    assert '<img src=x onerror="window.__xss=1;alert(1)">' in h1
    assert "<script>window.__xss=1;alert(1)</script>" in h1
    page(browser, site.url + "/event?id=ev3")
    assert browser.find_element(By.TAG_NAME, "h1").text.startswith("<img src=x onerror=")
    names = [a.text for a in browser.find_elements(By.CSS_SELECTOR, "ul.participants a")]
    assert '<img src=x onerror="window.__xss=1;alert(1)">' in names
    assert browser.execute_script("return window.__xss === undefined")
    shot(browser, "xss")


def test_workspace_upload_with_progress(
    browser: Any, site: Any, page: Any, shot: Any, tmp_path: Path
) -> None:
    upload = tmp_path / "خبر جديد.txt"
    upload.write_text(
        "وصل وفد اقتصادي إلى الرياض يوم الأحد لبحث التعاون في مجال الطاقة.\n"
        "وقال رئيس الوفد إن المباحثات مثمرة.\n",
        encoding="utf-8",
    )
    page(browser, site.url + "/upload")
    browser.find_element(By.ID, "files").send_keys(str(upload))
    browser.find_element(By.ID, "upload-button").click()
    WebDriverWait(browser, 30).until(
        lambda d: d.find_element(By.ID, "status").get_attribute("data-status") == "done"
    )
    progress = browser.find_element(By.ID, "progress")
    assert progress.get_attribute("value") == progress.get_attribute("max") == "1"
    assert "null" not in browser.find_element(By.ID, "results").text
    link = browser.find_element(By.CSS_SELECTOR, "#results a.doc-link")
    shot(browser, "upload")
    link.click()
    wait_for(browser, "/document")
    assert "وفد اقتصادي" in browser.find_element(By.ID, "doctext").text
