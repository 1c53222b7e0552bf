"""Notifications: in-app for subscribers with an account, and email (through the Mailer port) with a
one-click unsubscribe link, sent by the worker with retries."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from medcite.domain.editorial import Notification
from medcite.errors import NetworkError
from medcite.ports import FeedbackRepository, Mailer

NOTIFY = "notify"  # the job kind that sends pending email


@dataclass(frozen=True)
class Notifier:
    repo: FeedbackRepository
    public_url: str
    mail: bool  # an SMTP server is configured: email is queued
    kick: Callable[[], None]  # starts the worker's delivery job

    def to_subscribers(
        self,
        article_id: str,
        kind: str,
        subject: str,
        body: str,
        comment_id: str | None = None,
        exclude: str | None = None,
    ) -> int:
        subs = self.repo.subscriptions(article_id, kind, comment_id)
        subs = [s for s in subs if not (exclude and s.user_id == exclude)]
        link = f"{self.public_url}/articles/{article_id}"
        items = [
            Notification(
                0,
                article_id,
                subject[:300],
                f"{body}\n\nRead it: {link}",
                "",
                user_id=s.user_id,
                email=s.email,
                unsubscribe_token=s.token,
                mail_state="pending" if s.email and self.mail else "none",
            )
            for s in subs
        ]
        self.repo.notify(items)
        if any(n.mail_state == "pending" for n in items):
            self.kick()
        return len(items)


def unsubscribe_url(public_url: str, token: str) -> str:
    return f"{public_url}/unsubscribe/{token}"


def deliver(
    repo: FeedbackRepository,
    mailer: Mailer,
    public_url: str,
    attempts: int = 3,
    backoff_s: float = 0.5,
    sleep: Callable[[float], None] = time.sleep,
) -> tuple[int, int]:
    """Send every pending email, each up to ``attempts`` times with growing waits; (sent, failed)."""
    sent = failed = 0
    for n in repo.pending_mail():
        assert n.email is not None
        url = unsubscribe_url(public_url, n.unsubscribe_token or "")
        headers = {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
        body = f"{n.body}\n\nStop these emails (one click): {url}\n"
        tries, error = n.attempts, ""
        while tries < attempts:
            tries += 1
            try:
                mailer.send(n.email, n.subject, body, headers)
            except NetworkError as exc:
                error = str(exc)
                if tries < attempts:
                    sleep(backoff_s * 2 ** (tries - 1))
                continue
            repo.mail_result(n.id, "sent", tries)
            sent += 1
            break
        else:
            repo.mail_result(n.id, "failed", tries, error)
            failed += 1
    return sent, failed
