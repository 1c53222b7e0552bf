from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from medcite.domain import Design
from medcite.retrieve.fusion import minmax, prior, rank, rrf, weighted

rankings = st.lists(st.lists(st.integers(0, 50), max_size=20), min_size=1, max_size=4)


def test_rrf_known_values() -> None:
    s = rrf([[1, 2, 3], [3, 1]], k=60)
    assert s[1] == 1 / 61 + 1 / 62
    assert s[3] == 1 / 63 + 1 / 61
    assert s[2] == 1 / 62
    assert rank(s) == [1, 3, 2]


def test_rrf_weights_change_the_winner() -> None:
    s = rrf([[1, 2], [2, 1]], k=60, weights=[1.0, 3.0])
    assert rank(s)[0] == 2


@given(rankings)
def test_rrf_covers_every_ranked_doc_and_is_positive(rs: list[list[int]]) -> None:
    s = rrf(rs)
    assert set(s) == {d for r in rs for d in r}
    assert all(v > 0 for v in s.values())


@given(rankings)
def test_rrf_duplicates_count_once(rs: list[list[int]]) -> None:
    doubled = [r + r for r in rs]
    assert rrf(doubled) == rrf(rs)


@given(st.dictionaries(st.integers(), st.floats(-1e6, 1e6), max_size=30))
def test_minmax_range_and_order(scores: dict[int, float]) -> None:
    mm = minmax(scores)
    assert set(mm) == set(scores)
    assert all(0.0 <= v <= 1.0 for v in mm.values())
    for a in scores:
        for b in scores:
            if scores[a] < scores[b] - 1e-9:
                assert mm[a] <= mm[b]


def test_rank_ties_are_deterministic() -> None:
    assert rank({5: 1.0, 2: 1.0, 9: 2.0}) == [9, 2, 5]
    assert rank({}) == []


def test_weighted_combines_normalised_scores() -> None:
    w = weighted([{1: 10.0, 2: 0.0}, {2: 0.9, 3: 0.1}], [1.0, 1.0])
    assert w == {1: 1.0, 2: 1.0, 3: 0.0}


def test_prior_is_neutral_when_off_and_prefers_strong_designs() -> None:
    assert prior(Design.ANIMAL, 1990, evidence_weight=0, recency_weight=0, this_year=2026) == 1.0
    meta = prior(Design.META_ANALYSIS, 2020, evidence_weight=0.05, recency_weight=0, this_year=2026)
    case = prior(Design.CASE_SERIES, 2020, evidence_weight=0.05, recency_weight=0, this_year=2026)
    assert meta > case > 1.0
    new = prior(Design.RCT, 2025, evidence_weight=0, recency_weight=0.2, this_year=2026)
    old = prior(Design.RCT, 1995, evidence_weight=0, recency_weight=0.2, this_year=2026)
    assert new > old > 1.0


def test_fusion_works_on_source_keys() -> None:
    s = rrf([["pmid:2", "pmid:1"], ["pmid:1"]], k=60)
    assert rank(s) == ["pmid:1", "pmid:2"]
    assert rank({"b": 1.0, "a": 1.0, "c": 2.0}) == ["c", "a", "b"]  # ties by ascending key
    assert weighted([{"a": 3.0, "b": 1.0}], [2.0]) == {"a": 2.0, "b": 0.0}
