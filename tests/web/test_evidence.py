"""From the dashboard to the evidence sentence of a merged event, in each article reporting it:
dashboard -> event -> article, with the sentence marked and scrolled into view."""

from __future__ import annotations

import json
import urllib.request
from functools import partial
from typing import Any

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from tests.web.pages import wait_for

MAX_CLICKS = 3


def _get(site: Any, path: str) -> Any:
    with urllib.request.urlopen(site.url + path, timeout=10) as r:  # the test server, loopback
        return json.load(r)


def _in_viewport(driver: Any, element: Any) -> bool:
    return bool(
        driver.execute_script(
            "const r = arguments[0].getBoundingClientRect();"
            "return r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0;",
            element,
        )
    )


def test_evidence_merged_event_reached_in_three_clicks_in_each_article(
    browser: Any, site: Any, page: Any, shot: Any
) -> None:
    event = _get(site, "/api/events/ev1")
    articles = event["articles"]
    assert {a["id"] for a in articles} == {site.ids["visit"], site.ids["retold"]}
    for n, article in enumerate(articles):
        span = article["evidence"][0]
        page(browser, site.url + "/")
        clicks = 0
        browser.find_element(By.CSS_SELECTOR, 'a.event-link[data-event="ev1"]').click()
        clicks += 1
        wait_for(browser, "/event")
        assert len(browser.find_elements(By.CSS_SELECTOR, "ol.articles > li")) == len(articles)
        quote = browser.find_element(
            By.CSS_SELECTOR, f'ol.articles > li[data-doc="{article["id"]}"] q.sentence mark'
        )
        assert quote.text == span["text"]
        if n == 0:
            shot(browser, "event")
        browser.find_element(
            By.CSS_SELECTOR, f'a.evidence-link[data-doc="{article["id"]}"]'
        ).click()
        clicks += 1
        wait_for(browser, "/document")
        assert clicks <= MAX_CLICKS
        mark = browser.find_element(By.CSS_SELECTOR, "#doctext mark#evidence")
        assert mark.get_attribute("textContent") == span["text"]
        # the mark sits at the span's offsets in the article as stored
        text = _get(site, f"/api/documents/{article['id']}")["text"]
        assert text[span["start"] : span["end"]] == span["text"]
        before = browser.execute_script(
            "const r = document.createRange();"
            "r.setStart(document.getElementById('doctext'), 0);"
            "r.setEndBefore(arguments[0]); return r.toString();",
            mark,
        )
        assert len(before) == span["start"]
        WebDriverWait(browser, 5).until(partial(_in_viewport, element=mark))
        if article["id"] == site.ids["retold"]:  # its sentence is below the fold: scrolled to
            assert browser.execute_script("return window.scrollY") > 0
        shot(browser, f"evidence-{n + 1}")


@pytest.mark.parametrize("query", ["start=5", "start=9&end=2", "start=0&end=999999", "end=x"])
def test_evidence_bad_offsets_show_the_article_unmarked(
    browser: Any, site: Any, page: Any, query: str
) -> None:
    page(browser, f"{site.url}/document?id={site.ids['visit']}&{query}")
    assert browser.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == "1"
    assert browser.find_elements(By.CSS_SELECTOR, "mark#evidence") == []
