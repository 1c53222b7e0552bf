"""Background facts (an approval, what a drug is) are no findings: a sentence of no known role that the
sentence-role model, reading it alone, takes for background, an aim or methods is drafted only in an answer
that has nothing else. Real records: a narrative review of cariprazine from the shared screening corpora and
a BioASQ snippet record of a placebo-controlled analysis."""

from __future__ import annotations

import gzip
import json
from dataclasses import replace
from functools import cache

import pytest

from medcite.compose import draft
from medcite.compose.draft import asks_findings, background_fact, extractive_drafts
from medcite.compose.layout import layout_for, primary_key
from medcite.compose.plan import RankedSource
from medcite.compose.pool import candidates
from medcite.compose.question import analyze_question
from medcite.corpus.roles import alone_not_finding
from medcite.domain import AbstractSection, PassageHit, SearchHit, SourceRecord, StoredSource
from tests.compose.doubles import DATA_DIR, _source, bioasq_source

QUESTION = "Is cariprazine effective for treatment of bipolar disorder?"
APPROVAL = "In September 2015, the FDA approved the use of cariprazine"
LIGAND = "is a new dopamine receptor ligand developed for the treatment"


@cache
def _review() -> StoredSource:
    with gzip.open(DATA_DIR / "corpora" / "abstracts_extra.jsonl.gz", "rt", encoding="utf-8") as fh:
        d = next(d for line in fh if "Cariprazine:New dopamine" in line and (d := json.loads(line))["title"])
    rec = SourceRecord(key="review", title=d["title"], sections=(AbstractSection("", d["abstract"]),))
    return _source(1, rec)


def _ranked(sources: list[StoredSource]) -> list[RankedSource]:
    """Each source as retrieval finds it, its whole text one passage (so that every sentence is a candidate,
    not only its results and conclusions)."""
    out: list[RankedSource] = []
    for i, s in enumerate(sources):
        whole = PassageHit(i, s.record.text, "", 0, len(s.record.text), 1.0)
        out.append(RankedSource(SearchHit(s, 1.0, (whole,)), 1.0, 1.0, frozenset({"primary"})))
    return out


def _quoted(a_sources: list[StoredSource]) -> list[str]:
    a = analyze_question(QUESTION)
    return [d.cites[0].text for d in extractive_drafts(a, candidates(_ranked(a_sources), a))]


def test_the_role_model_reads_background_facts_alone() -> None:
    review = _review()
    sentences = {c.text: c for c in candidates(_ranked([review]), analyze_question(QUESTION))}
    approval = next(t for t in sentences if t.startswith(APPROVAL))
    assert sentences[approval].role == "unknown"  # no label, no wording that names its role
    assert background_fact(sentences[approval])
    assert alone_not_finding(approval) >= 0.9
    finding = "Cariprazine-treated patients with bipolar I disorder attained clinically significant"
    trial = bioasq_source(2, "29017067")
    assert finding in trial.record.text
    assert alone_not_finding(finding + " improvement in manic symptoms.") < 0.1


def test_background_facts_stay_out_of_an_answer_with_findings(monkeypatch: pytest.MonkeyPatch) -> None:
    sources = [_review(), bioasq_source(2, "29017067")]
    quoted = _quoted(sources)
    assert any("Cariprazine-treated patients" in t for t in quoted)
    assert not any(t.startswith(APPROVAL) or LIGAND in t for t in quoted)
    monkeypatch.setattr(draft, "NOT_FINDING", None)  # the switch off: they are drafted as before
    assert any(t.startswith(APPROVAL) or LIGAND in t for t in _quoted(sources))


def test_an_answer_of_background_facts_alone_keeps_them() -> None:
    a = analyze_question(QUESTION)
    facts = [c for c in candidates(_ranked([_review()]), a) if background_fact(c)]
    assert len(facts) >= 2
    drafted = [d for d in extractive_drafts(a, facts) if d.section == primary_key(a)]
    assert drafted and all(background_fact(d.cites[0]) for d in drafted)


def test_a_question_that_asks_for_a_thing_keeps_background_sentences() -> None:
    a = analyze_question("What is cariprazine?")
    assert a.asks_entity
    cands = candidates(_ranked([_review()]), a)
    assert any(background_fact(c) for c in cands)
    assert any(background_fact(d.cites[0]) for d in extractive_drafts(a, cands))


def test_a_sentence_on_how_the_drug_acts_goes_to_mechanism(monkeypatch: pytest.MonkeyPatch) -> None:
    """Words of mechanism and none of effect ("Cariprazine displays higher affinity at dopamine D3
    receptors ..."): the mechanism section, not the findings of a yes/no answer."""
    a = analyze_question(QUESTION)
    sources = [_review(), bioasq_source(2, "29017067")]

    def sections() -> dict[str, str]:
        drafts = extractive_drafts(a, candidates(_ranked(sources), a))
        return {d.cites[0].text: d.section for d in drafts}

    affinity = "Cariprazine displays higher affinity at dopamine D3 receptors"
    got = sections()
    assert [s for t, s in got.items() if t.startswith(affinity)] == ["mechanism"]
    assert any(s == "efficacy" and "Cariprazine-treated patients" in t for t, s in got.items())
    monkeypatch.setattr(draft, "MECHANISM_APART", False)
    assert [s for t, s in sections().items() if t.startswith(affinity)] == ["efficacy"]


@pytest.mark.parametrize(
    ("question", "findings"),
    [
        (QUESTION, True),
        ("What is the role of ketamine in treating anxiety?", True),
        ("What is the risk of seizures with bupropion?", True),
        ("What is the role of clonidine in paediatric adenotonsillectomy?", True),
        # BioASQ 7B-9B summary questions (even half), answered by what the sources take as known
        ("Describe the mechanism of action of apalutamide.", False),
        ("How does PRDM9 recognize the specific DNA motifs for meiotic recombination?", False),
        ("What is cariprazine?", False),
        # exempt by their shape, though about patients: how a drug works, a thing asked for
        ("What is the mechanism of action of ketamine in depression?", False),
        ("Which drugs are used for treatment of bipolar disorder?", False),
        # a yes/no question about what a thing is (BioASQ): answered by a background sentence
        ("Is Netrin-1 a secreted protein?", False),
    ],
)
def test_questions_about_effects_on_patients_set_background_facts_aside(
    question: str, findings: bool
) -> None:
    assert asks_findings(analyze_question(question)) is findings


def test_a_question_on_how_something_works_keeps_background_facts() -> None:
    a = analyze_question("How does cariprazine act on dopamine receptors?")
    cands = candidates(_ranked([_review(), bioasq_source(2, "29017067")]), a)
    assert any(background_fact(d.cites[0]) for d in extractive_drafts(a, cands))


def test_a_drug_class_named_in_mechanism_words_keeps_its_finding_in_efficacy() -> None:
    """BioASQ snippet record 34003802: "Tirzepatide (LY3298176), a dual GIP and GLP-1 receptor (GLP-1R)
    agonist, delivered superior glycemic control ..." names its class in mechanism words and its effect in
    one word: an efficacy finding (an independent review of the rule)."""
    a = analyze_question("Is tirzepatide effective for type 2 diabetes?")
    src = bioasq_source(3, "34003802")
    sections = {d.cites[0].text[:30]: d.section for d in extractive_drafts(a, candidates(_ranked([src]), a))}
    assert sections.get("Tirzepatide (LY3298176), a dua") == "efficacy"


def test_background_facts_fill_a_main_section_that_would_be_empty() -> None:
    """The cariprazine review alone: without its background facts the answer holds only mechanism
    sentences, no finding on the question, so the facts fill the main section (and say so plainly)."""
    a = analyze_question(QUESTION)
    drafts = extractive_drafts(a, candidates(_ranked([_review()]), a))
    prim = [d for d in drafts if d.section == primary_key(a)]
    assert prim and any(background_fact(d.cites[0]) for d in prim)


def test_the_mechanism_rule_has_gates() -> None:
    """Only where the layout has a mechanism section and the question asks for no thing (the third and
    fourth arguments of the drafting rule: entity, mechanism apart), only for a sentence on the question."""
    a = analyze_question(QUESTION)
    affine = next(
        c
        for c in candidates(_ranked([_review()]), a)
        if c.text.startswith("Cariprazine displays higher affinity at dopamine D3 receptors")
    )
    _c, tags, counts = draft._cues(a, affine)
    assert counts["mechanism"] > 0 and not counts["efficacy"]
    assert not draft._eligible("efficacy", affine, tags, counts, True, False, True)
    assert draft._eligible("efficacy", affine, tags, counts, True, False, False)
    assert draft._eligible("mechanism", affine, tags, counts, True, False, True)
    # read as off the question by the model, it stays a finding: the mechanism section would not take it
    assert draft._eligible("efficacy", replace(affine, fit=0.01), tags, counts, True, False, True)
    entity = analyze_question("Which receptors are affected by cariprazine?")
    assert entity.asks_entity and layout_for(entity)[0] == "findings"
    # what a drug binds is its mechanism (2026-12-05): that section leads, so the rule's gate is moot there
    binds = analyze_question("Which receptors does cariprazine bind?")
    assert binds.asks_entity and layout_for(binds)[0] == "mechanism"


def test_background_facts_that_would_not_fill_the_main_section_stay_out() -> None:
    """An answer with a safety finding and a background fact, and no finding on the question: the fact
    does not fill the main section, so it is not drafted into another one either (an independent review;
    the safety sentence is a labelled synthetic test text on a real record's offsets)."""
    a = analyze_question(QUESTION)
    cands = candidates(_ranked([_review(), bioasq_source(2, "29017067")]), a)
    res = next(c for c in cands if c.role == "results")
    text = "Synthetic test text: adverse events, nausea and dizziness occurred in 20% of patients."
    safety = replace(res, text=text)
    ligand = next(c for c in cands if LIGAND in c.text)
    assert background_fact(ligand)
    drafted = extractive_drafts(a, [safety, ligand])
    assert [d.section for d in drafted] == ["safety"]
