"""Mends of the thirty-sixth session (2026-12-07), from a reading of 16 tuning-half articles (tune32): aims,
methods and enrolment sentences that had been quoted as findings, samples stated in forms the reader missed
("sample size not found in the abstract" beside "47 consecutive patients"), class questions answered by
laboratory studies, and the reference list naming designs as the evidence table does. Real sentences from
the shared data unless marked as a synthetic fixture."""

from __future__ import annotations

import pytest

from medcite.compose import analyze_question, compose_article, plan_queries
from medcite.compose.directness import asks_mechanism
from medcite.compose.draft import asks_findings
from medcite.compose.kinds import asks_class
from medcite.compose.plan import run_plan, split_direct
from medcite.corpus.classify import sample_size
from medcite.domain import Provenance
from medcite.domain.article import Reference
from medcite.present.citations import describe
from medcite.text.cues import role_of, states_aim
from medcite.text.statements import readable
from tests.compose.doubles import DATA_DIR, LexicalVerifier, OracleSearcher, bioasq_records
from tests.corpus.test_design import QA, record


@pytest.mark.parametrize(
    ("sentence", "role"),
    [
        # BioASQ snippets (ubrogepant, neuroblastoma) and a PubMedQA abstract (coeliac disease)
        (
            "The aim of the trial was to evaluate the efficacy and tolerability of ubrogepant (MK-1602), "
            "a calcitonin gene-related peptide receptor antagonist (CGRP-RA), for the acute treatment of "
            "migraine.",
            "methods",
        ),
        (
            "This study used immunohistochemistry to evaluate target expression in archival neuroblastoma "
            "tissue, to determine whether it might facilitate clinical use of molecular radiotherapy.",
            "methods",
        ),
        ("A total of 37 patients meet the study criteria.", "methods"),
        ("Of 130 patients screened, 118 met the inclusion criteria.", "methods"),
        (
            "Among 450 subjects who met study criteria, 246 (54.7%) received guideline-concordant treatment.",
            "results",
        ),
        (
            "Intradermal delivery of AZD8601, an mRNA designed to produce vascular endothelial growth "
            "factor A (VEGF-A), has previously been shown to accelerate cutaneous wound healing in a murine "
            "diabetic model.",
            "background",
        ),
        (
            "EPICCURE is an ongoing randomized, double-blind, placebo-controlled study of the safety of "
            "AZD8601 in patients with moderately decreased left ventricular function.",
            "background",
        ),
    ],
)
def test_aims_methods_enrolment_and_earlier_work_are_no_findings(sentence: str, role: str) -> None:
    assert role_of("", sentence) == role


def test_the_aim_of_the_trial_is_an_aim_and_a_finding_stays_one() -> None:
    assert states_aim("The aim of the trial was to evaluate the efficacy and tolerability of ubrogepant.")
    # a finding that names its study is none of these (PubMedQA, 15137012)
    finding = "Postoperative complications and length of stay were similar between the 2 groups."
    assert role_of("", finding) not in ("methods", "background")
    assert not states_aim(finding)


@pytest.mark.parametrize(
    ("pmid", "n"),
    [
        ("24614851", 47),  # "... reviewed the medical records of 47 consecutive patients with CSA ..."
        ("15137012", 34),  # "There were 36 torsions in 34 children."
        ("23048048", 92),  # "... in a sample of 92 undergraduates with (n = 44) and without (n = 48) ADHD"
        ("23234860", 648),  # "A total of 648 breast cancer patients treated in ..."
        ("18607272", 91),  # "The sample consisted of 91 children and their parents ..."
        ("11888773", 667),  # "From 1993 to 1999, 667 patients received curative lung resection ..."
        ("8200238", 64),  # "... and included all 64 consecutive patients who underwent laparotomy ..."
    ],
)
def test_samples_stated_in_more_forms_are_counted(pmid: str, n: int) -> None:
    assert sample_size(record(DATA_DIR, QA, pmid).text) == n


def test_a_treatment_given_to_one_arm_is_not_the_sample() -> None:
    # abstracts_extra (Cohen 2006 sets): the count a treatment was given to, and the arm beside it
    given = "Olanzapine was administrated to nine patients with genetically confirmed HD in increasing doses."
    assert sample_size(given) == 9
    arms = "Garlic in the form of alliin 22.4 mg/day was given to 13 patients, and placebo to 20."
    assert sample_size(arms) is None
    assert sample_size("Synthetic fixture: drug X was administered to 15 patients (Group A).") is None
    both = "Synthetic fixture: drug X was administered to 20 patients and placebo was given to 22 patients."
    assert sample_size(both) is None
    assert (
        sample_size("In contrast, propranolol therapy given to 15 patients decreased the pressure.") is None
    )


@pytest.mark.parametrize(
    ("text", "n"),
    [
        # an independent review's cases (real abstracts unless marked): one arm, or a count of things
        (
            "The per-protocol (PP) population comprised 152 patients in the pantoprazole group and 136 in "
            "the esomeprazole group.",
            None,
        ),
        (
            "A total of 143 healthy menopausal women were allocated to treatment with Oesclim 50 and 140 to "
            "Estraderm TTS 50.",
            None,
        ),
        ("A total of 25 other subjects received lisinopril as the active control.", None),
        ("Synthetic fixture: a total of 100 studies with patients treated were included.", None),
        ("Between 1990 and 1992, 6676 patients were screened for entry into TRACE.", None),
        ("Synthetic fixture: in 2015, 1,200 people died of the disease. We studied 40 patients.", 40),
        # a share of the sample, a breakdown in brackets or after "of whom" is no second group
        (
            "A total of 734 premenopausal women participated in the baseline study, and 579 women (78.9%) "
            "completed a follow-up 2 years later.",
            734,
        ),
        (
            "A total of 104 patients with choledocholithiasis-induced acute cholangitis who underwent "
            "primary endoscopic treatment were compared according to insertion of an ENBD tube (51 in the "
            "ENBD group and 53 in the no-ENBD group).",
            104,
        ),
        (
            "A total of 809 patients developed AMI during the first 3 days in hospital, of whom 399 were "
            "randomly assigned to receive metoprolol and 410 to receive placebo.",
            809,
        ),
    ],
)
def test_one_arm_a_count_of_things_or_a_screening_is_not_the_sample(text: str, n: int | None) -> None:
    assert sample_size(text) == n


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("Is colistin an antibiotic?", True),
        ("Is myc a tumour suppressor gene?", True),
        ("Is bortezomib a Proteasome inhibitor?", True),
        # a relation or a clinical standing, a judged role, a clause as the subject, no named thing
        ("Is the advanced age a contraindication to GERD laparoscopic surgery?", False),
        ("Is subdural empyema a complication of sinusitis?", False),
        ("Is laparoscopic sonography a reliable and sensitive procedure for staging rectal cancer?", False),
        ("Is extended aortic replacement in acute type A dissection justifiable?", False),
        ("Is there a role for MRPL53 in cancer?", False),
        ("Is there a vaccine for rotavirus?", False),
        # a standing among people or a choice (an independent review's cases)
        ("Is hypertension a problem in the elderly?", False),
        ("Is smoking a barrier to wound healing?", False),
        ("Is fingolimod a drug or a pro-drug?", False),
        ("Is aggrephagy a variant of autophagy?", True),
    ],
)
def test_a_class_question_is_told_from_a_clinical_one(question: str, asks: bool) -> None:
    assert asks_class(question) is asks


def test_a_laboratory_study_is_direct_evidence_of_what_a_thing_is() -> None:
    # BioASQ 7B-9B: "Is colistin an antibiotic?" had answered "no relevant study was found" with the mouse
    # study that names colistin among the antibiotics given set aside as an animal study
    mice = bioasq_records({"30892111"})
    a = analyze_question("Is colistin an antibiotic?")
    assert asks_mechanism(a) and not asks_findings(a)
    direct, indirect = split_direct(a, run_plan(OracleSearcher(mice), plan_queries(a), a))
    assert [rs.hit.source.record.key for rs in direct] == ["30892111"] and not indirect
    # a question about patients still sets it aside
    b = analyze_question("Does colistin cure pneumonia in adults?")
    assert not asks_mechanism(b)
    direct, indirect = split_direct(b, run_plan(OracleSearcher(mice), plan_queries(b), b))
    assert not direct


def test_the_reference_list_names_the_design_as_the_evidence_table_does() -> None:
    ref = Reference(n=1, key="k", title="Synthetic fixture", design="observational", sample_size=40, year=1)
    assert describe(ref) == "observational; n = 40; 1"  # stored before the words were kept
    worded = Reference(
        n=1, key="k", title="Synthetic fixture", design="observational", design_label="non-randomised trial"
    )
    assert describe(worded) == "non-randomised trial"


def test_the_bottom_line_quotes_a_statement_naming_every_concept_first() -> None:
    # BioASQ "Has ubrogepant entered clinical phase III trials?": the phase IIb trial's conclusion, which the
    # relevance model reads as answering, had been quoted over the sentence on the two phase III trials
    sources = bioasq_records({"27269043", "32648856"})
    art = compose_article(
        "Has ubrogepant entered clinical phase III trials?",
        OracleSearcher(sources),
        LexicalVerifier(),
        provenance=Provenance(),
    )
    assert "phase III clinical trials (ACHIEVE I and ACHIEVE II)" in art.bottom_line


def test_a_quotation_lifted_out_of_its_sentence_is_no_statement() -> None:
    # BioASQ snippet of PMID 29155416, quoted as the bottom line of "Who should wear dosimeters?"
    quoted = (
        "'for the nuclear industry and other non-medical sectors the use of a whole body dosimeter is "
        "considered likely to be sufficient for the majority of workers'."
    )
    assert readable(quoted) is None
    assert readable("\u201cfast-track\u201d surgery reduced the length of stay by two days.") is not None
