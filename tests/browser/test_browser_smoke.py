"""The browser used by the page tests works, and the page fixture sees what it must."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser


def test_a_page_runs_script_and_a_remote_request_is_seen(page_in_browser, tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<!doctype html><meta charset=utf-8><p id=x>wait</p>"
        "<img src='http://example.invalid/pixel.png'>"
        "<script>document.getElementById('x').textContent = 'ran'; console.error('boom')</script>",
        encoding="utf-8",
    )
    visit = page_in_browser(page)
    assert visit.page.text_content("#x") == "ran"
    assert visit.remote_requests == ["http://example.invalid/pixel.png"]
    assert "boom" in visit.console_errors
