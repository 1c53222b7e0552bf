"""The cue lists that route an evidence sentence to a section."""

from __future__ import annotations

import gzip
import json

import pytest

from medcite.compose import candidates as candidates_module
from medcite.compose import compose_article, draft
from medcite.compose.candidates import TAGS, condition_cues, section_counts
from medcite.compose.draft import _cues, extractive_drafts
from medcite.compose.naming import JUDGING_TERMS
from medcite.compose.plan import RankedSource
from medcite.compose.pool import candidates
from medcite.compose.question import analyze_question
from medcite.corpus.extract import ADVERSE
from medcite.domain import AbstractSection, Article, PassageHit, Provenance, SearchHit, SourceRecord
from medcite.testing import OverlapSearcher
from medcite.text import split_sentences, terms
from tests.compose.doubles import DATA_DIR, LexicalVerifier, _source

# real sentences of PMID 12859700 (Tonnesen et al. 2003, in corpora/abstracts_extra) and PMID 12714026
OUTCOME = (
    "Both continuous and weekly point prevalence smoking abstinence rates were significantly higher in the "
    "bupropion SR group compared with placebo."
)
DOSE = "A total of 527 received bupropion SR 300 mg daily for 7 weeks and 180 received placebo."


def test_a_weekly_outcome_measure_is_no_dosing_schedule() -> None:
    # the bupropion sample article filed this result under "Dosing" for its word "weekly"
    assert not TAGS["dosing"].search(OUTCOME)
    assert TAGS["efficacy"].search(OUTCOME)
    assert TAGS["dosing"].search(DOSE)


@pytest.mark.parametrize(
    ("text", "dosing"),
    [
        ("randomised to receive bupropion SR (150 mg twice daily) or placebo", True),
        ("the patch was applied once a day", True),
        ("injections were given twice weekly", True),
        ("subjects who smoked at least 10 cigarettes per day", False),
        ("weekly point prevalence abstinence at weeks 3, 7, 26 and 52", False),
        ("ketamine 0.5 mg/kg", True),
        # a concentration measured in blood is no dose (PMID 26505821, quoted under Dosing by a
        # tuning-half article on bone turnover markers)
        ("The mean values of biochemical markers were: PINP, 56.2 ± 21.9 μg/mL", False),
        ("serum glucose 5.4 mg/dL and albumin 35 g/L", False),
        # a drug's property, not its route (BioASQ snippet record on CEP-26401, quoted under Dosing)
        ("CEP-26401 is a novel orally active, brain-penetrant, high-affinity H3 receptor antagonist", False),
        ("bupropion was given orally", True),
        # an agency is no administration of a drug (BioASQ snippet record 29655452, quoted under Dosing by a
        # tuning-half article on myasthenia gravis)
        (
            "complement inhibition with eculizumab, which was recently approved by the US Food and Drug "
            "Administration for myasthenia gravis",
            False,
        ),
        ("records of the Veterans Health Administration", False),
        ("after intravenous administration of the drug", True),
        ("after administration of the drug", True),
    ],
)
def test_dosing_cues_name_a_dose_route_or_schedule(text: str, dosing: bool) -> None:
    assert bool(TAGS["dosing"].search(text)) is dosing


@pytest.mark.parametrize(
    ("text", "harm"),
    [
        # a harm a treatment aims to spare is no harm found (a tuning-half article's summary of findings had
        # an "Adverse events" row from "... to reduce side-effects and improve quality of life")
        ("Synthetic fixture: the marker may help to reduce side-effects and improve quality of life.", False),
        ("Synthetic fixture: dose titration is used to minimise the adverse effects.", False),
        ("Synthetic fixture: side effects were mild and transient.", True),
        ("Synthetic fixture: the drug reduced side effects compared with placebo.", True),
    ],
)
def test_a_harm_named_as_an_aim_is_no_harm(text: str, harm: bool) -> None:
    assert bool(TAGS["safety"].search(text)) is harm
    assert bool(ADVERSE.search(text)) is harm


def test_a_dependence_of_one_thing_on_another_is_no_harm() -> None:
    """BioASQ record 30127433 (cohesin): "The findings uncover an unexpected dependence of inducible gene
    expression on cohesin ..." was filed under Complications and Risks (a tuning-half reading, 2026-12-06)."""
    sentence = "The findings uncover an unexpected dependence of inducible gene expression on cohesin."
    assert not TAGS["safety"].search(sentence) and not TAGS["pitfalls"].search(sentence)
    assert TAGS["safety"].search("Synthetic fixture: opioid dependence developed in 3 patients.")
    assert TAGS["safety"].search("Synthetic fixture: hepatotoxicity and cardiotoxic effects were rare.")


def test_road_safety_is_no_safety_of_a_treatment() -> None:
    """The conclusion of PMID 25432938 (PubMedQA, Chile's traffic law reform) was filed under Safety and
    Side Effects for its words "road safety practices" (a reading of the tuning half)."""
    with (DATA_DIR / "pubmedqa" / "abstracts.jsonl").open(encoding="utf-8") as fh:
        rec = next(json.loads(x) for x in fh if '"25432938"' in x)
    text = rec["conclusion"]
    sentence = next(text[s:e] for s, e in split_sentences(text) if "road safety" in text[s:e])
    assert not TAGS["safety"].search(sentence)
    assert TAGS["safety"].search("The safety of the synthetic test drug was not established.")
    assert TAGS["safety"].search("Drug safety and road traffic were studied.")  # a drug's safety still is
    assert not TAGS["safety"].search("Road-safety campaigns were compared.")


def test_the_harm_a_question_asks_about_is_a_safety_cue(monkeypatch: pytest.MonkeyPatch) -> None:
    """A case report in the shared screening corpora (sustained-release bupropion, a seizure and sleep
    deprivation): for "What is the risk of seizures with bupropion?" it is a safety finding, though it uses
    none of the safety cues' words."""
    with gzip.open(DATA_DIR / "corpora" / "abstracts_extra.jsonl.gz", "rt", encoding="utf-8") as fh:
        d = next(json.loads(x) for x in fh if "generalized seizure associated with sustained-release" in x)
    rec = SourceRecord(key="case", title=d["title"] or "", sections=(AbstractSection("", d["abstract"]),))
    whole = PassageHit(0, rec.text, "", 0, len(rec.text), 1.0)
    src = _source(1, rec)
    ranked = [RankedSource(SearchHit(src, 1.0, (whole,)), 1.0, 1.0, frozenset({"primary"}))]
    a = analyze_question("What is the risk of seizures with bupropion?")
    cands = candidates(ranked, a)
    seizure = next(c for c in cands if c.text.startswith("After 5 weeks of bupropion use, the subject"))
    assert not TAGS["safety"].search(seizure.text)

    def section() -> str | None:
        return next((d.section for d in extractive_drafts(a, cands) if d.cites[0] is seizure), None)

    assert section() == "safety"
    monkeypatch.setattr(draft, "HARM_OUTCOME", False)
    assert section() is None  # no cue routes it anywhere: left out
    # a generic outcome names no harm: "risk factor" cues no sentence as safety
    monkeypatch.setattr(draft, "HARM_OUTCOME", True)
    risk = analyze_question("Is sleep deprivation a risk factor for seizures?")
    assert risk.outcome is None or not (set(terms(risk.outcome)) - JUDGING_TERMS)
    other = next(c for c in cands if c.text.startswith("The patient had no other risk factors"))
    assert "safety" in _cues(a, other)[1] and not TAGS["safety"].search(other.text)
    assert "safety" not in _cues(risk, other)[1]  # "risk factors" alone names no harm
    not_harm = next(c for c in cands if c.text.startswith("The subject, a 31-year-old female smoker"))
    assert "safety" not in _cues(a, not_harm)[1]


def test_a_pharmacologic_treatment_is_no_mechanism() -> None:
    """The first sentence of PMID 11560455 (corpora/abstracts_extra) was the bupropion sample article's only
    "Mechanism of Action" statement, for its word "pharmacologic"; pharmacology itself still is a cue."""
    with gzip.open(DATA_DIR / "corpora" / "abstracts_extra.jsonl.gz", "rt", encoding="utf-8") as fh:
        rec = next(json.loads(x) for x in fh if '"11560455"' in x)
    text = rec["abstract"]
    sentence = next(text[s:e] for s, e in split_sentences(text) if "pharmacologic treatment" in text[s:e])
    assert sentence.startswith("Smoking relapse is common")
    assert not TAGS["mechanism"].search(sentence)
    assert not TAGS["mechanism"].search("Pharmacological therapies and management options were compared.")
    assert not TAGS["mechanism"].search("Pharmacological prophylaxis and strategies were compared.")
    assert TAGS["mechanism"].search("The pharmacological properties of the synthetic test drug are unknown.")
    assert TAGS["mechanism"].search("Its pharmacology is complex.")


def test_a_follow_up_result_is_no_clinical_consideration(
    bupropion_article: Article, searcher: OverlapSearcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "At the 6-month follow-up, 40% of the patients (4 of 10) who received bupropion SR maintained smoking
    cessation" (PMID 11199956) was filed under Clinical Considerations for its word "follow-up": a result
    at a time point is an outcome, not patient selection or protocol."""

    def considerations(a: Article) -> list[str]:
        return [st.text for s in a.sections if s.key == "considerations" for st in s.statements]

    assert not any(
        "follow-up" in t and "maintained smoking cessation" in t for t in considerations(bupropion_article)
    )
    monkeypatch.setattr(draft, "FOLLOW_UP_IS_NO_SELECTION", False)
    before = compose_article(
        "Does bupropion help smoking cessation?", searcher, LexicalVerifier(), provenance=Provenance()
    )
    assert any("follow-up" in t and "maintained smoking cessation" in t for t in considerations(before))


# real sentences of three tuning-half articles of a reading (BioASQ snippet corpus), filed under Mechanism of
# Action for the drug class they name beside an effect or a harm; and what one drug is, which stays mechanism
# (the review of the change found these lost with a plain "no plural inhibitors" rule); synthetic fixtures say
# so
CHECKPOINT = (
    "Immune checkpoint inhibitors targeting programmed cell death-1 such as pembrolizumab and nivolumab or "
    "programmed cell death ligand 1 such as atezolizumab, durvalumab and avelumab have shown favorable "
    "efficacy results in this patient population in the first-line and second-line setting."
)
CAR_T = (
    "In a single-center phase 1-2a study, the anti-CD19 chimeric antigen receptor (CAR) T-cell therapy "
    "tisagenlecleucel produced high rates of complete remission and was associated with serious but mainly "
    "reversible toxic effects in children and young adults with relapsed or refractory B-cell acute "
    "lymphoblastic leukemia (ALL)."
)


@pytest.mark.parametrize(
    ("text", "mechanism"),
    [
        (
            "PD-1 blockade with cemiplimab has antitumor activity with adverse events similar to other PD-1 "
            "inhibitors.",
            False,
        ),
        (CHECKPOINT, False),
        (CAR_T, False),
        (
            "Synthetic fixture: drug alpha is an autologous, CD19-directed, chimeric antigen receptor T-cell "
            "product.",
            True,
        ),
        ("Synthetic fixture: drug alpha and drug beta are selective kinase 1 inhibitors.", True),
        ("Synthetic fixture: drug alpha is the first of a new class of topoisomerase inhibitors.", True),
        ("Synthetic fixture: inhibitors of enzyme gamma reduced pain in the trial.", True),
        ("Synthetic fixture: drug alpha inhibits several phosphodiesterases.", True),
        ("Synthetic fixture: drug alpha is an antagonist of receptor beta.", True),
        ("Synthetic fixture: drug alpha, a selective kinase 1 inhibitor, reduced pain.", True),
    ],
)
def test_a_drug_class_beside_an_effect_is_no_mechanism(text: str, mechanism: bool) -> None:
    assert bool(section_counts(text)["mechanism"]) is mechanism
    assert TAGS["mechanism"].search(text)  # the cue is there: only its count drops


def test_the_class_rule_is_what_drops_the_cue(monkeypatch: pytest.MonkeyPatch) -> None:
    assert not section_counts(CAR_T)["mechanism"]
    monkeypatch.setattr(candidates_module, "CLASS_APART", False)
    assert section_counts(CAR_T)["mechanism"]


# a real sentence of the bupropion articles (filed under Safety and Side Effects before: "tobacco dependence")
TOBACCO = (
    "The antidepressant with the greatest weight of evidence for efficacy in the treatment of tobacco "
    "dependence is bupropion."
)


@pytest.mark.parametrize(
    ("question", "safety"),
    [
        ("Does bupropion help smoking cessation?", False),  # the condition treated
        ("Does tobacco use cause dependence?", True),  # the substance asked about: its harm
    ],
)
def test_a_substance_disorder_is_a_safety_cue_only_for_that_substance(question: str, safety: bool) -> None:
    rec = SourceRecord(key="t", title="", sections=(AbstractSection("", TOBACCO),))
    whole = PassageHit(0, rec.text, "", 0, len(rec.text), 1.0)
    ranked = [RankedSource(SearchHit(_source(1, rec), 1.0, (whole,)), 1.0, 1.0, frozenset({"primary"}))]
    a = analyze_question(question)
    (cand,) = [c for c in candidates(ranked, a) if c.text == TOBACCO]
    _c, tags, _counts = _cues(a, cand)
    assert ("safety" in tags) is safety
    assert ("pitfalls" in tags) is safety


# real sentences (BioASQ snippet of PMID 28493654; PubMedQA 25251991), filed under Complications and Risks
# before: the harm words name what is treated, or the condition asked about
PIMAVANSERIN = (
    "Pimavanserin is the only FDA-approved treatment for the hallucinations and delusions seen in patients "
    "with psychosis of Parkinson's disease."
)
DBE = (
    "Combined approach with RT viewing by CE is especially useful to identify recurrent bleeding vascular "
    "lesions such as DL that may be easily misdiagnosed by non-emergency DBE."
)
DBE_QUESTION = (
    "Emergency double-balloon enteroscopy combined with real-time viewing of capsule endoscopy: a feasible "
    "combined approach in acute overt-obscure gastrointestinal bleeding?"
)


@pytest.mark.parametrize(
    ("question", "text", "safety"),
    [
        ("Is pimavanserin a typical antipsychotic?", PIMAVANSERIN, False),  # the condition treated
        ("What are the adverse effects of pimavanserin?", PIMAVANSERIN, True),  # a harm question keeps it
        ("Is pimavanserin a typical antipsychotic?", "Pimavanserin caused hallucinations in 3.", True),
    ],
)
def test_a_harm_word_that_names_the_condition_treated_is_no_safety_cue(
    question: str, text: str, safety: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    rec = SourceRecord(key="t", title="", sections=(AbstractSection("", text),))
    whole = PassageHit(0, rec.text, "", 0, len(rec.text), 1.0)
    ranked = [RankedSource(SearchHit(_source(1, rec), 1.0, (whole,)), 1.0, 1.0, frozenset({"primary"}))]
    a = analyze_question(question)
    (cand,) = [c for c in candidates(ranked, a) if c.text == text]
    assert ("safety" in _cues(a, cand)[1]) is safety
    monkeypatch.setattr(draft, "CONDITION_APART", False)  # the switch: every harm word counts
    assert "safety" in _cues(a, cand)[1]


def test_a_harm_word_that_names_the_condition_asked_about_is_no_safety_cue() -> None:
    a = analyze_question(DBE_QUESTION)
    assert section_counts(DBE)["safety"] == 1  # "bleeding"
    assert condition_cues(DBE, set(terms(a.condition or "")), set())["safety"] == 1
    assert not condition_cues(DBE, set(), set())  # another question's condition: the harm word counts
