"""The audit page in a real browser (Chromium, Playwright) against the app on 127.0.0.1: paste an article,
get the report with each citing sentence highlighted by its verdict; markup in the pasted text never runs."""

from __future__ import annotations

import pytest

from tests.web.test_audits import ARTICLE
from tests.web.test_browser import ARTIFACTS, CHROMIUM, server

__all__ = ["server"]  # the module-scoped app on 127.0.0.1 (a fixture)


@pytest.mark.slow
def test_paste_an_article_and_read_the_highlighted_report(server: str) -> None:
    if not CHROMIUM.is_file():
        pytest.skip("Chromium is not installed at /usr/bin/chromium (apt-get install -y chromium)")
    from playwright.sync_api import expect, sync_playwright

    dialogs: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1100, "height": 900})
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        try:
            page.goto(server + "/audit")
            page.get_by_label("Article").fill(ARTICLE)
            page.get_by_role("button", name="Check the citations").click()
            page.wait_for_url("**/audits/*")
            expect(page.get_by_role("heading", name="Citation audit")).to_be_visible()
            body = page.locator(".audit-report .body")
            expect(body.locator("mark.v-supports").first).to_contain_text("88 DBE procedures")
            expect(body.locator("mark", has_text="diagnostic manual")).to_have_count(1)
            expect(page.locator(".audit-report .refs span.v-not-research")).to_have_text(
                "not a research article"
            )
            expect(page.locator(".audit-report")).to_contain_text("<script>alert('body')</script>")
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "audit-report.png"), full_page=True)
        finally:
            browser.close()
    assert dialogs == []  # the pasted <script> was shown as text, never run
