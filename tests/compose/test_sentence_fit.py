"""Sentence fit: each candidate sentence scored against the question by the relevance model; findings it
reads as answering another question stay out of the main section, and the bottom line leads with the larger
study of the strongest design."""

from __future__ import annotations

from dataclasses import replace

import pytest

from medcite.bootstrap import load_reranker
from medcite.compose import asking, assemble, compose_article, draft
from medcite.compose import leads as lead_pick
from medcite.compose.candidates import Candidate
from medcite.compose.compose import draft_statements
from medcite.compose.draft import _with_contrasts, extractive_drafts, primary_key
from medcite.compose.evidence_table import states_comparison
from medcite.compose.fit import answers, closeness, off_question, with_fit
from medcite.compose.leads import UNSTATED_N
from medcite.compose.plan import RankedSource
from medcite.compose.pool import candidates
from medcite.compose.question import QuestionAnalysis, analyze_question
from medcite.config import load_settings
from medcite.domain import LEVEL, Audience, Design, Provenance, SearchHit, StoredSource
from medcite.ports import Reranker
from medcite.testing import OverlapSearcher
from medcite.text import role_of
from tests.compose.doubles import LexicalVerifier, bioasq_records
from tests.compose.test_relevance_gate import ScoreByWord

BUPROPION_Q = "Does bupropion help smoking cessation?"


@pytest.fixture(scope="module")
def shipped() -> Reranker:
    return load_reranker(load_settings())


def _scored(a: QuestionAnalysis, searcher: OverlapSearcher, shipped: Reranker) -> list[Candidate]:
    """The candidate sentences of the answer's direct sources, scored against the question."""
    sources = draft_statements(a, searcher, None, None, (shipped, 0.05)).sources
    return with_fit(a.question, candidates(sources, a), shipped)


def _ranked(sources: list[StoredSource]) -> list[RankedSource]:
    return [RankedSource(SearchHit(s, 1.0, ()), 1.0, 1.0, frozenset({"primary"})) for s in sources]


def test_with_fit_scores_every_candidate_and_leaves_them_alone_without_a_model(
    pubmedqa: dict[str, StoredSource],
) -> None:
    a = analyze_question("Is double balloon enteroscopy efficacious and safe in a community setting?")
    cands = candidates(_ranked([pubmedqa["23831910"]]), a)
    assert len(cands) >= 3
    assert with_fit(a.question, cands, None) == cands
    word = cands[1].text.lower().split()[2]
    scored = with_fit(a.question, cands, ScoreByWord({word: 0.9}))
    assert [c.text for c in scored] == [c.text for c in cands]
    assert all(c.fit is not None for c in scored)
    assert [round(c.fit or 0, 3) for c in scored if word in c.text.lower()] == [0.9] * sum(
        word in c.text.lower() for c in cands
    )
    assert closeness(scored[1]) == pytest.approx(0.9)
    # unscored: word overlap less one, so that a scored sentence always ranks first
    assert closeness(cands[1]) == pytest.approx(cands[1].relevance - 1.0)


def test_sentences_off_the_question_only_fill_what_the_others_leave(
    searcher: OverlapSearcher, shipped: Reranker
) -> None:
    a = analyze_question(BUPROPION_Q)
    cands = _scored(a, searcher, shipped)
    low = [c for c in cands if off_question(c)]
    assert low and len(cands) - len(low) >= 10  # enough on the question to fill the main section
    prim = [d.cites[0] for d in extractive_drafts(a, cands) if d.section == primary_key(a)]
    assert len(prim) >= 4 and not any(off_question(c) for c in prim)
    # with only off-question sentences left, they still fill it
    only_low = [d.cites[0] for d in extractive_drafts(a, low) if d.section == primary_key(a)]
    assert only_low and all(off_question(c) for c in only_low)


def test_an_adverse_event_report_is_no_efficacy_finding(searcher: OverlapSearcher, shipped: Reranker) -> None:
    a = analyze_question(BUPROPION_Q)
    drafted = draft_statements(a, searcher, None, None, (shipped, 0.05))
    for d in drafted.drafts:
        if d.section == primary_key(a):
            c = d.cites[0]
            assert len(draft.TAGS["safety"].findall(c.text)) <= len(draft.TAGS["efficacy"].findall(c.text)), (
                c.text
            )


def test_the_bottom_line_leads_with_the_larger_study_of_the_strongest_design(
    searcher: OverlapSearcher, shipped: Reranker
) -> None:
    art = compose_article(
        BUPROPION_Q,
        searcher,
        LexicalVerifier(),
        provenance=Provenance(),
        relevance=shipped,
        relevance_floor=0.05,
    )
    assert art.stance == "yes"
    lead = next(r for r in art.references if r.n == art.bottom_line_citations[0])
    prim = next(s for s in art.sections if s.key == "efficacy")
    cited = [r for st in prim.statements for r in art.references if st.citations and r.n == st.citations[0]]
    strongest = min(LEVEL[Design(r.design)] for r in cited)
    assert LEVEL[Design(lead.design)] == strongest
    # the lead's study is within a half-decade of the largest of that design (the rule's weight)
    same_design = [r.sample_size or UNSTATED_N for r in cited if LEVEL[Design(r.design)] == strongest]
    assert (lead.sample_size or UNSTATED_N) * 3.2 >= max(same_design), (lead, same_design)
    # a stated pilot of 15 does not lead over trials whose size is not stated
    assert lead.sample_size is None or lead.sample_size > 100


def test_sections_beyond_findings_hold_only_sentences_on_the_question_and_no_effect_findings(
    searcher: OverlapSearcher, shipped: Reranker
) -> None:
    a = analyze_question(BUPROPION_Q)
    drafted = draft_statements(a, searcher, None, None, (shipped, 0.05))
    cands = with_fit(a.question, candidates(drafted.sources, a), shipped)
    # the rules have work to do: off-question sentences and effect findings carry these sections' cues
    tagged_low = [
        c for c in cands if off_question(c) and c.tags() & {"mechanism", "pitfalls", "considerations"}
    ]
    assert tagged_low
    others = [d for d in drafted.drafts if d.section not in draft.FINDING_SECTIONS]
    assert len(others) >= 3
    for d in others:
        c = d.cites[0]
        assert not off_question(c), (d.section, c.text)
        if d.section in ("pitfalls", "considerations"):
            own, effect = (len(draft.TAGS[k].findall(c.text)) for k in (d.section, "efficacy"))
            assert own > effect, (d.section, c.text)


def test_an_answer_without_a_yes_or_no_holds_off_question_sentences_only_with_the_strict_floor(
    searcher: OverlapSearcher, shipped: Reranker, monkeypatch: pytest.MonkeyPatch
) -> None:
    a = analyze_question("What is the role of bupropion in smoking cessation?")
    assert not a.yes_no
    cands = _scored(a, searcher, shipped)
    # few sentences on the question: by default the findings sections take off-question ones last
    few = [c for c in cands if off_question(c)] + [c for c in cands if not off_question(c)][:2]
    loose = extractive_drafts(a, few)
    assert any(off_question(d.cites[0]) for d in loose)
    assert all(d.section in draft.FINDING_SECTIONS for d in loose if off_question(d.cites[0]))
    monkeypatch.setattr(draft, "STRICT_WITHOUT_STANCE", True)
    strict = extractive_drafts(a, few)
    assert strict and not any(off_question(d.cites[0]) for d in strict)


def test_only_a_finding_that_answers_the_question_points_the_other_way(
    searcher: OverlapSearcher, shipped: Reranker
) -> None:
    a = analyze_question(BUPROPION_Q)
    cands = _scored(a, searcher, shipped)
    pos = next(c for c in cands if c.direction() == "positive" and answers(c))
    neg = next(c for c in cands if c.direction() == "negative")
    on = _with_contrasts("efficacy", [pos, replace(neg, fit=0.9)], "support")
    assert [d.kind for d in on] == ["support", "contrast"]
    off = _with_contrasts("efficacy", [pos, replace(neg, fit=0.1)], "support")
    assert [d.kind for d in off] == ["support", "support"]


def test_an_off_question_sentence_of_an_off_topic_source_fills_only_an_empty_answer(
    searcher: OverlapSearcher, shipped: Reranker, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reading the even half: a sentence the model scores under LOW_FIT from a source it also scores low
    ("during the entire pregnancy, PM2.5 significantly increased the risk of hypertensive disorders" for a
    nuchal translucency question) was off the question. It is drafted only where nothing else is (the
    model misreads an abstract that says only "DBE"; the concept words kept it)."""
    a = analyze_question(BUPROPION_Q)
    cands = _scored(a, searcher, shipped)
    low = [c for c in cands if off_question(c)]
    assert len(low) >= 4
    cut = draft.OFF_SOURCE
    assert cut is not None
    half = len(low) // 2
    drifting = [replace(c, source_fit=cut / 2) for c in low[:half]]
    staying = [replace(c, source_fit=cut) for c in low[half:]]  # sources at the floor stay
    drafted = [d.cites[0] for d in extractive_drafts(a, drifting + staying)]
    assert drafted and all(c.source_fit == cut for c in drafted)
    # alone, they fill the findings as before
    assert [d.cites[0] for d in extractive_drafts(a, drifting) if d.section == primary_key(a)]
    monkeypatch.setattr(draft, "OFF_SOURCE", None)
    assert any(c.source_fit != cut for d in extractive_drafts(a, drifting + staying) for c in d.cites)


def test_a_question_that_asks_for_a_thing_drafts_sentences_on_par_with_the_best(
    pubmedqa: dict[str, StoredSource],
) -> None:
    a = analyze_question("Which procedure was used in the community setting?")
    cands = candidates(_ranked([pubmedqa["23831910"]]), a)[:4]
    scored = [replace(c, fit=f) for c, f in zip(cands, (0.8, 0.5, 0.3, 0.01), strict=True)]
    assert [c.fit for c in draft.on_par(scored, 0.5)] == [0.8, 0.5]
    assert [c.fit for c in draft.on_par(scored, 0.0)] == [0.8, 0.5, 0.3]  # never under LOW_FIT
    assert draft.on_par(scored, None) == scored
    assert draft.on_par(cands, 0.5) == cands  # unscored: nothing to compare


def test_no_statement_quotes_a_call_for_research_and_no_aim_fills_the_dosing(
    searcher: OverlapSearcher, shipped: Reranker, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reading 20 held-out articles: "Prospective studies are needed ...", "This article reviews ..." and
    "To compare the analgesic effects of preoperative oral clonidine ..." (filed under Dosing) were
    statements. Synthetic sentences, set on a real candidate of the bupropion answer."""
    a = analyze_question(BUPROPION_Q)
    # a finding's candidate ("This article describes 5 cases ..." is the article's scope, a methods sentence)
    base = next(c for c in _scored(a, searcher, shipped) if not off_question(c) and c.role != "methods")
    call = replace(base, text="Further randomized trials of bupropion for smoking cessation are needed.")
    aim = replace(
        base,
        text="To compare 150 mg/day and 300 mg/day bupropion for smoking cessation in adults.",
        role=role_of("", "To compare 150 mg/day and 300 mg/day bupropion for smoking cessation in adults."),
        start=base.start + 1,
    )
    assert extractive_drafts(a, [call]) == []
    assert not any(d.section == "dosing" for d in extractive_drafts(a, [aim]))
    monkeypatch.setattr(draft, "NO_CALLS_OR_AIMS", False)
    assert [d.cites[0].text for d in extractive_drafts(a, [call])] == [call.text]
    assert any(d.section == "dosing" for d in extractive_drafts(a, [aim]))


def _one_study(question: str, source: StoredSource, relevance: Reranker) -> str:
    """The bottom line of ``question`` answered from ``source`` alone (lexical verifier)."""
    art = compose_article(
        question, OverlapSearcher([source]), LexicalVerifier(), provenance=Provenance(), relevance=relevance
    )
    return art.bottom_line


def test_the_bottom_line_of_one_study_quotes_its_answer_not_its_methods(
    pubmedqa: dict[str, StoredSource], shipped: Reranker, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PubMedQA 15800018 (even half): the bottom line quoted the study's sample ("during 2001-03, 1895
    patients underwent primary coronary artery bypass grafting ...") for its figures, beside its
    conclusion on the question."""
    question = (
        "Are even impaired fasting blood glucose levels preoperatively associated with increased mortality "
        "after CABG surgery?"
    )

    own = pubmedqa["15800018"]
    assert "the elevated risk of death after coronary artery bypass grafting" in _one_study(
        question, own, shipped
    )
    monkeypatch.setattr(lead_pick, "CLOSEST_LEADS", False)
    monkeypatch.setattr(lead_pick, "OWN_CONCLUSION", False)  # (it would quote the conclusion too)
    monkeypatch.setattr(lead_pick, "POLAR_FIRST", False)  # (the sample states no finding)
    assert "1895 patients underwent primary coronary artery bypass grafting" in _one_study(
        question, own, shipped
    )


def test_the_bottom_line_quotes_the_chosen_studys_own_conclusion(
    pubmedqa: dict[str, StoredSource], shipped: Reranker, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PubMedQA 10354335 (even half, read): the bottom line quoted "students made a number of recommendations
    including ..." (it names "medical students") beside the study's conclusion "Our study confirms that
    students are able to identify QA issues and propose solutions" (it says "students")."""
    question = "Can medical students contribute to quality assurance programmes in day surgery?"

    own = pubmedqa["10354335"]
    assert "students are able to identify" in _one_study(question, own, shipped)
    monkeypatch.setattr(lead_pick, "OWN_CONCLUSION", False)
    assert "made a number of recommendations" in _one_study(question, own, shipped)


def test_the_bottom_line_quotes_a_comparison_before_a_single_arm_figure(
    corpus: list[StoredSource], shipped: Reranker, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two bupropion trials of the shared screening corpora: Swan 2003 (PMID 14581254, n = 1524, open-label,
    two doses, no placebo arm) concludes with its arms' 1-year quit rates; Tonnesen 2003 (PMID 12859700,
    n = 707, placebo-controlled) with abstinence higher than placebo. The larger trial's single-arm figures
    were the bottom line of "Does bupropion help smoking cessation?"; the placebo comparison answers it."""
    by_key = {s.key: s for s in corpus}

    def bottom_line() -> str:
        searcher = OverlapSearcher([by_key["14581254"], by_key["12859700"]])
        q = "Does bupropion help smoking cessation?"
        return compose_article(
            q, searcher, LexicalVerifier(), provenance=Provenance(), relevance=shipped
        ).bottom_line

    assert "compared with placebo" in bottom_line()
    monkeypatch.setattr(lead_pick, "COMPARED_FIRST", False)
    assert "1-year quit rates of 23.6% to 33.2%" in bottom_line()


def test_a_quantity_is_no_comparison() -> None:
    assert not states_comparison("More than half of the patients responded to treatment.")
    assert not states_comparison("Fewer than 10% of the patients relapsed.")
    assert states_comparison("Abstinence was higher than with placebo.")


def test_a_kind_question_is_answered_by_two_sources_in_the_bottom_line(
    shipped: Reranker, monkeypatch: pytest.MonkeyPatch
) -> None:
    """BioASQ 7B-9B factoid (even half): "Which molecule is targeted by Olaratumab?" The bottom line quoted
    one record's 'binding PDGFRα' and not the next source's 'platelet-derived growth factor receptor α
    monoclonal antibody'; a question that asks for a thing now takes the best sentence of a second source
    that names the subject and that the relevance model reads as answering it too (snippet records PMID
    27995580 and 28778132). The patient line keeps to one source and its certainty."""
    monkeypatch.setattr(assemble, "ENTITY_OVERLAP", 0.0)  # the closest sentence of each source
    sources = bioasq_records({"27995580", "28778132"})

    def bottom(audience: Audience = "clinician") -> tuple[str, tuple[int, ...]]:
        art = compose_article(
            "Which molecule is targeted by Olaratumab?",
            OverlapSearcher(sources),
            LexicalVerifier(),
            provenance=Provenance(),
            relevance=shipped,
            audience=audience,
        )
        return art.bottom_line, art.bottom_line_citations

    text, cites = bottom()
    assert "selectively binding PDGFRα" in text
    assert "growth factor receptor α monoclonal antibody [2]" in text
    assert "<" not in text and cites == (1, 2)
    assert text.endswith("[2].")  # a question of fact gets no GRADE certainty (assemble.UNGRADED_FACTS)
    text, cites = bottom("patient")
    assert "monoclonal antibody" not in text and cites == (1,)
    monkeypatch.setattr(assemble, "SECOND_ANSWER", False)
    text, cites = bottom()
    assert "monoclonal antibody" not in text and cites == (1,)


def test_a_second_answer_that_does_not_fit_is_not_cited(
    shipped: Reranker, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bottom line's citations are the sources it quotes: with no room for a second answer, only the
    first source is cited (the review found 9 of 476 factoid lines citing a second source they left out)."""
    monkeypatch.setattr(assemble, "SECOND_WORDS", 36)  # 27 words, and the second answer needs 11
    monkeypatch.setattr(assemble, "ENTITY_OVERLAP", 0.0)
    art = compose_article(
        "Which molecule is targeted by Olaratumab?",
        OverlapSearcher(bioasq_records({"27995580", "28778132"})),
        LexicalVerifier(),
        provenance=Provenance(),
        relevance=shipped,
    )
    assert art.bottom_line_citations == (1,) and "[2]" not in art.bottom_line
    assert art.bottom_line.startswith("Olaratumab acts by selectively binding PDGFRα")


def test_a_thing_is_answered_by_a_sentence_naming_every_concept_before_a_closer_one(
    shipped: Reranker, monkeypatch: pytest.MonkeyPatch
) -> None:
    """BioASQ 7B-9B factoid (even half): "Under which environment does SELANSI run?" (gold: MATLAB). The
    relevance model reads the record's "This work presents SELANSI ..., a software toolbox" as closer (0.96)
    than "SELANSI runs under the MATLAB environment" (0.86), which alone names the environment
    (assemble.NAMED_FIRST)."""
    q = "Under which environment does SELANSI run?"
    monkeypatch.setattr(assemble, "ENTITY_OVERLAP", 0.0)  # which would pick the MATLAB sentence too

    def bottom() -> str:
        art = compose_article(
            q,
            OverlapSearcher(bioasq_records({"29040384"})),
            LexicalVerifier(),
            provenance=Provenance(),
            relevance=shipped,
        )
        return art.bottom_line

    assert bottom().startswith(
        "SEmi-LAgrangian SImulation of GRNs (SELANSI) runs under the MATLAB environment"
    )
    monkeypatch.setattr(assemble, "NAMED_FIRST", False)
    assert bottom().startswith("This work presents SELANSI")


@pytest.mark.parametrize(
    ("question", "pmid", "named", "restated"),
    [
        (
            "Which cloud-based platform has been developed for comparing GWAS?",
            "27986896",
            "The easyGWAS tool supports",
            "Other advantages that result from the integration of multiple",
        ),
        (
            "Which network analysis method can you use for prioritization of metabolic disease genes?",
            "32637154",
            "metPropagate was able to prioritize",  # (ranked first as the name its title opens with)
            "Network-based analysis of untargeted metabolomics",
        ),
    ],
)
def test_a_question_that_names_a_kind_is_answered_by_the_statement_that_names_one(
    question: str, pmid: str, named: str, restated: str, shipped: Reranker, monkeypatch: pytest.MonkeyPatch
) -> None:
    """BioASQ 7B-9B factoid (even half): the bottom line quoted a sentence that restates the question, not the
    one that names the platform or method it asks for (snippet records, the gold source of each)."""

    def bottom() -> str:
        return _one_study(question, bioasq_records({pmid})[0], shipped)

    assert bottom().startswith(named)
    monkeypatch.setattr(assemble, "NAMES_ANSWER", False)
    monkeypatch.setattr(asking, "TITLE_NAMES", False)  # (it also finds the name the title opens with)
    assert bottom().startswith(restated)
