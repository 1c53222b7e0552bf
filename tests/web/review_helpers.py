"""Helpers of the review workflow tests: users with API tokens, and an article written by the engine."""

from __future__ import annotations

import uuid

from medcite.domain import User
from medcite.services.accounts import AccountService
from medcite.services.engine import Engine
from tests.web.conftest import QUESTION

PASSWORD = "synthetic-password-1"


def user_with_token(engine: Engine, role: str, name: str | None = None) -> tuple[User, dict[str, str]]:
    accounts = AccountService(engine.users)
    user = accounts.add_user(name or f"{role}-{uuid.uuid4().hex[:8]}", PASSWORD, role)
    return user, {"authorization": f"Bearer {accounts.new_api_token(user, 'test')}"}


def fresh_article(engine: Engine) -> str:
    """A new machine-written article (a draft) for the test question."""
    return engine.ask(QUESTION).article_id
