"""The web app as shipped: ``create_app(settings)`` opens (and migrates) the store itself and answers a real
question over the 1,000 real PubMedQA abstracts with the shipped verifier (BM25 retrieval here)."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from medcite.bootstrap import open_engine
from medcite.web.app import create_app
from tests.conftest import data_dir
from tests.web.conftest import BASE, QUESTION, finished_job, web_settings

pytestmark = pytest.mark.anyio


@pytest.mark.slow
async def test_a_real_answer_through_the_web_app(tmp_path: Path) -> None:
    corpus = data_dir() / "pubmedqa" / "abstracts.jsonl"
    if not corpus.is_file():
        pytest.skip(f"shared data not found at {corpus}")
    settings = web_settings(tmp_path / "home", f"sqlite:///{tmp_path / 'store.sqlite3'}")
    with open_engine(settings) as engine:
        engine.ingest([corpus])
    app = create_app(settings)  # opens the engine from settings: migrations run on start
    try:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=BASE) as c:
            job = (await c.post("/api/answers", json={"question": QUESTION})).json()
            done = await finished_job(c, job["id"], timeout_s=300)
            assert done["status"] == "done", done
            answer = (await c.get(done["links"]["answer"])).json()
            engine = app.state.medcite.engine
            shipped = [engine.verifier.model_id, engine.relevance().model_id, engine.stance_reader().model_id]
            assert answer["provenance"]["model_ids"] == shipped  # the shipped models, not doubles
            assert "23831910" in {r["pmid"] for r in answer["references"]}
            verdicts = [st["verdict"] for s in answer["sections"] for st in s["statements"]]
            assert verdicts and set(verdicts) <= {"supported", "partial", None}
            page = await c.get(done["links"]["page"], headers={"accept": "text/html"})
            assert page.status_code == 200 and "23831910" in page.text and "pending human review" in page.text
    finally:
        app.state.medcite.jobs.queue.close()
        app.state.medcite.engine.close()
