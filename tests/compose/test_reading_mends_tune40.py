"""Mends of the forty-second session (2026-12-07), from a reading of 25 tuning-half articles (tune40, tune41):
a school year is no count and a study's people are counted where they are professors, pharmacists or
midwives, "held involving N students", or people described by language or birth; a trial of eclampsia cases
reports results in women; a marker that predicts an outcome is a prognosis question. Real questions and
sentences from the shared data, each with its source."""

from __future__ import annotations

import pytest

from medcite.compose.defining import defines, subject_defined
from medcite.compose.evidence_table import comparison_phrase
from medcite.compose.notes import gap_notes
from medcite.compose.question import QuestionType, analyze_question
from medcite.compose.synthesis import asks_effect
from medcite.corpus.extract import people_counts
from medcite.corpus.sample_size import sample_size
from medcite.text.anaphora import leans_back
from medcite.text.cues import states_aim
from tests.compose.doubles import load_pubmedqa

# PMID 12626177 (PubMedQA): the card had n = 10 from "Year 10 students"
SCHOOL_YEAR = (
    "Year 10 students (aged 14-15 years) from North Nottinghamshire schools were asked to participate in "
    "focus groups to discuss the Internet."
)
HELD = "Thirteen focus groups were held involving 287 students of approximately equal sex distribution."


def test_a_school_year_is_no_count_of_people() -> None:
    assert [c for c, _s, _e in people_counts(SCHOOL_YEAR)] == []
    # PMID 24606627: the count in words before the school year is the count
    counts = people_counts("Forty Year 3 medical students were randomised into six reOSCE stations.")
    assert [c for c, _s, _e in counts] == [40]


@pytest.mark.parametrize(
    ("text", "n"),
    [
        (HELD, 287),
        # PMID 21873082 (PubMedQA)
        ("Among 210 professors of radiology, 48 (23%) secured at least one NIH grant.", 210),
        # PMID 17244100 (PubMedQA)
        (
            "Sixty-seven English-speaking adult cancer outpatients, including 15 minorities, with moderate "
            "pain over the prior 2 weeks were randomly assigned to the experimental (N = 34) or control "
            "group (N = 33).",
            67,
        ),
        # PMID 28237527 (store record): pharmacists are a survey's people
        ("A total of 229 pharmacists answered the survey (141 in Quebec and 88 in France).", 229),
    ],
)
def test_the_people_a_study_counts(text: str, n: int) -> None:
    assert sample_size(text) == n


def test_among_whom_is_no_qualifier_of_the_people() -> None:
    # synthetic fixture, not evidence: "of whom" opens a subgroup, not a description of the people
    assert sample_size("Among 120 patients of whom, 30 had diabetes.") is None


def test_a_trial_of_eclampsia_cases_reports_results_in_women() -> None:
    # PubMedQA 22521460: "200 eclampsia cases ... cesarean or vaginal delivery", maternal event rates
    a = analyze_question(
        "Does route of delivery affect maternal and perinatal outcome in women with eclampsia?"
    )
    assert a.population == "women"
    notes = gap_notes(a, ["efficacy"], [load_pubmedqa()["22521460"]], [])
    assert not any("specifically in women" in n for n in notes)


def test_men_is_not_named_by_treatment_or_women() -> None:
    # PubMedQA 19299238 names no men: "an effective treatment for postmenopausal women" holds the letters
    source = load_pubmedqa()["19299238"]
    assert "treatment" in source.record.text and "women" in source.record.text
    a = analyze_question("Do aromatase inhibitors cause joint pain in men?")  # synthetic fixture
    assert a.population == "men"
    notes = gap_notes(a, ["efficacy"], [source], [])
    assert "No cited study reports results specifically in men." in notes


def test_a_trial_of_eclampsia_cases_reports_results_in_pregnant_women() -> None:
    # the reviewer's case: PubMedQA 22521460 under a "pregnant women" population
    a = analyze_question("Does route of delivery affect outcome in pregnant women with eclampsia?")
    assert a.population == "pregnant women"  # synthetic fixture (the wording of the PubMedQA question)
    notes = gap_notes(a, ["efficacy"], [load_pubmedqa()["22521460"]], [])
    assert not any("specifically in pregnant women" in n for n in notes)


@pytest.mark.parametrize(
    "question",
    [
        # PubMedQA dev questions
        "Is the h-index predictive of greater NIH funding success among academic radiologists?",
        "Does base deficit predict mortality in patients with severe traumatic brain injury?",
        "Can ki-67 play a role in prediction of breast cancer patients' response to neoadjuvant "
        "chemotherapy?",
    ],
)
def test_a_marker_that_predicts_is_a_prognosis_question(question: str) -> None:
    a = analyze_question(question)
    assert a.focus is QuestionType.PROGNOSIS
    assert not asks_effect(a)  # no "1 found a decrease" in its bottom line


@pytest.mark.parametrize(
    "question",
    [
        # BioASQ 7B-9B questions: tools that predict
        "Which tool exist for predicting drug synergy with deep learning?",
        "Have machine learning methods been used to predict the severity of major depressive disorder(MDD)?",
        "Is there a deep-learning algorithm for protein solubility prediction?",
    ],
)
def test_a_tool_that_predicts_is_no_prognosis_question(question: str) -> None:
    assert analyze_question(question).focus is not QuestionType.PROGNOSIS


def test_an_eponym_is_no_possessor_to_leave_out() -> None:
    # BioASQ snippet 34587215 (shortened), an ALS abstract: it defines no Huntington's disease
    sentence = "The disease is characterized by degeneration of upper and lower motor neurons."
    assert not defines(sentence, "Huntington's disease")


def test_a_possessor_before_the_thing_defined_need_not_be_said() -> None:
    subject = subject_defined("What are Drosophila's balancer chromosomes?")  # BioASQ 7B-9B
    assert subject == "Drosophila's balancer chromosomes"
    # PMID 10431243 (BioASQ snippet corpus)
    assert defines(
        "Balancer chromosomes are genetic reagents that are used in Drosophila melanogaster for stock "
        "maintenance and mutagenesis screens.",
        subject,
    )
    # PMID 26903656: a result on balancer chromosomes defines nothing
    assert not defines(
        "The results reject a simple nonrecombining, clonal mode for the laboratory evolution of balancer "
        "chromosomes.",
        subject,
    )


def test_a_treatment_target_is_no_mechanism() -> None:
    synthetic_fixture = "What is the blood pressure target for patients with CKD?"  # the reviewer's case
    assert analyze_question(synthetic_fixture).focus is not QuestionType.MECHANISM


def test_a_drug_target_for_question_asks_a_mechanism() -> None:
    # BioASQ 7B-9B: its bottom line had quoted an FDA designation, not "Olaparib is an FDA-approved PARP
    # inhibitor"
    assert analyze_question("What is drug target for olaparib?").focus is QuestionType.MECHANISM
    synthetic_fixture = "What is the target of metformin?"
    assert analyze_question(synthetic_fixture).focus is QuestionType.MECHANISM


@pytest.mark.parametrize(
    "text",
    [
        # evidence_inference:PMC5307758: the column had shown "versus not"
        "Moreover, the proliferation levels in patients achieving a pCR versus not differed significantly "
        "using MKI67 RNA expression",
        # synthetic fixture, not evidence: a study's own figures are no arm
        "The sonographic findings were compared to the results.",
    ],
)
def test_a_negation_or_the_results_is_no_comparator(text: str) -> None:
    assert comparison_phrase(text) is None


def test_no_treatment_is_a_comparator() -> None:
    text = "Compared with no treatment, the intervention reduced pain."  # synthetic fixture, not evidence
    found = comparison_phrase(text)
    assert found is not None and text[found[0] : found[1]] == "Compared with no treatment"


@pytest.mark.parametrize(
    ("text", "aim"),
    [
        # PMID 28581074 (BioASQ snippet corpus): quoted as a finding
        (
            "From four isogenic lines of Drosophila melanogaster, four sets of recombinant extracted lines "
            "were constructed using standard balancer-chromosome techniques.",
            True,
        ),
        # evidence_inference record: a method, in the same wording
        ("The prediction model was developed using logistic regression.", True),
        # PMID 10431243: what a thing is used for is no method of the study
        (
            "Balancer chromosomes are genetic reagents that are used in Drosophila melanogaster for stock "
            "maintenance and mutagenesis screens.",
            False,
        ),
    ],
)
def test_a_thing_made_with_a_technique_is_a_method(text: str, aim: bool) -> None:
    assert states_aim(text) is aim


@pytest.mark.parametrize(
    ("text", "leans"),
    [
        # PMID 28430577 (BioASQ snippet corpus), as the statement quoted it
        (
            "In all cases, the simultaneous blocking of STAG1 and STAG2 significantly reduces cell "
            "proliferation.",
            True,
        ),
        # PMID 29199102 (shortened at "baseline")
        (
            "In both experiments, the plasma cortisol concentration increased at 0.5 h and returned to "
            "baseline.",
            True,
        ),
        # asreview_Nagtegaal_2019 record: a general statement stands alone
        ("In most cases, CCB-induced peripheral edema can be managed successfully.", False),
    ],
)
def test_the_cases_an_earlier_sentence_named(text: str, leans: bool) -> None:
    assert leans_back(text) is leans
