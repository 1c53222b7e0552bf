"""Mends of the thirty-third session (2026-12-07), from a reading of 16 tuning-half articles (tune28)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from medcite.bootstrap import load_reranker
from medcite.compose import compose_article, draft, layout, leads
from medcite.config import load_settings
from medcite.corpus import classify as classify_module
from medcite.corpus import subjects
from medcite.corpus.classify import classify
from medcite.domain import AbstractSection, Design, Provenance, SourceRecord
from medcite.testing import OverlapSearcher
from medcite.text.anaphora import leans_back
from medcite.text.statements import cut_both_ends, readable
from tests.compose.doubles import LexicalVerifier, bioasq_records, load_pubmedqa


def _snippet(pmid: str, shared: Path) -> SourceRecord:
    with (shared / "bioasq" / "snippet_corpus.jsonl").open(encoding="utf-8") as fh:
        d = next(d for line in fh if (d := json.loads(line))["pmid"] == pmid)
    text = " ".join(dict.fromkeys(d["abstract_snippets"]))
    return SourceRecord(key=pmid, title="", sections=(AbstractSection("", text),), pmid=pmid)


def test_a_text_about_patients_is_no_animal_study(shared: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A BioASQ snippet on patients filling in a questionnaire (PMID 28770096) was stored as an animal study:
    the text model guessed it where the cue rules found nothing. Words for people and no animal or laboratory
    cue rule that out (:data:`medcite.corpus.classify.PEOPLE_NOT_ANIMAL`)."""
    rec = _snippet("28770096", shared)
    assert rec.text.startswith("Patients were also evaluated by using the Parkinson Disease Questionnaire")
    ev = classify(rec)
    assert ev.human is True
    assert ev.design is not Design.ANIMAL
    monkeypatch.setattr(subjects, "PEOPLE_NOT_ANIMAL", False)
    assert classify(rec).design is Design.ANIMAL


@pytest.mark.parametrize("pmid", ["34881402", "28007623", "11409913"])
def test_a_laboratory_text_that_names_people_may_still_be_laboratory_work(pmid: str, shared: Path) -> None:
    """BioASQ snippets on human liver microsomes, human cell lines, human transgenes in mice: words for
    people beside laboratory cues leave the text model free to answer ANIMAL (an independent review of the
    first version, which forbade it wherever the text named people)."""
    rec = _snippet(pmid, shared)
    assert not subjects.people_only(rec, rec.text)


def test_a_cohort_pooled_with_the_literature_is_a_meta_analysis(
    shared: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PubMedQA 28006766: MeSH "Retrospective Studies" on a cohort whose results were "quantitatively combined
    ... with those from the published literature in a meta-analysis after searching several databases"; its
    pooled 1,740 patients had been shown as one observational study's."""
    rec = load_pubmedqa()["28006766"].record
    assert classify(rec).design is Design.META_ANALYSIS
    monkeypatch.setattr(classify_module, "MESH_META", False)
    assert classify(rec).design is Design.OBSERVATIONAL


@pytest.mark.parametrize(
    "text",
    [
        "Especially this group showed deteriorated performance in the provoking condition.",
        "In this group, DGE was only seen in one patient (3%).",
        "The mean treatment duration in this group was 38.5 months (± 4.5).",
    ],
)
def test_this_group_names_a_group_of_the_sentences_before(text: str) -> None:
    assert leans_back(text)
    assert readable(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "In this group of 120 patients, mortality was 12%.",  # the group defined in its own sentence
        "This study group showed a lower rate of relapse.",  # the study's own
        "Leigh syndrome accounts for more than 50% of cases in this age group.",  # an age group
    ],
)
def test_a_group_the_sentence_defines_stands_alone(text: str) -> None:
    assert not leans_back(text)


def test_a_snippet_cut_at_both_ends_on_a_hyphened_word_is_no_statement() -> None:
    """BioASQ snippet of PMID 28960207, quoted capitalised as a bottom line with no verb."""
    fragment = "anti-apoptotic BCL-2 family members, such as BCL-2, BCL-XL or MCL-1"
    assert cut_both_ends(fragment)
    assert readable(fragment) is None
    # a gene or transcript name opens it (no full stop either)
    for gene in ("miR-21", "hsa-miR-21"):
        assert not cut_both_ends(f"{gene} regulates the expression of PTEN in")
    assert not cut_both_ends("pre-mRNA splicing is altered in SMA motor neurons")


def test_an_effect_question_is_answered_by_the_sentence_that_names_the_effect(
    shared: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """BioASQ summary (even half): "What is the effect of HMGB2 loss on CTCF clustering?" on its gold snippet
    record. The result that the relevance model reads as answering, with no efficacy cue word
    (:data:`medcite.compose.draft.FINDING_FIT`), leads the bottom line over the authors' conclusion on
    senescence (:data:`medcite.compose.leads.ANSWER_KEPT`)."""
    q = "What is the effect of HMGB2 loss on CTCF clustering?"
    relevance = load_reranker(load_settings())

    def bottom() -> str:
        searcher = OverlapSearcher(bioasq_records({"29706538"}))
        art = compose_article(q, searcher, LexicalVerifier(), provenance=Provenance(), relevance=relevance)
        return art.bottom_line

    assert "clustering of CTCF" in bottom()
    monkeypatch.setattr(leads, "ANSWER_KEPT", False)
    assert "clustering of CTCF" not in bottom()
    monkeypatch.setattr(leads, "ANSWER_KEPT", True)
    monkeypatch.setattr(draft, "FINDING_FIT", None)
    monkeypatch.setattr(layout, "ROLE_FINDINGS", False)  # in Key Findings it would lead anyway (tune38)
    assert "clustering of CTCF" not in bottom()
