"""Web app fixtures: an engine over real PubMedQA abstracts (a 200-record slice) with fast doubles (BM25
only, the word-overlap verifier), on SQLite and PostgreSQL, and an in-process ASGI client (httpx)."""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from medcite.bootstrap import open_engine
from medcite.config import Settings, load_settings
from medcite.services.engine import Engine
from medcite.testing import WordOverlapVerifier
from medcite.web.app import create_app
from tests.conftest import data_dir, fresh_database

BASE = "https://testserver"
QUESTION = "Is double balloon enteroscopy efficacious and safe in a community setting?"
# A synthetic record, not a study: its title carries markup that every page must show as text.
HOSTILE_PMID = "99999901"
HOSTILE = {
    "pmid": HOSTILE_PMID,
    "title": "<script>alert('title')</script><img src=x onerror=alert(1)> Synthetic test record",
    "year": "2020",
    "sections": [{"label": "", "text": "Synthetic test text for a markup check; it reports no finding."}],
}


def slice_of_pubmedqa(folder: Path, n: int = 200) -> Path:
    src = data_dir() / "pubmedqa" / "abstracts.jsonl"
    if not src.is_file():
        pytest.skip(f"shared data not found at {src} (set MEDCITE_DATA_DIR)")
    out = folder / "slice.jsonl"
    with src.open(encoding="utf-8") as fh:
        lines = [next(fh) for _ in range(n)]
    out.write_text("".join(lines) + json.dumps(HOSTILE) + "\n", encoding="utf-8")
    return out


def web_settings(home: Path, url: str, **extra: object) -> Settings:
    base: dict[str, object] = {
        "rate_ask": "1000/minute",
        "rate_login": "1000/minute",
        "rate_comment": "1000/minute",
        "redis_url": None,
    }
    return load_settings(
        home=home, database_url=url, dense=False, pubmed_online=False, data_dir=data_dir(), **(base | extra)
    )


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def engine(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """An engine over 200 real PubMedQA abstracts (and one synthetic record), BM25 only, word-overlap
    verifier: fast, on a fresh SQLite or PostgreSQL database."""
    tmp = tmp_path_factory.mktemp(f"web-{request.param}")
    corpus = slice_of_pubmedqa(tmp)
    with fresh_database(request.param, tmp) as url:
        eng = open_engine(web_settings(tmp / "home", url), dense=False, verifier=WordOverlapVerifier())
        eng.ingest([corpus])
        try:
            yield eng
        finally:
            eng.close()


MakeApp = Callable[..., FastAPI]


@pytest.fixture
def make_app(engine: Engine) -> Iterator[MakeApp]:
    """Apps over the shared engine, with settings overridden (``rate_login="3/minute"``)."""
    made: list[FastAPI] = []

    def make(**overrides: object) -> FastAPI:
        settings = engine.settings.with_overrides(**overrides) if overrides else engine.settings
        app = create_app(settings, engine=engine)
        made.append(app)
        return app

    yield make
    for app in made:
        app.state.medcite.jobs.queue.close()


@pytest.fixture
def app(make_app: MakeApp) -> FastAPI:
    return make_app()


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=BASE) as c:
        yield c


async def csrf(client: httpx.AsyncClient) -> str:
    """Load a page to get this client's CSRF cookie; the token forms carry."""
    await client.get("/", headers={"accept": "text/html"})
    token = client.cookies.get("mc_csrf")
    assert token
    return token


async def finished_job(client: httpx.AsyncClient, job_id: str, timeout_s: float = 120) -> dict[str, Any]:
    """Poll the job until it is done or failed, recording each stage seen."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        r = await client.get(f"/api/jobs/{job_id}")
        assert r.status_code == 200, r.text
        job: dict[str, Any] = r.json()
        if job["status"] in ("done", "failed"):
            return job
        import anyio

        await anyio.sleep(0.1)
    raise AssertionError(f"job {job_id} did not finish in {timeout_s} s")


def assert_error(r: httpx.Response, status: int, code: str) -> dict[str, Any]:
    """The one error shape."""
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json"), r.headers
    body: dict[str, Any] = r.json()
    assert set(body) == {"error"}
    err = body["error"]
    assert set(err) == {"status", "code", "message", "details"}
    assert err["status"] == status and err["code"] == code and err["message"]
    return err
