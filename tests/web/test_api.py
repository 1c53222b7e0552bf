"""The REST API in process (httpx ASGITransport), on SQLite and PostgreSQL: answers as jobs, the article
JSON contract, follow-ups, search with pagination, sources, and one error
shape for every error (the audit endpoints: ``test_audits.py``)."""

from __future__ import annotations

import httpx
import pytest
from fastapi import FastAPI

from medcite.present.json_contract import validate
from tests.web.conftest import BASE, QUESTION, MakeApp, assert_error, finished_job

pytestmark = pytest.mark.anyio


async def test_an_answer_runs_as_a_job_and_reads_back_as_the_json_contract(client: httpx.AsyncClient) -> None:
    r = await client.post("/api/answers", json={"question": QUESTION})
    assert r.status_code == 202, r.text
    job = r.json()
    assert job["status"] in ("queued", "running") and r.headers["location"] == f"/api/jobs/{job['id']}"
    done = await finished_job(client, job["id"])
    assert done["status"] == "done", done
    answer = (await client.get(done["links"]["answer"])).json()
    contract = {
        k: v
        for k, v in answer.items()
        if k not in ("article_id", "thread_id", "version", "review_status", "updated_at")
    }
    validate(contract)  # the existing article JSON contract, unchanged
    assert answer["question"] == QUESTION and answer["review_status"] == "draft"
    assert "23831910" in {ref["pmid"] for ref in answer["references"]}

    r = await client.post(
        f"/api/answers/{answer['article_id']}/followups", json={"question": "What about older adults?"}
    )
    assert r.status_code == 202, r.text
    follow = await finished_job(client, r.json()["id"])
    assert follow["status"] == "done", follow
    second = (await client.get(follow["links"]["answer"])).json()
    assert second["thread_id"] == answer["thread_id"] and second["article_id"] != answer["article_id"]


async def test_search_is_paginated_and_filtered(client: httpx.AsyncClient) -> None:
    first = (await client.get("/api/search", params={"q": "cancer", "per_page": 2})).json()
    assert len(first["items"]) == 2 and first["page"] == 1 and first["has_more"] is True
    second = (await client.get("/api/search", params={"q": "cancer", "per_page": 2, "page": 2})).json()
    assert {h["key"] for h in first["items"]}.isdisjoint({h["key"] for h in second["items"]})
    recent = (await client.get("/api/search", params={"q": "cancer", "since": 2013})).json()
    assert recent["items"] and all(h["year"] >= 2013 for h in recent["items"])
    some = (await client.get("/api/search", params={"q": "cancer", "design": "rct,observational"})).json()
    assert some["items"] and {h["design"] for h in some["items"]} <= {"rct", "observational"}
    bad = await client.get("/api/search", params={"q": "cancer", "design": "cohort"})
    assert "unknown design 'cohort'" in assert_error(bad, 422, "invalid_request")["message"]
    r = await client.get("/api/search", params={"q": "enteroscopy", "since": 1200})
    assert_error(r, 422, "invalid_request")


async def test_a_source_with_its_passages(client: httpx.AsyncClient) -> None:
    s = (await client.get("/api/sources/23831910")).json()
    assert s["pmid"] == "23831910" and "DBE procedures" in s["sections"][0]["text"]
    assert s["passages"] and all(p["text"] for p in s["passages"])
    assert_error(await client.get("/api/sources/0"), 404, "not_found")


async def test_openapi_and_docs(client: httpx.AsyncClient) -> None:
    spec = (await client.get("/openapi.json")).json()
    for path in (
        "/api/answers",
        "/api/answers/{article_id}",
        "/api/answers/{article_id}/followups",
        "/api/jobs/{job_id}",
        "/api/search",
        "/api/sources/{pmid}",
        "/api/audits",
        "/api/audits/{audit_id}",
    ):
        assert path in spec["paths"], path
    docs = await client.get("/docs")
    assert (docs.status_code == 200 and "/openapi.json" in docs.text) or "docs.js" in docs.text
    assert (await client.get("/docs/assets/swagger-ui-bundle.js")).status_code == 200


async def test_every_error_has_one_shape(make_app: MakeApp) -> None:
    app = make_app(rate_ask="2/minute", max_body_bytes=2048)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url=BASE) as c:
        assert_error(await c.get("/api/answers/nope"), 404, "not_found")
        assert_error(await c.get("/api/nothing-here"), 404, "not_found")
        assert_error(await c.get("/api/jobs/nope"), 404, "not_found")
        assert_error(await c.delete("/api/answers/x"), 405, "method_not_allowed")
        err = assert_error(await c.post("/api/answers", json={"question": ""}), 422, "invalid_request")
        assert err["details"] and err["details"][0]["field"] == "body.question"
        assert_error(
            await c.post("/api/answers", content=b"not json", headers={"content-type": "application/json"}),
            422,
            "invalid_request",
        )
        assert_error(await c.post("/api/answers", json={"question": "x" * 5000}), 413, "payload_too_large")
        assert_error(await c.get("/api/review/queue"), 401, "unauthorized")
        assert_error(
            await c.get("/api/answers/x", headers={"authorization": "Bearer wrong"}), 401, "unauthorized"
        )
        for _ in range(2):
            assert (await c.post("/api/answers", json={"question": QUESTION})).status_code == 202
        err = assert_error(
            await c.post("/api/answers", json={"question": QUESTION}), 429, "too_many_requests"
        )
        _boom(app)
        assert_error(await c.get("/api/boom"), 500, "internal_error")


def _boom(app: FastAPI) -> None:
    @app.get("/api/boom")
    def boom() -> None:
        raise RuntimeError("a bug")
