"""Mends of the thirty-fourth session (2026-12-07), from a reading of 16 tuning-half articles (tune29)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from medcite.compose import asking, assemble
from medcite.compose import leaning as leaning_module
from medcite.compose.leaning import leaning
from medcite.compose.stance import StanceInput, derive_stance
from medcite.corpus import classify as classify_module
from medcite.corpus.classify import classify
from medcite.domain import Design
from medcite.text.research_calls import asks_for_research
from medcite.text.statements import readable
from tests.compose.doubles import load_pubmedqa

LANABECESTAT = "Is Lanabecestat effective for Alzheimer's disease?"
# a BioASQ snippet (PMID 31764959 in the shared snippet corpus), read by the stance reader with about these
# probabilities (the tally showed yes 0.15, no 0.15, uncertain 1.70 at weight 2)
NOT_SLOWED = (
    "Treatment with lanabecestat was well tolerated and did not slow cognitive or functional decline."
)
SGA = "Is being small for gestational age a risk factor for retinopathy of prematurity?"
# a meta-analysis's conclusion in the shared corpora (corpora/abstracts_extra.jsonl.gz)
ODDS = (
    "SGA was associated with increased odds of any stage of ROP, severe ROP "
    "and treated ROP in preterm infants."
)


def _read(text: str, read: tuple[float, float, float]) -> StanceInput:
    return StanceInput(text, "conclusions", 0, 1.0, read=read)


def test_a_sentence_read_as_no_answer_leans_by_its_wording(monkeypatch: pytest.MonkeyPatch) -> None:
    """The reader read the trial's "did not slow ... decline" mostly as no answer, its yes a hair above its
    no. Its wording is a no, so it leans no (what the bottom line may quote); its vote stays the reader's."""
    item = _read(NOT_SLOWED, (0.076, 0.85, 0.074))
    assert leaning(item, LANABECESTAT) == "no"
    voted = derive_stance(LANABECESTAT, [item]).stance
    monkeypatch.setattr(leaning_module, "WORDED_LEAN", False)
    assert leaning(item, LANABECESTAT) == "yes"
    assert derive_stance(LANABECESTAT, [item]).stance == voted  # the votes are the reader's either way


def test_no_worded_lean_where_a_negation_is_no_no() -> None:
    """A question for no difference, or for safety, is not answered no by a negation (the review of the
    first version); a sentence the contrary-wording rule already reads stays as it reads it."""
    assert (
        leaning_module.worded_lean("Mortality did not differ.", "Is there no difference in mortality?")
        is None
    )
    assert leaning_module.worded_lean("No serious adverse events were seen.", "Is apixaban safe?") is None


def test_an_association_found_leans_yes_to_an_undirected_question(monkeypatch: pytest.MonkeyPatch) -> None:
    """The meta-analysis's "SGA was associated with increased odds of ... ROP", read yes 0.13, no 0.19,
    uncertain 0.68, had leaned no and been quoted in the bottom line of a "No"; a question asking a direction
    is not answered by it."""
    item = _read(ODDS, (0.13, 0.68, 0.19))
    assert leaning(item, SGA) == "yes"
    assert leaning_module.worded_lean(ODDS, "Does being small for gestational age reduce ROP?") is None
    monkeypatch.setattr(leaning_module, "WORDED_LEAN", False)
    assert leaning(item, SGA) == "no"


def test_a_sentence_the_reader_reads_as_an_answer_keeps_its_reading() -> None:
    item = _read(ODDS, (0.7, 0.2, 0.1))
    assert leaning(item, SGA) == "yes"
    assert leaning(_read(NOT_SLOWED, (0.6, 0.3, 0.1)), LANABECESTAT) == "yes"  # the reader's own lean stands


@pytest.mark.parametrize(
    "text",
    [
        "Further evaluation of the fibronectin-aggrecan complex (FAC) as a potential diagnostic biomarker or "
        "therapeutic target is warranted in the cervical spine.",
        "However, specific thresholds need to be defined based on prospective studies.",
        "Although reasons for these differences are not discernable using isolated claims data, findings "
        "provide a foundation to further evaluate patient, institutional, and system-level factors.",
    ],
)
def test_calls_for_research_are_no_findings(text: str) -> None:
    """Three conclusions of PubMedQA abstracts quoted as findings in the tuning-half reading."""
    assert asks_for_research(text)


def test_a_finding_or_a_clinical_step_is_no_research_call() -> None:
    assert not asks_for_research("Aspirin lowered the risk of stroke, which needs to be confirmed in trials.")
    assert not asks_for_research("The diagnosis needs to be confirmed by duodenal biopsy in adults.")
    assert not asks_for_research("Our findings provide the basis for further reduction of antibiotic use.")


def test_a_finding_before_its_call_stays_a_finding() -> None:
    assert not asks_for_research(
        "The trial showed that the dose was safe; its benefit needs to be confirmed."
    )
    assert not asks_for_research("Dose adjustment is not required in renal impairment.")


def _stmt(key: str, core: str) -> Any:
    return SimpleNamespace(draft=SimpleNamespace(core=core, cites=[SimpleNamespace(key=key)]))


def test_a_study_leaning_only_against_the_answer_is_not_quoted() -> None:
    """The meta-analysis's other sentence ("Neonatologists should incorporate SGA into the risk assessment")
    had been quoted for the cohort's "No": a study whose read sentences lean only against the answer gives
    the bottom line none of its sentences (:data:`medcite.compose.assemble.STUDY_AGAINST`)."""
    meta = [
        _stmt("meta", ODDS),
        _stmt("meta", "Neonatologists should incorporate SGA into the risk assessment."),
    ]
    cohort = [_stmt("cohort", "Being SGA was not a significant risk factor for any stage ROP.")]
    mixed = [
        _stmt("mixed", "X was associated with ROP."),
        _stmt("mixed", "X was not associated with severe ROP."),
    ]
    along = {cohort[0].draft.core, mixed[1].draft.core}
    against = {ODDS, mixed[0].draft.core}
    assert assemble._leaning_against([*meta, *cohort, *mixed], along, against) == {"meta"}


def test_a_case_reports_frame_is_no_finding() -> None:
    """A snippet of a case report quoted as a finding for a definition question (tune29, article 15)."""
    assert asks_for_research("The authors describe a case in which transcatheter embolization was used.")
    assert not asks_for_research("The authors describe evidence that the aneurysm recurred.")
    assert not asks_for_research("The authors report that the aneurysm recurred in 3 of 10 patients.")


def test_a_review_counting_the_studies_it_pooled_is_a_meta_analysis(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """PubMedQA 21457946 ("Twenty-seven studies were included in the meta-analysis"), indexed with MeSH
    "Longitudinal Studies" for the studies it reviewed, had been shown as one observational study (tune30)."""
    rec = load_pubmedqa()["21457946"].record
    assert classify(rec).design is Design.META_ANALYSIS
    monkeypatch.setattr(classify_module, "MESH_META", False)
    assert classify(rec).design is Design.OBSERVATIONAL


def test_a_method_lead_keeps_the_authors_as_its_subject() -> None:
    """A BioASQ snippet (tune30, article 12) had lost its subject with its frame: "By using a series of
    chimaeric transcripts, transcript localization at the endoplasmic reticulum bypasses ..."."""
    got = readable(
        "By using a series of chimaeric transcripts, we have demonstrated that transcript localization at "
        "the endoplasmic reticulum bypasses the signals dictating stress granule sequestration."
    )
    assert got is not None and got.startswith("By using a series of chimaeric transcripts, the authors have")
    assert readable("In this study, we found that the dose was safe.") == "The dose was safe."
    assert readable("Through knockdown experiments, we argue that X is needed.") is None  # an opinion


def test_a_kind_of_common_nouns_is_not_answered_by_a_new_name(monkeypatch: pytest.MonkeyPatch) -> None:
    """ "In which cellular compartment do stress granules localize?" had quoted "Rbfox2 is a novel constituent
    of cytoplasmic stress granules" in its bottom line, preferred as opening with a new name (tune30)."""
    question = "In which cellular compartment do stress granules localize?"
    assert not asking.named_kind(question)
    assert asking.named_kind("Which database contains regulatory SNPs?")
    monkeypatch.setattr(asking, "UNNAMED_KINDS", False)
    assert asking.named_kind(question)
