"""``medcite audit``: bad input gets a clear message and a non-zero exit (no traceback); markup in the input
is never echoed unescaped; the constructed article is audited in all four formats."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from medcite.cli import app
from tests.audit.conftest import DATA, real_records

runner = CliRunner()
# Synthetic test article (invented wording, not evidence): used where only the input handling is tested.
SYNTH = (
    "Synthetic test article, not medical advice.\n\nCompound alpha lowered the synthetic test score in "
    "volunteers [1].\n\nReferences\n1. Doe J, Roe A. Synthetic test record on compound alpha. Synth J. "
    "2019;1(2):3-4.\n"
)


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {"MEDCITE_HOME": str(tmp_path / "home"), "MEDCITE_DENSE": "false", "MEDCITE_DATABASE_URL": ""}


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "is empty"),
        ("blank.md", b"  \n\n ", "is empty"),
        (
            "norefs.txt",
            b"Compound alpha lowered the synthetic score [1]. No list follows.",
            "no reference list",
        ),
        (
            "nocites.txt",
            b"Synthetic text without citations.\n\nReferences\n1. Doe J. Title. J. 2019;1:2-3.",
            "no citations",
        ),
        ("big.txt", b"Synthetic filler text. " * 460_000, "limit"),
        ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary"),
        ("latin1.txt", "Caf\u00e9 synthetic text [1].\n\nReferences\n1. X.".encode("latin-1"), "not utf-8"),
        ("scripts.html", b"<html><body><script>alert(1)</script></body></html>", "no readable text"),
    ],
)
def test_bad_input_is_a_clear_error(
    env: dict[str, str], tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    if name == "big.txt":
        assert path.stat().st_size > 10_000_000  # the 10 MB case
    r = runner.invoke(app, ["audit", str(path)], env=env)
    assert r.exit_code == 2, r.output
    assert ("Traceback" not in r.output and r.exception is None) or isinstance(r.exception, SystemExit)
    assert message in " ".join(r.output.lower().split())


def test_missing_file_folder_and_format(env: dict[str, str], tmp_path: Path) -> None:
    missing = runner.invoke(app, ["audit", str(tmp_path / "nope.txt")], env=env)
    assert missing.exit_code == 2 and "no such file" in " ".join(missing.output.split())
    assert "folder" in runner.invoke(app, ["audit", str(tmp_path)], env=env).output
    r = runner.invoke(app, ["audit", "-", "--format", "pdf"], input=SYNTH, env=env)
    assert r.exit_code == 2 and "--format must be one of" in r.output


def test_citations_to_missing_references_give_the_report_and_a_non_zero_exit(env: dict[str, str]) -> None:
    text = SYNTH.replace("volunteers [1]", "volunteers [1, 7]")
    r = runner.invoke(app, ["audit", "-", "--format", "json"], input=text, env=env)
    assert r.exit_code == 1
    assert "references missing from the list: [7]" in r.stderr
    doc = json.loads(r.stdout)
    cites = doc["statements"][0]["citations"]
    assert [(c["n"], c["verdict"]) for c in cites][1] == (7, "not checkable")
    assert cites[1]["reasons"] == ["[7] is not in the reference list"]


def test_markup_in_the_input_is_never_echoed_unescaped(env: dict[str, str], tmp_path: Path) -> None:
    page = (
        "<html><head><script>alert('x')</script></head><body><p>Compound alpha lowered the synthetic score "
        "&lt;script&gt;alert(2)&lt;/script&gt; in volunteers.<sup>1</sup></p><img src=x onerror=alert(3)>"
        "<h2>References</h2><ol><li>Doe J. Synthetic &lt;b onmouseover=alert(4)&gt;title. Synth J. "
        "2019;1:2-3.</li></ol></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    for fmt in ("html", "md", "json", "terminal"):
        r = runner.invoke(app, ["audit", str(path), "--format", fmt], env=env)
        assert r.exit_code == 0, r.output
        assert "alert('x')" not in r.stdout and "alert(3)" not in r.stdout  # dropped with their elements
        if fmt in ("html", "md"):  # formats a browser may render: markup-like text only as entities
            assert "<script" not in r.stdout and "<b onmouseover" not in r.stdout
        if fmt == "html":
            assert "&lt;script&gt;alert(2)&lt;/script&gt;" in r.stdout
        if fmt == "md":  # a "<" that could open a tag is an entity; the lone ">" cannot close one
            assert "&lt;script>alert(2)&lt;/script>" in r.stdout
        if fmt == "json":  # JSON carries the text as data (a string), as the article JSON contract does
            assert "<script>alert(2)</script>" in json.loads(r.stdout)["body"]


def test_constructed_article_in_all_formats(env: dict[str, str], tmp_path: Path) -> None:
    records = real_records(tmp_path)
    assert runner.invoke(app, ["ingest", "-q", str(records)], env=env).exit_code == 0
    article = str(DATA / "constructed_article.md")
    r = runner.invoke(app, ["audit", article, "--format", "json", "--no-suggest"], env=env)
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    verdicts = {ref["n"]: ref["verdict"] for ref in doc["references"]}
    assert verdicts[1] == "does not support" and verdicts[4] == "not a research article"
    assert doc["summary"].startswith("2 of 5 references do not support")
    for fmt, marker in (("md", "# Citation audit"), ("html", "<!doctype html>"), ("terminal", "references")):
        out = runner.invoke(app, ["audit", article, "--format", fmt, "--no-suggest"], env=env)
        assert out.exit_code == 0 and marker in out.stdout and "indication mismatch" in out.stdout
