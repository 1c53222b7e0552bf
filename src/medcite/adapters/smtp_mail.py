"""Email through SMTP (the standard library's smtplib): implements :class:`medcite.ports.Mailer`."""

from __future__ import annotations

import smtplib
from email.message import EmailMessage

from medcite.errors import NetworkError


class SmtpMailer:
    def __init__(self, host: str, port: int, sender: str, timeout_s: float = 10.0) -> None:
        self.host, self.port, self.sender, self.timeout_s = host, port, sender, timeout_s

    def send(self, to: str, subject: str, body: str, headers: dict[str, str]) -> None:
        msg = EmailMessage()
        msg["From"], msg["To"], msg["Subject"] = self.sender, to, subject
        for name, value in headers.items():
            msg[name] = value
        msg.set_content(body)
        try:
            with smtplib.SMTP(self.host, self.port, timeout=self.timeout_s) as smtp:
                smtp.send_message(msg)
        except (OSError, smtplib.SMTPException) as exc:
            raise NetworkError(
                f"the SMTP server {self.host}:{self.port} did not take the email: {exc}"
            ) from exc
