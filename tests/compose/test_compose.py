from __future__ import annotations

import re

import pytest

from medcite.compose import compose_article
from medcite.compose.candidates import NUMBER
from medcite.compose.layout import layout_for, section_title
from medcite.compose.notes import OMITTED
from medcite.compose.plan import plan_queries
from medcite.compose.question import analyze_question
from medcite.domain import INSUFFICIENT, Article, Label, Provenance, StoredSource
from medcite.testing import OverlapSearcher
from tests.compose.doubles import LexicalVerifier, OracleSearcher, ScriptedVerifier


def _cited_order(a: Article) -> list[int]:
    seq = [int(n) for n in re.findall(r"\[(\d+)\]", a.bottom_line)]
    for s in a.sections:
        for st in s.statements:
            seq.extend(st.citations)
    return seq


def test_references_numbered_by_first_use(bupropion_article: Article) -> None:
    a = bupropion_article
    first_seen = list(dict.fromkeys(_cited_order(a)))
    assert first_seen == list(range(1, len(first_seen) + 1))
    assert [r.n for r in a.references] == first_seen
    assert len({r.key for r in a.references}) == len(a.references)


def test_bottom_line_is_short_verified_and_cited(bupropion_article: Article) -> None:
    a = bupropion_article
    # the head, the one-sentence summary of findings ("Direct evidence: ..."), then a quoted statement
    synopsis = re.search(r"Direct evidence: .*?\]\. ", a.bottom_line)
    assert synopsis is not None and len(synopsis.group(0).split()) <= 40
    assert len(a.bottom_line.replace(synopsis.group(0), "").split()) <= 60
    assert a.bottom_line.startswith(("Yes", "No", "Uncertain"))
    assert a.certainty in ("high", "moderate", "low", "very low")
    assert a.certainty in a.bottom_line
    verified = {st.core.rstrip(".") for s in a.sections for st in s.statements if st.verdict == "supported"}
    assert any(core[:40].lower() in a.bottom_line.lower() for core in verified)


def test_statements_are_extractive_and_pinned(bupropion_article: Article, corpus: list[StoredSource]) -> None:
    by_key = {s.key: s for s in corpus}
    n = 0
    for s in bupropion_article.sections:
        for st in s.statements:
            if st.kind == "gap":
                assert st.verdict is None and not st.citations
                continue
            n += 1
            assert st.verdict in ("supported", "partial")
            for pin in st.pins:
                text = by_key[pin.source_key].record.text
                assert st.core.rstrip(".")[-30:] in text[pin.start : pin.end] + "."
            for num in st.numbers:
                if num.origin == "text":
                    assert by_key[num.source_key].record.text[num.start : num.end] == num.value
            # every number in the statement is pinned to its source
            assert {m.group(0) for m in NUMBER.finditer(st.text)} <= {x.value for x in st.numbers}
    assert n >= 5


def test_design_and_population_prefix_comes_from_the_source(bupropion_article: Article) -> None:
    stmts = [st for s in bupropion_article.sections for st in s.statements if st.kind != "gap"]
    assert any(st.text.startswith("In a randomised controlled trial") for st in stmts)
    for st in stmts:
        m = re.match(r"In a randomised controlled trial of (\d+) ([^,]+), ", st.text)
        if m:
            pin = next(x for x in st.numbers if x.value == m.group(1))
            assert pin.origin in ("text", "sample_size")


def test_one_verify_batch_with_bounded_size(searcher: OverlapSearcher, provenance: Provenance) -> None:
    question = "What is the role of clonidine in paediatric adenotonsillectomy?"
    v = LexicalVerifier()
    before = len(searcher.calls)  # the searcher is shared by the session's tests
    compose_article(question, searcher, v, provenance=provenance)
    assert len(v.calls) == 1
    assert 1 <= len(v.calls[0]) <= 40
    # several sub-queries (therapy: the question, efficacy, safety, dosing, mechanism), each searched once
    plan = plan_queries(analyze_question(question))
    assert len(plan) >= 4
    assert searcher.calls[before:] == [q.query for q in plan]


def test_sub_queries_are_limited(corpus: list[StoredSource], provenance: Provenance) -> None:
    s = OverlapSearcher(corpus)
    compose_article(
        "What is the role of clonidine in paediatric adenotonsillectomy?",
        s,
        LexicalVerifier(),
        provenance=provenance,
    )
    assert 3 <= len(s.calls) <= 6


def test_unsupported_statements_are_dropped(searcher: OverlapSearcher, provenance: Provenance) -> None:
    base = compose_article(
        "Does bupropion help smoking cessation?", searcher, LexicalVerifier(), provenance=provenance
    )
    victim = next(st for s in base.sections for st in s.statements if st.kind != "gap")
    marker = victim.text[-50:-5]  # the quoted sentence's words (the verifier reads it without its prefix)
    for label in (Label.UNSUPPORTED, Label.CONTRADICTED):
        v = ScriptedVerifier(LexicalVerifier(), lambda claim, m=marker, lb=label: lb if m in claim else None)
        a = compose_article("Does bupropion help smoking cessation?", searcher, v, provenance=provenance)
        texts = [st.text for s in a.sections for st in s.statements]
        assert not any(marker in t for t in texts)
        assert marker not in a.bottom_line
        assert a.dropped >= base.dropped + 1
        assert all(
            st.verdict != "unsupported" and st.verdict != "contradicted"
            for s in a.sections
            for st in s.statements
        )


def test_partial_verdicts_are_marked_and_lower_certainty(
    searcher: OverlapSearcher, provenance: Provenance
) -> None:
    v = ScriptedVerifier(LexicalVerifier(), lambda claim: Label.PARTIAL)
    a = compose_article("Does bupropion help smoking cessation?", searcher, v, provenance=provenance)
    assert all(st.verdict in ("partial", None) for s in a.sections for st in s.statements)
    assert any("indirectness" in r for c in a.certainty_details for r in c.reasons)


def test_insufficient_evidence(searcher: OverlapSearcher, provenance: Provenance) -> None:
    a = compose_article(
        "What is the role of zanubrutinib-xq in treating quokka fever?",
        searcher,
        LexicalVerifier(),
        provenance=provenance,
    )
    assert a.insufficient
    assert a.bottom_line.startswith(INSUFFICIENT)
    assert a.references == () and a.certainty is None
    assert [s.key for s in a.sections] == ["gaps"]
    yn = compose_article(
        "Does zanubrutinib-xq cure quokka fever?", searcher, LexicalVerifier(), provenance=provenance
    )
    assert yn.stance == "uncertain" and yn.bottom_line.startswith("Uncertain")


def test_nothing_survives_verification_means_insufficient(
    searcher: OverlapSearcher, provenance: Provenance
) -> None:
    v = ScriptedVerifier(LexicalVerifier(), lambda claim: Label.UNSUPPORTED)
    a = compose_article("Does bupropion help smoking cessation?", searcher, v, provenance=provenance)
    assert a.insufficient and a.stance == "uncertain" and a.dropped > 0
    assert INSUFFICIENT in a.bottom_line


def test_yes_no_stance_on_real_pubmedqa(pubmedqa: dict[str, StoredSource], provenance: Provenance) -> None:
    # oracle retrieval: the gold abstract is the only source
    cases = {
        "17113061": (
            "Do mutations causing low HDL-C promote increased carotid intima-media thickness?",
            "no",
        ),
        "26298839": ("Is Acupuncture Efficacious for Treating Phonotraumatic Vocal Pathologies?", "yes"),
    }
    for pmid, (q, want) in cases.items():
        a = compose_article(q, OracleSearcher([pubmedqa[pmid]]), LexicalVerifier(), provenance=provenance)
        assert a.stance == want, (pmid, a.stance_reasons)
        assert a.bottom_line.startswith(want.capitalize())
    non_yn = compose_article(
        "What is the role of clonidine in paediatric adenotonsillectomy?",
        OracleSearcher([pubmedqa["17113061"]]),
        LexicalVerifier(),
        provenance=provenance,
    )
    assert non_yn.stance is None


def test_contradicting_evidence_is_shown_not_hidden(therapy_article: Article) -> None:
    eff = therapy_article.section("efficacy")
    assert eff is not None
    kinds = [st.kind for st in eff.statements]
    if "contrast" in kinds:  # opposing findings come after the lead ones, phrased as such
        first = kinds.index("contrast")
        assert all(k == "contrast" for k in kinds[first:])
        assert all(st.text.startswith("In contrast") for st in eff.statements[first:])


def test_sections_fit_the_question_type(therapy_article: Article) -> None:
    keys = [s.key for s in therapy_article.sections]
    assert keys[0] == "efficacy"
    allowed = ["efficacy", "dosing", "mechanism", "considerations", "safety", "emerging", "pitfalls", "gaps"]
    assert keys == [k for k in allowed if k in keys]
    assert therapy_article.certainty_details and all(c.reasons for c in therapy_article.certainty_details)


def test_every_omitted_section_is_named_once_in_the_gaps(therapy_article: Article) -> None:
    a = therapy_article
    kept = {s.key for s in a.sections}
    analysis = analyze_question(a.question)
    omitted = [section_title(analysis, k) for k in layout_for(analysis) if k not in kept and k != "gaps"]
    assert omitted  # the fixture's sources fill some sections, not all
    gaps = [st.text for s in a.sections if s.key == "gaps" for st in s.statements]
    named = [t for t in gaps if t.startswith(OMITTED)]
    assert len(named) == 1 and all(f" {title}" in named[0] for title in omitted)
    assert not any(t.startswith("No evidence for") for t in gaps)


def test_provenance_and_status(bupropion_article: Article) -> None:
    a = bupropion_article
    assert a.status == "AI-generated, not reviewed"
    assert a.provenance.corpus_version == "test-corpus-1" and a.provenance.settings_hash == "abc123"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", a.created_at)
    assert "not medical advice" in a.disclaimer


def test_claim_check_runs_only_for_an_observer(searcher: OverlapSearcher, provenance: Provenance) -> None:
    from medcite.compose.stance import StanceResult, claim_of

    q = "Does bupropion help smoking cessation?"
    plain = LexicalVerifier()
    compose_article(q, searcher, plain, provenance=provenance)
    assert len(plain.calls) == 1  # no stance model ships: no extra verifier work on the answer path
    watched = LexicalVerifier()
    seen: list[StanceResult] = []
    a = compose_article(q, searcher, watched, provenance=provenance, observe=seen.append)
    assert len(watched.calls) == 2
    assert {claim for claim, _ev in watched.calls[1]} == {claim_of(q)}
    assert seen and seen[0].stance == a.stance and any(i.nli for i in seen[0].inputs)


def test_a_question_for_a_thing_gets_no_opposing_evidence() -> None:
    """Findings of opposite polarity are set against each other ("In contrast, ...") only where the question
    asks about an effect; one that asks for a thing has no direction to point against."""
    from medcite.compose.candidates import Candidate
    from medcite.compose.draft import extractive_drafts
    from medcite.corpus.classify import classify
    from medcite.domain import AbstractSection, SourceRecord

    texts = (  # synthetic test fixture, not evidence
        "Synthetic test sentence: gene therapy significantly improved survival in the treated group.",
        "Synthetic fixture, not evidence: in older children, gene therapy did not improve overall survival "
        "compared with standard care at two years.",
    )
    cands = []
    for i, t in enumerate(texts):
        rec = SourceRecord(key=f"synthetic{i}", title="", sections=(AbstractSection("RESULTS", t),))
        src = StoredSource(id=i, record=rec, evidence=classify(rec))
        cands.append(Candidate(src, t, 0, len(t), "RESULTS", "results", None, 1.0, 1.0, False))
    effect = extractive_drafts(analyze_question("Does gene therapy improve survival?"), cands)
    assert [d.kind for d in effect if d.section == "findings"] == ["support", "contrast"]
    thing = extractive_drafts(analyze_question("Which gene therapy improves survival?"), cands)
    assert thing and all(d.kind != "contrast" for d in thing)


def test_a_question_of_fact_gets_no_grade_certainty_nor_gap_notes_on_designs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """GRADE rates confidence in estimates of effect: "very low certainty" that olaratumab targets PDGFRα (or
    that a tool is a Lisp framework, in a reading of tuning-half articles) misleads. The evidence table still
    rates each study; a yes/no or effect question keeps its grade (the bupropion article's tests)."""
    from medcite.compose import assemble
    from medcite.present.markdown import to_markdown
    from tests.compose.doubles import bioasq_source

    srcs = [bioasq_source(i, p) for i, p in enumerate(["28620891", "24816152"])]
    q = "Which molecule is targeted by Olaratumab?"
    art = compose_article(q, OracleSearcher(srcs), LexicalVerifier(), provenance=Provenance())
    assert art.certainty is None and art.certainty_details == ()
    assert "certainty" not in art.bottom_line.lower()
    md = to_markdown(art)
    assert "Certainty of evidence" not in md and "GRADE" not in md
    assert "No randomised controlled trial" not in md and OMITTED not in md
    assert art.evidence_table and all(row.certainty for row in art.evidence_table)
    monkeypatch.setattr(assemble, "UNGRADED_FACTS", False)
    again = compose_article(q, OracleSearcher(srcs), LexicalVerifier(), provenance=Provenance())
    assert again.certainty is not None and "Certainty of evidence" in again.bottom_line


def test_a_small_study_follows_the_larger_ones_of_its_design(
    bupropion_article: Article, corpus: list[StoredSource]
) -> None:
    """The bupropion answer had opened Efficacy on "A Preliminary Study ..." of fifteen veterans, ahead of
    trials of 707 and 629 smokers (draft.SMALL_LAST)."""
    from medcite.compose.draft import SMALL_LAST

    by_key = {s.key: s for s in corpus}
    refs = {r.n: r.key for r in bupropion_article.references}
    main = bupropion_article.sections[0].statements
    studies = [by_key[refs[st.citations[0]]].evidence for st in main if st.citations]
    assert len(studies) >= 2 and SMALL_LAST > 0
    for i, early in enumerate(studies):
        small = early.sample_size is not None and early.sample_size < SMALL_LAST
        if small:  # no larger study of the same design after it
            assert not any(
                later.design is early.design and (later.sample_size or SMALL_LAST) >= SMALL_LAST
                for later in studies[i + 1 :]
            )
