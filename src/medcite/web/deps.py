"""What the routes share: the app's state (engine, jobs, accounts, limits, templates) and the
dependencies that find the user (session cookie or API token) and check roles and CSRF."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import Request
from fastapi.templating import Jinja2Templates

from medcite.domain import Role, User
from medcite.services.accounts import AccountService
from medcite.services.editorial import EditorialService
from medcite.services.engine import Engine
from medcite.services.feedback import FeedbackService
from medcite.services.jobs import JobService
from medcite.web.errors import WebError
from medcite.web.security import (
    CSRF_COOKIE,
    CSRF_FIELD,
    CSRF_HEADER,
    RateLimits,
    check_csrf,
    new_csrf_token,
)

SESSION_COOKIE = "mc_session"
AUDIENCE_COOKIE = "mc_audience"


@dataclass(frozen=True)
class AppState:
    engine: Engine
    jobs: JobService
    accounts: AccountService
    limits: RateLimits
    templates: Jinja2Templates
    cookie_secure: bool
    editorial: EditorialService
    feedback: FeedbackService


def state(request: Request) -> AppState:
    st: AppState = request.app.state.medcite
    return st


def client_key(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def current_user(request: Request) -> User | None:
    """The signed-in user: by ``Authorization: Bearer <API token>``, else by the session cookie."""
    if hasattr(request.state, "user"):
        cached: User | None = request.state.user
        return cached
    accounts = state(request).accounts
    user: User | None = None
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        user = accounts.token_user(auth[7:].strip())
        if user is None:
            raise WebError(401, "the API token is not valid")
        request.state.via_token = True
    elif token := request.cookies.get(SESSION_COOKIE):
        user = accounts.session_user(token)
    request.state.user = user
    return user


def require(request: Request, role: Role) -> User:
    """The user, who must hold ``role`` or a higher one (401 when signed out, 403 when not allowed)."""
    user = current_user(request)
    if user is None:
        raise WebError(401, "sign in first")
    if not user.role.at_least(role):
        raise WebError(403, f"this needs the {role.value} role (you are {user.role.value})")
    return user


def api_csrf(request: Request) -> None:
    """A state-changing API call made with the session cookie carries the CSRF token in a header; one
    made with an API token, or by an anonymous client, has no ambient authority to protect."""
    current_user(request)
    if request.cookies.get(SESSION_COOKIE) and not getattr(request.state, "via_token", False):
        check_csrf(request.cookies.get(CSRF_COOKIE), request.headers.get(CSRF_HEADER))


async def csrf_form(request: Request) -> None:
    """A form post carries the CSRF token of its browser (403 otherwise, before anything else is read)."""
    form = await request.form()
    sent = form.get(CSRF_FIELD)
    check_csrf(request.cookies.get(CSRF_COOKIE), sent if isinstance(sent, str) else None)


def csrf_token(request: Request) -> str:
    """The CSRF token of this browser (the cookie's, or a new one that the response sets)."""
    token: str | None = getattr(request.state, "csrf", None) or request.cookies.get(CSRF_COOKIE)
    if not token:
        token = new_csrf_token()
    request.state.csrf = token
    return token
