"""Notification email through a real SMTP server (aiosmtpd on 127.0.0.1, started here): an approval
reaches the subscriber by email, sent by the worker's job, with a one-click unsubscribe link that works;
the worker retries a failing send and marks it failed after the last try."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from email import message_from_bytes
from pathlib import Path
from typing import Any

import httpx
import pytest
from aiosmtpd.controller import Controller

from medcite.bootstrap import open_engine
from medcite.domain.editorial import Notification
from medcite.errors import NetworkError
from medcite.services.engine import Engine
from medcite.services.notify import deliver
from medcite.testing import WordOverlapVerifier
from medcite.web.app import create_app
from tests.web.conftest import BASE, slice_of_pubmedqa, web_settings
from tests.web.review_helpers import fresh_article, user_with_token

pytestmark = pytest.mark.anyio


class Inbox:
    def __init__(self) -> None:
        self.messages: list[Any] = []

    async def handle_DATA(self, server: object, session: object, envelope: Any) -> str:
        self.messages.append(message_from_bytes(envelope.content))
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def smtp() -> Iterator[tuple[int, Inbox]]:
    inbox = Inbox()
    port = _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield port, inbox
    finally:
        controller.stop()


@pytest.fixture(scope="module")
def mail_engine(smtp: tuple[int, Inbox], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    tmp: Path = tmp_path_factory.mktemp("mail")
    settings = web_settings(
        tmp / "home",
        f"sqlite:///{tmp / 'store.sqlite3'}",
        smtp_host="127.0.0.1",
        smtp_port=smtp[0],
        public_url=BASE,
    )
    eng = open_engine(settings, dense=False, verifier=WordOverlapVerifier())
    eng.ingest([slice_of_pubmedqa(tmp)])
    try:
        yield eng
    finally:
        eng.close()


async def test_an_approval_is_emailed_to_the_subscriber_with_one_click_unsubscribe(
    mail_engine: Engine, smtp: tuple[int, Inbox]
) -> None:
    _, inbox = smtp
    app = create_app(mail_engine.settings, engine=mail_engine)
    aid = fresh_article(mail_engine)
    _, reader = user_with_token(mail_engine, "reader")
    _, reviewer = user_with_token(mail_engine, "reviewer")
    try:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=BASE) as c:
            r = await c.post(
                f"/api/articles/{aid}/subscriptions",
                headers=reader,
                json={"kind": "updates", "email": "reader@example.org"},
            )
            assert r.status_code == 201, r.text
            for action in ("submit", "start_review", "approve"):
                r = await c.post(
                    f"/api/articles/{aid}/transitions", headers=reviewer, json={"action": action}
                )
                assert r.status_code == 200, r.text
            deadline = time.monotonic() + 20
            while not inbox.messages and time.monotonic() < deadline:
                time.sleep(0.1)
            assert inbox.messages, "no email arrived"
            msg = inbox.messages[-1]
            assert msg["To"] == "reader@example.org" and "approved" in msg["Subject"].lower()
            assert msg["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
            link = "".join(str(msg["List-Unsubscribe"]).split()).strip("<>")
            assert link.startswith(f"{BASE}/unsubscribe/") and link in msg.get_payload(decode=True).decode()
            r = await c.post(link.removeprefix(BASE))  # one click, no session, no CSRF token
            assert r.status_code == 200 and "You are unsubscribed" in r.text
            assert mail_engine.feedback.subscriptions(aid, "updates") == []
    finally:
        app.state.medcite.jobs.queue.close()


class Flaky:
    def __init__(self, failures: int) -> None:
        self.failures, self.sent = failures, 0

    def send(self, to: str, subject: str, body: str, headers: dict[str, str]) -> None:
        if self.failures:
            self.failures -= 1
            raise NetworkError("synthetic SMTP failure")
        self.sent += 1


def test_sending_retries_then_gives_up(mail_engine: Engine) -> None:
    repo = mail_engine.feedback
    aid = fresh_article(mail_engine)
    repo.notify(
        [
            Notification(
                0,
                aid,
                "Synthetic",
                "Synthetic body",
                "",
                email="a@example.org",
                unsubscribe_token="t1",
                mail_state="pending",
            )
        ]
    )
    waits: list[float] = []
    assert deliver(repo, Flaky(2), BASE, attempts=3, sleep=waits.append) == (1, 0)
    assert waits == [0.5, 1.0]
    repo.notify(
        [
            Notification(
                0,
                aid,
                "Synthetic",
                "Synthetic body",
                "",
                email="b@example.org",
                unsubscribe_token="t2",
                mail_state="pending",
            )
        ]
    )
    assert deliver(repo, Flaky(5), BASE, attempts=3, sleep=waits.append) == (0, 1)
    assert repo.pending_mail() == []
