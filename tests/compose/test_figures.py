"""Figures beside the bottom line's quoted statement (real sentences of PMID 22990761, PubMedQA even half)."""

from __future__ import annotations

import pytest

from medcite.compose import figures
from medcite.compose.candidates import Candidate
from medcite.compose.checked import Checked
from medcite.compose.draft import make_draft
from medcite.domain import Label, Verdict
from tests.compose.doubles import load_pubmedqa

CONCLUSION = "Significant associations were observed between RHR and several established"
FIGURE = "Individuals with an elevated RHR had a higher risk (OR 1.94"


def _checked(text_start: str, label: Label = Label.SUPPORTED) -> Checked:
    src = load_pubmedqa()["22990761"]
    text = src.record.text
    start = text.index(text_start)
    end = text.index(". ", start + len(text_start) + 20) + 1
    cand = Candidate(src, text[start:end], start, end, "RESULTS", "results", 1, 1.0, 0.5, True)
    return Checked(make_draft("efficacy", cand), Verdict(label, 0.9))


def test_a_conclusion_without_figures_gets_its_studys_compared_figure() -> None:
    pick, figure = _checked(CONCLUSION), _checked(FIGURE)
    assert not figures.EFFECT_FIGURE.search(pick.draft.core) and figures.EFFECT_FIGURE.search(
        figure.draft.core
    )
    assert figures.figures_of(pick, [pick, figure], set()).startswith("Individuals with an elevated RHR")
    # not one the verifier supports only in part, nor one leaning against the answer
    partial = _checked(FIGURE, Label.PARTIAL)
    assert figures.figures_of(pick, [pick], set()) == ""
    assert figures.figures_of(pick, [pick, figure], {figure.draft.core}) == ""
    assert partial.verdict.label is Label.PARTIAL
    # a quoted statement that states an effect's figure needs none
    assert figures.figures_of(figure, [figure, pick], set()) == ""


def test_a_sample_size_is_no_effect_figure() -> None:
    assert not figures.EFFECT_FIGURE.search(
        "In a trial (n = 1094), mortality was significantly lower with X."
    )
    assert figures.EFFECT_FIGURE.search("Mortality was 34% with X and 40% with Y.")
    assert figures.EFFECT_FIGURE.search("Death occurred in 12 of 100 patients.")


@pytest.mark.parametrize("words", [80, 25])
def test_the_figure_goes_after_the_quoted_statement_within_the_words(words: int) -> None:
    bottom = (
        "Yes (low certainty). Direct evidence: 1 study [1]. X improved Y [1]. Some point the other way [2]."
    )
    out = figures.with_figures(bottom, "Y rose by 12% with X (p = 0.01).", 1, words)
    if words == 80:
        assert out == (
            "Yes (low certainty). Direct evidence: 1 study [1]. X improved Y [1]. Y rose by 12% with X "
            "(p = 0.01) [1]. Some point the other way [2]."
        )
    else:
        assert out == bottom
