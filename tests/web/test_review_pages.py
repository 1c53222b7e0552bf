"""The review workflow's forms in the pages (signed in with a session, CSRF tokens), on SQLite and
PostgreSQL: roles and CSRF on the forms, a stale save answered 409 with the reviewer's text kept in the
form, a citation searched from the store and added, inline feedback marking the claim "under re-review",
comments written and edited, the honeypot, and the dates on the article page."""

from __future__ import annotations

import re

import httpx
import pytest
from fastapi import FastAPI

from medcite.services.editorial import claims_of
from medcite.services.engine import Engine
from tests.web.conftest import BASE, csrf
from tests.web.review_helpers import PASSWORD, fresh_article, user_with_token

pytestmark = pytest.mark.anyio
HTML = {"accept": "text/html"}


async def _signed_in(app: FastAPI, engine: Engine, role: str) -> tuple[httpx.AsyncClient, str]:
    user, _ = user_with_token(engine, role)
    c = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=BASE)
    token = await csrf(c)
    r = await c.post("/login", data={"username": user.username, "password": PASSWORD, "csrf_token": token})
    assert r.status_code == 303, r.text
    return c, token


async def test_review_forms_roles_conflict_and_citation_search(app: FastAPI, engine: Engine) -> None:
    aid = fresh_article(engine)
    cid = next(iter(claims_of(engine.article(aid).article)))
    reader, rtok = await _signed_in(app, engine, "reader")
    reviewer, vtok = await _signed_in(app, engine, "reviewer")
    try:
        edit = f"/articles/{aid}/claims/{cid}/edit"
        form = {"text": "Synthetic edit.", "base_version": "1"}
        r = await reader.post(edit, data=form | {"csrf_token": rtok}, headers=HTML)
        assert r.status_code == 403
        r = await reviewer.post(edit, data=form | {"csrf_token": "forged"}, headers=HTML)
        assert r.status_code == 403 and "CSRF" in r.text
        r = await reviewer.post(edit, data=form | {"csrf_token": vtok})
        assert r.status_code == 303
        mine = "My synthetic text that must not be lost."
        r = await reviewer.post(
            edit, data={"text": mine, "base_version": "1", "csrf_token": vtok}, headers=HTML
        )
        assert r.status_code == 409 and mine in r.text and "no longer the newest" in r.text

        page = await reviewer.get(
            f"/articles/{aid}/review", params={"cite_for": cid, "q": "cancer"}, headers=HTML
        )
        assert page.status_code == 200 and "Cite this" in page.text
        pmids = re.findall(r'name="pmid" value="(\d+)"><button type="submit">Cite this', page.text)
        cited = {r.key for r in engine.article(aid).article.references}
        assert pmids, page.text[-3000:]
        new = next(p for p in pmids if p not in cited)
        r = await reviewer.post(
            f"/articles/{aid}/claims/{cid}/cite", data={"pmid": new, "base_version": "2", "csrf_token": vtok}
        )
        assert r.status_code == 303
        rec = engine.article(aid)
        assert rec.version == 3 and new in {r.key for r in rec.article.references}
        assert claims_of(rec.article)[cid].citations[-1] == max(r.n for r in rec.article.references)
    finally:
        await reader.aclose()
        await reviewer.aclose()


async def test_reader_forms_feedback_comments_and_dates(app: FastAPI, engine: Engine) -> None:
    aid = fresh_article(engine)
    cid = next(iter(claims_of(engine.article(aid).article)))
    reader, tok = await _signed_in(app, engine, "reader")
    try:
        page = (await reader.get(f"/articles/{aid}", headers=HTML)).text
        assert "Last updated" in page and "Literature searched through" in page
        assert "under re-review" not in page
        r = await reader.post(
            f"/articles/{aid}/feedback",
            data={"claim_id": cid, "kind": "number", "text": "Synthetic", "csrf_token": tok},
        )
        assert r.status_code == 303
        page = (await reader.get(f"/articles/{aid}", headers=HTML)).text
        assert re.search(rf'id="c-{cid}".*?under re-review', page, re.S)
        r = await reader.post(
            f"/articles/{aid}/comments", data={"body": "A *synthetic* comment", "csrf_token": tok}
        )
        assert r.status_code == 303
        page = (await reader.get(f"/articles/{aid}", headers=HTML)).text
        assert "<em>synthetic</em>" in page
        comment_id = re.search(r'action="/comments/([0-9a-f-]+)/edit"', page)
        assert comment_id
        r = await reader.post(
            f"/comments/{comment_id.group(1)}/edit", data={"body": "Edited synthetic", "csrf_token": tok}
        )
        assert r.status_code == 303
        assert "Edited synthetic" in (await reader.get(f"/articles/{aid}", headers=HTML)).text
        r = await reader.post(
            f"/articles/{aid}/comments",
            data={"body": "Buy now", "website": "http://spam.example", "csrf_token": tok},
            headers=HTML,
        )
        assert r.status_code == 422 and "automated" in r.text
        r = await reader.post(
            f"/articles/{aid}/subscribe",
            data={"kind": "updates", "email": "not-an-address", "csrf_token": tok},
            headers=HTML,
        )
        assert r.status_code == 422
    finally:
        await reader.aclose()
