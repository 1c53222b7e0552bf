"""The shared JSONL corpora, detected by their fields."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from medcite.corpus.jsonl import parse_jsonl
from medcite.domain import ParseProblem, SourceRecord
from medcite.errors import IngestError


def test_pubmedqa(data_dir: Path) -> None:
    items = list(parse_jsonl(data_dir / "pubmedqa" / "abstracts.jsonl"))
    assert len(items) == 1000 and all(isinstance(i, SourceRecord) for i in items)
    rec = next(i for i in items if isinstance(i, SourceRecord) and i.key == "21645374")
    assert rec.title == ""  # PubMedQA has no titles
    assert rec.year == 2011 and rec.origin == "pubmedqa/abstracts.jsonl"
    assert [s.label for s in rec.sections] == ["BACKGROUND", "RESULTS", "CONCLUSIONS"]
    assert "Apoptosis" in [m.descriptor for m in rec.mesh]


def test_bioasq_snippets(data_dir: Path) -> None:
    items = list(parse_jsonl(data_dir / "bioasq" / "snippet_corpus.jsonl"))
    records = [i for i in items if isinstance(i, SourceRecord)]
    assert len(records) == 13449
    rec = next(r for r in records if r.key == "34022131")
    assert rec.title.startswith("Non-coding region variants upstream of MEF2C")
    assert all(s.label == "" for s in rec.sections)


def test_markup_an_export_left_in_a_title_goes(data_dir: Path) -> None:
    """26 BioASQ snippet records carry "Title.<AbstractText Label=...>first sentence" as their title."""
    items = list(parse_jsonl(data_dir / "bioasq" / "snippet_corpus.jsonl"))
    records = {i.key: i for i in items if isinstance(i, SourceRecord)}
    rec = records["28620891"]
    assert rec.title == (
        "Population Pharmacokinetic Modeling of Olaratumab, an Anti-PDGFR\u03b1 Human Monoclonal Antibody, "
        "in Patients with Advanced and/or Metastatic Cancer."
    )
    assert not any("<" in r.title or "<AbstractText" in r.text for r in records.values())


def test_only_markup_goes_from_a_text() -> None:
    from medcite.corpus.fields import clean

    # synthetic strings: a comparison is no tag; two sections stay apart
    assert clean("if a<b and c>d, the <i>in vivo</i> data") == "if a<b and c>d, the in vivo data"
    assert clean('one.</AbstractText><AbstractText Label="METHODS">Two.') == "one. Two."
    # the HTML of screening-set exports (SYNERGY): a heading becomes a label, "Abstract" goes
    html = "<h2>Abstract</h2> <h3>Study objective</h3> CO<inf>2</inf> rose.<br/>Then<h3>RESULTS:</h3>It fell."
    assert clean(html) == "STUDY OBJECTIVE: CO2 rose. Then RESULTS: It fell."
    assert (
        clean("at &amp;lt; 24 h and &gt;5 years, Sj&#246;gren &amp; co")
        == "at < 24 h and >5 years, Sj\u00f6gren & co"
    )
    assert (
        clean("&lt;i&gt;in vivo&lt;/i&gt; and&nbsp; <h3><i>Objective</i></h3> it")
        == "in vivo and OBJECTIVE: it"
    )
    assert clean("<h3>Patients &amp; m&eacute;thodes</h3> We did.") == "PATIENTS & M\u00c9THODES: We did."


def test_abstracts_extra(data_dir: Path) -> None:
    items = list(parse_jsonl(data_dir / "corpora" / "abstracts_extra.jsonl.gz"))
    records = {i.key: i for i in items if isinstance(i, SourceRecord)}
    problems = [i for i in items if isinstance(i, ParseProblem)]
    assert len(records) + len(problems) <= 32518
    assert all("without title or abstract" in p.reason for p in problems)
    cohen = next(i for i in items if isinstance(i, SourceRecord) and i.origin == "cohen2006_drug_reviews")
    assert cohen.authors and " " in cohen.authors[0] and "," not in cohen.authors[0]
    ei = next(i for i in items if isinstance(i, SourceRecord) and i.origin == "evidence_inference")
    assert ei.key.startswith("evidence_inference:PMC") and ei.pmid is None and ei.pmcid
    synergy = next(
        i for i in items if isinstance(i, SourceRecord) and i.origin.startswith("synergy_") and i.doi
    )
    assert synergy.doi is not None and synergy.doi.startswith("10.")


def test_bad_lines_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "synthetic.jsonl.gz"
    lines = [
        '{"pmid": "1", "title": "Synthetic test title", "abstract": "Synthetic text."}',
        '{"pmid": "2", "title": ',
        "[1, 2]",
        '{"pmid": "3"}',
        '{"title": "Synthetic record without pmid", "abstract": "Synthetic."}',
    ]
    path.write_bytes(gzip.compress("\n".join(lines).encode()))
    items = list(parse_jsonl(path))
    assert [type(i).__name__ for i in items] == [
        "SourceRecord",
        "ParseProblem",
        "ParseProblem",
        "ParseProblem",
        "SourceRecord",
    ]
    assert isinstance(items[1], ParseProblem) and "invalid JSON" in items[1].reason
    last = items[4]
    assert isinstance(last, SourceRecord) and last.key == f"{tmp_path.name}/synthetic.jsonl.gz:line5"


def test_xml_given_to_jsonl_parser(data_dir: Path) -> None:
    with pytest.raises(IngestError, match="not a JSON Lines file"):
        list(parse_jsonl(data_dir / "medline_sample" / "pubmed-29768149.xml"))


def test_a_title_glued_to_the_first_sentence_is_split(data_dir: Path) -> None:
    """121 of the 13,449 BioASQ snippet records run their title into the abstract's first sentence without a
    space; the reference list showed "... Chloride Transport.The sweat chloride test remains ..."."""
    recs = {
        r.key: r
        for r in parse_jsonl(data_dir / "bioasq" / "snippet_corpus.jsonl")
        if isinstance(r, SourceRecord) and r.key in ("28852705", "30404778", "29670690")
    }
    glued = recs["28852705"]
    assert glued.title == (
        "The Sweat Metabolome of Screen-Positive Cystic Fibrosis Infants: Revealing Mechanisms beyond "
        "Impaired Chloride Transport."
    )
    # the sentence stays in the abstract (here a snippet holds it already: it is not added twice)
    said = "The sweat chloride test remains the gold standard for confirmatory diagnosis of cystic fibrosis"
    assert sum(said in s.text for s in glued.sections) == 1
    # where no snippet holds the glued sentence, it opens the abstract
    ivosidenib = recs["29670690"]
    assert ivosidenib.title.endswith("for the Treatment of IDH1 Mutant Cancers.")
    assert ivosidenib.sections[0].text.startswith("Somatic point mutations at a key arginine residue (R132)")
    # a title that ends where it should is left alone
    assert recs["30404778"].title.startswith("SLIC-CAGE: high-resolution transcription start site mapping")
    assert not recs["30404778"].sections[0].text.startswith("high-resolution")
