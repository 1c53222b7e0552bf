"""Population/indication, direction and design checks, on real sentences from the shared data."""

from __future__ import annotations

from pathlib import Path

from medcite.domain import Design, Evidence
from medcite.text import Direction, effect_direction
from medcite.verify.design import check_design
from medcite.verify.direction import check_direction
from medcite.verify.mesh import MeshVocabulary
from medcite.verify.population import Mismatch, check_population

VOCAB = MeshVocabulary.load()


def test_trd_trial_cited_for_gad_claim_is_indication_mismatch(find_sentence) -> None:  # type: ignore[no-untyped-def]
    gad = next(s for s in find_sentence(r"generali[sz]ed anxiety disorder") if "depress" not in s.lower())
    trd = next(s for s in find_sentence(r"treatment-resistant depression") if "anxi" not in s.lower())
    res = check_population(gad, [Evidence(text=trd)], VOCAB)
    assert res.mismatch is Mismatch.INDICATION
    assert "Anxiety Disorders" in res.check.detail and "Treatment-Resistant" in res.check.detail
    assert check_population(trd, [Evidence(text=trd)], VOCAB).mismatch is Mismatch.NONE


def test_narrower_condition_is_indirect(find_sentence) -> None:  # type: ignore[no-untyped-def]
    trd = next(s for s in find_sentence(r"treatment-resistant depression") if "anxi" not in s.lower())
    claim = next(
        s
        for s in find_sentence(r"\bdepressive disorder\b")
        if "resistant" not in s.lower() and "anxi" not in s.lower()
    )
    res = check_population(claim, [Evidence(text=trd)], VOCAB)
    assert res.mismatch is Mismatch.INDIRECT and "narrower" in res.check.detail


def test_adults_vs_adolescents_is_a_population_mismatch(find_sentence) -> None:  # type: ignore[no-untyped-def]
    """Sibling age groups (MeSH M01.060): evidence in adults does not speak to adolescents (issue 10)."""
    teen = next(
        s for s in find_sentence(r"\badolescents\b") if "adult" not in s.lower() and "child" not in s.lower()
    )
    adult = next(
        s for s in find_sentence(r"\badults\b") if "adolesc" not in s.lower() and "child" not in s.lower()
    )
    res = check_population(teen, [Evidence(text=adult)], VOCAB)
    assert res.mismatch is Mismatch.NOT_STUDIED and "Adolescent" in res.check.detail


def test_evidence_mesh_headings_count(find_sentence) -> None:  # type: ignore[no-untyped-def]
    gad = next(s for s in find_sentence(r"generali[sz]ed anxiety disorder") if "depress" not in s.lower())
    ev = Evidence(
        text="Patients were randomised.", mesh=("Depressive Disorder, Treatment-Resistant", "Adult")
    )
    assert check_population(gad, [ev], VOCAB).mismatch is Mismatch.INDICATION


def test_direction_cues_on_evidence_inference_heldout(shared: Path) -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "training"))
    from data_sources import evidence_inference

    gold = {"significantly increased": Direction.INCREASED, "significantly decreased": Direction.DECREASED,
            "no significant difference": Direction.NO_DIFFERENCE}  # fmt: skip
    rows = list(evidence_inference(shared, heldout=True))
    found = [(gold[r[5]], effect_direction(r[1])) for r in rows]
    known = [(g, p) for g, p in found if p is not Direction.UNKNOWN]
    assert len(known) / len(found) > 0.6
    assert sum(g == p for g, p in known) / len(known) > 0.8


def test_flipped_direction_conflicts(find_sentence) -> None:  # type: ignore[no-untyped-def]
    ev = next(
        s for s in find_sentence(r"significantly reduced") if effect_direction(s) is Direction.DECREASED
    )
    flipped = ev.replace("significantly reduced", "significantly increased")
    assert check_direction(flipped, ev).conflict
    assert not check_direction(ev, ev).conflict


def test_double_blind_claim_on_open_label_source(find_sentence) -> None:  # type: ignore[no-untyped-def]
    src = next(s for s in find_sentence(r"\bopen-label\b") if "blind" not in s.lower())
    claim = src.replace("open-label", "double-blind").replace("Open-label", "Double-blind")
    res = check_design(claim, [Evidence(text=src)])
    assert not res.passed and "double-blind" in res.detail
    assert check_design(src, [Evidence(text=src)]).passed


def test_randomised_claim_on_observational_source(find_sentence) -> None:  # type: ignore[no-untyped-def]
    src = next(s for s in find_sentence(r"\bretrospective\b") if "random" not in s.lower())
    res = check_design("In a randomized trial, " + src, [Evidence(text=src, design=Design.OBSERVATIONAL)])
    assert not res.passed and "randomised" in res.detail


def test_longer_duration_than_follow_up(find_sentence) -> None:  # type: ignore[no-untyped-def]
    src = next(
        s for s in find_sentence(r"\bfor 12 weeks\b") if "month" not in s.lower() and "year" not in s.lower()
    )
    res = check_design(src.replace("for 12 weeks", "for 12 months"), [Evidence(text=src)])
    assert not res.passed and "12 months" in res.detail


def test_placebo_claim_without_placebo_in_source(abstracts: list[str]) -> None:
    src = next(a for a in abstracts if len(a) > 800 and "placebo" not in a.lower() and "versus" in a.lower())
    res = check_design("This was compared with placebo.", [Evidence(text=src)])
    assert not res.passed and "placebo" in res.detail
