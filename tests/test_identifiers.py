"""Identifiers with a number in a question's concepts, and the far-below rule of the directness split:
pure functions, no shared data needed (the real-data cases are in tests/compose)."""

from __future__ import annotations

import pytest

from medcite.compose.plan import RankedSource, far_below
from medcite.domain import Design, EvidenceInfo, SearchHit, SourceRecord, StoredSource
from medcite.text.identifiers import identifiers, names_identifier, names_tagged, tagged


@pytest.mark.parametrize(
    ("name", "found"),
    [
        ("combined effect of Nfat and miR-25", ("miR-25",)),
        ("SARS-CoV-2 infection", ("SARS-CoV-2",)),
        ("IL-6 and TIM-3", ("IL-6", "TIM-3")),
        ("type-2 diabetes", ()),  # a counted word, not an identifier
        ("phase-3 trials", ()),
        ("2-3 weeks", ()),
        ("HbA1c", ()),
    ],
)
def test_identifiers_in_a_concept_name(name: str, found: tuple[str, ...]) -> None:
    assert identifiers(name) == found


@pytest.mark.parametrize(
    ("identifier", "text", "named"),
    [
        ("IL-6", "serum IL 6 rose", True),
        ("IL-6", "IL6 levels", True),
        ("IL-6", "IL-6-induced STAT3", True),
        ("IL-6", "IL-6R blockade", False),
        ("IL-6", "IL-60 and IL-61", False),
        ("miR-25", "miR-25-3p", True),
        ("miR-25", "miR-251", False),
        ("miR-25", "miR-25b", False),
        ("SARS-CoV-2", "SARS-CoV2 in brain tissue", True),
        ("SARS-CoV-2", "SARS CoV 2", True),
        ("omega-3", "omega-3s were given", True),
        ("COVID-19", "COVID-19.5", False),
    ],
)
def test_an_identifier_is_named_in_its_spellings_only(identifier: str, text: str, named: bool) -> None:
    assert names_identifier(identifier, text) is named


def _source(key: str, score: float | None) -> RankedSource:
    record = SourceRecord(key=key, title=f"synthetic test record {key} (not evidence)")
    src = StoredSource(1, record, EvidenceInfo(Design.OTHER, inferred=True))
    return RankedSource(SearchHit(src, 1.0, ()), 1.0, 1.0, frozenset({"primary"}), score)


def test_far_below_sets_aside_only_beside_a_source_the_model_is_sure_of() -> None:
    best, low, unscored, middle = _source("a", 0.99), _source("b", 0.8), _source("c", None), _source("d", 0.9)
    kept, aside = far_below([best, low, unscored, middle])
    assert [rs.hit.source.key for rs in kept] == ["a", "c", "d"]
    assert [rs.hit.source.key for rs in aside] == ["b"]  # under the low end (0.85)
    # no source scored high enough: nothing is set aside; nor without scores
    assert far_below([_source("b", 0.2), _source("d", 0.9)]) == ([_source("b", 0.2), _source("d", 0.9)], [])
    assert far_below([_source("c", None)])[1] == []


@pytest.mark.parametrize(
    ("name", "text", "named"),
    [
        ("vitamin D deficiency", "low vitamin D levels", True),
        ("vitamin D deficiency", "vitamin K antagonists", False),
        ("type I diabetes", "type 1 diabetes", True),
        ("type 2 diabetes", "type II diabetes", True),
        ("type 2 diabetes", "type 1.5 diabetes", False),
        ("hepatitis C", "hepatitis B virus", False),
    ],
)
def test_a_word_and_its_tag_are_named_together(name: str, text: str, named: bool) -> None:
    ((word, tag),) = tagged(name)
    assert names_tagged(word, tag, text) is named


def test_a_short_word_names_its_plural_and_back(monkeypatch: pytest.MonkeyPatch) -> None:
    """Stems are cut at six letters: "trials" and "trial" were different terms, so a concept "clinical
    trials" was not named by "a randomized trial of saracatinib" (BioASQ 7B-9B yes/no, even half)."""
    from medcite.compose import naming
    from medcite.compose.question import analyze_question
    from medcite.text.words import plurals

    assert plurals({"trial", "cells", "random"}) == {"trials", "cell"}  # "random": cut, no number
    # a word in -y: "bodies", "studies" (cut to "studie"); not "days", "keys"
    assert plurals({"body", "study", "day"}) == {"bodies", "studie", "days"}
    assert plurals({"bodies", "studie"}) == {"body", "study"}
    lewy = naming.concepts(analyze_question("Which is the main component of the Lewy body?"))[0]
    assert lewy.found_in("Lewy bodies comprise of aggregated intracellular vesicles and proteins.")
    trials = naming.concepts(analyze_question("Has saracatinib been tested in clinical trials?"))[1]
    assert trials.found_in("A randomized trial of saracatinib in advanced cancer.")
    assert not trials.found_in("Saracatinib inhibits Src kinase in cell lines.")
    aids = naming.concepts(analyze_question("Is zidovudine effective for AIDS?"))[1]
    assert aids.name == "AIDS" and not aids.found_in("With the aid of a nurse, zidovudine was given.")
    monkeypatch.setattr(naming, "PLURALS", False)
    assert not trials.found_in("A randomized trial of saracatinib in advanced cancer.")


def test_a_sentence_naming_a_short_term_in_the_plural_overlaps_the_question() -> None:
    """BioASQ 7B-9B factoid (odd half): "What does DMARD stand for?" found four sources that spell out
    "disease-modifying antirheumatic drugs (DMARDs)" and quoted none of them: "dmards" was no "dmard", so
    each sentence overlapped the question by nothing and was dropped, and the answer was "insufficient"."""
    from medcite.compose.draft import extractive_drafts
    from medcite.compose.plan import RankedSource
    from medcite.compose.pool import candidates
    from medcite.compose.question import analyze_question
    from medcite.domain import PassageHit, SearchHit
    from medcite.text import record_sentences
    from medcite.text.words import term_overlap, terms
    from tests.compose.doubles import bioasq_source

    q = terms("What does DMARD stand for?")
    assert term_overlap(q, "Disease-modifying antirheumatic drugs (DMARDs) are the standard of care.") > 0
    assert term_overlap(terms("Is zidovudine an aid?"), "Zidovudine in AIDS.") == 0.5  # an acronym: no "aid"
    assert term_overlap(terms("clinical trials"), "a clinical trial") == 1.0
    src = bioasq_source(1, "25244345")  # one unlabelled snippet section, as the store holds it
    hit = SearchHit(
        src,
        1.0,
        tuple(PassageHit(j, t, lab, a, b, 1.0) for j, (lab, a, b, t) in enumerate(record_sentences(src))),
    )
    a = analyze_question("What does DMARD stand for?")
    drafts = extractive_drafts(a, candidates([RankedSource(hit, 1.0, 1.0, frozenset({"primary"}))], a))
    assert drafts and drafts[0].text.startswith(
        "Disease modifying antirheumatic drugs (DMARDs) is a category"
    )


def test_a_condition_is_named_by_a_narrower_one(monkeypatch: pytest.MonkeyPatch) -> None:
    """MeSH: "hepatocellular carcinoma" is a neoplasm, so it names the concept "cancer" ("Which cancer is
    associated with increased levels of serum alpha fetoprotein?", BioASQ 7B-9B factoid, even half); a
    drug or a sign is not a condition's kind, and the switch turns it off."""
    from medcite.compose import naming
    from medcite.compose.question import analyze_question

    q = "Which cancer is associated with increased levels of Serum alpha fetoprotein (AFP)?"
    cancer = naming.concepts(analyze_question(q))[0]
    assert cancer.name == "cancer" and cancer.kinds == ("Neoplasms",)
    hcc = (
        "Cirrhosis in patients with chronic hepatitis C increases the risk of hepatocellular carcinoma (HCC)."
    )
    assert cancer.found_in(hcc)
    assert not cancer.found_in(
        "Cirrhosis in patients with chronic hepatitis C increases the risk of ascites."
    )
    assert naming.concepts(analyze_question("Is ketamine effective for anxiety?"))[0].kinds == ()
    monkeypatch.setattr(naming, "NARROWER", False)
    assert not naming.concepts(analyze_question(q))[0].found_in(hcc)
