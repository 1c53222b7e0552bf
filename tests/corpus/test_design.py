"""Study designs of real records from the shared data (issue 9): each record below was given a wrong design
before the fix; the expected design is read from the record's own title and abstract."""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest

from medcite.compose.assemble import reference
from medcite.compose.candidates import attribution
from medcite.compose.directness import grade
from medcite.compose.question import analyze_question
from medcite.corpus.classify import classify, design_stated, indexed_design, non_human
from medcite.corpus.detect import parse_path
from medcite.domain import AbstractSection, Design, SourceRecord, StoredSource
from medcite.text.design_cues import RANDOMISED

EXTRA = "corpora/abstracts_extra.jsonl.gz"
QA = "pubmedqa/abstracts.jsonl"


@cache
def _records(path: Path) -> dict[str, SourceRecord]:
    return {r.key: r for r in parse_path(path) if isinstance(r, SourceRecord)}


def record(data_dir: Path, relative: str, key: str) -> SourceRecord:
    return _records(data_dir / relative)[key]


def _mesh(rec: SourceRecord) -> set[str]:
    return {m.descriptor for m in rec.mesh}


def test_prospective_randomized_controlled_trial_title_is_an_rct(data_dir: Path) -> None:
    # a double-blind trial titled "Prospective randomized controlled trial of extended-release oxybutynin",
    # indexed with MeSH "Prospective Studies" and no publication type: it was labelled observational
    rec = record(data_dir, EXTRA, "11322350")
    assert rec.title.startswith("Prospective randomized controlled trial")
    assert "Prospective Studies" in _mesh(rec) and not rec.publication_types
    info = classify(rec)
    assert (info.design, info.inferred) == (Design.RCT, True)


def test_title_that_says_randomized_beats_clinical_trial_or_comparative_study(data_dir: Path) -> None:
    # "[A randomized controlled study of ligustrazine ...]": the abstract says only "A prospective controlled
    # study", so the title alone tells that the allocation was random. The record has no publication types;
    # here it is indexed as NLM indexes such trials when it misses the randomisation.
    rec = record(data_dir, EXTRA, "10861116")
    assert "randomized controlled study" in rec.title and not RANDOMISED.search(rec.text)
    for types in (("Clinical Trial",), ("Comparative Study",), ("Clinical Trial", "Comparative Study")):
        indexed = replace(rec, publication_types=(*types, "Journal Article"), mesh=())
        assert classify(indexed).design == Design.RCT, types


def test_a_title_that_calls_for_randomised_studies_is_no_rct(data_dir: Path) -> None:
    # the future-research guard holds for the title too: "The need for randomised treatment studies in
    # neglect research." (the title alone, indexed as a trial). A guard for the title rule above: today's
    # code never read the title, so it passes before and after.
    rec = record(data_dir, EXTRA, "17119313")
    assert "need for randomised" in rec.title
    title_only = replace(rec, sections=(), publication_types=("Clinical Trial", "Journal Article"), mesh=())
    assert classify(title_only).design == Design.OBSERVATIONAL


def test_cost_effectiveness_model_is_not_case_control(data_dir: Path) -> None:
    # "... : a cost-effectiveness analysis." ("We used a cost-effectiveness model ..."), indexed with MeSH
    # "Case-Control Studies": an economic model, not a case-control study
    rec = record(data_dir, EXTRA, "9399748")
    assert "Case-Control Studies" in _mesh(rec) and "cost-effectiveness model" in rec.text
    info = classify(rec)
    assert (info.design, info.inferred) == (Design.OTHER, True)


def test_case_referent_study_is_case_control(data_dir: Path) -> None:
    # "A case-referent analysis on death records ...", indexed only with MeSH "Retrospective Studies"
    rec = record(data_dir, QA, "8738894")
    assert "case-referent" in rec.text and "Case-Control Studies" not in _mesh(rec)
    assert classify(rec).design == Design.CASE_CONTROL


def test_chick_study_is_animal(data_dir: Path) -> None:
    rec = record(data_dir, EXTRA, "asreview_Bannach-Brown_2019:line23849")  # "... goitrin in chicks"
    assert "chicks" in rec.title and not rec.mesh
    info = classify(rec)
    assert info.design == Design.ANIMAL and info.human is False


def test_mouse_strain_in_the_title_is_animal(data_dir: Path) -> None:
    # "Early deprivation induces competitive subordinance in C57BL/6 male mice" (the abstract speaks of
    # "adult" mice and "early life stress", words said of people too)
    rec = record(data_dir, EXTRA, "25089814")
    assert "C57BL/6" in rec.title and not rec.mesh
    assert classify(rec).design == Design.ANIMAL


def test_a_trial_of_a_guideline_is_no_guideline(data_dir: Path) -> None:
    # "Implementing a guideline for the treatment of type 2 diabetics: results of a Cluster-Randomized
    # Controlled Trial": a trial about a guideline
    rec = record(data_dir, EXTRA, "evidence_inference:PMC1904445")
    assert "guideline" in rec.title
    assert classify(rec).design == Design.RCT


def test_randomly_allocated_is_an_rct(data_dir: Path) -> None:
    rec = record(
        data_dir, EXTRA, "10822316"
    )  # "Patients were allocated randomly to receive either losartan ..."
    assert "allocated randomly" in rec.text and not rec.mesh
    assert classify(rec).design == Design.RCT


def test_as_needed_is_no_call_for_future_research(data_dir: Path) -> None:
    # "Patients were randomly assigned to ... terbutaline (0.5 mg) used as needed ...": "needed" here is the
    # dosing, not a call for research; read as the JSON Lines corpora give records (no indexing)
    rec = record(data_dir, "medline_sample/pubmed-29768149.xml", "29768149")
    bare = replace(rec, publication_types=(), mesh=())
    assert classify(bare).design == Design.RCT


def test_indexed_design_is_the_indexing_or_none(data_dir: Path) -> None:
    rct = record(data_dir, "medline_sample/pubmed-29768149.xml", "29768149")
    assert indexed_design(rct) == indexed_design(rct, refine=False) == Design.RCT
    assert indexed_design(replace(rct, publication_types=("Journal Article",), mesh=())) is None
    model = record(data_dir, EXTRA, "9399748")  # MeSH "Case-Control Studies" on a cost-effectiveness model
    assert indexed_design(model, refine=False) == Design.CASE_CONTROL
    assert indexed_design(model) == Design.OTHER


def test_laboratory_work_only_guessed_by_the_text_model_is_not_stated(data_dir: Path) -> None:
    # a one-sentence BioASQ snippet with no title or indexing: the text model reads it as laboratory work,
    # but nothing in it names animals or cells, so it is neither stated as an animal study in a statement's
    # prefix nor set aside as non-human evidence
    snippet = record(data_dir, "bioasq/snippet_corpus.jsonl", "29462394")
    assert "gamma-H2AX" in snippet.text and not snippet.title and not snippet.mesh
    guessed = StoredSource(1, snippet, classify(snippet))
    assert (guessed.evidence.design, guessed.evidence.inferred, guessed.evidence.human) == (
        Design.ANIMAL,
        True,
        None,
    )
    assert not design_stated(guessed) and not non_human(guessed)
    assert attribution(guessed).text == ""
    # the chick study names its subjects: stated, and non-human
    chick = record(data_dir, EXTRA, "asreview_Bannach-Brown_2019:line23849")
    named = StoredSource(2, chick, classify(chick))
    assert design_stated(named) and non_human(named)
    assert attribution(named).text.startswith("In an animal or laboratory study")
    # the reference list states the design only where it is stated
    assert (reference(1, guessed).design, reference(2, named).design) == ("other", "animal")
    # for a question about patients, the guessed one is not set aside as animal work; the chick study is
    q = analyze_question("Is gamma-H2AX a marker of DNA damage in patients with breast cancer?")
    assert "animal or laboratory study" not in grade(q, guessed, [], True).reasons
    assert "animal or laboratory study" in grade(q, named, [], True).reasons


def test_a_study_of_guidelines_is_no_guideline(data_dir: Path) -> None:
    # real titles (corpora/abstracts_extra): guidelines as the subject of a verb, a trial's outcome "in
    # relation to" guidelines; a sample article quoted the first as "In a clinical practice guideline, ..."
    recs = _records(data_dir / EXTRA).values()
    titles = (
        "Test ordering guidelines can alter ordering patterns in an academic emergency department",
        "The outcome of STOP-Hypertension-2 in relation to the 1999 WHO/ISH hypertension guidelines",
        # a follow-up study, a survey of surgeons, a review, an evidence report (systematic review) for a
        # guideline, a commentary that asks a question
        "Influencing antibiotic prescribing by prescriber feedback and management guidelines: a 5-year",
        "Consensus on Rehabilitation Guidelines among Orthopedic Surgeons",
        "Review article: nonsteroidal anti-inflammatory drug-associated gastrointestinal complications",
        "Pharmacologic Treatment of Insomnia Disorder: An Evidence Report for a Clinical Practice Guideline",
        "JNC-7 guidelines: are they still relevant?",
    )
    for title in titles:
        rec = next(r for r in recs if r.title.startswith(title))
        assert classify(rec).design is not Design.GUIDELINE, title
    # "Bupropion for the treatment of tobacco dependence: guidelines for balancing risks and benefits"
    # (PMID 12521356): the abstract summarises the trials and recommends nothing; the reading of issue 9
    # found its sentences quoted as "In a clinical practice guideline, ..."
    assert classify(record(data_dir, EXTRA, "12521356")).design is Design.REVIEW
    # a title that is a guideline stays one, follow-up in its scope or not (the ESMO guideline title shape)
    for guideline in (
        "Rectal cancer: ESMO Clinical Practice Guidelines for diagnosis, treatment and follow-up",
        "Guidelines for the follow-up of patients with colorectal cancer",
    ):
        text = "The panel recommends a synthetic test schedule."
        assert classify(
            SourceRecord(key="g", title=guideline, sections=(AbstractSection("", text),))
        ).design is (Design.GUIDELINE), guideline
    assert classify(record(data_dir, EXTRA, "8612477")).design is Design.GUIDELINE


def test_a_title_that_opens_with_its_randomised_design_names_an_rct(data_dir: Path) -> None:
    # "Phase I, Randomized, Double-blind, Placebo-controlled, Single-dose, and Multiple-dose Studies of
    # Erenumab ...": its snippets say nothing of the design, and it was labelled a review (a reading of 16
    # tuning-half articles, 2026-12-05)
    rec = record(data_dir, "bioasq/snippet_corpus.jsonl", "28736918")
    assert rec.title.startswith("Phase I, Randomized") and not RANDOMISED.search(rec.text)
    assert classify(rec).design == Design.RCT
    # a title that is only the phrase is about the design, not a report of one
    assert classify(replace(rec, title="Randomized controlled trials.")).design != Design.RCT
    # in the text, "randomized controlled trials" is mostly what a review read: no RCT from the plural there
    review = "We searched for randomized, double-blind, placebo-controlled, parallel-group trials of X."
    text_only = replace(rec, title="Treatments of X", sections=(AbstractSection("", review),))
    assert classify(text_only).design != Design.RCT


def test_sirna_named_as_a_drug_is_no_laboratory_work(monkeypatch: pytest.MonkeyPatch) -> None:
    """BioASQ snippet records 29451410 and 30011788 review inclisiran's trials ("Inclisiran, a novel,
    synthetic, siRNA molecule, ..."); "siRNA" was their one laboratory term, and a tune22 article prefixed
    their statements "In an animal or laboratory study"."""
    from medcite.corpus import subjects
    from tests.compose.doubles import bioasq_source

    for pmid in ("29451410", "30011788"):
        ev = classify(bioasq_source(0, pmid).record)
        assert ev.human is not False and ev.design is not Design.ANIMAL, pmid
    # a knock-down in cells stays laboratory work (synthetic test sentence)
    text = "Cell lines were transfected with siRNA (synthetic test)."
    assert classify(SourceRecord(key="t", title="", sections=(AbstractSection("", text),))).human is False
    monkeypatch.setattr(subjects, "SIRNA_DRUG", False)
    assert classify(bioasq_source(0, "29451410").record).human is False
