"""The citation audit on the web: ``POST /api/audits`` / ``GET /api/audits/{id}`` and the paste page, over
real PubMedQA records (word-overlap verifier), on SQLite and PostgreSQL."""

from __future__ import annotations

import re

import httpx
import pytest

from tests.web.conftest import assert_error, csrf

pytestmark = pytest.mark.anyio

# Written for the test (a constructed example, not medical advice); [1] is a real PubMedQA record.
ARTICLE = (
    "Constructed test example, not medical advice.\n\n"
    "From 2007 to 2011, 88 DBE procedures were performed on 66 patients in a community setting [1]. "
    "Small bowel disease is classified with a diagnostic manual [2]. <script>alert('body')</script> "
    "Another claim cites a reference that the list lacks [3].\n\n"
    "References\n"
    "1. Double balloon enteroscopy in a community setting. 2013. PMID: 23831910\n"
    "2. American Psychiatric Association. Diagnostic and Statistical Manual of Mental Disorders. "
    "5th ed. 2013.\n"
)


async def test_post_then_get_an_audit(client: httpx.AsyncClient) -> None:
    r = await client.post("/api/audits", json={"text": ARTICLE})
    assert r.status_code == 201, r.text
    doc = r.json()
    assert (
        r.headers["location"] == f"/api/audits/{doc['id']}" and doc["links"]["page"] == f"/audits/{doc['id']}"
    )
    refs = {ref["n"]: ref for ref in doc["references"]}
    assert refs[1]["resolved"] and refs[1]["matched_by"] == "pmid" and refs[1]["verdict"] == "supports"
    assert refs[2]["kind"] == "manual" and refs[2]["verdict"] == "not a research article"
    assert [c["n"] for s in doc["statements"] for c in s["citations"]] == [1, 2, 3]
    missing = next(c for s in doc["statements"] for c in s["citations"] if c["n"] == 3)
    assert (
        missing["reasons"] == ["[3] is not in the reference list"] and missing["verdict"] == "not checkable"
    )
    assert any("missing from the list: [3]" in n for n in doc["notes"])
    assert doc["summary"].startswith("0 of 2 references do not support")
    again = await client.get(f"/api/audits/{doc['id']}")
    assert again.status_code == 200 and again.json() == doc


async def test_audit_errors_have_the_one_shape(client: httpx.AsyncClient) -> None:
    assert_error(await client.get("/api/audits/nope"), 404, "not_found")
    assert_error(await client.post("/api/audits", json={"text": ""}), 422, "invalid_request")
    err = assert_error(
        await client.post("/api/audits", json={"text": "A claim with a citation [1] and no list."}),
        422,
        "invalid_request",
    )
    assert "no reference list" in err["message"]
    job = (await client.post("/api/answers", json={"question": "Is double balloon enteroscopy safe?"})).json()
    assert_error(await client.get(f"/api/audits/{job['id']}"), 404, "not_found")  # a job, not an audit


async def test_paste_page_then_report_page_highlights_each_sentence(client: httpx.AsyncClient) -> None:
    form = await client.get("/audit")
    assert form.status_code == 200 and 'name="csrf_token"' in form.text and "<textarea" in form.text
    token = await csrf(client)
    assert (await client.post("/audit", data={"text": ARTICLE})).status_code == 403  # no CSRF token
    r = await client.post("/audit", data={"text": ARTICLE, "csrf_token": token})
    assert r.status_code == 303 and re.fullmatch(r"/audits/[\w-]+", r.headers["location"])
    page = await client.get(r.headers["location"])
    assert page.status_code == 200
    report = page.text.split('<section class="audit-report">', 1)[1]  # after the colour legend
    assert '<mark class="v-supports" title="[1] supports">From 2007 to 2011, 88 DBE' in report
    assert '<span class="v-not-research">not a research article</span>' in report
    assert "<script>alert('body')</script>" not in page.text
    assert "&lt;script&gt;alert(&#x27;body&#x27;)&lt;/script&gt;" in page.text
    bad = await client.post("/audit", data={"text": "No citations and no list.", "csrf_token": token})
    assert bad.status_code == 422 and "no reference list" in bad.text
