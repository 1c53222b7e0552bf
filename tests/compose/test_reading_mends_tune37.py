"""Mends of the fortieth session (2026-12-07), from a reading of 16 tuning-half articles (tune37): a
regulator is who approves, not the question's concept or the passive's exposure; a preposition left alone is
no concept; the people's own records are no screening; a subgroup's count is not the study's n, and a count
of people randomised states it wherever the sentence is; "Further," is a connective; the authors' own area
is "the study area". Real sentences from the shared data, each with its key, unless marked
as a synthetic fixture."""

from __future__ import annotations

import pytest

from medcite.compose.candidates import TAGS
from medcite.compose.question import analyze_question
from medcite.corpus.extract import people_counts, sample_span
from medcite.corpus.statements import clean_statement
from medcite.domain.cards import Span
from medcite.text.statements import trim_sentence

# PMID 22970993 (PubMedQA): n had been "not found"
RECORDS = (
    "In this retrospective observational study, we analyzed the medical records of 2061 patients who "
    "underwent laparoscopic cholecystectomy in the surgical department of Khyber Teaching Hospital "
    "(Peshawar, Pakistan) between March 2008 and January 2010."
)
# evidence_inference:PMC4832354: n had been 20, the interviewed subgroup of 74 enrolled
SUBGROUP = "In a subgroup of 20 participants, in‐depth interviews were conducted for a qualitative analysis."
# evidence_inference:PMC4675066 (a results sentence): n had been "not found"
STOPPED = (
    "The trial was stopped after 59 women were randomly assigned following withdrawal of support by the "
    "funding body."
)
# PMID 19145527 (PubMedQA): the first words of a results sentence quoted after a design prefix
FURTHER = (
    "Further, those who had provided prevention services during emergency calls were more likely to think "
    "EMS professionals should provide prevention services during emergency calls (81% vs. 51%, p<0.001)."
)


def _method(text: str) -> list[Span]:
    return [Span(0, len(text), text)]


@pytest.mark.parametrize(
    ("question", "intervention", "condition", "outcome"),
    [
        # BioASQ 7B-9B questions
        ("Has dupilumab been FDA approved for atopic dermatitis?", "dupilumab", "atopic dermatitis", None),
        ("Has amantadine ER been approved by the FDA?", "amantadine ER", None, None),
        ("Has strimvelis been approved by the European Medicines Agency?", "strimvelis", None, None),
        (
            "Has ivosidenib been FDA approved for use against acute myeloid leukemia?",
            "ivosidenib",
            "acute myeloid leukemia",
            None,
        ),
        ("What indication has FTY720 been approved for by the FDA?", "FTY720", None, None),
    ],
)
def test_a_regulator_is_no_concept_of_the_question(
    question: str, intervention: str, condition: str | None, outcome: str | None
) -> None:
    a = analyze_question(question)
    assert (a.intervention, a.condition, a.outcome) == (intervention, condition, outcome)


def test_a_regulator_s_abbreviation_goes_with_it() -> None:
    # a HealthVer dev claim (the review's input): its outcome had been "not been approved (FDA)"
    claim = "Remdesivir has not been approved by the U.S. Food and Drug Administration (FDA) for any use"
    a = analyze_question(claim)
    read = " ".join(x or "" for x in (a.intervention, a.outcome, a.condition))
    assert "FDA" not in read and "Drug" not in read


def test_an_agent_that_is_no_regulator_is_still_the_exposure() -> None:
    a = analyze_question("Synthetic fixture: is fever caused by bacteria?")
    assert (a.intervention, a.condition) == ("bacteria", "fever")
    # "Which cancer has the kynureninase pathway been associated to?" (BioASQ) had the outcome "to"
    assert analyze_question("Which cancer has the kynureninase pathway been associated to?").outcome is None


def test_the_people_s_own_records_are_no_screening() -> None:
    assert sample_span(RECORDS, None, _method(RECORDS))[0] == 2061
    screened = "Synthetic fixture: the records of 1,204 patients were screened for eligibility."
    assert sample_span(screened, None, _method(screened))[0] is None
    # ... where a count of people included follows, that count is the n
    included = "Synthetic fixture: 1,204 records were screened and 40 patients were included."
    assert sample_span(included, None, _method(included))[0] == 40


def test_a_subgroup_s_count_is_not_the_study_s_n() -> None:
    assert sample_span(SUBGROUP, None, _method(SUBGROUP))[0] is None
    subset = "Synthetic fixture: this report focuses on the subset of 235 patients from the trial."
    assert sample_span(subset, None, _method(subset))[0] == 235


def test_a_count_randomised_states_the_n_outside_the_methods() -> None:
    assert sample_span(STOPPED, None, [])[0] == 59
    # a results sentence that only reports a count of people is not read without the methods
    assert sample_span("Synthetic fixture: 59 women had a relapse.", None, [])[0] is None


def test_trials_between_a_number_and_people_name_no_count() -> None:
    # the review's check (asreview_Nagtegaal_2019:line25546, a review): n had become 2
    trials = "Two trials in which patients were randomized to either physician counseling or control groups"
    assert people_counts(trials) == []
    # PMID 11306204 (screening corpus, shortened): "7 months during which women" had given n = 7
    assert (
        people_counts("The observational period lasted 7 months during which women filled in a diary.") == []
    )
    # a trial's people keep their count: PMID 8922912 (screening corpus, shortened)
    assert [c for c, _s, _e in people_counts("in 8619 GISSI-3 trial patients discharged alive")] == [8619]


def test_a_grade_s_number_is_no_count_enrolled() -> None:
    # PMID 8686833 (screening corpus), the review's input: n had become 2
    graded = "One hundred and fifty ASA 1 and 2 patients were randomly allocated to one of three groups."
    assert sample_span(graded, None, [])[0] is None
    # the largest count enrolled (synthetic fixture)
    two = "Synthetic fixture: 30 women were enrolled at first, and in all 120 women were randomly assigned."
    assert sample_span(two, None, [])[0] == 120


def test_further_is_a_connective_only_with_its_comma() -> None:
    assert clean_statement(FURTHER).startswith("Those who had provided prevention services")
    kept = "Further education of the synthetic fixture's nurses reduced the error rate."
    assert trim_sentence(kept) == kept


def test_a_route_of_formation_is_no_dosing_cue() -> None:
    # PMID 31776460 (BioASQ snippet corpus), for "Do bacteria release extracellular vesicles?": it had been
    # filed under Dosing
    vesicles = (
        "Gram-negative and Gram-positive bacteria release a variety of membrane vesicles through different "
        "formation routes."
    )
    assert TAGS["dosing"].search(vesicles) is None
    # routes named by what they are stay dosing cues (the review's inputs: PMID 9646650, PubMedQA 15141797)
    assert TAGS["dosing"].search("The nasal route is adequately accepted by children.")
    assert TAGS["dosing"].search("INR values were statistically similar by both routes.")


def test_the_authors_own_setting_is_named_without_the_first_person() -> None:
    # PMID 11334578 (PubMedQA): the study's conclusion had been left out as the authors speaking
    concluded = (
        "In view of the results, it is concluded that there is no awareness of PE among the doctors in the "
        "reformed PC in our area."
    )
    assert clean_statement(concluded, "conclusions") == (
        "There is no awareness of PE among the doctors in the reformed PC in the study area."
    )
    # "In view of" goes only with its comma: PMID 9421124 (screening corpus), the review's input
    kept = "In view of these findings and the fact that"
    assert trim_sentence(f"{kept} the synthetic fixture ...") == f"{kept} the synthetic fixture ..."
