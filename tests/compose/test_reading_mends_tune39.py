"""Mends of the forty-first session (2026-12-07), from a reading of 16 tuning-half articles (tune39): a
"How is X done?" question's participle is no part of X; a predicate that only judges a test names no concept,
and "staging" is a test's task; "Of N admitted, M were included" gives n = M; "In support of this model, ..."
leans on the sentence before; a study's design sentence and "Described here is a protocol" are no findings.
Real questions and sentences from the shared data, each with its source, unless marked as a synthetic
fixture."""

from __future__ import annotations

import pytest

from medcite.compose.question import analyze_question
from medcite.corpus.extract import sample_span
from medcite.domain.cards import Span
from medcite.text.anaphora import leans_back
from medcite.text.cues import states_aim


@pytest.mark.parametrize(
    ("question", "intervention", "condition", "outcome"),
    [
        # BioASQ 7B-9B questions
        ("How are SAHFS created?", "SAHFS", None, None),
        ("How is ZP-PTH delivered to patients?", "ZP-PTH", None, None),
        ("How are gas vesicle proteins used in imaging?", "gas vesicle proteins", "imaging", None),
        ("How is the STING protein activated?", "STING protein", None, None),
        # PubMedQA dev questions
        (
            "Is laparoscopic sonography a reliable and sensitive procedure for staging colorectal cancer?",
            "laparoscopic sonography",
            "colorectal cancer",
            None,
        ),
    ],
)
def test_how_done_and_judged_tests(
    question: str, intervention: str, condition: str | None, outcome: str | None
) -> None:
    a = analyze_question(question)
    assert (a.intervention, a.condition, a.outcome) == (intervention, condition, outcome)


def test_how_does_keeps_its_verb_reading() -> None:
    a = analyze_question("How does the Cholera toxin enter a cell?")  # BioASQ 7B-9B
    assert (a.intervention, a.outcome) == ("Cholera toxin", "cell")


# PMID 17329379 (PubMedQA): n had been 967, the children admitted
ADMITTED = (
    "Of 967 children admitted, 55 were included with a 2-day median delay. They were younger than others "
    "(24 v 60 months)."
)
# PMID 11182704: 11 is one arm of the 18 randomized
ARM = (
    "Of the 18 patients, 11 were randomized to receive carvedilol medication, whereas the remaining 7 "
    "received a placebo."
)
# asreview_Nagtegaal_2019:line26028: a step before another count
STEPS = "Of 1659 screened patients, only 507 were eligible and 344 participated."


def test_the_people_included_are_the_n_not_those_admitted() -> None:
    assert sample_span(ADMITTED, 967)[0] == 55
    assert sample_span(ARM, 18)[0] == 18
    assert sample_span(STEPS, None, [Span(0, len(STEPS), STEPS)])[0] != 507


def test_in_support_of_this_model_leans_back() -> None:
    # PMID 30100265 (a BioASQ snippet)
    assert leans_back(
        "In support of this model, single-molecule imaging experiments indicate that condensin extrudes "
        "DNA loops in an ATP-hydrolysis-dependent manner in vitro."
    )


@pytest.mark.parametrize(
    ("sentence", "method"),
    [
        # PMID 25874001 (a BioASQ snippet): had been a bottom line for "What is AZD0530 an inhibitor of?"
        (
            "The study was a 4-week Phase Ib multiple ascending dose, randomized, double-blind "
            "placebo-controlled trial of AZD0530 in AD patients with MMSE scores ranging from 16 to 26.",
            True,
        ),
        # PMID 31305534 (BioASQ): had answered "Is SLIC-CAGE used for quantification of translation?"
        ("Described here is a protocol for performing super-low input carrier-CAGE (SLIC-CAGE).", True),
        # asreview_Bannach-Brown_2019:line22915: a finding about what the article describes
        (
            "The general structure of the Mi-CK octamer described here is relevant to the localization of "
            "the molecule at the inner-outer mitochondrial contact sites.",
            False,
        ),
    ],
)
def test_a_design_or_scope_sentence_is_no_finding(sentence: str, method: bool) -> None:
    assert states_aim(sentence) is method
