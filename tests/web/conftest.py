"""Browser fixtures: the API and workspace served by uvicorn on a free port of 127.0.0.1, and
headless Chromium driven by Selenium through Debian's chromedriver (never a downloaded browser).

The tests skip, saying why, only when chromium, chromedriver or selenium is not installed.
"""

from __future__ import annotations

import importlib.util
import os
import socket
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

CHROMIUM = os.environ.get("MARSAD_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("MARSAD_CHROMEDRIVER", "/usr/bin/chromedriver")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"

if not (os.access(CHROMIUM, os.X_OK) and os.access(CHROMEDRIVER, os.X_OK)):
    pytest.skip(
        f"browser tests need Debian's chromium and chromium-driver ({CHROMIUM}, {CHROMEDRIVER} "
        "not found): apt-get install -y chromium chromium-driver",
        allow_module_level=True,
    )
pytest.importorskip("selenium", reason="browser tests need selenium (pip install selenium)")
pytest.importorskip("uvicorn", reason="browser tests need uvicorn (pip install uvicorn)")

import uvicorn  # noqa: E402
from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

from marsad.api import ApiSettings, create_app  # noqa: E402

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,900",
    "--lang=ar",
)


def _samples() -> ModuleType:
    name = "marsad_test_sample_store"
    if name in sys.modules:
        return sys.modules[name]
    path = Path(__file__).resolve().parents[1] / "api" / "sample_store.py"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for_port(port: int, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise TimeoutError(f"nothing listens on 127.0.0.1:{port} after {timeout} s")


class Site:
    """A running server: its base URL and the ids of the sample documents."""

    def __init__(self, url: str, ids: dict[str, str], seeds: Path) -> None:
        self.url = url
        self.ids = ids
        self.seeds = seeds


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The sample articles (hand-built layers: a visit reported by two articles, hostile
    markup in text, titles and entity names; plus the repository's seed articles ingested
    through the pipeline) in a temporary store, served on a free port."""
    from marsad.config import DEFAULT_STAGES
    from marsad.engine.local import run_documents
    from marsad.ingest import read_inputs
    from marsad.pipeline import build_pipeline
    from marsad.store.sqlite import SqliteStore

    samples = _samples()
    db = tmp_path_factory.mktemp("web") / "web.db"
    seeds = Path(__file__).resolve().parents[2] / "examples" / "seeds"
    with SqliteStore.open(db) as store:
        run_documents(read_inputs([str(seeds)]), build_pipeline(DEFAULT_STAGES), store)
    ids: dict[str, str] = samples.build_store(db)
    layers = samples.add_web_documents(db, ids)
    app = create_app(ApiSettings(db=db), corpus_layers=lambda _s: layers)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, name="marsad-test-server", daemon=True)
    thread.start()
    wait_for_port(port)
    try:
        yield Site(f"http://127.0.0.1:{port}", ids, seeds)
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    os.environ.setdefault("SE_AVOID_STATS", "true")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


def open_page(driver: Any, url: str, timeout: float = 15.0) -> None:
    """Load ``url`` and wait until the page's script says it has rendered (``data-ready``)."""
    driver.get(url)
    WebDriverWait(driver, timeout).until(
        lambda d: d.find_element("tag name", "body").get_attribute("data-ready") in ("1", "error")
    )


def screenshot(driver: Any, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    driver.save_screenshot(str(path))
    return path


@pytest.fixture
def page() -> Any:
    return open_page


@pytest.fixture
def shot() -> Any:
    return screenshot
