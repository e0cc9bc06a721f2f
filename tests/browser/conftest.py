"""A real headless Chromium for the tests of the HTML pages.

The system's Chromium (Debian's ``chromium`` package, at ``/usr/bin/chromium`` or on
the PATH) is driven by Playwright; no browser is downloaded. Without it the tests are
skipped, except in CI, where a missing browser is a failure.

``page_in_browser`` opens a file and keeps what a page must not do: every request that
left the ``file:`` page, every console error and every uncaught exception.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

CHROMIUM_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    for candidate in (
        "/usr/bin/chromium",
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
    ):
        if candidate and os.path.exists(candidate):
            return candidate
    return None


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """A headless Chromium shared by the session's browser tests."""
    path = chromium_path()
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI needs chromium for the browser tests (apt-get install chromium)")
        pytest.skip("chromium is not installed")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=path, args=CHROMIUM_FLAGS)
        try:
            yield chromium
        finally:
            chromium.close()


@dataclass
class Visit:
    """A page opened from a file, with what it asked of the network and what went wrong."""

    page: Any
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    @property
    def remote_requests(self) -> list[str]:
        return [url for url in self.requests if not url.startswith(("file:", "data:", "about:"))]


@pytest.fixture
def page_in_browser(browser: Any, tmp_path: Path) -> Iterator[Any]:
    """``open(path) -> Visit``: opens an HTML file in a fresh browser context."""
    contexts: list[Any] = []

    def open_page(path: Path, *, width: int = 1280, height: int = 900) -> Visit:
        context = browser.new_context(viewport={"width": width, "height": height})
        contexts.append(context)
        page = context.new_page()
        visit = Visit(page)
        page.on("request", lambda request: visit.requests.append(request.url))
        page.on(
            "console",
            lambda message: (
                visit.console_errors.append(message.text) if message.type == "error" else None
            ),
        )
        page.on("pageerror", lambda error: visit.page_errors.append(str(error)))
        page.on(
            "dialog",
            lambda dialog: (
                visit.page_errors.append(f"dialog: {dialog.message}"),
                dialog.dismiss(),
            ),
        )
        page.goto(Path(path).resolve().as_uri())
        return visit

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where screenshots are kept for people to look at: test-artifacts/ (git-ignored)."""
    folder = Path(os.environ.get("NETGRAPH_TEST_ARTIFACTS", "test-artifacts"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder
