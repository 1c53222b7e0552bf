"""Terminal, Markdown and HTML output never trust stored or typed text (issue 11, item 5).

The store holds synthetic test fixtures (they say so in their text) with Rich markup (``[/]``), real bracketed
text (``[range 36-81]``), terminal escape sequences (clear screen, set title, a hyperlink) and HTML
(``<script>``, ``<img onerror>``). Every command prints them as plain, visible text: no MarkupError, no
bracketed text deleted, no escape sequence reaching the terminal, no HTML a Markdown renderer would run.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from medcite.cli import app
from medcite.present.sanitize import md_text

runner = CliRunner()
ESC = "\x1b"
HOSTILE = (
    " [/] [bold]not bold[/bold] \x1b[2J\x1b]0;pwned-title\x07 \x1b]8;;http://evil.example/\x1b\\link\x1b]8;;\x1b\\"
    " \x9b31m <script>alert(1)</script> <img src=x onerror=alert(2)>"
)
ABSTRACT = (
    "This record is a synthetic test fixture, not evidence. "
    "METHODS: We randomized 120 adults with generalized anxiety disorder to ketamine or placebo "
    "(median age = 57.5 years [range 36-81])." + HOSTILE + " "
    "RESULTS: Ketamine reduced anxiety scores compared with placebo in adults with generalized anxiety "
    "disorder (median age = 57.5 years [range 36-81])." + HOSTILE + " "
    "CONCLUSIONS: Ketamine reduced anxiety in adults with generalized anxiety disorder [range 36-81]."
)
PMID = "99000001"


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    home = tmp_path_factory.mktemp("hostile")
    corpus = home / "synthetic.jsonl"
    rec = {
        "pmid": PMID,
        "title": "Synthetic test fixture: ketamine for anxiety [range 36-81]" + HOSTILE,
        "abstract": ABSTRACT,
        "year": 2020,
        "journal": "Synthetic Journal [/] <script>x</script>",
        "authors": ["Fixture [/] A", "Escape \x1b[2J B"],
        "publication_types": ["Randomized Controlled Trial"],
    }
    corpus.write_text(json.dumps(rec) + "\n", encoding="utf-8")
    e = {
        "MEDCITE_HOME": str(home / "h"),
        "MEDCITE_DENSE": "false",
        "MEDCITE_DATABASE_URL": "",
        "MEDCITE_PUBMED_ONLINE": "false",
    }
    r = runner.invoke(app, ["ingest", "-q", str(corpus)], env=e)
    assert r.exit_code == 0, r.output
    return e


def _clean_terminal(output: str) -> None:
    assert "Traceback" not in output and "MarkupError" not in output
    assert ESC not in output and "\x07" not in output and "\x9b" not in output, repr(output[:2000])


def test_search_table_shows_brackets_and_strips_escapes(env: dict[str, str]) -> None:
    r = runner.invoke(app, ["search", "ketamine anxiety"], env=env, terminal_width=400)
    assert r.exit_code == 0, r.output
    _clean_terminal(r.output)
    assert "[range 36-81]" in r.stdout and "[/]" in r.stdout and "[bold]not bold[/bold]" in r.stdout


def test_verify_prints_evidence_and_reasons_as_plain_text(env: dict[str, str]) -> None:
    claim = "Ketamine reduced anxiety [/] in adults \x1b]0;pwned\x07 (range 36-81)"
    r = runner.invoke(app, ["verify", claim, "--pmid", PMID], env=env, terminal_width=400)
    assert r.exit_code == 0, r.output
    _clean_terminal(r.output)
    r = runner.invoke(
        app, ["verify", claim, "--text", ABSTRACT, "--text", "[/] \x1b[2J"], env=env, terminal_width=400
    )
    assert r.exit_code == 0, r.output
    _clean_terminal(r.output)
    assert "[range 36-81]" in r.stdout


QUESTION = "Does ketamine reduce anxiety [/] in adults [range 36-81]? \x1b]0;title\x07 <script>q</script>"


def test_ask_terminal_keeps_brackets_and_strips_escapes(env: dict[str, str]) -> None:
    r = runner.invoke(app, ["ask", QUESTION], env=env, terminal_width=300)
    assert r.exit_code == 0, r.output
    _clean_terminal(r.output)
    assert "[range 36-81]" in r.stdout and "[/]" in r.stdout and "<script>" in r.stdout
    assert "Synthetic Journal [/]" in r.stdout


def test_ask_markdown_escapes_html_from_question_and_sources(env: dict[str, str]) -> None:
    r = runner.invoke(app, ["ask", QUESTION, "--format", "md"], env=env)
    assert r.exit_code == 0, r.output
    _clean_terminal(r.output)
    md = r.stdout
    for raw in ("<script", "<img", "</script"):
        assert raw not in md
    assert "&lt;script>q&lt;/script>" in md  # the question, visible as text
    assert "&lt;script>alert(1)&lt;/script>" in md  # the source text
    assert md.startswith("# Does ketamine") and "\n## References" in md and "**" in md  # medcite's Markdown
    # a CommonMark renderer with raw HTML on makes no element of them: they show as text
    html = MarkdownIt("commonmark").render(md)
    assert "<script" not in html and "<img" not in html and "&lt;script&gt;q&lt;/script&gt;" in html


def test_markdown_keeps_comparison_signs_as_written() -> None:
    # the sample articles showed "P&lt;0.001" and "&gt;/=10": only what could open a tag or a quote is escaped
    assert md_text("(43 vs. 19%; P<0.001) in smokers of >/=10 cigarettes/day") == (
        "(43 vs. 19%; P<0.001) in smokers of >/=10 cigarettes/day"
    )
    assert md_text(">50% of patients") == "&gt;50% of patients"  # first on the line: not a quote
    assert md_text("A&B, &amp;") == "A&B, &amp;amp;"  # an entity in the source is shown as written


def test_ask_html_escapes_everything(env: dict[str, str]) -> None:
    r = runner.invoke(app, ["ask", QUESTION, "--format", "html"], env=env)
    assert r.exit_code == 0, r.output
    _clean_terminal(r.output)
    html = r.stdout
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;q&lt;/script&gt;" in html and "&lt;img src=x onerror=alert(2)&gt;" in html


def test_json_output_carries_no_raw_control_characters(env: dict[str, str]) -> None:
    r = runner.invoke(app, ["ask", QUESTION, "--format", "json"], env=env)
    assert r.exit_code == 0, r.output
    _clean_terminal(r.stdout)
    data = json.loads(r.stdout)
    assert "[range 36-81]" in data["question"]


def test_ingest_summary_prints_file_names_and_reasons_as_plain_text(tmp_path: Path) -> None:
    folder = tmp_path
    bad = folder / "fixture [bold] [red]name.jsonl"
    good = {
        "pmid": "99000002",
        "title": "Synthetic test fixture, not evidence",
        "abstract": "Synthetic text.",
    }
    bad.write_text(json.dumps(good) + "\n" + '{"pmid": "99000003", "title": 5 [/]}\n', encoding="utf-8")
    e = {"MEDCITE_HOME": str(folder / "h"), "MEDCITE_DENSE": "false", "MEDCITE_DATABASE_URL": ""}
    r = runner.invoke(app, ["ingest", "-q", str(bad)], env=e)
    _clean_terminal(r.output)
    assert "skipped" in r.output and "fixture [bold] [red]name.jsonl" in " ".join(r.output.split())
