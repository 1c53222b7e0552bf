"""Mends from a reading of 16 tuning-half articles (PubMedQA and BioASQ even half, the 26th draws,
2026-12-06): a snippet cut mid-word on a stub longer than three letters quoted with a capital ("Hese
differences extend to histone variants ..."). Real records of the shared data."""

from __future__ import annotations

import json

import pytest

from medcite.bootstrap import load_reranker, load_stance_reader
from medcite.compose import compose_article
from medcite.config import load_settings
from medcite.domain import Provenance
from medcite.testing import OverlapSearcher
from medcite.text.cues import main_clause
from medcite.text.statements import readable
from medcite.text.words import opens_on_stub
from tests.compose.doubles import DATA_DIR, LexicalVerifier, bioasq_source


def _snippet(pmid: str, start: str) -> str:
    with (DATA_DIR / "bioasq" / "snippet_corpus.jsonl").open(encoding="utf-8") as fh:
        d = next(d for line in fh if (d := json.loads(line))["pmid"] == pmid)
    return next(s for s in d["abstract_snippets"] if s.startswith(start))


def test_a_snippet_cut_on_a_long_stub_is_no_statement() -> None:
    cut = _snippet("21249180", "hese differences extend")
    assert opens_on_stub(cut)
    assert readable(cut) is None
    # the same sentence whole is a statement
    assert readable("T" + cut) is not None


@pytest.mark.parametrize(
    "opening",
    [
        "orally for 4 months (n = 15).",  # a word with an ending the vocabulary lacks whole
        "cations present at physiological pH contribute to the signal.",
        "ribociclib was given daily.",  # a drug name: no word with a letter before it
        "these differences extend to histone variants.",
        "mTOR inhibition reduced growth.",
    ],
)
def test_a_word_is_no_stub(opening: str) -> None:
    assert not opens_on_stub(opening)


def test_stubs_of_common_words_are_read_as_cut() -> None:
    for stub in ("urrently, adjuvant treatment includes chemotherapy.", "ndeed, preliminary results show."):
        assert opens_on_stub(stub)


def test_the_stance_reader_reads_the_main_clause_after_a_concession() -> None:
    # the BioASQ snippet of PMID 25034562 (tune26): "well tolerated" had made the reader answer yes
    whole = _snippet("25034562", "Although treatment was well tolerated")
    assert main_clause(whole).startswith("Neither ustekinumab nor golimumab demonstrated efficacy")
    # no concession, a concession with a list in it, or a main clause too short to read alone: as it is
    for text in (
        "Golimumab did not demonstrate efficacy in pulmonary sarcoidosis.",
        "Although A, B and C improved, the difference was not significant.",
        "While this is true, it failed.",
    ):
        assert main_clause(text) == text


def test_a_finding_after_a_concession_answers_no_end_to_end() -> None:
    src = bioasq_source(1, "25034562")
    settings = load_settings()
    a = compose_article(
        "Is golimumab effective for sarcoidosis?",
        OverlapSearcher([src]),
        LexicalVerifier(),
        provenance=Provenance(),
        relevance=load_reranker(settings),
        stance_reader=lambda: load_stance_reader(settings),
    )
    assert "neither ustekinumab nor golimumab demonstrated efficacy" in a.bottom_line
    assert a.stance == "no"
