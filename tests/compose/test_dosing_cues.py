"""Dosing cues that say nothing about how a drug is given do not file a sentence under Dosing."""

from __future__ import annotations

import pytest

from medcite.compose import dosing
from medcite.compose.candidates import section_counts
from medcite.compose.dosing import dosing_apart
from medcite.domain import StoredSource
from medcite.text import record_sentences, terms
from tests.compose.doubles import bioasq_source


def _apart(text: str, question: str) -> int:
    return dosing_apart(text, section_counts(text), set(terms(question)))


def test_the_word_dose_in_an_effect_is_no_dosing_statement() -> None:
    """BioASQ record 11730442 (the aptiganel stroke trial): its conclusion "Aptiganel was not efficacious ...
    at either of the tested doses" had been filed under Dosing in a tuning-half article."""
    src = bioasq_source(0, "11730442")
    said = next(t for *_, t in record_sentences(src) if "at either of the tested doses" in t)
    q = "Is Aptiganel effective for treatment of stroke?"
    counts = section_counts(said)
    assert counts["dosing"] == 1 and counts["efficacy"] >= 1
    assert _apart(said, q) == 1
    # an amount with its unit, a route or a schedule still counts (synthetic test sentences, not evidence)
    assert _apart("Synthetic: drug X 300 mg/d was effective.", q) == 0
    assert _apart("Synthetic: drug X was given at doses of 3 mg intravenously.", q) == 0
    # a dose named by what it is compares doses: dosing (the bupropion answer's "At 3 months, the higher dose
    # was associated with ..."; synthetic test sentence here)
    assert _apart("Synthetic: the higher dose was associated with a significantly higher quit rate.", q) == 0
    assert _apart("Synthetic: the high dose was associated with a significantly higher quit rate.", q) == 0
    # a question about dosing keeps every dose (synthetic test sentence)
    dose_q = "What is the optimal dose of aspirin?"
    said = "Synthetic: aspirin dose should be reduced in patients with renal failure."
    assert dosing_apart(said, section_counts(said), set(terms(dose_q)), True) == 0


def test_a_dosing_word_the_question_uses_is_no_dosing_cue(
    pubmedqa: dict[str, StoredSource], monkeypatch: pytest.MonkeyPatch
) -> None:
    """PubMedQA 8200238: "Must early postoperative oral intake be limited to laparoscopy?" had its direct
    answer, "the laparoscopic surgeon's claim of early tolerated oral intake may not be unique ...", under
    Dosing."""
    q = "Must early postoperative oral intake be limited to laparoscopy?"
    said = next(t for *_, t in record_sentences(pubmedqa["8200238"]) if "may not be unique" in t)
    assert section_counts(said)["dosing"] == _apart(said, q) >= 1
    monkeypatch.setattr(dosing, "DOSING_APART", False)
    assert _apart(said, q) == 0
