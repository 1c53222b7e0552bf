"""The factoid benchmark's two ways of finding a gold answer in a bottom line (bench/bench_bioasq.py)."""

from __future__ import annotations

from bench.bench_bioasq import mentions, mentions_loosely


def test_the_loose_match_ignores_hyphens_case_and_greek_letters_only() -> None:
    # bottom lines of the even half against their BioASQ gold answers (darolutamide, olaratumab)
    nm = "approved for the treatment of men with non-metastatic castration-resistant prostate cancer"
    gold = ["Nonmetastatic castration-resistant prostate cancer"]
    assert not mentions(nm, gold) and mentions_loosely(nm, gold)
    pdgfr = "Olaratumab is a fully human monoclonal antibody that selectively binds human PDGFR\u03b1"
    assert not mentions(pdgfr, ["PDGFRA"]) and mentions_loosely(pdgfr, ["PDGFRA"])
    # a short answer is matched as whole words only: "AD" is not in "adverse"
    assert not mentions_loosely("Synthetic fixture: adverse events were rare.", ["AD"])
    assert mentions_loosely("Synthetic fixture: in AD patients.", ["AD"])
    # what the strict match finds, the loose one finds too
    assert mentions_loosely("the oral route", ["oral"]) and not mentions_loosely("orally", ["oral"])
