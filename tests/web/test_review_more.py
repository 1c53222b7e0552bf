"""More of the review workflow, on SQLite and PostgreSQL: regeneration as a new version (a job), the stale
and reopen moves, two saves racing on the same version (exactly one wins), rate limits and the edit window
of comments, reply notifications, and an audit log that no endpoint changes."""

from __future__ import annotations

import threading

import httpx
import pytest

from medcite.errors import ConflictError
from medcite.services.editorial import claims_of
from medcite.services.engine import Engine
from tests.web.conftest import BASE, MakeApp, assert_error, finished_job
from tests.web.review_helpers import fresh_article, user_with_token

pytestmark = pytest.mark.anyio


async def test_regeneration_is_a_new_version_and_an_approved_article_can_go_stale(
    client: httpx.AsyncClient, engine: Engine
) -> None:
    aid = fresh_article(engine)
    _, rv = user_with_token(engine, "reviewer")
    _, rv2 = user_with_token(engine, "reviewer")
    _, editor = user_with_token(engine, "editor")
    r = await client.post(f"/api/articles/{aid}/regenerate", headers=rv, json={"base_version": 1})
    assert r.status_code == 202, r.text
    job = await finished_job(client, r.json()["id"])
    assert job["status"] == "done" and job["result"] == aid, job
    versions = (await client.get(f"/api/articles/{aid}/versions", headers=rv)).json()["items"]
    assert [v["version"] for v in versions] == [1, 2] and versions[1]["note"] == "regenerated from the store"
    for who, action in ((rv, "submit"), (rv, "start_review"), (rv2, "approve")):
        r = await client.post(f"/api/articles/{aid}/transitions", headers=who, json={"action": action})
        assert r.status_code == 200, r.text
    stale = await client.post(f"/api/articles/{aid}/transitions", headers=rv, json={"action": "mark_stale"})
    assert_error(stale, 403, "forbidden")  # editors mark stale
    r = await client.post(f"/api/articles/{aid}/transitions", headers=editor, json={"action": "mark_stale"})
    assert r.json()["review_status"] == "stale" and r.json()["approved_version"] == 2
    again = await client.post(f"/api/articles/{aid}/transitions", headers=editor, json={"action": "approve"})
    assert_error(again, 409, "conflict")  # not from stale: it goes through review again
    r = await client.post(f"/api/articles/{aid}/transitions", headers=rv, json={"action": "start_review"})
    assert r.json()["review_status"] == "under_review"


def test_two_saves_racing_on_one_version_one_wins(engine: Engine) -> None:
    aid = fresh_article(engine)
    reviewers = [user_with_token(engine, "reviewer")[0] for _ in range(2)]
    service = engine.editorial_service()
    cid = next(iter(claims_of(engine.article(aid).article)))
    start = threading.Barrier(2)
    outcomes: list[object] = []

    def save(i: int) -> None:
        start.wait()
        try:
            outcomes.append(
                service.edit_claim(aid, cid, f"Synthetic racing edit {i}.", 1, reviewers[i])[0].version
            )
        except ConflictError as exc:
            outcomes.append(exc)

    threads = [threading.Thread(target=save, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(o for o in outcomes if isinstance(o, int)) == [2]
    lost = [o for o in outcomes if isinstance(o, ConflictError)]
    assert len(lost) == 1 and lost[0].yours.startswith("Synthetic racing edit")
    assert [v.version for v in engine.editorial.versions(aid)] == [1, 2]


async def test_comment_rate_limit_and_edit_window(make_app: MakeApp, engine: Engine) -> None:
    aid = fresh_article(engine)
    _, reader = user_with_token(engine, "reader")
    app = make_app(rate_comment="2/minute", comment_edit_window_s=0)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=BASE) as c:
        url = f"/api/articles/{aid}/comments"
        first = await c.post(url, headers=reader, json={"body": "Synthetic one"})
        assert first.status_code == 201
        assert (await c.post(url, headers=reader, json={"body": "Synthetic two"})).status_code == 201
        r = await c.post(url, headers=reader, json={"body": "Synthetic three"})
        assert_error(r, 429, "too_many_requests")
        assert r.headers["retry-after"]
        late = await c.patch(f"/api/comments/{first.json()['id']}", headers=reader, json={"body": "Too late"})
        assert "edited for 0 minutes" in assert_error(late, 403, "forbidden")["message"]


async def test_replies_notify_the_subscribers_of_the_comment(
    client: httpx.AsyncClient, engine: Engine
) -> None:
    aid = fresh_article(engine)
    _, ana = user_with_token(engine, "reader")
    _, ben = user_with_token(engine, "clinician")
    top = (
        await client.post(f"/api/articles/{aid}/comments", headers=ana, json={"body": "Synthetic question"})
    ).json()
    r = await client.post(
        f"/api/articles/{aid}/subscriptions", headers=ana, json={"kind": "replies", "comment_id": top["id"]}
    )
    assert r.status_code == 201
    assert (await client.get("/api/notifications", headers=ana)).json()["items"] == []
    await client.post(
        f"/api/articles/{aid}/comments",
        headers=ben,
        json={"body": "Synthetic answer", "parent_id": top["id"]},
    )
    notes = (await client.get("/api/notifications", headers=ana)).json()["items"]
    assert (
        len(notes) == 1
        and notes[0]["subject"].startswith("New reply on:")
        and "Synthetic answer" in notes[0]["body"]
    )
    r = await client.post(f"/api/notifications/{notes[0]['id']}/read", headers=ana)
    assert r.status_code == 204
    assert (await client.get("/api/notifications", headers=ana)).json()["items"][0]["read"] is True
    assert_error(
        await client.post(f"/api/notifications/{notes[0]['id']}/read", headers=ben), 404, "not_found"
    )


async def test_no_endpoint_changes_the_audit_log(client: httpx.AsyncClient, engine: Engine) -> None:
    _, editor = user_with_token(engine, "editor")
    for method in ("POST", "PUT", "PATCH", "DELETE"):
        r = await client.request(method, "/api/audit", headers=editor, json={})
        assert_error(r, 405, "method_not_allowed")
    spec = (await client.get("/openapi.json")).json()["paths"]
    audit_paths = {p: set(ops) for p, ops in spec.items() if "audit" in p and not p.startswith("/api/audits")}
    assert audit_paths == {"/api/audit": {"get"}}
