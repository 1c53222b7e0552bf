"""Mends from a reading of 16 tuning-half articles (PubMedQA and BioASQ even half, the 26th draws,
2026-12-06): a snippet cut mid-word on a stub longer than three letters quoted with a capital ("Hese
differences extend to histone variants ..."). Real records of the shared data."""

from __future__ import annotations

import json

import pytest

from medcite.bootstrap import load_reranker, load_stance_reader
from medcite.compose import compose, compose_article
from medcite.compose.naming import concepts
from medcite.compose.notes import indirect_notes
from medcite.compose.plan import ANOTHER_QUESTION, RankedSource
from medcite.compose.question import analyze_question
from medcite.config import load_settings
from medcite.domain import Provenance, SearchHit
from medcite.testing import OverlapSearcher
from medcite.text.clauses import main_clause
from medcite.text.statements import readable
from medcite.text.words import opens_on_stub, osis_forms
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
        # medical words the tokenizer splits, found in the licence-OK abstracts (an independent review's)
        "steroids were associated with faster recovery.",
        "emesis occurred in 12 patients.",
        "elective surgery was postponed.",
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
    # no concession, a concession cut at a list's or a number's comma, or a main clause too short to read
    # alone: as it is (an independent review's inputs)
    for text in (
        "Golimumab did not demonstrate efficacy in pulmonary sarcoidosis.",
        "Although pain, fatigue and mood improved, overall survival did not differ.",
        "Although 12,345 patients were screened, few were eligible for the trial.",
        "While this is true, it failed.",
    ):
        assert main_clause(text) == text


def test_the_main_clause_is_read_only_where_it_names_the_question_subject() -> None:
    first = concepts(analyze_question("Does aspirin reduce the risk of stroke?"))[:1]
    whole = "Although aspirin reduced the risk of stroke by 20%, it increased major bleeding."
    assert main_clause(whole) == "It increased major bleeding."
    assert compose._read_text(whole, first) == whole
    sarcoid = concepts(analyze_question("Is golimumab effective for sarcoidosis?"))[:1]
    text = "Although treatment was well tolerated, golimumab did not improve lung function."
    assert compose._read_text(text, sarcoid) == "Golimumab did not improve lung function."


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


def test_sources_on_another_question_are_named_off_the_question_not_indirect() -> None:
    def ranked(i: int, pmid: str) -> RankedSource:
        return RankedSource(SearchHit(bioasq_source(i, pmid), 1.0, ()), 1.0, 1.0, frozenset())

    off = [(ranked(1, "21249180"), [ANOTHER_QUESTION]), (ranked(2, "30299483"), [ANOTHER_QUESTION])]
    other = [(ranked(3, "18088248"), ["does not mention golimumab"])]
    notes = indirect_notes([*off, *other])
    assert notes[0].startswith("Indirect evidence only, not used for the answer: PMID 18088248")
    assert notes[1] == (
        "Set aside as off the question (they share its words but answer another question, read by the "
        'relevance model): PMID 21249180, PMID 30299483 ("Sex influences SAMHD1 activity and susceptibility '
        'to HIV-1 in primary human macrophages").'
    )
    assert indirect_notes(off[:1])[0].startswith("Set aside as off the question (it shares its words but")
    assert not any("Indirect evidence only" in n and "21249180" in n for n in notes)
    assert indirect_notes(off, limit=1)[-1].endswith("PMID 21249180 and 1 more.")


def test_an_osis_noun_names_its_otic_adjective() -> None:
    cs = concepts(analyze_question("Is PRDM9 essential for meiosis?"))
    title = (
        "PRDM9 is a major determinant of meiotic recombination hotspots in humans and mice"  # PMID 20044539
    )
    assert all(c.found_in(title) for c in cs)
    assert osis_forms("fibrotic stenosis") == {"fibros", "stenot"}
    # whole words only (an independent review's inputs): other stems that end in "os" or "ot" name nothing
    assert osis_forms("Radiotherapy after neurosurgery; photosensitivity") == set()
    radio = concepts(analyze_question("Is radiosurgery effective for trigeminal neuralgia?"))[0]
    assert not radio.found_in("Radiotherapy relieved pain in trigeminal neuralgia.")
