"""Waiting for a page of the workspace after a click or a form: the page before it was ready too,
so the wait checks the address as well as the ``data-ready`` mark of the new page."""

from __future__ import annotations

from typing import Any

from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait


def wait_for(driver: Any, path: str, timeout: float = 15) -> None:
    """Wait until the browser is at an address containing ``path`` and that page is ready."""

    def ready(d: Any) -> bool:
        body = d.find_element(By.TAG_NAME, "body")
        return path in d.current_url and body.get_attribute("data-ready") == "1"

    WebDriverWait(driver, timeout, ignored_exceptions=(StaleElementReferenceException,)).until(
        ready
    )
