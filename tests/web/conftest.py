"""Headless Debian Chromium driven by Selenium, against a real server on loopback."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import suppress
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.chrome.service import Service

from tests.api.live_server import serve_fresh_app

CHROMIUM = os.environ.get("VERACITY_TEST_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("VERACITY_TEST_CHROMEDRIVER", "/usr/bin/chromedriver")
WINDOW_SIZE = (1400, 1800)


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serve_fresh_app(tmp_path_factory.mktemp("web")) as url:
        yield url


@pytest.fixture(scope="module")
def chromium(tmp_path_factory: pytest.TempPathFactory) -> Iterator[webdriver.Chrome]:
    """One headless Chromium for a test module: starting one takes seconds, longer than most of
    the tests that use it (each gets a fresh tab of it: :func:`browser`)."""
    for binary in (CHROMIUM, CHROMEDRIVER):
        if not (Path(binary).is_file() or shutil.which(binary)):
            pytest.skip(
                f"{binary} not found: run `bash scripts/ci-services.sh` "
                "(installs Debian chromium and chromium-driver)"
            )
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--window-size={WINDOW_SIZE[0]},{WINDOW_SIZE[1]}",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
    ):
        options.add_argument(argument)
    driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def browser(chromium: webdriver.Chrome) -> webdriver.Chrome:
    """The module's Chromium as a new one shows a page (:func:`fresh_tab`)."""
    fresh_tab(chromium)
    return chromium


def fresh_tab(driver: webdriver.Chrome) -> None:
    """Leave ``driver`` as a new browser is, whatever an earlier test left (an open dialog, other
    tabs, a phone-sized window): one new tab (its session storage empty, where the page keeps an
    API key), no cookies or cached responses, the window at its starting size."""
    earlier = driver.window_handles
    with suppress(NoAlertPresentException):
        driver.switch_to.alert.dismiss()
    driver.switch_to.new_window("tab")
    fresh = driver.current_window_handle
    for handle in earlier:
        driver.switch_to.window(handle)
        with suppress(NoAlertPresentException):
            driver.switch_to.alert.dismiss()
        driver.close()
    driver.switch_to.window(fresh)
    driver.execute_cdp_cmd("Network.clearBrowserCookies", {})
    driver.execute_cdp_cmd("Network.clearBrowserCache", {})
    driver.set_window_size(*WINDOW_SIZE)
