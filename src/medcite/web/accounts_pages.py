"""Sign in and out: argon2 passwords, a session cookie (Secure, HttpOnly, SameSite=Lax), rate limits per
client and per username on login attempts."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from medcite.services.accounts import SESSION_TTL_S
from medcite.web.deps import SESSION_COOKIE, client_key, csrf_form, csrf_token, current_user, state

router = APIRouter(include_in_schema=False)


def _page(request: Request, error: str = "", status: int = 200) -> HTMLResponse:
    ctx = {"csrf": csrf_token(request), "user": current_user(request), "error": error}
    return state(request).templates.TemplateResponse(request, "login.html", ctx, status_code=status)


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request) -> HTMLResponse:
    return _page(request)


@router.post("/login", dependencies=[Depends(csrf_form)])
def login(
    request: Request,
    username: Annotated[str, Form(max_length=128)],
    password: Annotated[str, Form(max_length=1024)],
) -> Response:
    st = state(request)
    st.limits.hit("login", f"ip:{client_key(request)}", f"name:{username.lower()}")
    user = st.accounts.authenticate(username, password)
    if user is None:
        return _page(request, "The username or password is wrong.", status=401)
    token = st.accounts.open_session(user)
    response = RedirectResponse("/", status_code=303)
    response.set_cookie(
        SESSION_COOKIE, token, max_age=SESSION_TTL_S, httponly=True, secure=st.cookie_secure, samesite="lax"
    )
    return response


@router.post("/logout", dependencies=[Depends(csrf_form)])
def logout(request: Request) -> Response:
    if token := request.cookies.get(SESSION_COOKIE):
        state(request).accounts.close_session(token)
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response
