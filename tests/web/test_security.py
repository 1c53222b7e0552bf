"""Security of the web app: markup in a question, a comment-like field (a follow-up question, shown in
the thread) and a source title is shown as text; forms without the CSRF token get 403; a reader gets 403
on reviewer endpoints; SQL-injection strings are harmless; oversized requests get 413; a wrong password
many times is throttled (429); sessions and API tokens work and only their hashes are stored."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy import create_engine, text

from medcite.services.accounts import AccountService, token_hash
from medcite.services.engine import Engine
from tests.web.conftest import BASE, HOSTILE_PMID, QUESTION, MakeApp, assert_error, csrf, finished_job

pytestmark = pytest.mark.anyio
HTML = {"accept": "text/html"}
XSS = "<script>alert('q')</script><img src=x onerror=alert(1)>"
SQLI = ["' OR '1'='1", "1; DROP TABLE articles; --", "x' UNION SELECT password_hash FROM users --"]


def _inert(page: str, payload: str) -> None:
    """The payload appears only escaped: no live tag from it."""
    assert payload not in page
    assert "&lt;script&gt;" in page or "&lt;img" in page


def _user(engine: Engine, role: str) -> tuple[str, str]:
    import uuid

    name, password = f"{role}-{uuid.uuid4().hex[:8]}", "correct horse battery"
    AccountService(engine.users).add_user(name, password, role)
    return name, password


async def _login(client: httpx.AsyncClient, name: str, password: str) -> httpx.Response:
    token = await csrf(client)
    return await client.post("/login", data={"username": name, "password": password, "csrf_token": token})


async def test_markup_in_a_question_a_follow_up_and_a_source_title_is_inert(
    client: httpx.AsyncClient,
) -> None:
    token = await csrf(client)
    r = await client.post("/ask", data={"question": f"{QUESTION} {XSS}", "csrf_token": token})
    job_path = r.headers["location"]
    _inert((await client.get(job_path, headers=HTML)).text, XSS)
    job = await finished_job(client, job_path.rsplit("/", 1)[1])
    article = f"/articles/{job['result']}"
    _inert((await client.get(article, headers=HTML)).text, XSS)
    r = await client.post(
        f"{article}/followup", data={"question": f"Older adults? {XSS}", "csrf_token": token}
    )
    follow = await finished_job(client, r.headers["location"].rsplit("/", 1)[1])
    _inert((await client.get(f"/articles/{follow['result']}", headers=HTML)).text, XSS)
    _inert((await client.get(article, headers=HTML)).text, XSS)  # the thread lists the follow-up
    source = (await client.get(f"/sources/{HOSTILE_PMID}", headers=HTML)).text
    assert "<script>alert('title')</script>" not in source and "&lt;script&gt;alert(" in source
    assert "<img src=x" not in source
    found = await client.get("/search", params={"q": "synthetic markup check"}, headers=HTML)
    assert "Synthetic test record" in found.text and "<script>alert('title')" not in found.text
    api = (await client.get(f"/api/sources/{HOSTILE_PMID}")).json()
    assert api["title"].startswith("<script>")  # JSON carries the text as it is; it is data, not markup


async def test_forms_without_the_csrf_token_get_403(client: httpx.AsyncClient) -> None:
    await csrf(client)
    for path, data in (
        ("/ask", {"question": QUESTION}),
        ("/ask", {"question": QUESTION, "csrf_token": "forged"}),
        ("/audience", {"who": "patient"}),
        ("/login", {"username": "a", "password": "b"}),
        ("/logout", {"csrf_token": ""}),
    ):
        r = await client.post(
            path,
            data={
                **data,
                **({"csrf_token": data["csrf_token"]} if "csrf_token" in data else {"csrf_token": ""}),
            },
        )
        assert r.status_code == 403, (path, r.text)
    r = await client.post(
        "/ask", data={"question": QUESTION, "csrf_token": "x"}, headers={"accept": "application/json"}
    )
    assert_error(r, 403, "forbidden")


async def test_a_reader_gets_403_on_reviewer_endpoints(client: httpx.AsyncClient, engine: Engine) -> None:
    name, password = _user(engine, "reader")
    r = await _login(client, name, password)
    assert r.status_code == 303
    cookie = r.headers["set-cookie"]
    assert (
        "mc_session=" in cookie and "HttpOnly" in cookie and "Secure" in cookie and "SameSite=lax" in cookie
    )
    assert_error(await client.get("/api/review/queue"), 403, "forbidden")
    assert (await client.get("/review", headers=HTML)).status_code == 403
    r = await client.post("/logout", data={"csrf_token": client.cookies["mc_csrf"]})
    assert r.status_code == 303
    assert_error(await client.get("/api/review/queue"), 401, "unauthorized")
    reviewer, rp = _user(engine, "reviewer")
    async with httpx.AsyncClient(transport=client._transport, base_url=BASE) as other:
        assert (await _login(other, reviewer, rp)).status_code == 303
        assert (await other.get("/api/review/queue")).status_code == 200
        assert (await other.get("/review", headers=HTML)).status_code == 200


async def test_api_tokens_and_the_csrf_header_for_cookie_sessions(
    client: httpx.AsyncClient, engine: Engine
) -> None:
    name, password = _user(engine, "clinician")
    await _login(client, name, password)
    assert_error(await client.post("/api/tokens", json={"name": "ci"}), 403, "forbidden")  # no CSRF header
    r = await client.post(
        "/api/tokens", json={"name": "ci"}, headers={"x-csrf-token": client.cookies["mc_csrf"]}
    )
    assert r.status_code == 201, r.text
    token = r.json()["token"]
    db = create_engine(engine.settings.resolved_database_url)
    try:
        with db.connect() as conn:
            stored = [row[0] for row in conn.execute(text("SELECT token_hash FROM api_tokens"))]
            hashes = [row[0] for row in conn.execute(text("SELECT password_hash FROM users"))]
    finally:
        db.dispose()
    assert token not in stored and token_hash(token) in stored
    assert all(h.startswith("$argon2id$") for h in hashes)
    async with httpx.AsyncClient(transport=client._transport, base_url=BASE) as api:
        r = await api.get("/api/articles", headers={"authorization": f"Bearer {token}"})
        assert r.status_code == 200


async def test_sql_injection_strings_are_harmless(client: httpx.AsyncClient, engine: Engine) -> None:
    before = engine.store.count()
    for s in SQLI:
        assert (await client.get("/api/search", params={"q": s})).status_code == 200
        assert_error(await client.get(f"/api/answers/{s}"), 404, "not_found")
        assert_error(await client.get(f"/api/sources/{s}"), 404, "not_found")
        assert_error(await client.get(f"/api/jobs/{s}"), 404, "not_found")
        r = await _login(client, s, s)
        assert r.status_code == 401
    assert engine.store.count() == before
    assert (await client.get("/api/articles")).status_code == 200


async def test_oversized_requests_get_413(make_app: MakeApp) -> None:
    app = make_app(max_body_bytes=4096)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=BASE) as c:
        big = "x" * 10_000
        assert_error(await c.post("/api/answers", json={"question": big}), 413, "payload_too_large")
        r = await c.post("/ask", data={"question": big, "csrf_token": "t"}, headers=HTML)
        assert r.status_code == 413

        async def chunks():  # type: ignore[no-untyped-def]
            for _ in range(10):
                yield b"x" * 1000

        assert_error(await c.post("/api/answers", content=chunks()), 413, "payload_too_large")


async def test_a_wrong_password_many_times_is_throttled(make_app: MakeApp, engine: Engine) -> None:
    app = make_app(rate_login="3/minute")
    name, password = _user(engine, "reader")
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=BASE) as c:
        codes = [(await _login(c, name, "wrong password")).status_code for _ in range(5)]
        assert codes[:3] == [401, 401, 401] and codes[3:] == [429, 429]
        r = await _login(c, name, password)  # even the right password waits for the window
        assert r.status_code == 429 and int(r.headers["retry-after"]) >= 1
