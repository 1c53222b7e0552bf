"""Opposing evidence is shown as such only where the stance reader confirms it (compose/contrasts.py).

Real PubMedQA sources carry statements in synthetic wording (test fixture, not evidence); the reader's
probabilities are set by the test, as the model would give them.
"""

from __future__ import annotations

import pytest

from medcite.compose import contrasts, rating
from medcite.compose.candidates import Candidate, Prefix
from medcite.compose.checked import Checked, Verified
from medcite.compose.contrasts import confirmed_contrasts
from medcite.compose.draft import Draft
from medcite.compose.question import analyze_question
from medcite.compose.rating import rate as _rate
from medcite.compose.stance import StanceInput, StanceResult
from medcite.domain import Label, StoredSource, Verdict
from medcite.domain.article import StatementKind

QUESTION = "Is the drug effective for smoking cessation?"
LEAD = "Synthetic fixture: abstinence rates were significantly higher with the drug (43% vs 19%)."
OTHER = "Synthetic fixture: cessation rates did not differ between the drug and placebo."
YES, NO = (0.9, 0.05, 0.05), (0.05, 0.05, 0.9)


def _checked(src: StoredSource, text: str, kind: StatementKind) -> Checked:
    c = Candidate(src, text, 0, len(text), "RESULTS", "results", None, 1.0, 1.0, False, fit=0.9)
    shown = "In contrast, s" + text[1:] if kind == "contrast" else text  # as draft.make_draft writes it
    return Checked(Draft("efficacy", shown, text, (c,), kind, Prefix("")), Verdict(Label.SUPPORTED, 0.9))


def _case(
    pubmedqa: dict[str, StoredSource], other_read: tuple[float, float, float] | None, answer: str = "yes"
) -> tuple[Verified, StanceResult]:
    a, b = list(pubmedqa.values())[:2]
    kept = [_checked(a, LEAD, "support"), _checked(b, OTHER, "contrast")]
    v = Verified(kept, [], {a.key: 0, b.key: 1}, [], [], 0, "extractive")
    inputs = (
        StanceInput(LEAD, "results", 0, 1.0, read=YES),
        StanceInput(OTHER, "results", 1, 1.0, read=other_read),
    )
    return v, StanceResult(answer, (), (1.0, 0.0, 0.0), inputs)  # type: ignore[arg-type]


def test_a_contrast_the_reader_leans_the_same_way_is_a_plain_finding(
    pubmedqa: dict[str, StoredSource],
) -> None:
    a = analyze_question(QUESTION)
    v, stance = _case(pubmedqa, YES)
    out = confirmed_contrasts(a, v, stance)
    other = out.kept[1].draft
    assert v.kept[1].draft.text.startswith("In contrast, ")
    assert other.kind == "support" and other.text == OTHER
    # and then it points no way against the lead: no inconsistency in the lead's certainty
    _lead, _level, reasons, _same = _rate(out.kept[0], out.kept, [])
    assert not any("other way" in r for r in reasons)


@pytest.mark.parametrize("read", [None, (0.3, 0.4, 0.3)])
def test_a_contrast_the_reader_did_not_read_or_leans_nowhere_is_a_plain_finding(
    pubmedqa: dict[str, StoredSource], read: tuple[float, float, float] | None
) -> None:
    v, stance = _case(pubmedqa, read)
    assert confirmed_contrasts(analyze_question(QUESTION), v, stance).kept[1].draft.kind == "support"


def test_a_contrast_the_reader_leans_against_the_answer_stays(pubmedqa: dict[str, StoredSource]) -> None:
    a = analyze_question(QUESTION)
    v, stance = _case(pubmedqa, NO)
    out = confirmed_contrasts(a, v, stance)
    assert out.kept[1].draft.kind == "contrast" and out.kept[1].draft.text.startswith("In contrast, ")
    _lead, _level, reasons, _same = _rate(out.kept[0], out.kept, [])
    assert any("1 source points the other way" in r for r in reasons)
    # an uncertain answer: against the lean of the section's other statements
    v, stance = _case(pubmedqa, NO, answer="uncertain")
    assert confirmed_contrasts(a, v, stance).kept[1].draft.kind == "contrast"


def test_off_or_without_a_stance_the_wording_decides(
    pubmedqa: dict[str, StoredSource], monkeypatch: pytest.MonkeyPatch
) -> None:
    a = analyze_question(QUESTION)
    v, stance = _case(pubmedqa, YES)
    assert confirmed_contrasts(a, v, None) is v
    monkeypatch.setattr(contrasts, "CONFIRMED_CONTRASTS", False)
    assert confirmed_contrasts(a, v, stance) is v
    _lead, _level, reasons, _same = _rate(v.kept[0], v.kept, [])
    assert any("1 source points the other way" in r for r in reasons)


def test_findings_without_a_polarity_do_not_agree(
    pubmedqa: dict[str, StoredSource], monkeypatch: pytest.MonkeyPatch
) -> None:
    # two sentences of no polarity from two studies (synthetic wording, test fixture): the key conclusion
    # is graded on its own source only, and lists no study as pointing its way
    a, b = list(pubmedqa.values())[:2]
    one = _checked(a, "Synthetic fixture: the method characterises cell composition of tissues.", "support")
    two = _checked(b, "Synthetic fixture: the method was used to resolve 22 immune cell types.", "support")
    assert one.draft.cites[0].direction() == two.draft.cites[0].direction() == "neutral"
    _lead, _level, reasons, same = _rate(one, [one, two], [])
    assert [s.key for s in same] == [a.key] and any("single study" in r for r in reasons)
    monkeypatch.setattr(rating, "NEUTRAL_APART", False)
    _lead, _level, _reasons, same = _rate(one, [one, two], [])
    assert [s.key for s in same] == [a.key, b.key]
