"""Mends of the forty-first session (2026-12-07), from a reading of 16 tuning-half articles (tune38): a test's
purpose is no part of a concept ("useful to differentiate X from Y" names X); who uses a test is no part of
it; caregivers studied are the study's people; a snippet whose first word closes a bracket opened before
the cut is no statement; a method used for a task is no finding; a laboratory question gets Key Findings
and no GRADE certainty, and the bottom line's statement opens an empty main section; a kind after a one-word
name is no word a source must use. Real questions and sentences from the shared data, each with its source,
unless marked as a synthetic fixture."""

from __future__ import annotations

import pytest

from medcite.compose import compose_article, layout
from medcite.compose.assemble import _sections_in_layout
from medcite.compose.candidates import Candidate, Prefix
from medcite.compose.checked import Checked
from medcite.compose.draft import Draft
from medcite.compose.layout import layout_for
from medcite.compose.naming import concepts
from medcite.compose.purpose import purpose_object
from medcite.compose.question import analyze_question
from medcite.corpus.extract import people_counts, sample_span
from medcite.corpus.sample_size import sample_size
from medcite.domain import Article, Label, Provenance, StoredSource, Verdict
from medcite.domain.cards import Span
from medcite.text.cues import states_aim
from medcite.text.statements import readable
from tests.compose.doubles import LexicalVerifier, OracleSearcher, bioasq_source

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


@pytest.mark.parametrize(
    "sentence",
    [
        # PMID 31473899 (a BioASQ snippet): had been quoted under Key Findings
        "Two-dimensional electrophoresis was used for the fractionation of royal jelly proteins.",
        # PMID 11939753
        "The chi-square test was used to compare results between the groups of patients.",
    ],
)
def test_a_method_used_for_a_task_is_no_finding(sentence: str) -> None:
    assert states_aim(sentence)


def test_a_result_reached_with_a_method_is_a_finding() -> None:
    # Synthetic fixture: a method's sentence that also states a result
    assert not states_aim(
        "The chi-square test was used to compare the groups, and mortality was significantly lower with "
        "the synthetic fixture (p = 0.01)."
    )


@pytest.mark.parametrize(
    ("question", "main"),
    [
        # BioASQ 7B-9B summary questions: laboratory questions in no clinical wording
        ("What is the role of the Hof1-Cyk3 interaction in yeast?", "findings"),
        ("What is the role of Gata3 in Th2 cells?", "findings"),
        # a drug, a condition or an indication keeps the treatment answer's sections
        ("What is the role of clonidine in paediatric adenotonsillectomy?", "efficacy"),
        ("What is the role of ketamine in treating anxiety?", "efficacy"),
        ("What is the indication for KYMRIAH?", "efficacy"),
    ],
)
def test_a_laboratory_question_for_the_evidence_has_key_findings(question: str, main: str) -> None:
    assert layout_for(analyze_question(question))[0] == main


def _filed(src: StoredSource, text: str, section: str) -> Checked:
    c = Candidate(src, text, 0, len(text), "RESULTS", "results", None, 1.0, 1.0, False, fit=0.9)
    return Checked(Draft(section, text, text, (c,), "support", Prefix("")), Verdict(Label.SUPPORTED, 0.9))


def test_the_bottom_lines_statement_opens_an_empty_main_section(pubmedqa: dict[str, StoredSource]) -> None:
    a = analyze_question("Which drug is the first oral ghrelin receptor inverse agonist to be profiled?")
    src, other = list(pubmedqa.values())[:2]
    lead = _filed(src, "Synthetic fixture: the drug is well tolerated for oral daily dosing.", "dosing")
    rest = _filed(other, "Synthetic fixture: a dose of the drug was given twice daily.", "dosing")
    moved = _sections_in_layout(a, [lead, rest], lead)
    assert moved == [("efficacy", [lead]), ("dosing", [rest])]
    assert _sections_in_layout(a, [lead, rest]) == [("dosing", [lead, rest])]


@pytest.mark.parametrize(
    ("question", "name", "sentence", "named"),
    [
        # BioASQ 7B-9B questions; PMID 26335634 (a BioASQ snippet) and synthetic fixtures
        (
            "Is the zelda transcription factor a chromatin remodeller?",
            "zelda transcription factor",
            "Zelda is essential for hundreds of regions of open chromatin.",
            True,
        ),
        (
            "What is the function of the Spt6 gene in yeast?",
            "Spt6 gene",
            "Synthetic fixture: Spt6 is required here.",
            True,
        ),
        ("Which tissues express the ACE2 protein?", "ACE2 protein", "Synthetic fixture: ACE2 is here.", True),
        (
            "Which tissues express the ACE2 protein?",
            "ACE2 protein",
            "Synthetic fixture: a protein is here.",
            False,
        ),
        # a describing word before the kind keeps the kind: "antimicrobial" alone is no such protein
        (
            "Are there antimicrobial proteins in royal jelly?",
            "antimicrobial proteins",
            "Synthetic fixture: an antimicrobial peptide was found.",
            False,
        ),
    ],
)
def test_a_kind_after_a_name_is_no_word_a_source_must_use(
    question: str, name: str, sentence: str, named: bool
) -> None:
    concept = next(c for c in concepts(analyze_question(question)) if c.name == name)
    assert concept.found_in(sentence) is named


def test_a_laboratory_question_gets_key_findings_and_no_grade(monkeypatch: pytest.MonkeyPatch) -> None:
    """BioASQ summary (even half) on its snippet record 29321253: no "Clinical Pitfalls", no certainty."""
    q = "What is the role of the Hof1-Cyk3 interaction in yeast?"

    def article() -> Article:
        searcher = OracleSearcher([bioasq_source(0, "29321253")])
        return compose_article(q, searcher, LexicalVerifier(), provenance=Provenance())

    art = article()
    assert art.sections[0].title == "Key Findings"
    assert "Clinical Pitfalls to Avoid" not in [s.title for s in art.sections]
    assert art.certainty is None and "Certainty of evidence" not in art.bottom_line
    monkeypatch.setattr(layout, "ROLE_FINDINGS", False)
    assert article().certainty is not None


# -- mends of an independent review of these rules ----------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "how to administer denosumab",  # MedicationQA: a drug the synonyms do not name
        "What is the effect of Bisphenol A in the body?",  # BioASQ 7B-9B: no laboratory wording
    ],
)
def test_a_question_without_laboratory_wording_keeps_its_sections(question: str) -> None:
    assert layout_for(analyze_question(question))[0] != "findings"


@pytest.mark.parametrize(
    ("question", "name", "sentence"),
    [
        # BioASQ 7B-9B questions; synthetic fixtures of what the short names also name in the store
        (
            "Before 2019, what neurologic diseases are associated with the tau protein?",
            "tau protein",
            "Synthetic fixture: compared with treatment as usual (TAU).",
        ),
        (
            "Is there a role for TET proteins in invariant natural killer T cells (iNKT) cell fate?",
            "TET proteins",
            "Synthetic fixture: total exercise time (TET) rose.",
        ),
        ("How is the STING protein activated?", "STING protein", "Synthetic fixture: it would sting more."),
    ],
)
def test_a_short_or_capitalised_name_keeps_its_kind(question: str, name: str, sentence: str) -> None:
    concept = next(c for c in concepts(analyze_question(question)) if c.name == name)
    assert not concept.found_in(sentence)


@pytest.mark.parametrize(
    "value",
    ["diagnostic sensitivity", "estimation error", "Level of confidence to identify a child with autism"],
)
def test_a_task_word_as_a_modifier_stays(value: str) -> None:
    assert purpose_object(value) == value


def test_a_bracket_stub_before_a_whole_sentence_is_left_out() -> None:
    # PMID 31578082 (a BioASQ snippet record): the whole finding after the stub is quoted
    assert readable("er306Leu). Evinacumab had no effect on LDLR activity.") == (
        "Evinacumab had no effect on LDLR activity."
    )
