"""Online ingest through a local E-utilities server, and a killed ingest that resumes without duplicates."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from medcite.cli import app
from tests.eutils_server import FakePubmed, serve

runner = CliRunner()


def _env(tmp_path: Path, shared: Path, **extra: str) -> dict[str, str]:
    return {
        "MEDCITE_HOME": str(tmp_path / "home"),
        "MEDCITE_DATA_DIR": str(shared),
        "MEDCITE_DENSE_GRANULARITY": "sources",
        "MEDCITE_DATABASE_URL": "",
        **extra,
    }


def test_ingest_pubmed_from_local_eutils_server(tmp_path: Path, shared: Path) -> None:
    entrez = shared / "formats" / "eutils_samples_biopython" / "Entrez"
    state = FakePubmed(esearch=entrez / "esearch1.xml", efetch=[entrez / "pubmed4.xml"])
    with serve(state):
        env = _env(tmp_path, shared, MEDCITE_PUBMED_BASE_URL=state.url, MEDCITE_PUBMED_API_KEY="k3y")
        r = runner.invoke(app, ["ingest", "-q", "--pubmed", "biopython", "--max", "20"], env=env)
        assert r.exit_code == 0, r.output
        stats = json.loads(runner.invoke(app, ["stats", "--format", "json"], env=env).stdout)
        assert stats["sources"] == 1  # the one real record of pubmed4.xml (served for every batch)
        assert any(p.get("api_key") == ["k3y"] for _m, _p, p in state.requests)
        first = len(state.requests)
        r = runner.invoke(app, ["ingest", "-q", "--pubmed", "biopython", "--max", "20"], env=env)
        assert r.exit_code == 0
        # esearch again, then only the PMIDs that are not stored are fetched
        posted = [p["id"][0].split(",") for m, _p, p in state.requests[first:] if m == "POST"]
        stored = {"27797938"}
        assert all(not stored & set(ids) for ids in posted)


def test_unreachable_pubmed_is_a_clear_error(tmp_path: Path, shared: Path) -> None:
    env = _env(
        tmp_path, shared, MEDCITE_PUBMED_BASE_URL="http://127.0.0.1:9/eutils", MEDCITE_PUBMED_MAX_RETRIES="1"
    )
    r = runner.invoke(app, ["ingest", "--pubmed", "ketamine anxiety", "--max", "5"], env=env)
    assert r.exit_code == 2
    assert "Traceback" not in r.output


@pytest.mark.slow
def test_killed_ingest_resumes_without_duplicates(tmp_path: Path, shared: Path) -> None:
    env = {**os.environ, **_env(tmp_path, shared)}
    corpus = str(shared / "bioasq" / "snippet_corpus.jsonl")
    cmd = [sys.executable, "-m", "medcite.cli", "ingest", "-q", "--no-index", corpus]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    db = tmp_path / "home" / "medcite.sqlite3"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (not db.exists() or db.stat().st_size < 2_000_000):
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    partial = json.loads(runner.invoke(app, ["stats", "--format", "json"], env=env).stdout)["sources"]
    assert 0 < partial < 13449, "the kill should land mid-ingest"
    done = subprocess.run([*cmd[:-1], corpus], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    stats = json.loads(runner.invoke(app, ["stats", "--format", "json"], env=env).stdout)
    assert stats["sources"] == 13449
    # no half-written record: every stored source has its passages, and none is stored twice
    from medcite.adapters.sql import Store
    from medcite.config import load_settings

    store = Store.open(load_settings(home=tmp_path / "home").resolved_database_url)
    import sqlalchemy as sa

    with store.engine.connect() as c:
        orphans = c.execute(
            sa.text(
                "select count(*) from sources s where s.sections != '[]' and not exists "
                "(select 1 from passages p where p.source_id = s.id)"
            )
        ).scalar_one()
        dup = c.execute(sa.text("select count(*) - count(distinct key) from sources")).scalar_one()
    store.close()
    assert orphans == 0 and dup == 0
