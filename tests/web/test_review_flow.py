"""The editorial workflow through the REST API, on SQLite and PostgreSQL: the whole flow (reader
feedback and subscription, reviewer fix re-verified, approval by another reviewer, the stable version for
readers, notifications), the conflict on concurrent saves, anchoring across versions, comments, the audit
log, and the permissions of each role on every new endpoint."""

from __future__ import annotations

import httpx
import pytest
from fastapi import FastAPI

from medcite.services.engine import Engine
from tests.web.conftest import BASE, assert_error
from tests.web.review_helpers import fresh_article, user_with_token

pytestmark = pytest.mark.anyio


def _claim(body: dict[str, object], wanted: str = "") -> dict[str, object]:
    claims = body["claims"]
    assert isinstance(claims, list) and claims
    return next((c for c in claims if wanted and wanted in c["text"]), claims[0])


async def test_the_whole_flow(client: httpx.AsyncClient, engine: Engine) -> None:
    aid = fresh_article(engine)
    _, reader = user_with_token(engine, "reader")
    rita, rv1 = user_with_token(engine, "reviewer")
    _, rv2 = user_with_token(engine, "reviewer")
    _, editor = user_with_token(engine, "editor")
    r = await client.put(
        "/api/reviewers/me",
        headers=rv2,
        json={
            "name": "Dr Synthetic Reviewer",
            "credentials": "MD",
            "specialty": "Gastroenterology",
            "disclosure": "",
        },
    )
    assert r.status_code == 200 and r.json()["disclosure"] == "None declared"
    board = (await client.get("/api/reviewers")).json()["items"]
    assert "Dr Synthetic Reviewer" in {p["name"] for p in board}
    assert "Dr Synthetic Reviewer" in (await client.get("/reviewers", headers={"accept": "text/html"})).text

    art = (await client.get(f"/api/review/articles/{aid}", headers=rv1)).json()
    claim = _claim(art)
    cid, text = str(claim["claim_id"]), str(claim["text"])
    quote = text.split()[1] + " " + text.split()[2]
    r = await client.post(
        f"/api/articles/{aid}/feedback",
        headers=reader,
        json={"claim_id": cid, "kind": "unsupported", "text": "Synthetic report", "quote": quote},
    )
    assert r.status_code == 201, r.text
    assert r.json()["anchor"]["quote"] == quote and r.json()["version"] == 1
    r = await client.post(f"/api/articles/{aid}/subscriptions", headers=reader, json={"kind": "updates"})
    assert r.status_code == 201 and r.json()["unsubscribe"].startswith("/unsubscribe/")
    queue = (await client.get("/api/review/tasks", headers=rv1)).json()["items"]
    assert any(i["article_id"] == aid and i["open_feedback"] == 1 for i in queue)

    # the reviewer fixes the claim: a new version, re-verified
    new_text = text + " (synthetic reviewer edit)"
    r = await client.put(
        f"/api/articles/{aid}/claims/{cid}", headers=rv1, json={"text": new_text, "base_version": 1}
    )
    assert r.status_code == 200, r.text
    assert r.json()["version"] == 2 and r.json()["claim"]["text"] == new_text
    assert r.json()["claim"]["verdict"] in ("supported", "partial", "unsupported", "contradicted")
    fb = (await client.get(f"/api/articles/{aid}/feedback", headers=rv1)).json()["items"][0]
    assert fb["anchor"]["claim_id"] == cid and not fb["orphaned"]  # re-anchored in version 2

    for action in ("submit", "start_review"):
        r = await client.post(f"/api/articles/{aid}/transitions", headers=rv1, json={"action": action})
        assert r.status_code == 200, r.text
    own = await client.post(f"/api/articles/{aid}/transitions", headers=rv1, json={"action": "approve"})
    assert "own edit" in assert_error(own, 403, "forbidden")["message"]
    r = await client.post(f"/api/articles/{aid}/transitions", headers=rv2, json={"action": "approve"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["review_status"] == "approved" and body["approved_version"] == 2
    assert (
        body["approvals"][0]["reviewer"] == "Dr Synthetic Reviewer"
        and len(body["approvals"][0]["sha256"]) == 64
    )

    public = (await client.get(f"/articles/{aid}", headers={"accept": "text/html"})).text
    assert "Dr Synthetic Reviewer" in public and "Gastroenterology" in public and new_text in public
    assert "under re-review" not in public  # the approval settled the feedback
    notes = (await client.get("/api/notifications", headers=reader)).json()["items"]
    assert notes and "approved" in notes[0]["subject"].lower()

    # an edit after approval is pending: readers keep version 2, reviewers see version 3
    r = await client.put(
        f"/api/articles/{aid}/claims/{cid}", headers=rv1, json={"text": text, "base_version": 2}
    )
    assert r.json()["version"] == 3 and r.json()["review_status"] == "under_review"
    public = (await client.get(f"/articles/{aid}", headers={"accept": "text/html"})).text
    assert "A newer version (version 3) is waiting for review" in public and new_text in public
    stable = (await client.get(f"/api/answers/{aid}")).json()
    assert stable["version"] == 2 and stable["newer_version_pending"] is True
    assert stable["review_status"] == "approved" and stable["approved_version"] == 2
    newest = (await client.get(f"/api/answers/{aid}", headers=rv1)).json()
    assert newest["version"] == 3 and newest["newer_version_pending"] is False
    diff = (await client.get(f"/api/articles/{aid}/diff", params={"from": 2, "to": 3}, headers=rv1)).json()
    assert "-" in diff["diff"] and "(synthetic reviewer edit)" in diff["diff"]
    log = (await client.get("/api/audit", params={"article_id": aid}, headers=editor)).json()["items"]
    actions = [e["action"] for e in log]
    assert {"feedback", "edit", "submit", "start_review", "approve"} <= set(actions)
    edit = next(e for e in log if e["action"] == "edit" and e["to_version"] == 3)
    assert edit["from_version"] == 2 and edit["actor_id"] == rita.id


async def test_a_second_save_of_the_same_version_gets_409_and_keeps_its_text(
    client: httpx.AsyncClient, engine: Engine
) -> None:
    aid = fresh_article(engine)
    _, rv1 = user_with_token(engine, "reviewer")
    _, rv2 = user_with_token(engine, "reviewer")
    claim = _claim((await client.get(f"/api/review/articles/{aid}", headers=rv1)).json())
    cid = claim["claim_id"]
    first = await client.put(
        f"/api/articles/{aid}/claims/{cid}",
        headers=rv1,
        json={"text": "First synthetic edit.", "base_version": 1},
    )
    assert first.status_code == 200
    second = await client.put(
        f"/api/articles/{aid}/claims/{cid}",
        headers=rv2,
        json={"text": "Second synthetic edit.", "base_version": 1},
    )
    err = assert_error(second, 409, "conflict")
    assert err["details"][0]["yours"] == "Second synthetic edit."
    assert (
        err["details"][0]["current_version"] == "2" and err["details"][0]["theirs"] == "First synthetic edit."
    )
    assert len((await client.get(f"/api/articles/{aid}/versions", headers=rv1)).json()["items"]) == 2


async def test_feedback_is_orphaned_when_its_quote_is_gone(client: httpx.AsyncClient, engine: Engine) -> None:
    aid = fresh_article(engine)
    _, reader = user_with_token(engine, "reader")
    _, rv = user_with_token(engine, "reviewer")
    claims = (await client.get(f"/api/review/articles/{aid}", headers=rv)).json()["claims"]
    first, last = claims[0], claims[-1]
    kept = await client.post(
        f"/api/articles/{aid}/feedback",
        headers=reader,
        json={"claim_id": last["claim_id"], "kind": "outdated", "quote": ""},
    )
    gone = await client.post(
        f"/api/articles/{aid}/feedback",
        headers=reader,
        json={"claim_id": first["claim_id"], "kind": "number", "quote": first["text"][:120]},
    )
    assert kept.status_code == gone.status_code == 201
    r = await client.put(
        f"/api/articles/{aid}/claims/{first['claim_id']}",
        headers=rv,
        json={"text": "Replaced by a synthetic sentence.", "base_version": 1},
    )
    assert r.status_code == 200
    items = {
        i["id"]: i for i in (await client.get(f"/api/articles/{aid}/feedback", headers=rv)).json()["items"]
    }
    assert items[gone.json()["id"]]["orphaned"] is True
    assert items[kept.json()["id"]]["anchor"]["claim_id"] == last["claim_id"]


async def test_comments_are_sanitised_guarded_threaded_and_moderated(
    client: httpx.AsyncClient, engine: Engine
) -> None:
    aid = fresh_article(engine)
    _, reader = user_with_token(engine, "reader")
    _, editor = user_with_token(engine, "editor")
    url = f"/api/articles/{aid}/comments"
    r = await client.post(
        url, headers=reader, json={"body": "**Synthetic** <script>alert(1)</script> [x](javascript:alert(1))"}
    )
    assert r.status_code == 201, r.text
    html = r.json()["html"]
    assert "<strong>Synthetic</strong>" in html and "<script>" not in html and "&lt;script&gt;" in html
    assert 'href="javascript' not in html
    top = r.json()["id"]
    assert_error(
        await client.post(url, headers=reader, json={"body": "spam", "website": "http://x"}),
        422,
        "invalid_request",
    )
    links = "https://a.example https://b.example https://c.example"
    assert_error(await client.post(url, headers=reader, json={"body": links}), 422, "invalid_request")
    reply = await client.post(url, headers=reader, json={"body": "A synthetic reply", "parent_id": top})
    assert reply.status_code == 201 and reply.json()["parent_id"] == top
    r = await client.patch(f"/api/comments/{top}", headers=reader, json={"body": "Edited synthetic comment"})
    assert r.status_code == 200 and r.json()["edited_at"]
    assert_error(
        await client.patch(f"/api/comments/{top}", headers=editor, json={"body": "x"}), 403, "forbidden"
    )
    assert_error(
        await client.post(f"/api/comments/{top}/moderation", headers=reader, json={"action": "hide"}),
        403,
        "forbidden",
    )
    r = await client.post(f"/api/comments/{top}/moderation", headers=editor, json={"action": "hide"})
    assert r.json()["state"] == "hidden"
    public = (await client.get(url)).json()["items"]
    assert [c["id"] for c in public] == [reply.json()["id"]]
    log = (await client.get("/api/audit", params={"article_id": aid}, headers=editor)).json()["items"]
    assert "comment_hide" in {e["action"] for e in log}


ROLE_CHECKS = [  # (method, path template, json, least role)
    ("GET", "/api/review/articles/{aid}", None, "reviewer"),
    ("GET", "/api/articles/{aid}/versions", None, "reviewer"),
    ("GET", "/api/articles/{aid}/versions/1", None, "reviewer"),
    ("GET", "/api/articles/{aid}/diff?from=1&to=1", None, "reviewer"),
    ("GET", "/api/articles/{aid}/feedback", None, "reviewer"),
    ("GET", "/api/articles/{aid}/claims/reviews", None, "reviewer"),
    ("POST", "/api/articles/{aid}/claims/{cid}/reviews", {"decision": "confirm"}, "reviewer"),
    ("GET", "/api/review/tasks", None, "reviewer"),
    ("GET", "/api/reviewers/me", None, "reviewer"),
    ("GET", "/api/audit", None, "editor"),
    ("PUT", "/api/policy", {"body": "# Synthetic policy", "base_version": 999}, "editor"),
    ("POST", "/api/articles/{aid}/transitions", {"action": "submit"}, "clinician"),
    ("GET", "/api/notifications", None, "reader"),
    ("POST", "/api/articles/{aid}/subscriptions", {"kind": "comments"}, "reader"),
    ("PUT", "/api/articles/{aid}/claims/{cid}", {"text": "Synthetic.", "base_version": 999}, "reviewer"),
    (
        "POST",
        "/api/articles/{aid}/claims/{cid}/citations",
        {"pmid": "23831910", "base_version": 999},
        "reviewer",
    ),
    ("DELETE", "/api/articles/{aid}/claims/{cid}/citations/1?base_version=999", None, "reviewer"),
    ("POST", "/api/articles/{aid}/regenerate", {"base_version": 999}, "reviewer"),
    ("PUT", "/api/reviewers/me", {"name": "Synthetic Reviewer"}, "reviewer"),
    ("POST", "/api/feedback/{fid}/settle", {"resolution": "synthetic"}, "reviewer"),
    ("POST", "/api/articles/{aid}/comments", {"body": "A synthetic comment"}, "reader"),
    ("POST", "/api/comments/{comment}/moderation", {"action": "restore"}, "editor"),
    ("POST", "/api/articles/{aid}/feedback", {"claim_id": "{cid}", "kind": "outdated"}, "reader"),
    ("POST", "/api/notifications/999999/read", None, "reader"),
    ("GET", "/articles/{aid}/review", None, "reviewer"),
    ("GET", "/review", None, "reviewer"),
    ("GET", "/articles/{aid}/diff?from=1&to=1", None, "reviewer"),
    ("GET", "/audit-log", None, "editor"),
    ("GET", "/reviewers/me", None, "reviewer"),
    ("GET", "/policy/edit", None, "editor"),
    ("GET", "/notifications", None, "reader"),
]
PUBLIC_READS = ["/api/workflow", "/api/policy", "/policy", "/api/articles/{aid}/comments", "/articles/{aid}"]
ROLES = ["reader", "clinician", "reviewer", "editor", "admin"]


async def test_permissions_of_each_role_on_the_new_endpoints(
    client: httpx.AsyncClient, engine: Engine
) -> None:
    aid = fresh_article(engine)
    heads = {role: user_with_token(engine, role)[1] for role in ROLES}
    _, rv = user_with_token(engine, "reviewer")
    cid = _claim((await client.get(f"/api/review/articles/{aid}", headers=rv)).json())["claim_id"]
    _, author = user_with_token(engine, "reader")
    fb = await client.post(
        f"/api/articles/{aid}/feedback", headers=author, json={"claim_id": cid, "kind": "other", "text": "x"}
    )
    comment = await client.post(f"/api/articles/{aid}/comments", headers=author, json={"body": "Synthetic"})
    ids = {"aid": aid, "cid": cid, "fid": fb.json()["id"], "comment": comment.json()["id"]}
    for path in PUBLIC_READS:
        assert (await client.get(path.format(**ids))).status_code == 200, path
    edit = f"/api/comments/{ids['comment']}"
    for role in ROLES:  # only its author edits a comment, whatever the role
        assert_error(await client.patch(edit, json={"body": "x"}, headers=heads[role]), 403, "forbidden")
    assert (await client.patch(edit, json={"body": "Edited"}, headers=author)).status_code == 200
    for method, path, body, least in ROLE_CHECKS:
        url = path.format(**ids)
        if body is not None:
            body = {k: v.format(**ids) if isinstance(v, str) else v for k, v in body.items()}
        anon = await client.request(method, url, json=body)
        assert anon.status_code == 401, (url, anon.text)
        for role in ROLES:
            r = await client.request(method, url, json=body, headers=heads[role])
            if ROLES.index(role) < ROLES.index(least):
                assert r.status_code == 403, (url, role, r.text)
            else:
                assert r.status_code not in (401, 403), (url, role, r.text)


async def test_the_policy_is_versioned_markdown_sanitised(client: httpx.AsyncClient, engine: Engine) -> None:
    _, editor = user_with_token(engine, "editor")
    current = (await client.get("/api/policy")).json()["version"]
    body = "# Synthetic policy\n\nReviewed by **named** reviewers. <script>alert(1)</script>"
    r = await client.put("/api/policy", headers=editor, json={"body": body, "base_version": current})
    assert r.status_code == 200 and r.json()["version"] == current + 1
    stale = await client.put("/api/policy", headers=editor, json={"body": "Mine", "base_version": current})
    assert assert_error(stale, 409, "conflict")["details"][0]["yours"] == "Mine"
    page = (await client.get("/policy", headers={"accept": "text/html"})).text
    assert "<strong>named</strong>" in page and "<script>alert(1)" not in page
    assert "not the author of the version" in page  # the transition table is printed


async def test_the_review_pages_render(app: FastAPI, engine: Engine) -> None:
    aid = fresh_article(engine)
    _, rv = user_with_token(engine, "editor")
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=BASE) as c:
        html = {"accept": "text/html"} | rv
        for path in (
            f"/articles/{aid}/review",
            "/review?topic=enteroscopy",
            "/audit-log",
            "/reviewers/me",
            "/policy/edit",
            f"/articles/{aid}/diff?from=1&to=1",
            "/notifications",
        ):
            r = await c.get(path, headers=html)
            assert r.status_code == 200, (path, r.text[:300])
        assert "Save and re-verify" in (await c.get(f"/articles/{aid}/review", headers=html)).text
