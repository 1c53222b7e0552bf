"""Mends of the forty-first session (2026-12-07), from a reading of 16 tuning-half articles (tune38): a test's
purpose is no part of a concept ("useful to differentiate X from Y" names X); who uses a test is no part of
it; caregivers studied are the study's people; a snippet whose first word closes a bracket opened before
the cut is no statement. Real questions and sentences from the shared
data, each with its source, unless marked as a synthetic fixture."""

from __future__ import annotations

import pytest

from medcite.compose.purpose import purpose_object
from medcite.compose.question import analyze_question
from medcite.corpus.extract import people_counts, sample_span
from medcite.corpus.sample_size import sample_size
from medcite.domain.cards import Span
from medcite.text.statements import readable

# PMID 22303473 (PubMedQA): n had been "sample size not found"
CAREGIVERS = (
    "A randomized multicenter trial was conducted among 192 primary caregivers of community dwelling "
    "dementia patients."
)
# evidence_inference:PMC4334515
RANDOMISED_CAREGIVERS = (
    "In a RCT, 251 caregivers, of whom six were lost at baseline, were randomly assigned to two groups."
)
# PMID 11287293 (a BioASQ snippet, cut inside "Nicotiana tabacum var. xanthi)"): had been quoted as
# "Xanthi) mutagenicity assay is ..."
CUT_BRACKET = (
    "xanthi) mutagenicity assay is the ability to analyze and compare on the same plants under identical "
    "treatment conditions"
)


@pytest.mark.parametrize(
    ("question", "intervention", "condition", "outcome"),
    [
        # PubMedQA dev questions
        (
            "Is serum total bilirubin useful to differentiate cardioembolic stroke from other stroke "
            "subtypes?",
            "serum total bilirubin",
            "cardioembolic stroke",
            None,
        ),
        (
            "Is the Hawkins sign able to predict necrosis in fractures of the neck of the astragalus?",
            "Hawkins sign",
            "necrosis in fractures of the neck of the astragalus",
            None,
        ),
        (
            "Can clinicians use the PHQ-9 to assess depression in people with vision loss?",
            "PHQ-9",
            "vision loss",
            "depression",
        ),
        ("Do we need imaging to diagnose appendicitis in children?", "imaging", "appendicitis", None),
        (
            "Is double-balloon enteroscopy an accurate method to diagnose small-bowel disorders?",
            "double-balloon enteroscopy",
            None,
            "small-bowel disorders",
        ),
    ],
)
def test_a_purpose_names_what_it_acts_on(
    question: str, intervention: str, condition: str | None, outcome: str | None
) -> None:
    a = analyze_question(question)
    assert (a.intervention, a.condition, a.outcome) == (intervention, condition, outcome)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("differentiate cardioembolic stroke from other stroke subtypes", "cardioembolic stroke"),
        ("diagnosis of eye disease", "eye disease"),
        ("surrogate tracer to measure tumor hypoxia", "tumor hypoxia"),
        # a task coordinated with another, or the wh-phrase itself, keeps its words
        ("identifying and visualising ncRNA promoters", "identifying and visualising ncRNA promoters"),
        ("screening of which disorders", "screening of which disorders"),
        ("severity of major depressive disorder", "severity of major depressive disorder"),
    ],
)
def test_purpose_object(value: str, expected: str) -> None:
    assert purpose_object(value) == expected


@pytest.mark.parametrize(("text", "n"), [(CAREGIVERS, 192), (RANDOMISED_CAREGIVERS, 251)])
def test_caregivers_studied_are_the_studys_people(text: str, n: int) -> None:
    assert sample_size(text) == (n if text == CAREGIVERS else None)  # the card's own reading finds the other
    assert [c for c, _s, _e in people_counts(text)] == [n]
    assert sample_span(text, None, [Span(0, len(text), text)])[0] == n


def test_a_first_word_closing_a_cut_bracket_is_no_statement() -> None:
    assert readable(CUT_BRACKET) is None
    assert readable(CUT_BRACKET + ".") is None


@pytest.mark.parametrize(
    "sentence",
    [
        # Synthetic fixture: an enumerated item and a bracket the sentence opens itself stay
        "ii) the second criterion was met in all cases.",
        "Interleukin-6 (IL-6) was raised in the synthetic fixture.",
    ],
)
def test_a_list_item_or_an_opened_bracket_stays(sentence: str) -> None:
    assert readable(sentence) is not None
