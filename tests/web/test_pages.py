"""Every page, in process (httpx ASGITransport), on SQLite and PostgreSQL: ask -> progress -> article,
the article's parts (status strip, pending-review banner, citations with their evidence, references,
follow-up box, exports), the audience selector, search, source, policy, about, and the security headers."""

from __future__ import annotations

import re

import httpx
import pytest
from lxml import html

from tests.web.conftest import HOSTILE_PMID, QUESTION, csrf, finished_job

pytestmark = pytest.mark.anyio
HTML = {"accept": "text/html"}


async def ask(client: httpx.AsyncClient, question: str = QUESTION) -> str:
    """Ask through the form; follow the progress page to the article; its path."""
    token = await csrf(client)
    r = await client.post("/ask", data={"question": question, "csrf_token": token})
    assert r.status_code == 303, r.text
    job_path = r.headers["location"]
    page = await client.get(job_path, headers=HTML)
    assert page.status_code in (200, 303)
    if page.status_code == 200:
        doc = html.fromstring(page.text)
        assert [li.text for li in doc.cssselect("ol.stages li")] == [
            "Searching",
            "Reading",
            "Checking",
            "Writing",
        ]
        assert doc.cssselect('meta[http-equiv="refresh"]') or "noscript" in page.text
    job = await finished_job(client, job_path.rsplit("/", 1)[1])
    assert job["status"] == "done", job
    r = await client.get(job_path, headers=HTML)
    assert r.status_code == 303
    return str(r.headers["location"])


async def test_the_ask_page(client: httpx.AsyncClient) -> None:
    r = await client.get("/", headers=HTML)
    assert r.status_code == 200
    doc = html.fromstring(r.text)
    assert doc.cssselect("main#main") and doc.cssselect("nav[aria-label=Main]") and doc.cssselect("footer")
    assert doc.cssselect("label[for=question]") and doc.cssselect("textarea#question")
    who = doc.cssselect("select#who")[0]
    assert doc.cssselect("label[for=who]")[0].text == "Which best describes you?"
    assert [o.text for o in who.cssselect("option")] == [
        "Physician",
        "Nurse or pharmacist",
        "Student",
        "Patient or caregiver",
    ]
    assert doc.cssselect("input[name=csrf_token]")


async def test_the_article_page(client: httpx.AsyncClient) -> None:
    path = await ask(client)
    r = await client.get(path, headers=HTML)
    assert r.status_code == 200
    doc = html.fromstring(r.text)
    assert doc.cssselect("h1")[0].text_content() == QUESTION
    assert "Educational purpose only, pending human review" in doc.cssselect(".banner")[0].text_content()
    assert "AI draft" in doc.cssselect(".status-strip .badge")[0].text_content()
    assert doc.cssselect('a[href="/policy"]') and "Last updated" in r.text
    assert doc.cssselect(".bottom strong")[0].text_content().strip()
    cites = doc.cssselect(".cite")
    assert cites, "inline citation numbers"
    evidence = [c.cssselect(".ev q") for c in cites]
    assert any(evidence), "a citation shows its evidence sentence"
    ev = next(c for c in cites if c.cssselect(".ev q")).cssselect(".ev")[0]
    assert ev.cssselect(".badge")[0].text_content() in ("Supported by the source", "Partly supported")
    assert doc.cssselect("#evidence-table table caption")
    sof = doc.cssselect("#summary-of-findings tbody tr")
    assert sof, "the summary of findings"
    assert re.search(
        r"\d+ \((?:[\d,]+ participants|n = [\d,]+ in the \d+ whose n was found"
        r"|n not found in the abstracts)\)",
        sof[0].text_content(),
    )
    refs = doc.cssselect("ol.refs li")
    assert any(
        'href="https://pubmed.ncbi.nlm.nih.gov/23831910/"' in html.tostring(li).decode() for li in refs
    )
    assert doc.cssselect("section.disclaimer") and "follow-up question?" in r.text
    assert doc.cssselect('form[action$="/followup"] input[name=csrf_token]')
    for fmt, marker in (("md", "# "), ("ris", "TY  -"), ("bib", "@"), ("csl", "[")):
        e = await client.get(f"{path}/export/{fmt}")
        assert e.status_code == 200 and marker in e.text and "attachment" in e.headers["content-disposition"]
    assert (await client.get("/static/print.css")).status_code == 200


async def test_a_follow_up_continues_the_thread(client: httpx.AsyncClient) -> None:
    path = await ask(client)
    token = await csrf(client)
    r = await client.post(
        f"{path}/followup", data={"question": "What about older adults?", "csrf_token": token}
    )
    assert r.status_code == 303
    job = await finished_job(client, r.headers["location"].rsplit("/", 1)[1])
    page = await client.get(f"/articles/{job['result']}", headers=HTML)
    thread = html.fromstring(page.text).cssselect("nav.thread li")
    assert [li.text_content() for li in thread] == [QUESTION, "What about older adults?"]


async def test_the_audience_selector_is_remembered_and_changes_the_language(
    client: httpx.AsyncClient,
) -> None:
    path = await ask(client)
    clinician = await client.get(path, headers=HTML)
    token = await csrf(client)
    r = await client.post("/audience", data={"who": "patient", "csrf_token": token, "next": path})
    assert r.status_code == 303 and r.headers["location"] == path
    assert "mc_audience=patient" in r.headers["set-cookie"] and "HttpOnly" in r.headers["set-cookie"]
    patient = await client.get(path, headers=HTML)
    assert "written for patients and caregivers" in patient.text
    assert "health professionals" in clinician.text
    assert 'value="patient" selected' in patient.text
    r = await client.post("/audience", data={"who": "x", "csrf_token": token, "next": "//evil.example"})
    assert r.status_code == 422
    r = await client.post("/audience", data={"who": "student", "csrf_token": token, "next": "//evil.example"})
    assert r.headers["location"] == "/"  # never a redirect off the site


async def test_search_source_policy_about_and_login_pages(client: httpx.AsyncClient) -> None:
    r = await client.get("/search", params={"q": "cancer", "since": 2010, "human": "true"}, headers=HTML)
    doc = html.fromstring(r.text)
    assert r.status_code == 200 and doc.cssselect("form[role=search]") and doc.cssselect("ol.hits li")
    assert doc.cssselect("label[for=since]") and doc.cssselect("select#design")
    src = await client.get("/sources/23831910", headers=HTML)
    sdoc = html.fromstring(src.text)
    assert src.status_code == 200 and len(sdoc.cssselect("ol.passages li")) > 3
    assert "Articles citing this source" in src.text
    for path, text in (("/policy", "Editorial policy"), ("/about", "Disclaimer"), ("/login", "Sign in")):
        page = await client.get(path, headers=HTML)
        assert page.status_code == 200 and text in page.text, path
    missing = await client.get("/articles/nope", headers=HTML)
    assert missing.status_code == 404 and "no article with id" in missing.text
    assert (await client.get(f"/sources/{HOSTILE_PMID}", headers=HTML)).status_code == 200


async def test_security_headers_on_every_response(client: httpx.AsyncClient) -> None:
    cookie = (await client.get("/", headers=HTML)).headers["set-cookie"]
    assert (
        "mc_csrf=" in cookie and "Secure" in cookie and "HttpOnly" in cookie and "SameSite=strict" in cookie
    )
    for path in ("/", "/api/jobs/none", "/static/style.css", "/openapi.json"):
        r = await client.get(path, headers=HTML)
        csp = r.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
        assert r.headers["x-content-type-options"] == "nosniff" and r.headers["x-frame-options"] == "DENY"
    page = await client.get("/", headers=HTML)
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page.text), "no inline script"
    assert not re.search(r"<[^>]+\son\w+=", page.text), "no inline event handlers"
