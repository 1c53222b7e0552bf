"""The summary of findings and the findings-based stance (compose/synthesis.py).

The logic tests take real PubMedQA sources and give them study cards whose key finding is the source's
own conclusion sentence, with a direction set by the test (what the direction model would say is not
what they test); the article tests compose real articles from the shared data with the real cards.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest

from medcite.compose import synthesis
from medcite.compose.assemble import _pick_rated_first
from medcite.compose.candidates import Candidate
from medcite.compose.checked import Checked
from medcite.compose.draft import Draft
from medcite.compose.patient import render_patient
from medcite.compose.question import analyze_question
from medcite.compose.rating import rate as _rate
from medcite.compose.synthesis import (
    StudyFinding,
    combine_stance,
    direction_of,
    findings_stance,
    key_finding,
    study_weight,
    summary_sentence,
)
from medcite.corpus import study_card
from medcite.domain import Article, Design, EvidenceInfo, Label, StoredSource, Verdict
from medcite.domain.article import OutcomeSummary
from medcite.domain.cards import Direction, Finding, Span
from medcite.present.html import to_html
from medcite.present.json_contract import from_json, to_json
from medcite.present.markdown import to_markdown
from medcite.text import finding_polarity


def _with(s: StoredSource, design: Design, n: int | None, direction: Direction | None) -> StudyFinding:
    """A real source, its design and size set, and its last sentence as the key finding."""
    text = s.record.text
    start = text.rstrip().rfind(". ", 0, len(text.rstrip()) - 1) + 2
    sentence = Span(start, len(text), text[start:])
    src = replace(s, evidence=EvidenceInfo(design=design, inferred=False, sample_size=n, human=True))
    finding = Finding(sentence, None, direction, 0.9 if direction else 0.0)
    return StudyFinding(src, study_card(src), finding)


@pytest.fixture(scope="module")
def three(pubmedqa: dict[str, StoredSource]) -> list[StoredSource]:
    return list(pubmedqa.values())[:3]


def test_a_large_trial_outweighs_a_small_case_series(three: list[StoredSource]) -> None:
    trial = _with(three[0], Design.RCT, 400, "no_difference")
    series = _with(three[1], Design.CASE_SERIES, 12, "increased")
    assert study_weight(trial) > 5 * study_weight(series)
    direction, counts = direction_of([trial, series])
    assert direction == "no difference"
    assert dict(counts) == {"no difference": 1, "increased": 1}


def test_comparable_studies_pointing_apart_are_mixed(three: list[StoredSource]) -> None:
    a = _with(three[0], Design.RCT, 200, "increased")
    b = _with(three[1], Design.RCT, 200, "no_difference")
    assert direction_of([a, b])[0] == "mixed"
    assert direction_of([_with(three[2], Design.RCT, 50, None)]) == ("not compared", ())


def test_a_direction_read_without_confidence_is_not_counted(
    pubmedqa: dict[str, StoredSource], monkeypatch: pytest.MonkeyPatch
) -> None:
    # PubMedQA 17113061 (even half): "cIMT was nearly identical between cases ... and controls ... despite
    # significantly lower HDL cholesterol": the direction model reads it as an increase at about 0.63, and
    # the bottom line said "1 found an increase in the outcome it reported"
    src = pubmedqa["17113061"]
    card = study_card(src)
    weak = next(f for f in card.findings if "nearly identical" in f.sentence.text)
    assert weak.direction == "increased" and weak.confidence < synthesis.DIRECTION_CONFIDENCE
    quoted = [(weak.sentence.start, weak.sentence.end)]
    key = key_finding(card, quoted)
    assert key is not weak and (key is None or key.confidence >= synthesis.DIRECTION_CONFIDENCE)
    if key is None:
        assert direction_of([StudyFinding(src, card, key)]) == ("not compared", ())
    monkeypatch.setattr(synthesis, "DIRECTION_CONFIDENCE", 0.0)  # every reading counts: the weak one leads
    assert key_finding(card, quoted) is weak


def test_the_main_row_counts_findings_on_the_outcome_asked(pubmedqa: dict[str, StoredSource]) -> None:
    """PubMedQA 25155638 (even half): the key finding, "missed opportunities ... significantly higher among
    racial and ethnic minorities", is no finding on whether routine offering reduces disparities; its
    increase had been counted against the answer "yes"."""
    src = pubmedqa["25155638"]
    card = study_card(src)
    higher = next(f for f in card.findings if "missed opportunities" in f.sentence.text)
    assert higher.direction == "increased"
    outcome = "racial and ethnic disparities"
    assert synthesis.on_outcome(StudyFinding(src, card, higher), outcome).finding is None
    # the conclusion states changes both ways: the one nearest the outcome's words counts
    both = card.conclusion
    assert both is not None and "reducing corresponding racial and ethnic disparities" in both.text
    read = Finding(both, None, "increased", 0.9)
    got = synthesis.on_outcome(StudyFinding(src, card, read), outcome).finding
    assert got is not None and got.direction == "decreased"
    assert synthesis.on_outcome(StudyFinding(src, card, read), "influenza vaccine uptake").finding == read
    # a scope ends at a clause break, and a plural names its singular (synthetic test sentences)
    for text, outcome in (
        ("Synthetic: serum HDL was increased, while LDL cholesterol was reduced.", "LDL cholesterol"),
        ("Synthetic: bleeding was increased, but mortality was lower with drug X.", "mortality"),
        ("Synthetic: drug X significantly reduced deaths and increased HDL.", "death"),
    ):
        f = Finding(Span(0, len(text), text), None, "increased", 0.9)
        got = synthesis.on_outcome(StudyFinding(src, card, f), outcome).finding
        assert got is not None and got.direction == "decreased", text


@pytest.mark.parametrize(
    ("question", "direction", "stance"),
    [
        ("Does drug X reduce mortality?", "decreased", "yes"),
        ("Does drug X reduce mortality?", "increased", "no"),
        ("Does drug X increase the risk of falls?", "increased", "yes"),
        ("Is drug X effective for pain?", "decreased", "yes"),
        ("Is drug X effective for pain?", "no difference", "no"),
        ("Is drug X effective for pain?", "mixed", "uncertain"),
        ("Is drug X effective for pain?", "not compared", None),
        # a question that asks no change: a lower rate is no answer to it (PubMedQA dev; its bottom line had
        # said "No ... The direction of the findings counted reads for 'yes'", a tuning-half reading)
        (
            "Is routine dissection of the station 9 lymph nodes really necessary for primary lung cancer?",
            "decreased",
            None,
        ),
    ],
)
def test_findings_stance(question: str, direction: synthesis.OutcomeDirection, stance: str | None) -> None:
    assert findings_stance(question, direction) == stance


def test_combined_mode_keeps_a_no_from_the_wording(
    three: list[StoredSource], monkeypatch: pytest.MonkeyPatch
) -> None:
    from medcite.compose.stance import StanceResult

    wording = StanceResult("no", ("negation cues dominate",), (0.0, 1.0, 0.0))
    main = [_with(three[0], Design.RCT, 300, "increased")]
    monkeypatch.setattr(synthesis, "STANCE_MODE", "combined")
    assert combine_stance("Does X increase Y?", wording, main) is wording
    monkeypatch.setattr(synthesis, "STANCE_MODE", "findings")
    got = combine_stance("Does X increase Y?", wording, main)
    assert got is not None and got.stance == "yes"
    assert "direction of the direct findings: increased" in got.reasons[-1]


def test_summary_sentence_counts_only() -> None:
    row = OutcomeSummary(
        outcome="pain",
        studies=3,
        participants=1284,
        reporting_n=3,
        direction="decreased",
        counts=(("decreased", 2), ("no difference", 1)),
        citations=(1, 2, 3, 5),
    )
    text = summary_sentence(
        row, ["randomised controlled trial", "randomised controlled trial", "cohort study"]
    )
    assert text == (
        "Direct evidence: 3 studies (2 randomised controlled trials, 1 cohort study; 1,284 participants); "
        "2 found a decrease and 1 found no difference in the outcome they reported [1-3, 5]."
    )


def test_summary_sentence_names_an_other_design_as_a_study() -> None:
    """The evidence table's "other" design reads as a study in the bottom line, never "(1 other)"."""
    row = OutcomeSummary("mania", 2, None, "increased", counts=(("increased", 1),), citations=(1, 2))
    text = summary_sentence(row, ["other", "other"])
    assert text.startswith("Direct evidence: 2 studies (2 other-design studies); 1 found an increase")
    assert "(1 other)" not in summary_sentence(row, ["other", "cohort study"])


def test_participants_say_how_many_studies_report_them() -> None:
    row = OutcomeSummary("pain", 5, 15, "increased", reporting_n=1)
    assert row.participants_words() == "n = 15 in the 1 of 5 studies whose n was found"


def _check_pins(a: Article, corpus: dict[str, StoredSource]) -> None:
    refs = {r.n: r.key for r in a.references}
    for row in a.summary_of_findings:
        assert set(row.citations) <= set(refs)
        if row.effect_pin is not None:
            text = corpus[row.effect_pin.source_key].record.text
            assert text[row.effect_pin.start : row.effect_pin.end] in row.effect
            assert refs[row.effect_pin.ref] == row.effect_pin.source_key


def test_articles_from_real_data_carry_a_summary_of_findings(
    bupropion_article: Article, therapy_article: Article, corpus: list[StoredSource]
) -> None:
    by_key = {s.key: s for s in corpus}
    for a in (bupropion_article, therapy_article):
        assert a.summary_of_findings, a.question
        main = a.summary_of_findings[0]
        assert main.studies >= 1 and main.citations
        assert main.certainty in ("high", "moderate", "low", "very low")
        _check_pins(a, by_key)
    # a yes/no question's bottom line states the synthesis
    assert bupropion_article.bottom_line.split(". ", 1)[1].startswith("Direct evidence: ")
    # the main row names what the question asks about, not the drug alone
    assert (
        bupropion_article.summary_of_findings[0].outcome == "bupropion for smoking cessation: main findings"
    )


def test_summary_of_findings_in_every_format(bupropion_article: Article) -> None:
    a = bupropion_article
    assert "## Summary of Findings" in to_markdown(a)
    assert 'id="summary-of-findings"' in to_html(a)
    assert from_json(to_json(a)).summary_of_findings == a.summary_of_findings
    p = render_patient(a)
    assert "## What the studies found" in to_markdown(p)
    assert len(p.summary_of_findings) == len(a.summary_of_findings)


def _statements(pubmedqa: dict[str, StoredSource]) -> Callable[[str, str], Checked]:
    """A maker of supported efficacy statements quoting ``text`` as a result sentence of a real source."""

    def stmt(key: str, text: str) -> Checked:
        c = Candidate(pubmedqa[key], text, 0, len(text), "RESULTS", "results", None, 1.0, 1.0, False)
        return Checked(Draft("efficacy", text, text, (c,)), Verdict(Label.SUPPORTED, 0.9))

    return stmt


def _two_positive(stmt: Callable[[str, str], Checked]) -> tuple[Checked, Checked]:
    """Two positive findings of two PubMedQA studies, in synthetic wording (test fixture)."""
    return (
        stmt("26298839", "Abstinence rates were significantly higher with the drug (43% vs 19%)."),
        stmt("17113061", "Cessation rates were significantly higher with the drug (19% vs 7%)."),
    )


def test_a_contradiction_from_a_study_of_the_same_polarity_is_no_inconsistency(
    pubmedqa: dict[str, StoredSource],
) -> None:
    stmt = _statements(pubmedqa)
    # two positive findings of different studies (synthetic wording, test fixture): the verifier's
    # cross-check calls the lead contradicted by the other (other numbers), which is no inconsistency
    lead, other = _two_positive(stmt)
    cross = [(lead.draft, "17113061", Verdict(Label.CONTRADICTED, 0.1))]
    _lead, _level, reasons, _same = _rate(lead, [lead, other], cross)
    assert not any("other way" in r for r in reasons)
    # a finding of the opposite polarity that the verifier also reads as contradicting it is one
    against = stmt("17113061", "Cessation rates did not differ between the drug and placebo.")
    _lead, _level, reasons, _same = _rate(lead, [lead, against], cross)
    assert any("1 source points the other way" in r for r in reasons)
    # a study cross-checked but with no finding shown (its statement failed verification) points nowhere
    unseen = [(lead.draft, "17113061", Verdict(Label.CONTRADICTED, 0.4))]
    _lead, _level, reasons, _same = _rate(lead, [lead], unseen)
    assert not any("other way" in r for r in reasons), reasons
    # nor does a finding with no polarity (a single-arm rate), though the verifier reads it as contradicting
    plain = stmt("17113061", "Eighty percent of the patients stopped smoking by week 2.")
    assert finding_polarity(plain.draft.cites[0].text) not in ("positive", "negative")
    _lead, _level, reasons, _same = _rate(lead, [lead, plain], cross)
    assert not any("other way" in r for r in reasons), reasons


def test_a_guessed_design_is_not_stated_as_fact_in_the_certainty_reasons(
    pubmedqa: dict[str, StoredSource],
) -> None:
    from dataclasses import replace

    from medcite.compose.certainty import grade
    from medcite.domain import Design

    src = pubmedqa["26298839"]  # its abstract names no review
    guessed = replace(src, evidence=replace(src.evidence, design=Design.REVIEW, inferred=True))
    assert grade([guessed]).reasons[0] == (
        "starts very low: best evidence is an unstated-design study (read as review)"
    )
    stated = replace(src, evidence=replace(src.evidence, design=Design.REVIEW, inferred=False))
    assert grade([stated]).reasons[0] == "starts very low: best evidence is review"
    # laboratory work guessed with no animals or cells named (a human study): no reading is reported
    lab = replace(src, evidence=replace(src.evidence, design=Design.ANIMAL, inferred=True, human=None))
    assert grade([lab]).reasons[0] == "starts very low: best evidence is an unstated-design study"


def test_imprecision_is_judged_only_on_a_known_total(
    pubmedqa: dict[str, StoredSource], monkeypatch: pytest.MonkeyPatch
) -> None:
    from medcite.compose import certainty

    a, b = pubmedqa["26298839"], pubmedqa["17113061"]
    sizes: dict[str, int | None] = {a.key: 15, b.key: None}
    monkeypatch.setattr(certainty, "study_n", lambda s: sizes[s.key])
    # one study's n is not found: the total is unknown, so "small total sample (n = 15)" would be false
    g = certainty.grade([a, b])
    assert "sample size found for 1 of 2 studies (n = 15)" in g.reasons
    assert not any(r.startswith("imprecision") for r in g.reasons)
    sizes[b.key] = 20
    assert "imprecision: small total sample (n = 35)" in certainty.grade([a, b]).reasons


def test_the_quoted_conclusion_is_rated_with_the_studies_that_agree_with_it(
    pubmedqa: dict[str, StoredSource],
) -> None:
    stmt = _statements(pubmedqa)
    # synthetic wording (test fixture): three positive findings of three studies; the bottom line quotes
    # the third, which is not among the rated key conclusions
    a, b = _two_positive(stmt)
    pick = stmt("21645374", "Quit rates were significantly higher with the drug (30% vs 10%).")
    prim = [a, b, pick]
    ratings = [_rate(a, prim, []), _rate(b, prim, [])]
    first = _pick_rated_first(pick, ratings, prim, [])[0]
    assert first[0] is pick
    assert {s.key for s in first[3]} == {"26298839", "17113061", "21645374"}  # not "a single study"
    assert not any("single study" in r for r in first[2])


def test_a_question_that_asks_for_a_thing_gets_no_count_of_studies_for_an_answer() -> None:
    """BioASQ 7B-9B: "What is the combined effect of Nfat and miR-25?" read "Direct evidence: 4 studies ...; 1
    found an increase in the outcome they reported" before its quoted sentence. A question that asks for a
    thing is answered by the sentence quoted; the findings' directions answer only effect questions."""
    from medcite.compose import analyze_question, compose_article
    from medcite.domain import Provenance
    from tests.compose.doubles import LexicalVerifier, OracleSearcher, bioasq_source

    a = analyze_question("Which protein complex is linked to myeloid differentiation?")
    assert a.asks_entity and not synthesis.asks_effect(a)
    assert synthesis.asks_effect(analyze_question("Does bupropion help smoking cessation?"))
    # "differentiation" is no difference ("differ" matched it; the question read as asking for a difference)
    assert not synthesis.asks_difference("Is cohesin linked to myeloid differentiation?")
    assert synthesis.asks_difference("Do the synthetic test arms differ in outcome?")
    q = "Which cohesin mutations affect hematopoietic stem cells?"  # an effect word, yet a thing is asked
    sources = [bioasq_source(1, "30127433"), bioasq_source(2, "31552185")]
    art = compose_article(q, OracleSearcher(sources), LexicalVerifier(), provenance=Provenance())
    # an answer (not "insufficient") whose bottom line counts no studies; GRADE rates effects, not facts:
    # no certainty and no summary-of-findings table, the evidence table still lists the studies
    assert art.references and art.evidence_table and art.stance is None
    assert art.certainty is None and not art.summary_of_findings
    assert art.bottom_line and "Direct evidence" not in art.bottom_line


def test_the_adverse_events_row_says_which_way_the_compared_harms_went(corpus: list[StoredSource]) -> None:
    """Tønnesen 2003 (PMID 12859700, shared screening corpora) compares adverse events with placebo ("adverse
    events were higher for the bupropion SR group compared with placebo"): the harms row had said "not
    compared" beside that very sentence."""
    trial = next(s for s in corpus if s.key == "12859700")
    card = study_card(trial)
    harm = synthesis.harm_finding(card)
    assert harm is not None and "higher for the bupropion SR group" in harm.sentence.text
    assert harm.direction == "increased"
    rows = synthesis.outcome_rows(
        analyze_question("Is bupropion safe?"), [], [StudyFinding(trial, card, None)], {}
    )
    assert [(r.outcome, r.direction, r.counts) for r in rows] == [
        ("Adverse events", "increased", (("increased", 1),))
    ]
    # a study whose adverse-event sentences compare nothing leaves the row "not compared"
    plain = replace(card, findings=tuple(f for f in card.findings if f.sentence.start != harm.sentence.start))
    assert synthesis.harm_finding(plain) is None
    rows = synthesis.outcome_rows(
        analyze_question("Is bupropion safe?"), [], [StudyFinding(trial, plain, None)], {}
    )
    assert rows[0].direction == "not compared"


def test_the_outcome_row_is_named_by_an_outcome_not_by_a_word_that_frames_the_question(
    pubmedqa: dict[str, StoredSource],
) -> None:
    """PubMedQA 22440363 ("Mitral replacement or repair ...: is it really the same?"): the summary of findings
    had named its outcome "same"; a reading of 16 tuning-half articles (2026-12-05) found "indication" too."""
    src = pubmedqa["22440363"]
    found = [synthesis.StudyFinding(src, study_card(src), None)]
    q = (
        "Mitral replacement or repair for functional mitral regurgitation in dilated and ischemic "
        "cardiomyopathy: is it really the same?"
    )
    a = analyze_question(q)
    assert a.outcome == "same"  # the reading of the question, which the table must not show as an outcome
    # and the concepts read from it make a clause, too long to name the row ("... dilated for ischemic ...")
    assert synthesis.outcome_label(a, found) == "Main findings"
    symptoms = analyze_question("Do symptoms matter when considering patients for phase I clinical trials?")
    assert synthesis.outcome_label(symptoms, []) == "symptoms and phase I clinical trials: main findings"
    a = replace(a, outcome="late mortality")  # an outcome that the study reports is the row's name
    assert synthesis.outcome_label(a, found) == "late mortality"
    a = replace(a, outcome="quality of life")  # one that it does not report is not
    assert synthesis.outcome_label(a, found) != "quality of life"


def test_a_row_with_no_direction_read_does_not_say_the_studies_compared_nothing() -> None:
    """The contract keeps "not compared"; every format shows what medcite did: no direction read."""
    from medcite.present.common import sof_cells

    row = OutcomeSummary("late mortality", 1, 132, "not compared", citations=(1,))
    assert sof_cells(row)[2] == "no direction read"
    two = OutcomeSummary("pain", 2, None, "decreased", counts=(("decreased", 2),), citations=(1, 2))
    assert sof_cells(two)[2] == "decreased (decreased 2)"


def test_a_row_with_no_direction_and_no_effect_is_not_shown() -> None:
    """A tuning-half reading found "Main findings | 1 study | no direction read | -" in 5 of 16 articles: a
    row that says only that a study exists is left out; one with a direction or a figure stays."""
    empty = OutcomeSummary("Main findings", 1, None, "not compared", citations=(1,))
    figure = OutcomeSummary("pain", 1, 40, "not compared", effect="40% vs 20%", citations=(2,))
    read = OutcomeSummary("pain", 2, None, "decreased", counts=(("decreased", 2),), citations=(1, 2))
    assert synthesis.shown_rows([empty, figure, read]) == (figure, read)
    assert synthesis.shown_rows([empty]) == ()


def test_a_single_study_is_graded_down_for_imprecision(
    pubmedqa: dict[str, StoredSource], monkeypatch: pytest.MonkeyPatch
) -> None:
    """GRADE has no "few studies" domain: a single study is imprecision, a single small one very serious
    imprecision (the same two levels as before, named as GRADE names them)."""
    from medcite.compose import certainty

    a, b = pubmedqa["26298839"], pubmedqa["17113061"]
    sizes: dict[str, int | None] = {a.key: 400, b.key: 30}
    monkeypatch.setattr(certainty, "study_n", lambda s: sizes[s.key])
    big, small = certainty.grade([a]), certainty.grade([b])
    assert "imprecision: a single study" in big.reasons
    assert "very serious imprecision: a single study, small total sample (n = 30)" in small.reasons
    assert not any(r.startswith("few studies") for r in big.reasons + small.reasons)
    sizes[b.key] = 400  # the same study, not small: one level more (the floor aside)
    level = certainty.LEVELS.index(certainty.grade([b]).level)
    assert certainty.LEVELS.index(small.level) == max(0, level - 1)


def test_a_null_finding_against_another_treatment_points_no_way() -> None:
    """Evidence Inference PMC4282128 (abstracts_extra): "Abstinence rates for bupropion (27.9%) and NRT
    (24.2%) were not significantly different" compares two treatments; for "Does bupropion help smoking
    cessation?" it had been counted as "no difference" and graded the answer down for inconsistency."""
    from medcite.compose import comparators
    from tests.compose.doubles import load_extra

    title = "Randomized trial of nicotine replacement therapy (NRT), bupropion and NRT plus bupropion"
    src = next(s for s in load_extra([title], limit=40000).values() if s.record.title.startswith(title))
    card = study_card(src)
    null = next(f for f in card.findings if f.sentence.text.startswith("Abstinence rates for bupropion"))
    assert null.direction == "no_difference" and card.comparator is not None
    assert comparators.active_null(null, card)
    a = analyze_question("Does bupropion help smoking cessation?")
    row = synthesis.outcome_rows(a, [StudyFinding(src, card, null)], [], {src.key: 1})[0]
    assert row.direction == "not compared"
    # a placebo comparator, or a question that names the comparator, keeps the count (synthetic test span)
    placebo = Span(0, 7, "placebo")
    assert not comparators.active_null(replace(null, comparator=placebo), card)
    saline = Span(0, 13, "normal saline")  # a saline placebo (review of the change)
    assert not comparators.active_null(replace(null, comparator=saline), card)
    versus = analyze_question("Is bupropion better than nicotine replacement therapy for smoking cessation?")
    assert versus.comparator
    row = synthesis.outcome_rows(versus, [StudyFinding(src, card, null)], [], {src.key: 1})[0]
    assert row.direction == "no difference"
