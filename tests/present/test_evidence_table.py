"""The evidence table in every output format: Markdown, HTML, terminal, and the JSON contract (an added
field: old bodies without it still read)."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from html.parser import HTMLParser
from typing import Any

from rich.console import Console

from medcite.domain.article import EvidenceRow, Pin
from medcite.present.html import to_html
from medcite.present.json_contract import from_json, json_schema, to_json
from medcite.present.markdown import to_markdown
from medcite.present.terminal import to_rich
from tests.present.test_json_contract import ARTICLE

ROW = EvidenceRow(
    ref=1,
    study="Reimer et al. (1999)",
    design="randomised controlled trial",
    n=36,
    certainty="low",
    population="36 children undergoing adenotonsillectomy",
    comparison="compared with fentanyl",
    main_result="Clonidine reduced pain | sedation <script>alert(1)</script> [bold]x[/bold].",
    population_pin=Pin(1, "10051933", 120, 161),
    comparison_pin=Pin(1, "10051933", 300, 322),
)
BARE = EvidenceRow(ref=2, study="PMID 2", design="other", n=None, certainty="very low")
TABLED = replace(ARTICLE, evidence_table=(ROW, BARE))


def test_json_round_trip_schema_and_old_bodies() -> None:
    data = json.loads(json.dumps(to_json(TABLED)))
    assert data["evidence_table"][0]["population_pin"] == {
        "ref": 1,
        "source_key": "10051933",
        "start": 120,
        "end": 161,
        "passage_id": None,
    }
    assert from_json(data) == TABLED
    schema = json_schema()
    assert "evidence_table" in schema["properties"]
    assert "evidence_table" not in schema["required"]  # added, so optional
    row: dict[str, Any] = schema["$defs"]["EvidenceRow"]
    assert set(row["properties"]) == {
        "ref",
        "study",
        "design",
        "n",
        "certainty",
        "population",
        "comparison",
        "main_result",
        "population_pin",
        "comparison_pin",
    }
    # a body stored before the table existed still reads, with an empty table
    old = json.loads(json.dumps(to_json(ARTICLE)))
    del old["evidence_table"]
    assert from_json(old) == ARTICLE and from_json(old).evidence_table == ()


def test_markdown_table_after_the_sections_before_the_references() -> None:
    md = to_markdown(TABLED)
    lines = md.splitlines()
    head = lines.index("| Study | Design | n | Population | Comparison | Main result | Certainty |")
    assert lines[head + 1] == "|---|---|---|---|---|---|---|"
    assert lines.index("## Gaps") < head < lines.index("## References")
    row = lines[head + 2]
    assert row.startswith("| Reimer et al. (1999) [1] | randomised controlled trial | 36 | 36 children")
    assert "Clonidine reduced pain \\| sedation" in row  # a pipe in the text does not split the cell
    assert "<script>" not in md
    assert row.count(" | ") == 6
    assert lines[head + 3] == "| PMID 2 [2] | other | — | — | — | — | very low |"
    assert "| Study |" not in to_markdown(ARTICLE)  # no rows, no table


class _Table(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_table_is_accessible_and_escaped() -> None:
    page = to_html(TABLED)
    p = _Table()
    p.feed(page)
    names = [t for t, _a in p.tags]
    assert "table" in names and "caption" in names
    cols = [a for t, a in p.tags if t == "th" and a.get("scope") == "col"]
    assert len(cols) == 7
    assert [a for t, a in p.tags if t == "th" and a.get("scope") == "row"]
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "Clonidine reduced pain | sedation <script>alert(1)</script> [bold]x[/bold]." in "".join(p.text)
    assert page.index("<table") < page.index('id="ref-1"')
    assert "<table" not in to_html(ARTICLE)


def test_terminal_table_shows_text_as_text() -> None:
    out = io.StringIO()
    Console(file=out, width=200, color_system=None).print(to_rich(TABLED))
    text = out.getvalue()
    assert "Evidence Table" in text and "Main result" in text
    assert "[bold]x[/bold]" in text  # shown, not read as markup
    assert "Reimer et al. (1999) [1]" in text


def test_the_certainty_is_said_once() -> None:
    """A bottom line that answers no yes or no ends "Certainty of evidence: very low." itself; the line of
    its own below it had said it again (a reading of 8 factoid and summary articles)."""
    stated = replace(
        ARTICLE, bottom_line="X is Y [1]. Certainty of evidence: very low.", certainty="very low"
    )
    assert to_markdown(stated).count("Certainty of evidence") == 1
    assert to_html(stated).count("Certainty of evidence") == 1
    unstated = replace(ARTICLE, bottom_line="Yes (very low certainty). X is Y [1].", certainty="very low")
    assert "Certainty of evidence: **very low**" in to_markdown(unstated)
    assert "Certainty of evidence: <strong>very low</strong>" in to_html(unstated)


def test_the_conclusions_grades_say_what_they_grade() -> None:
    """A conclusion graded "very low" beside "low" at the top read as a contradiction: each format says that a
    conclusion is graded on its own studies and the top line on the direct studies together."""
    from medcite.present.common import CERTAINTY_INTRO

    assert ARTICLE.certainty_details
    assert CERTAINTY_INTRO in to_markdown(ARTICLE)
    assert CERTAINTY_INTRO in to_html(ARTICLE)
    assert CERTAINTY_INTRO not in to_markdown(replace(ARTICLE, certainty_details=()))
