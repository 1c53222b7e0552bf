"""Directness: a source about animals, another condition or an anaesthesia setting is indirect evidence for
a question about patients; when nothing direct remains the answer says so and lists what was found. Real
abstracts from the shared data (``corpora/abstracts_extra.jsonl.gz``)."""

from __future__ import annotations

import pytest

from medcite.compose import analyze_question, compose_article, directness, plan_queries
from medcite.compose.directness import topic_text
from medcite.compose.naming import concepts
from medcite.compose.plan import RankedSource, run_plan, split_direct
from medcite.domain import Provenance, SearchHit, StoredSource
from tests.compose.doubles import LexicalVerifier, OracleSearcher, bioasq_source, load_extra

ANIMAL = "animal or laboratory study"
OTHER_SETTING = "other setting: anaesthesia or sedation"
KETAMINE_ANXIETY = "What is the role of ketamine in treating anxiety?"
# real titles: two animal studies, an analgesia trial for fracture reduction, an anaesthesia trial
TITLES = (
    "Wistar rats",
    "chick anxiety-depression model",
    "pediatric orthopedic emergencies",
    "microlaparoscopy in women with unexplained infertility",
)


@pytest.fixture(scope="module")
def ketamine_sources() -> list[StoredSource]:
    pool = load_extra(["ketamine"], limit=2000).values()
    found = [s for t in TITLES for s in pool if t in s.record.title]
    assert len(found) == len(TITLES), [s.record.title for s in found]
    return found


def test_animal_and_anaesthesia_studies_are_indirect_for_a_clinical_question(
    ketamine_sources: list[StoredSource],
) -> None:
    a = analyze_question(KETAMINE_ANXIETY)
    found = run_plan(OracleSearcher(ketamine_sources), plan_queries(a), a)
    direct, indirect = split_direct(a, found)
    assert direct == []
    reasons = {rs.hit.source.record.title: r for rs, r in indirect}
    assert len(reasons) == len(TITLES)
    rats = next(r for t, r in reasons.items() if t.startswith("Ketamine alone"))
    assert rats == [ANIMAL]
    # the title names no condition; the first sentence does: "pediatric fractures and dislocations"
    fractures = next(r for t, r in reasons.items() if "orthopedic" in t)
    assert len(fractures) == 1 and fractures[0].startswith("other condition: Fracture")
    infertility = next(r for t, r in reasons.items() if "microlaparoscopy" in t)
    assert infertility == ["other condition: Infertility", OTHER_SETTING]  # MeSH: Conscious Sedation


def test_nothing_direct_gives_insufficient_direct_evidence_with_what_was_found(
    ketamine_sources: list[StoredSource],
) -> None:
    art = compose_article(
        KETAMINE_ANXIETY, OracleSearcher(ketamine_sources), LexicalVerifier(), provenance=Provenance()
    )
    # no laboratory sentence names ketamine and anxiety as a finding: nothing is quoted instead ("The chick
    # anxiety-depression model ... may prove useful in pre-clinical screening" names neither)
    assert art.insufficient and art.references == ()
    assert all(s.key != "indirect" for s in art.sections)
    assert art.bottom_line.startswith("Insufficient direct evidence in the searched literature")
    assert "2 animal or laboratory studies" in art.bottom_line
    notes = [st.text for s in art.sections for st in s.statements]
    listed = [n for n in notes if n.startswith("Indirect evidence only")]
    assert len(listed) == len(TITLES)
    assert any("PMID 27252027" in n and ANIMAL in n for n in listed)


def test_animal_studies_are_direct_for_a_question_about_animals(ketamine_sources: list[StoredSource]) -> None:
    q = "Does ketamine affect anxiety-like behaviour in rats?"
    a = analyze_question(q)
    rats = [s for s in ketamine_sources if "Wistar rats" in s.record.title]
    direct, indirect = split_direct(a, run_plan(OracleSearcher(rats), plan_queries(a), a))
    assert [rs.hit.source.record.key for rs in direct] == ["27252027"] and indirect == []


def test_the_outcome_is_the_second_concept_of_a_question_without_a_condition() -> None:
    # BioASQ 7B-9B: "Is cohesin linked to myeloid differentiation?" Real snippet records: 30127433 links
    # cohesin with myeloid differentiation; 17113138 (Wapl and cohesin in mitosis) names cohesin only
    a = analyze_question("Is cohesin linked to myeloid differentiation?")
    assert (a.intervention, a.condition, a.outcome) == ("cohesin", None, "myeloid differentiation")
    assert [c.name for c in concepts(a)] == ["cohesin", "myeloid differentiation"]
    sources = [bioasq_source(1, "30127433"), bioasq_source(2, "17113138")]
    found = run_plan(OracleSearcher(sources), plan_queries(a), a)
    direct, indirect = split_direct(a, found)
    assert [rs.hit.source.key for rs in direct] == ["30127433"]
    assert [(rs.hit.source.key, why) for rs, why in indirect] == [
        ("17113138", ["does not mention myeloid differentiation"])
    ]


def test_every_indirect_source_is_listed_or_counted(ketamine_sources: list[StoredSource]) -> None:
    from medcite.compose.notes import indirect_notes

    a = analyze_question(KETAMINE_ANXIETY)
    _direct, indirect = split_direct(a, run_plan(OracleSearcher(ketamine_sources), plan_queries(a), a))
    notes = indirect_notes(indirect, limit=2)
    assert len(notes) == 3 and notes[-1] == "2 more indirect sources not listed here."
    # the chick record of the ASReview set has no PMID: named by its title, not by the store's key
    chick = indirect_notes([rs for rs in indirect if "chick" in rs[0].hit.source.record.title])
    assert chick[0].startswith('Indirect evidence only, not used for the answer: a record without a PMID ("')
    assert "asreview" not in chick[0]


def test_an_outcome_no_source_names_is_not_required() -> None:
    # BioASQ 7B-9B asks "Can pets affect infant microbiomed?": an outcome worded as no abstract words it.
    # An outcome neither snippet record words ("myelopoiesis") leaves both direct: they name cohesin
    a = analyze_question("Is cohesin linked to myelopoiesis?")
    sources = [bioasq_source(1, "30127433"), bioasq_source(2, "17113138")]
    direct, _indirect = split_direct(a, run_plan(OracleSearcher(sources), plan_queries(a), a))
    assert sorted(rs.hit.source.key for rs in direct) == ["17113138", "30127433"]


def test_an_article_on_a_thing_that_is_no_treatment_has_findings_sections() -> None:
    q = "Which cohesin mutations affect hematopoietic stem cells?"  # two real BioASQ snippet records
    sources = [bioasq_source(1, "30127433"), bioasq_source(2, "31552185")]
    art = compose_article(q, OracleSearcher(sources), LexicalVerifier(), provenance=Provenance())
    keys = [s.key for s in art.sections]
    assert keys and keys[0] == "findings" and set(keys) <= {"findings", "mechanism", "emerging", "gaps"}
    gaps = " ".join(st.text for s in art.sections if s.key == "gaps" for st in s.statements)
    assert "Dosing" not in gaps and "Safety" not in gaps  # no gap notes on the dosing of a mutation


def test_a_source_without_a_title_is_about_its_headings_and_first_sentence(
    pubmedqa: dict[str, StoredSource], monkeypatch: pytest.MonkeyPatch
) -> None:
    """PubMedQA records have no title: their MeSH headings alone ("Urologic Neoplasms") read as another
    condition than "upper tract urinary carcinoma", which the first sentence names (PMID 28006766)."""
    a = analyze_question(
        "Is Overexpression of Ki-67 a Prognostic Biomarker of Upper Tract Urinary Carcinoma?"
    )
    src = pubmedqa["28006766"]
    ranked = [RankedSource(SearchHit(src, 1.0, ()), 1.0, 1.0, frozenset({"primary"}))]
    assert topic_text(src.record).endswith("is a relatively uncommon but aggressive disease.")
    direct, indirect = split_direct(a, ranked)
    assert [rs.hit.source.key for rs in direct] == ["28006766"] and not indirect
    monkeypatch.setattr(directness, "FIRST_SENTENCE", False)
    direct, indirect = split_direct(a, ranked)
    assert not direct and "other condition: Urologic Neoplasms" in indirect[0][1]
    # a record with neither title nor headings (a BioASQ snippet record) has no topic: no condition rule
    monkeypatch.setattr(directness, "FIRST_SENTENCE", True)
    snippet = bioasq_source(9, "28843918")
    assert not snippet.record.title and not snippet.record.mesh
    assert topic_text(snippet.record) == ""


def test_a_question_that_names_a_procedure_keeps_anaesthesia_studies_direct() -> None:
    """The procedure words match inside words ("postoperative", "adenotonsillectomy"), not in
    "microscopy" (a laboratory method; an independent review of the pattern)."""
    for q in (
        "Does dexamethasone reduce postoperative nausea and vomiting?",
        "What is the role of clonidine in paediatric adenotonsillectomy?",
        "Is perioperative dexmedetomidine effective?",
    ):
        assert directness.QUESTION_PROCEDURE.search(q), q
    assert not directness.QUESTION_PROCEDURE.search("Is electron microscopy accurate for nephrotic syndrome?")


@pytest.mark.parametrize(
    ("title", "procedural"),
    [
        # the Evidence Inference trial of the ketamine example (corpora/abstracts_extra, MIT)
        (
            "Effect of preinduction low-dose ketamine bolus on intra operative and immediate postoperative "
            "analgesia requirement in day care surgery: A randomized controlled trial",
            True,
        ),
        ("Synthetic fixture: perioperative analgesia with drug alpha after knee replacement", True),
        # an intraoperative procedure that is no anaesthesia (the review of the change found such titles)
        ("Synthetic fixture: intraoperative radiotherapy for pancreatic cancer: a meta-analysis", False),
        ("Synthetic fixture: drug alpha for generalised anxiety disorder", False),
    ],
)
def test_a_perioperative_analgesia_title_is_another_setting(title: str, procedural: bool) -> None:
    assert bool(directness._PROCEDURAL.search(title)) is procedural


def test_a_question_on_analgesia_keeps_analgesia_studies() -> None:
    assert directness.QUESTION_PROCEDURE.search("Is ketamine an effective analgesic for renal colic?")
    assert not directness.QUESTION_PROCEDURE.search("What is the role of ketamine in treating anxiety?")


def test_a_protocol_or_design_paper_is_indirect_for_it_reports_no_results() -> None:
    """Real records of the shared corpora (Cohen 2006 beta-blocker set): the rationale-and-design paper of
    the COMET trial reports no results and is indirect evidence for a question on carvedilol, whatever
    design it plans; the trial's results paper (PMID 12853193) stays direct."""
    extra = load_extra(["carvedilol"], limit=40000)
    design = next(
        s for s in extra.values() if s.record.title.startswith("Rationale and design of the carvedilol")
    )
    results = extra["12853193"]
    a = analyze_question("Does carvedilol reduce mortality in chronic heart failure?")
    assert directness.grade(a, design, [], True).reasons == (directness.NO_RESULTS,)
    assert directness.grade(a, results, [], True).direct
    art = compose_article(
        a.question, OracleSearcher([design, results]), LexicalVerifier(), provenance=Provenance()
    )
    assert {r.key for r in art.references} == {results.key}
    assert any(directness.NO_RESULTS in st.text for s in art.sections for st in s.statements)


def test_what_laboratory_studies_found_is_shown_when_nothing_direct_answers() -> None:
    """BioASQ "Is AZD5153 active in prostate cancer?": the only study of both is laboratory work (PMID
    30308485, "AZD5153 Inhibits Prostate Cancer Cell Growth in Vitro and in Vivo"). The answer stays
    "uncertain" with no certainty, and says what that study found, as indirect evidence (a reading of 16
    tuning-half articles, 2026-12-05: it had only listed the title)."""
    lab = bioasq_source(1, "30308485")
    art = compose_article(
        "Is AZD5153 active in prostate cancer?",
        OracleSearcher([lab]),
        LexicalVerifier(),
        provenance=Provenance(),
    )
    assert art.insufficient and art.stance == "uncertain" and art.certainty is None
    assert "In animal or laboratory studies (indirect evidence): AZD5153" in art.bottom_line
    indirect = next(s for s in art.sections if s.key == "indirect")
    assert indirect.title == "Indirect Evidence: Animal or Laboratory Studies"
    st = indirect.statements[0]
    assert st.citations == (1,) and st.verdict is not None and "prostate cancer" in st.text
    assert [r.pmid for r in art.references] == ["30308485"]
    assert st.core in lab.record.text  # quoted from the study, pinned to it
    assert art.sections[-1].key == "gaps"
    patient = compose_article(
        "Is AZD5153 active in prostate cancer?",
        OracleSearcher([lab]),
        LexicalVerifier(),
        provenance=Provenance(),
        audience="patient",
    )
    assert any(s.title == "Studies in animals or in the laboratory" for s in patient.sections)


@pytest.mark.parametrize(
    ("question", "animal_indirect"),
    [
        (KETAMINE_ANXIETY, True),
        ("Is ketamine effective for anxiety?", True),
        ("What is the mechanism of action of ketamine in anxiety?", False),
        ("Which receptor mediates the effect of ketamine on anxiety?", False),
        ("What is the target of ketamine in anxiety?", False),
        ("Which gene therapy is approved for anxiety?", True),  # a treatment, not a gene
        ("Which receptor blocker is best for anxiety?", True),
        ("What proportion of receptors are occupied by ketamine in anxiety?", True),
        ("Does ketamine improve the cognitive function of patients with anxiety?", True),
    ],
)
def test_laboratory_studies_answer_a_question_on_how_it_works(
    ketamine_sources: list[StoredSource], question: str, animal_indirect: bool
) -> None:
    rats = next(s for s in ketamine_sources if s.record.title.startswith("Ketamine alone"))
    a = analyze_question(question)
    assert (ANIMAL in directness.grade(a, rats, [], True).reasons) is animal_indirect
