"""A real browser (Chromium from Debian, /usr/bin/chromium, driven by Playwright) against ``medcite serve``'s
app on 127.0.0.1: ask a question, watch the progress, open a citation's evidence, ask a follow-up, switch
the audience to patient. Screenshots of the article page are saved under ``test-artifacts/browser/``."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from medcite.bootstrap import open_engine
from medcite.web.app import create_app
from tests.conftest import REPO
from tests.web.conftest import QUESTION, slice_of_pubmedqa, web_settings

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = REPO / "test-artifacts" / "browser"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The web app on 127.0.0.1 over 200 real PubMedQA abstracts, the shipped verifier, BM25 only."""
    tmp = tmp_path_factory.mktemp("browser")
    settings = web_settings(tmp / "home", f"sqlite:///{tmp / 'store.sqlite3'}")
    engine = open_engine(settings, dense=False)
    engine.ingest([slice_of_pubmedqa(tmp)])
    app = create_app(settings, engine=engine)
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    while not srv.started:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(20)
        app.state.medcite.jobs.queue.close()
        engine.close()


@pytest.mark.slow
def test_ask_progress_evidence_follow_up_and_patient_audience(server: str) -> None:
    if not CHROMIUM.is_file():
        pytest.skip("Chromium is not installed at /usr/bin/chromium (apt-get install -y chromium)")
    from playwright.sync_api import expect, sync_playwright

    shutil.rmtree(ARTIFACTS, ignore_errors=True)
    ARTIFACTS.mkdir(parents=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1100, "height": 900})
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        try:
            _run(page, server, expect)
        finally:
            browser.close()
    assert not [e for e in errors if "Content Security Policy" in e], errors


def _run(page: object, server: str, expect: object) -> None:
    from playwright.sync_api import Page

    assert isinstance(page, Page)
    page.goto(server + "/")
    page.get_by_label("Your question").fill(QUESTION)
    page.get_by_role("button", name="Ask", exact=True).click()
    page.wait_for_url("**/jobs/**")
    seen = _watch_progress(page)
    (ARTIFACTS / "progress.txt").write_text("\n".join(seen) + "\n", encoding="utf-8")
    assert seen and all(t.startswith("Status: ") for t in seen), seen
    page.wait_for_url("**/articles/**", timeout=120_000)
    first = page.url  # an article with citations (the follow-up below may rightly find no study on its point)
    assert "Educational purpose only, pending human review" in page.locator(".banner").inner_text()

    cite = page.locator(".cite-btn").first
    cite.click()  # a tap or click opens the evidence
    evidence = page.locator(".ev").first
    assert evidence.is_visible()
    assert evidence.locator(".badge").inner_text() in ("Supported by the source", "Partly supported")
    page.screenshot(path=str(ARTIFACTS / "article.png"), full_page=True)
    page.keyboard.press("Escape")

    page.get_by_label("Your follow-up question").fill("What about older adults?")
    page.get_by_role("button", name="Ask follow-up").click()
    page.wait_for_url("**/jobs/**")
    page.wait_for_url("**/articles/**", timeout=120_000)
    assert page.locator("nav.thread li").count() == 2
    # the one DBE study of this slice is not about older adults (relevance v2 reads it so): an honest
    # "no study" answer, with nothing to cite
    assert "Insufficient evidence in the searched literature" in page.locator("main").inner_text()
    assert page.locator(".cite-btn").count() == 0

    page.get_by_label("Which best describes you?").select_option("patient")  # applies on change (app.js)
    page.wait_for_load_state("load")
    page.wait_for_selector("text=written for patients and caregivers")
    page.screenshot(path=str(ARTIFACTS / "article-patient.png"), full_page=True)
    page.goto(server + "/")
    assert page.get_by_label("Which best describes you?").input_value() == "patient"  # remembered
    page.set_viewport_size({"width": 390, "height": 844})  # a phone
    page.goto(first)
    # the audience applies to every article
    page.wait_for_selector("text=written for patients and caregivers")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the article page scrolls sideways on a phone ({width} px)"
    page.locator(".cite-btn").first.click()
    assert page.locator(".ev").first.is_visible()  # the tap opened the evidence
    page.screenshot(path=str(ARTIFACTS / "article-phone.png"), full_page=True)
    page.set_viewport_size({"width": 1100, "height": 900})
    page.goto(server + "/docs")  # Swagger UI from this server, under the same CSP (no CDN, no inline script)
    page.wait_for_selector(".opblock-summary-path", timeout=20_000)
    assert "/api/answers" in page.locator(".opblock-summary-path").all_inner_texts()


def _watch_progress(page: object) -> list[str]:
    """The status lines the progress page showed, in order, until it moved on to the article."""
    from playwright.sync_api import Page

    assert isinstance(page, Page)
    seen: list[str] = []
    deadline = time.monotonic() + 120
    while "/jobs/" in page.url and time.monotonic() < deadline:
        try:
            text = page.locator("#job-status").inner_text(timeout=500)
        except Exception:  # the page navigated away between the check and the read
            break
        if not seen or seen[-1] != text:
            seen.append(text)
        time.sleep(0.05)
    return seen
