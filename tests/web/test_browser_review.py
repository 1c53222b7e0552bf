"""The review workflow in a real browser (Chromium, /usr/bin/chromium, via Playwright) against the app on
127.0.0.1 with a real SMTP server (aiosmtpd): a reader leaves inline feedback on a claim and subscribes by
email; a reviewer finds it in the queue, fixes the claim (re-verified) and submits it; another reviewer
approves (nobody approves their own edit); the public page shows the approval with the reviewer's name;
the subscriber gets the email. The review page is saved under ``test-artifacts/browser/review.png``."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
import uvicorn
from aiosmtpd.controller import Controller

from medcite.bootstrap import open_engine
from medcite.services.accounts import AccountService
from medcite.testing import WordOverlapVerifier
from medcite.web.app import create_app
from tests.web.conftest import QUESTION, slice_of_pubmedqa, web_settings
from tests.web.review_helpers import PASSWORD
from tests.web.test_browser import ARTIFACTS, CHROMIUM, _free_port
from tests.web.test_notify_email import Inbox


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    tmp = tmp_path_factory.mktemp("browser-review")
    inbox, smtp_port, port = Inbox(), _free_port(), _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    url = f"http://127.0.0.1:{port}"
    settings = web_settings(
        tmp / "home",
        f"sqlite:///{tmp / 'store.sqlite3'}",
        smtp_host="127.0.0.1",
        smtp_port=smtp_port,
        public_url=url,
    )
    engine = open_engine(settings, dense=False, verifier=WordOverlapVerifier())
    engine.ingest([slice_of_pubmedqa(tmp)])
    aid = engine.ask(QUESTION).article_id
    accounts = AccountService(engine.users)
    for name, role in (("rosa", "reader"), ("rita", "reviewer"), ("sam", "reviewer")):
        accounts.add_user(name, PASSWORD, role)
    app = create_app(settings, engine=engine)
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    while not srv.started:
        time.sleep(0.05)
    try:
        yield {"url": url, "article": aid, "inbox": inbox}
    finally:
        srv.should_exit = True
        thread.join(20)
        app.state.medcite.jobs.queue.close()
        engine.close()
        controller.stop()


SELECT_WORDS = """(cid) => {
  const li = document.querySelector(`li.st[data-claim="${cid}"]`);
  const text = li.firstChild;
  const range = document.createRange();
  range.setStart(text, 3);
  range.setEnd(text, Math.min(text.length - 1, 40));
  const sel = window.getSelection();
  sel.removeAllRanges();
  sel.addRange(range);
  document.dispatchEvent(new MouseEvent("mouseup", {bubbles: true}));
  return sel.toString();
}"""


def _login(page: Any, url: str, name: str) -> None:
    page.goto(url + "/login")
    page.get_by_label("Username").fill(name)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(url + "/")


def _logout(page: Any) -> None:
    page.get_by_role("button", name="Sign out").click()


@pytest.mark.slow
def test_reader_feedback_review_fix_approval_and_email(site: dict[str, Any]) -> None:
    if not CHROMIUM.is_file():
        pytest.skip("Chromium is not installed at /usr/bin/chromium (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1100, "height": 900})
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        try:
            _flow(page, site)
        finally:
            browser.close()
    assert not [e for e in errors if "Content Security Policy" in e], errors


def _flow(page: Any, site: dict[str, Any]) -> None:
    url, aid = site["url"], site["article"]
    article = f"{url}/articles/{aid}"
    _login(page, url, "rosa")
    page.goto(article)
    claim = page.locator("li.st[data-claim]").first
    cid = claim.get_attribute("data-claim")
    # the reader selects words of the statement: the report form opens with them as its quote
    picked = page.evaluate(SELECT_WORDS, cid)
    assert len(picked) > 10 and claim.locator("details.inline-feedback").get_attribute("open") is not None
    assert claim.get_by_label("The words in question (optional)").input_value() == " ".join(picked.split())
    claim.get_by_label("What is wrong?").select_option("unsupported")
    claim.get_by_label("Details").fill("Synthetic test report: the cited sentence does not say this.")
    claim.get_by_role("button", name="Send feedback").click()
    page.wait_for_load_state("load")
    assert "under re-review" in page.locator(f"#c-{cid}").inner_text()
    page.locator("#subscribe").get_by_label("Email (optional; in-app otherwise)").fill("rosa@example.org")
    page.locator("#subscribe").get_by_role("button", name="Subscribe").click()
    page.wait_for_load_state("load")
    _logout(page)

    _login(page, url, "rita")
    page.goto(url + "/review")
    item = page.locator("ul.queue li", has_text="1 reader report")
    item.get_by_role("link").click()
    box = page.locator(f"#c-{cid}")
    assert "under re-review" in box.inner_text()
    assert " ".join(picked.split()) in page.locator("li.feedback").first.inner_text()  # the anchored quote
    fixed = box.locator("textarea").input_value() + " (synthetic reviewer correction)"
    box.locator("textarea").fill(fixed)
    box.get_by_role("button", name="Save and re-verify").click()
    page.wait_for_load_state("load")
    box = page.locator(f"#c-{cid}")
    assert fixed in box.inner_text()
    assert box.locator("[data-verdict]").inner_text().split(" ")[0] in (
        "supported",
        "partial",
        "unsupported",
        "contradicted",
    )
    page.get_by_role("button", name="Submit").click()
    page.wait_for_load_state("load")
    page.get_by_role("button", name="Start review").click()
    page.wait_for_load_state("load")
    assert page.get_by_role("button", name="Approve").count() == 0  # her own edit
    page.screenshot(path=str(ARTIFACTS / "review.png"), full_page=True)
    page.screenshot(path=str(ARTIFACTS / "review-top.png"))  # the first screen
    _logout(page)

    _login(page, url, "sam")
    page.goto(url + "/reviewers/me")
    page.get_by_label("Name").fill("Dr Sam Synthetic")
    page.get_by_label("Credentials").fill("MD (synthetic test profile)")
    page.get_by_label("Specialty").fill("Gastroenterology")
    page.get_by_role("button", name="Save profile").click()
    page.goto(f"{article}/review")
    page.get_by_role("button", name="Approve").click()
    page.wait_for_load_state("load")
    _logout(page)

    page.goto(article)
    approval = page.locator("#approval").inner_text()
    assert "Dr Sam Synthetic" in approval and "Gastroenterology" in approval
    assert "pending human review" not in page.content()
    assert "under re-review" not in page.locator(f"#c-{cid}").inner_text()
    page.screenshot(path=str(ARTIFACTS / "approved.png"), full_page=True)
    inbox = site["inbox"]
    deadline = time.monotonic() + 20
    while not inbox.messages and time.monotonic() < deadline:
        time.sleep(0.1)
    sent = [m for m in inbox.messages if m["To"] == "rosa@example.org"]
    assert sent and "Dr Sam Synthetic" in sent[-1].get_payload(decode=True).decode()
