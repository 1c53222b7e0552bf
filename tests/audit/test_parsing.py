"""Reading an article to audit: reference styles, citation markers, HTML and Markdown input.

The reference entries below are synthetic (invented names and titles, marked as such); they test the
parser, not any claim."""

from __future__ import annotations

import pytest

from medcite.corpus.article_input import article_text, detect, html_text, markdown_text
from medcite.domain.audit import RefKind
from medcite.services.audit import parse_article
from medcite.verify.markers import normalise_markers
from medcite.verify.references import parse_reference, parse_reference_list, split_reference_list

AMA = (
    "Doe J, Roe AB, Poe C, et al. Synthetic test title on compound alpha in adults. J Synth Test. "
    "2019;12(3):45-67. doi:10.1000/synth.123"
)
VANCOUVER = (
    "Doe J, Roe AB. Synthetic test title of a trial. Synth Test J. 2018 Mar;7(2):101-9. PMID: 12345678"
)
APA = (
    "Doe, J. A., & Roe, B. (2020). Synthetic test title for the APA style. Journal of Synthetic Tests, "
    "14(2), 10–20. https://doi.org/10.1000/SYNTH.456"
)


def test_ama_fields() -> None:
    r = parse_reference(1, AMA)
    assert r.kind is RefKind.RESEARCH
    assert r.authors == ("Doe J", "Roe AB", "Poe C")
    assert r.title == "Synthetic test title on compound alpha in adults"
    assert (r.journal, r.year, r.volume, r.pages) == ("J Synth Test", 2019, "12", "45-67")
    assert r.doi == "10.1000/synth.123" and r.pmid is None


def test_vancouver_fields_with_pmid() -> None:
    r = parse_reference(2, VANCOUVER)
    assert r.authors == ("Doe J", "Roe AB") and r.title == "Synthetic test title of a trial"
    assert (r.journal, r.year, r.volume, r.pages, r.pmid) == ("Synth Test J", 2018, "7", "101-9", "12345678")


def test_apa_fields() -> None:
    r = parse_reference(3, APA)
    assert r.authors == ("Doe JA", "Roe B") and r.year == 2020
    assert r.title == "Synthetic test title for the APA style"
    assert (r.journal, r.volume, r.pages) == ("Journal of Synthetic Tests", "14", "10–20")
    assert r.doi == "10.1000/synth.456"


@pytest.mark.parametrize(
    ("raw", "kind"),
    [
        (
            "American Psychiatric Association. Diagnostic and Statistical Manual of Mental Disorders. "
            "5th ed. "
            "Arlington, VA: American Psychiatric Publishing; 2013.",
            RefKind.MANUAL,
        ),
        ("World Health Organization. ICD-11 for mortality and morbidity statistics. 2019.", RefKind.MANUAL),
        ("Doe J. Synthetic Textbook of Testing. 3rd ed. Synthville: Test Press; 2015.", RefKind.BOOK),
        (
            "Synthetic Health Site. Anxiety: a synthetic page. https://example.org/anxiety. "
            "Accessed May 1, 2023.",
            RefKind.WEBSITE,
        ),
        (AMA, RefKind.RESEARCH),
    ],
)
def test_non_research_sources_are_recognised(raw: str, kind: RefKind) -> None:
    assert parse_reference(1, raw).kind is kind


def test_reference_list_split_and_numbering() -> None:
    text = f"Body text cites one [1].\n\nReferences\n[1] {AMA}\n[2] {VANCOUVER}\n   continued line\n"
    body, block = split_reference_list(text)
    assert body == "Body text cites one [1]." and block is not None
    refs = parse_reference_list(block)
    assert [r.n for r in refs] == [1, 2] and refs[1].raw.endswith("continued line")


def test_unnumbered_apa_list_is_numbered_in_order() -> None:
    block = APA + "\n" + APA.replace("Doe, J. A.", "Zed, Q.").replace("2020", "2021")
    refs = parse_reference_list(block)
    assert [(r.n, r.authors[0], r.year) for r in refs] == [(1, "Doe JA", 2020), (2, "Zed Q", 2021)]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Compound alpha lowered the synthetic score [1].", "[1]"),
        ("Compound alpha lowered the synthetic score (2).", "[2]"),
        ("Compound alpha lowered the synthetic score [1,3].", "[1,3]"),
        ("Compound alpha lowered the synthetic score [1-3].", "[1-3]"),
        ("Compound alpha lowered the synthetic score in anxiety.3 Next sentence here.", "[3]"),
        ("Compound alpha lowered the synthetic score in anxiety,2 and more.", "[2]"),
        ("Compound alpha lowered the synthetic score (Doe et al., 2019).", "[1]"),
        ("Compound alpha lowered the synthetic score (Doe et al., 2019; Roe & Poe, 2018).", "[1,2]"),
        ("Doe et al. (2019) found that compound alpha lowered the synthetic score.", "[1]"),
    ],
)
def test_citation_markers(body: str, expected: str) -> None:
    refs = (
        parse_reference(1, AMA),
        parse_reference(2, "Roe AB, Poe C. Synthetic title two. Synth J. 2018;1:1-2."),
        parse_reference(3, VANCOUVER),
    )
    text, notes = normalise_markers(body, refs)
    assert expected in text and not notes


def test_markers_that_are_not_citations_stay() -> None:
    refs = (parse_reference(1, AMA), parse_reference(2, VANCOUVER))
    body = "COVID-19 and p53 and CD4 counts (n = 45) and a dose of 1.5 mg (95% CI 1-2) in 2019."
    assert normalise_markers(body, refs)[0] == body


def test_html_sup_markers_scripts_dropped_and_ordered_list() -> None:
    page = (
        "<html><head><script>alert('head')</script><title>t</title></head><body>"
        "<p>Compound alpha lowered the synthetic score in volunteers.<sup>1,2</sup></p>"
        "<script>document.write('evil')</script><style>p{}</style>"
        "<h2>References</h2><ol><li>" + AMA + "</li><li>" + VANCOUVER + "</li></ol></body></html>"
    )
    text = html_text(page)
    assert "alert" not in text and "evil" not in text and "p{}" not in text
    assert "volunteers.[1,2]" in text and "1. Doe J" in text and "2. Doe J" in text
    art = parse_article(page.encode(), "page.html")
    assert [s.citations for s in art.statements] == [(1, 2)]
    assert [r.n for r in art.references] == [1, 2]


def test_markdown_links_and_footnotes() -> None:
    md = "## Title\n\nCompound **alpha** lowered [the score](https://example.org)[^1].\n\n[^1]: " + AMA
    text = markdown_text(md)
    assert "the score[1]" in text and "**" not in text and "1. Doe J" in text
    assert detect(md, None) == "markdown" and detect("<p>x</p>", None) == "html"
    assert detect("plain", "a.txt") == "text"


def test_article_text_plain_passthrough() -> None:
    assert article_text(b"Plain text [1].\r\n", "a.txt") == "Plain text [1].\n"
