"""`medcite ask` end to end on real PubMedQA abstracts with the shipped verifier (BM25 retrieval here)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from medcite.cli import app
from medcite.present.json_contract import json_schema

runner = CliRunner()
QUESTION = "Is double balloon enteroscopy efficacious and safe in a community setting?"


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    from tests.conftest import data_dir

    shared = data_dir()
    if not (shared / "pubmedqa" / "abstracts.jsonl").is_file():
        pytest.skip(f"shared data not found at {shared}")
    home = tmp_path_factory.mktemp("ask")
    e = {
        "MEDCITE_HOME": str(home),
        "MEDCITE_DATA_DIR": str(shared),
        "MEDCITE_DENSE": "false",
        "MEDCITE_DATABASE_URL": "",
        "MEDCITE_PUBMED_ONLINE": "false",
    }
    r = runner.invoke(app, ["ingest", "-q", str(shared / "pubmedqa" / "abstracts.jsonl")], env=e)
    assert r.exit_code == 0, r.output
    return e


def _ask(env: dict[str, str], *args: str) -> dict[str, object]:
    r = runner.invoke(app, ["ask", *args, "--format", "json"], env=env)
    assert r.exit_code == 0, r.output
    data: dict[str, object] = json.loads(r.stdout)
    return data


def test_json_contract_and_citation_numbering(env: dict[str, str]) -> None:
    a = _ask(env, QUESTION)
    # every field the schema requires (tests/compose/test_render.py pins the contract fields in it)
    assert set(a) >= set(json_schema()["required"])
    assert a["stance"] in ("yes", "no", "uncertain")
    assert a["status"] == "AI-generated, not reviewed"
    refs = a["references"]
    assert isinstance(refs, list)
    assert [r["n"] for r in refs] == list(range(1, len(refs) + 1))
    seen: list[int] = []
    for section in a["sections"]:  # type: ignore[attr-defined]
        for st in section["statements"]:
            assert st["verdict"] in ("supported", "partial", None)  # never an unsupported statement
            for n in st["citations"]:
                if n not in seen:
                    seen.append(n)
    assert seen == sorted(seen), "references are numbered by first use"
    assert "23831910" in {r["pmid"] for r in refs}  # the PubMedQA abstract on this very question


def test_every_format_and_the_patient_audience(env: dict[str, str]) -> None:
    for fmt, marker in (("md", "# "), ("html", "<html"), ("terminal", "")):
        r = runner.invoke(app, ["ask", QUESTION, "--format", fmt], env=env)
        assert r.exit_code == 0, r.output
        assert marker in r.output
    p = _ask(env, QUESTION, "--audience", "patient")
    assert p["audience"] == "patient"


def test_follow_up_thread_and_reference_exports(env: dict[str, str]) -> None:
    first = _ask(env, QUESTION)
    follow = _ask(env, "What about older adults?", "--thread", str(first["thread_id"]))
    assert follow["thread_id"] == first["thread_id"]
    assert "enteroscopy" in json.dumps(follow.get("analysis", {})).lower()
    for fmt, marker in (("ris", "TY  -"), ("bibtex", "@"), ("csl-json", "[")):
        r = runner.invoke(app, ["article", str(first["article_id"]), "--format", fmt], env=env)
        assert r.exit_code == 0, r.output
        if first["references"]:
            assert marker in r.stdout


def test_empty_store_offline_explains_how_to_ingest(tmp_path: Path) -> None:
    env = {
        "MEDCITE_HOME": str(tmp_path),
        "MEDCITE_DENSE": "false",
        "MEDCITE_DATABASE_URL": "",
        "MEDCITE_PUBMED_ONLINE": "false",
    }
    r = runner.invoke(app, ["ask", "Does ketamine help anxiety?"], env=env)
    assert r.exit_code == 2
    assert "medcite ingest" in r.output and "Traceback" not in r.output


def test_bad_requests(env: dict[str, str]) -> None:
    assert runner.invoke(app, ["ask", "  "], env=env).exit_code == 2
    assert runner.invoke(app, ["ask", QUESTION, "--format", "pdf"], env=env).exit_code == 2
    r = runner.invoke(app, ["ask", QUESTION, "--thread", "no-such-thread"], env=env)
    assert r.exit_code == 2 and "no thread" in r.output
