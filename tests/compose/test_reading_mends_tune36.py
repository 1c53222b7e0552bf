"""Mends of the thirty-ninth session (2026-12-07), from a reading of 16 tuning-half articles (tune36): a
number that names a kind ("Type 2 diabetes patients") is no count of people; figures that describe who was
randomised leave the sentence a method; a label inside a sentence is dropped only in heading words; an
authors' frame whose subject goes on to a second verb is quoted up to it; a pronoun names no comparator;
an abbreviation's full stop ends no people phrase; "The TORTUGA trial investigated ..." is an aim; clauses
that read opposite ways report no one direction. Real sentences from the shared data, each with its key,
unless marked as a synthetic fixture."""

from __future__ import annotations

import time

import pytest

from medcite.compose.candidates import _people_at
from medcite.compose.evidence_table import comparison_phrase
from medcite.corpus import findings as findings_mod
from medcite.corpus.extract import people_counts
from medcite.corpus.findings import finding_direction
from medcite.corpus.statements import clean_statement
from medcite.text import role_of
from medcite.text.voice import COPYRIGHT_NOTE

# asreview_Nagtegaal_2019:line25109 (a cross-sectional study of 326 such patients; shown with n = 2)
KIND_NUMBER = (
    "Type 2 diabetes patients with at least one HbA1c measurement >/= 7.0 % during the last year were "
    "recruited from Swiss primary care."
)
# evidence_inference:PMC3608893
RANDOMISED = (
    "One-hundred participants with a mean±s.d. age of 55.6±10.6 year, body weight of 102.9±18.4 kg and "
    "HbA1c of 7.7±1.3% were randomly assigned to a 9-session group lifestyle intervention that included a "
    "PCD or to a 9-session group program of diabetes self-management education (DSME)."
)
# PMID 10732884 (PubMedQA)
YES_NO_ARMS = (
    "Overall, in-hospital mortality was 18.0%, and there was no significant difference between those who had "
    "coronary angiography on the day of surgery compared with those who had not (No: 16%, n = 81 vs. Yes: "
    "22%, n = 41, p = 0.46)."
)
FRAMED = (
    "These data indicate that determination of coronary anatomy may not impact on survival in patients "
    "undergoing emergency surgery of the aorta and support the concept that once diagnosed, patients should "
    "proceed as quickly as possible to surgery."
)


def test_a_number_that_names_a_kind_is_no_count() -> None:
    assert people_counts(KIND_NUMBER) == []
    assert [c for c, _s, _e in people_counts("326 Type 2 diabetes patients from 30 practices")] == [326]
    assert [c for c, _s, _e in people_counts("Synthetic fixture: 40 stage 3 patients")] == [40]
    # a count of more than one digit after the kind word is a count (PMID 18235194, PubMedQA)
    first_grade = (
        "After finishing the first grade 131 children were compared in their reading and writing abilities."
    )
    assert [c for c, _s, _e in people_counts(first_grade)] == [131]


def test_figures_that_describe_who_was_randomised_leave_a_method() -> None:
    assert role_of("", RANDOMISED) == "methods"
    # synthetic fixtures: a share before the verb that is an outcome, and one after it, stay results
    assert role_of("", "Mortality was 6% in patients who were randomly assigned to surgery.") == "results"
    assert role_of("", "Patients were randomly assigned to X or Y; 30% of X responded.") == "results"
    # ... a figure with its spread after the verb is a result; a level "of" a share before it describes people
    assert (
        role_of("", "Forty patients were randomly assigned to X or Y, and HbA1c fell to 6.9±0.8% with X.")
        == "results"
    )
    assert role_of("", "Patients with a body fat of 30% were randomly assigned to X or Y.") == "methods"


def test_a_label_inside_a_sentence_goes_only_in_heading_words() -> None:
    cleaned = clean_statement(YES_NO_ARMS, "results")
    assert cleaned is not None and "vs. Yes: 22%" in cleaned
    glued = clean_statement("Synthetic fixture: mortality was lower. CONCLUSIONS: X was better.", "results")
    assert glued is not None and "CONCLUSIONS" not in glued and "X was better" in glued
    # a label of capitalised words, one a heading or linking word, goes too (PMID 20400750, SYNERGY)
    relevance = (
        "The performance of a combined microfracture and osteochondral autograft transfer procedure to "
        "resurface a large chondral defect appears promising. Clinical Relevance: This combined technique "
        "shows promise for treatment of large chondral defects with a single operative procedure."
    )
    kept = clean_statement(relevance, "conclusions")
    assert kept is not None and "Clinical Relevance" not in kept and "promising. This combined" in kept
    age = clean_statement("Synthetic fixture: X was lower. Mean Age: 54 years was found.", "results")
    assert age is not None and "Mean Age: 54" in age


def test_a_frame_whose_subject_goes_on_is_quoted_up_to_its_second_verb() -> None:
    cut = "Determination of coronary anatomy may not impact on survival in patients undergoing emergency "
    assert clean_statement(FRAMED, "conclusions") == cut + "surgery of the aorta."
    # PMID 29899448 (BioASQ snippets): the factoid answer, once quoted with a dangling "and suggest"
    melanocytes = (
        "Our studies reveal that melanocytes above the haematopoietic niche protect HSPCs from "
        "ultraviolet-light-induced DNA damage in aquatic vertebrates and suggest that during the transition "
        "to terrestrial life, ultraviolet light was an evolutionary pressure affecting the location of the "
        "haematopoietic niche."
    )
    quoted = clean_statement(melanocytes, "conclusions")
    assert quoted is not None and quoted.startswith("Melanocytes above") and quoted.endswith("vertebrates.")
    # a claim whose own subject goes on ("... and supports ...") is quoted whole (synthetic fixture)
    own = clean_statement("These data indicate that X lowers Y and supports Z.", "conclusions")
    assert own == "X lowers Y and supports Z."
    # "and provide them with ..." is the claim's own verb: the claim is quoted whole (asreview_Nagtegaal_2019)
    asthma = (
        "CONCLUSION: We conclude that the intervention substantially increased the Bureau of Child Health "
        "staff's ability to identify children with asthma, involve them in continuing care, and provide them "
        "with state-of-the-art care for asthma."
    )
    whole = clean_statement(asthma, "conclusions")
    assert whole is not None and whole.startswith("The intervention") and whole.endswith("care for asthma.")


def test_a_pronoun_names_no_comparator() -> None:
    result = (  # PMID 26044262 (PubMedQA)
        "The income-related gradient in making active trips remained steep in the least "
        "environmentally-deprived areas because those in the highest income groups were markedly less likely "
        "to choose active travel when physical environment was 'good', compared to those on the lowest "
        "incomes (OR = 0.44, 95% CI = 0.22 to 0.89)."
    )
    assert comparison_phrase(result) is None
    # ... unless what it stands for follows (PMID 11120419, Cohen 2006 screening set)
    arm = (
        "Cognitive functioning as measured by the VMT was better for patients receiving risperidone or "
        "olanzapine, compared with those receiving haloperidol (F=6.636, df=2,67, P=0.002)."
    )
    found = comparison_phrase(arm)
    assert found is not None and arm[found[0] : found[1]] == "compared with those receiving haloperidol"
    text = "Synthetic fixture: pain fell more with X compared with placebo."
    found = comparison_phrase(text)
    assert found is not None and text[found[0] : found[1]] == "compared with placebo"


def test_an_abbreviations_full_stop_ends_no_people_phrase() -> None:
    found = _people_at(RANDOMISED, 100)
    assert found is not None and found[0] == "One-hundred participants"


def test_a_named_trial_that_investigated_is_an_aim() -> None:
    aim = (
        "The FAKTION trial investigated whether the addition of capivasertib to fulvestrant improved "
        "progression-free survival in patients with aromatase inhibitor-resistant advanced breast cancer."
    )  # PMID 32035020
    assert role_of("", aim) == "methods"
    # "the ... study compared with placebo" is a comparison in a result, not an aim
    # (evidence_inference:PMC2825665)
    compared = (
        "Of the small number of patients who underwent a follow-up MRI, antibody responders showed similar "
        "brain volume loss during the follow-up period subsequent to the AN1792 phase 2a study compared with "
        "placebo-treated patients."
    )
    assert role_of("", compared) != "methods"
    # a bare "the" only where it opens the sentence (Evidence Inference PMC5555437)
    since = (
        "Since the trial was designed to show superiority of once-daily radiotherapy and was not powered to "
        "show equivalence, the implication is that twice-daily radiotherapy should continue to be considered "
        "the standard of care in this setting."
    )
    assert role_of("", since) != "methods"


def test_clauses_that_read_opposite_ways_report_no_one_direction(monkeypatch: pytest.MonkeyPatch) -> None:
    mixed = (  # PMID 18670651 (PubMedQA)
        "The levels of IL-4 at 24 hours after endoscopic retrograde cholangiopancreatography (ERCP) were "
        "significantly lower in the patients with post-ERCP pancreatitis than in those without pancreatitis, "
        "while TNFalpha levels at 12 hours after ERCP were higher in the complicated group than those of the "
        "uncomplicated group."
    )
    assert finding_direction(mixed) == (None, 0.0)
    # one outcome, its other arm in the second clause: the first clause's direction (PMID 12761258, Cohen)
    one_way = (
        "Proteinuria significantly decreased in the enalapril group, whereas it tended to increase in the "
        "control group (P < 0.001 between groups)."
    )
    assert finding_direction(one_way)[0] == "decreased"
    monkeypatch.setattr(findings_mod, "MIXED_CLAUSES", False)
    assert finding_direction(mixed)[0] == "decreased"


def test_a_copyright_tail_of_many_words_is_read_at_once() -> None:
    """The copyright pattern split its tail's words many ways: a 60 s hang on a long tail after the year."""
    tail = "Synthetic fixture: X was lower.© 2000 Lippincott Williams & Wilkins, Inc. " + " ".join(
        ["word"] * 30
    )
    start = time.perf_counter()
    assert COPYRIGHT_NOTE.search(tail + " end") is None  # more than 20 words after the year: no note
    assert time.perf_counter() - start < 1.0
    note = COPYRIGHT_NOTE.search("Synthetic fixture: X was lower.© 2002 John Wiley & Sons, Inc.")
    assert note is not None and note.group(0).startswith("© 2002")
