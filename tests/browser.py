"""A real Chromium for page tests: Debian's package driven by Playwright.

Never `playwright install` (browser downloads fail here): the browser is
Debian's `chromium`, which the test command installs when missing.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def chromium_path() -> str | None:
    return os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


@contextmanager
def chromium_page() -> Iterator[object]:
    """A fresh page in headless Chromium. In CI a missing browser fails the test
    (the browser tests must really run there); elsewhere it skips with the fix."""
    executable = chromium_path()
    if executable is None:
        message = "Chromium not found: `apt-get install chromium` (or set CHROMIUM=/path/to/chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser.new_page()
        finally:
            browser.close()
