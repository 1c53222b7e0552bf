"""Mends from a reading of 16 tuning-half articles (PubMedQA and BioASQ even half, the 25th draws,
2026-12-06): snippets cut mid-word quoted with a capital on the stub ("O enable analysis ..."), the authors'
frame around a claim kept where it points back ("This illustrates that ...", "These lines of evidence
indicate that ..."), a design prefix put before advice ("In an observational study of 11,631 high school
students, HIV prevention programs for youth should recognize ..."), participant flow quoted as a finding, and
the answer to a summary question left out because it leaned on the sentence before it. Real records of the
shared data, and one synthetic record that says so."""

from __future__ import annotations

import pytest

from medcite.compose import pool
from medcite.compose.candidates import Candidate, Prefix, with_prefix
from medcite.corpus.classify import classify
from medcite.domain import AbstractSection, SourceRecord, StoredSource
from medcite.text import record_sentences, role_of, split_sentences
from medcite.text.anaphora import leans_back
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


def test_a_sentence_leaning_back_is_quoted_with_its_antecedent() -> None:
    src = bioasq_source(1, "28144274")
    sentences = record_sentences(src)
    (_l1, s1, _e1, t1), (_l2, s2, _e2, t2) = sentences[:2]
    assert t2.startswith("Various symptoms have been reported for this abnormality")
    joined = pool._with_antecedent(src, sentences, s2, t2)
    assert joined == (s1, f"{t1} {t2}")
    start, text = joined
    # a yes/no answer quotes the sentence alone (readable then leaves it out), any other both ways
    base = Candidate(src, t2, s2, _e2, "", "unknown", None, 1.0, 0.0, False)
    assert pool._as_quoted(base, sentences, [], yes_no=True) == [base]
    alone, both = pool._as_quoted(base, sentences, [], yes_no=False)
    assert alone == base and (both.start, both.text, both.end) == (start, text, base.end)
    got = readable(text)  # the second sentence's "this" points inside the statement now
    assert got is not None and "short stature, unusual facial characteristics" in got
    assert readable(t2) is None  # alone, it dangles
    # the first sentence is not joined to anything, and with the switch off nothing is
    assert pool._with_antecedent(src, sentences, s1, t1) is None


def test_no_antecedent_across_sections(monkeypatch: pytest.MonkeyPatch) -> None:
    first = AbstractSection("RESULTS", "In this synthetic test text, not a study, arm A did better.")
    second = AbstractSection("CONCLUSIONS", "This effect is also synthetic test text.")
    rec = SourceRecord(key="synthetic:1", title="Synthetic test record", sections=(first, second))
    src = StoredSource(id=1, record=rec, evidence=classify(rec))
    sentences = record_sentences(src)
    _l, s, _e, t = sentences[1]
    assert leans_back(t)
    assert pool._with_antecedent(src, sentences, s, t) is None
    monkeypatch.setattr(pool, "WITH_ANTECEDENT", False)
    src_b = bioasq_source(1, "28144274")
    sents_b = record_sentences(src_b)
    _l, s2, _e, t2 = sents_b[1]
    assert pool._with_antecedent(src_b, sents_b, s2, t2) is None
