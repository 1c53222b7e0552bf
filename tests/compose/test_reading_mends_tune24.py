"""Mends from a reading of 16 tuning-half articles (PubMedQA and BioASQ even half, the 25th draws,
2026-12-06): snippets cut mid-word quoted with a capital on the stub ("O enable analysis ..."), the authors'
frame around a claim kept where it points back ("This illustrates that ...", "These lines of evidence
indicate that ..."), and a design prefix put before advice ("In an observational study of 11,631 high school
students, HIV prevention programs for youth should recognize ..."). Real records of the shared data."""

from __future__ import annotations

from medcite.compose.candidates import Prefix, with_prefix
from medcite.text import role_of, split_sentences
from medcite.text.cues import enrolment
from medcite.text.statements import readable
from tests.compose.doubles import bioasq_source, load_pubmedqa


def _sentence(text: str, start: str) -> str:
    return next(text[a:b] for a, b in split_sentences(text) if text[a:b].startswith(start))


def test_a_snippet_cut_mid_word_is_no_statement() -> None:
    text = bioasq_source(1, "18088248").record.text
    assert readable(_sentence(text, "ur results suggest")) is None
    # a short word that opens a cut snippet is no stub: the authors' clause is read as before
    assert readable("we introduce the 3D Genome Browser, a tool for exploring chromatin contacts.") == (
        "The authors introduce the 3D Genome Browser, a tool for exploring chromatin contacts."
    )
    assert readable("de novo gene birth remains poorly understood.") == (
        "De novo gene birth remains poorly understood."
    )


def test_a_stubbed_purpose_clause_gives_way_to_the_authors_clause() -> None:
    text = bioasq_source(1, "30373828").record.text
    got = readable(_sentence(text, "o enable analysis"))
    assert got is not None
    assert got.startswith("The authors developed the surfaceome predictor SURFY")
    assert "O enable" not in got and "enable" not in got


def test_this_and_lines_of_evidence_frames_go() -> None:
    paget = load_pubmedqa()["17089900"].record.text
    got = readable(_sentence(paget, "This illustrates that"))
    assert got is not None and got.startswith("Paget's disease does exist in India")
    toci = bioasq_source(1, "16102523").record.text
    got = readable(_sentence(toci, "These lines of evidence indicate that"))
    assert got is not None and got.startswith("Tocilizumab is able to bind to both sIL-6R")
    # a frame whose claim carries no hedge of its own keeps it when the verb only suggests
    assert readable("This suggests that statins reduce stroke.") is None
    # "this" before another kind of verb stays a pronoun that points back: no statement
    assert readable("This allowed the detection of rare variants.") is None


def test_advice_takes_no_design_prefix() -> None:
    hiv = load_pubmedqa()["8017535"].record.text
    advice = _sentence(hiv, "HIV prevention programs for youth should recognize")
    prefix = Prefix("In an observational study of 11,631 high school students, ", "11,631")
    assert with_prefix(prefix, advice) == advice
    finding = "Students who used no substances were least likely to report these behaviours."
    assert with_prefix(prefix, finding).startswith("In an observational study of 11,631 high school")


def test_who_completed_the_study_is_no_finding() -> None:
    teoae = load_pubmedqa()["20828836"].record
    results = next(s for s in teoae.sections if s.label.upper().startswith("RESULT"))
    flow = _sentence(results.text, "Of the 4718 infants enrolled")
    assert role_of(results.label, flow) == "methods"
    # an outcome beside it stays a finding: adverse events, a difference between the arms
    assert enrolment("Twelve patients withdrew because of adverse events.") is False
    assert enrolment("More patients in the placebo group dropped out (20% vs 10%).") is False
    assert enrolment("Fifty patients completed treatment.") is False  # completion can be the outcome asked
    assert enrolment("A total of 120 patients completed the 12-week follow-up.") is True
