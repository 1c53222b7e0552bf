"""The medcite command, run in-process with Typer's runner against a real SQLite store."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from medcite.cli import app

runner = CliRunner()


@pytest.fixture
def env(tmp_path: Path, shared: Path) -> dict[str, str]:
    return {
        "MEDCITE_HOME": str(tmp_path / "home"),
        "MEDCITE_DATA_DIR": str(shared),
        "MEDCITE_DENSE_GRANULARITY": "sources",
        "MEDCITE_DATABASE_URL": "",
    }


def test_ingest_search_json_and_stats(env: dict[str, str], shared: Path) -> None:
    r = runner.invoke(
        app,
        [
            "ingest",
            "-q",
            str(shared / "medline_sample" / "pubmed-29768149.xml"),
            str(shared / "pubmedqa" / "abstracts.jsonl"),
        ],
        env=env,
    )
    assert r.exit_code == 0, r.output
    r = runner.invoke(
        app, ["search", "programmed cell death lace plant leaves", "--k", "3", "--format", "json"], env=env
    )
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert set(data) == {"results"} and 1 <= len(data["results"]) <= 3
    first = data["results"][0]
    assert {"pmid", "title", "year", "design", "score", "passages"} <= set(first)
    assert first["pmid"] == "21645374"  # the PubMedQA abstract about lace plant PCD
    for p in first["passages"]:
        assert {"text", "section", "start", "end", "score"} <= set(p)
    r = runner.invoke(app, ["stats", "--format", "json"], env=env)
    stats = json.loads(r.stdout)
    assert stats["sources"] == 1001 and stats["lexical_docs"] == 1001 and stats["index_lag"] == 0


def test_reingest_reports_unchanged(env: dict[str, str], shared: Path) -> None:
    f = str(shared / "medline_sample" / "pubmed-29768149.xml")
    assert runner.invoke(app, ["ingest", "-q", f], env=env).exit_code == 0
    r = runner.invoke(app, ["ingest", "-q", f], env=env)
    assert r.exit_code == 0
    assert "unchanged" in r.output


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.xml", b"", "empty"),
        ("binary.xml", bytes(range(256)) * 4, "binary"),
        ("wrong.xml", b'{"not": "xml"}\n', "no usable record"),
        (
            "hostile.xml",
            b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>'
            b"\n<PubmedArticleSet>&lol2;</PubmedArticleSet>",
            "entit",
        ),
    ],
)
def test_bad_files_exit_nonzero_without_traceback_and_keep_the_store(
    env: dict[str, str], shared: Path, tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    good = str(shared / "medline_sample" / "pubmed-29768149.xml")
    assert runner.invoke(app, ["ingest", "-q", good], env=env).exit_code == 0
    bad = tmp_path / name
    bad.write_bytes(content)
    r = runner.invoke(app, ["ingest", "-q", str(bad)], env=env)
    assert r.exit_code != 0
    assert "Traceback" not in r.output
    assert message.lower() in r.output.lower()
    stats = json.loads(runner.invoke(app, ["stats", "--format", "json"], env=env).stdout)
    assert stats["sources"] == 1  # nothing already stored was lost


def test_truncated_gzip_keeps_the_records_before_the_damage(
    env: dict[str, str], shared: Path, tmp_path: Path
) -> None:
    data = gzip.decompress((shared / "medline_sample" / "medline16n0902.xml.gz").read_bytes())
    whole = gzip.compress(data)
    cut = tmp_path / "cut.xml.gz"
    cut.write_bytes(whole[: len(whole) // 2])
    r = runner.invoke(app, ["ingest", "-q", str(cut)], env=env)
    assert r.exit_code == 1
    assert "truncated" in r.output.lower()
    stats = json.loads(runner.invoke(app, ["stats", "--format", "json"], env=env).stdout)
    assert 0 < stats["sources"] < 604


def test_usage_errors(env: dict[str, str]) -> None:
    r = runner.invoke(app, ["ingest"], env=env)
    assert r.exit_code == 2 and "give one or more files" in r.output
    r = runner.invoke(app, ["search", "x", "--design", "astrology"], env=env)
    assert r.exit_code == 2 and "unknown design" in r.output
    r = runner.invoke(app, ["ingest", "/no/such/file.xml"], env=env)
    assert r.exit_code == 1 and "no such file" in r.output
