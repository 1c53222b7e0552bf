"""Mends from a reading of 16 tuning-half articles (PubMedQA and BioASQ even half, seventh draws,
2026-12-05): a gap note that counted another n than the rest of the article, an author list written initials
first, statements that lean on the sentence before them, and a bottom line that quoted a sentence stating no
finding. Real records and sentences of the shared data."""

from __future__ import annotations

import pytest

from medcite.compose import asking, assemble
from medcite.compose import leads as lead_pick
from medcite.compose.asking import mentions, title_name
from medcite.compose.candidates import Candidate, Prefix, section_counts, study_n
from medcite.compose.checked import Checked, Verified
from medcite.compose.draft import Draft
from medcite.compose.evidence_table import surname
from medcite.compose.notes import gap_notes
from medcite.compose.question import analyze_question
from medcite.corpus.fields import authors_from_string, family_first
from medcite.domain import Label, StoredSource, Verdict
from medcite.text import finding_polarity, split_sentences
from medcite.text.research_calls import asks_for_research
from medcite.text.statements import readable, trim_sentence
from tests.compose.doubles import bioasq_source, load_extra, load_pubmedqa


def _sentence(pmid: str, start: str) -> str:
    """The sentence of a BioASQ snippet-corpus record that starts with ``start``."""
    text = bioasq_source(1, pmid).record.text
    return next(text[a:b] for a, b in split_sentences(text) if text[a:b].startswith(start))


def test_the_small_study_note_counts_the_n_the_article_states() -> None:
    # PubMedQA 28127977: "There are 71 previously untreated patients ... Forty-five healthy individuals ... as
    # a control group"; the stored sample size is the controls' 45, the article states 71 everywhere else
    source = load_pubmedqa()["28127977"]
    assert study_n(source) == 71 and source.evidence.sample_size != 71
    a = analyze_question("Are serum leptin levels a prognostic factor in advanced lung cancer?")
    notes = gap_notes(a, ["findings"], [source], [])
    assert "The cited studies are small (total n = 71)." in notes


def test_authors_written_initials_first_read_family_name_first() -> None:
    # corpora/abstracts_extra holds PMID 10878693 twice: "Enström, I; ..." and "I Enström; ..."
    assert authors_from_string("I Enström; K Pennert; L H Lindholm") == (
        "Enström I",
        "Pennert K",
        "Lindholm LH",
    )
    assert authors_from_string("Enström, I; Pennert, K") == ("Enström I", "Pennert K")
    # the usual forms stay: a two-letter family name, a particle
    assert family_first("Wu H") == "Wu H" and family_first("van der Berg J") == "van der Berg J"
    # a store written before the reader learned it: the evidence table still names the family
    assert surname("I Enström") == "Enström" and surname("Lindholm LH") == "Lindholm"


def test_a_statement_that_leans_on_the_sentence_before_is_no_statement() -> None:
    leaning = [
        _sentence("29719497", "Consistent with this, we show that mice lacking"),  # Adar3
        _sentence("28422453", "These include Roberts syndrome"),
        _sentence("28422453", "Though these syndromes share"),
        _sentence("29461065", "This reaction was applied"),  # verubecestat
    ]
    assert all(readable(s) is None for s in leaning)
    # a study's own findings, and a sentence that names its subject, stay
    own = [
        "These findings suggest that the drug reduces anxiety.",
        "This study shows that the drug reduces anxiety.",
        "This is a randomised trial of the drug in adults.",
    ]
    # a result that states its size says what it found (PubMedQA-corpus COPERNICUS trial, PMID 11386263)
    text = load_extra(["carvedilol on survival in severe chronic heart failure"], limit=40000)[
        "11386263"
    ].record.text
    own.append(
        next(text[a:b] for a, b in split_sentences(text) if text[a:b].startswith("This difference reflected"))
    )
    assert all(readable(s) is not None for s in own)


def test_the_bottom_line_prefers_a_sentence_that_states_a_finding() -> None:
    status = _sentence("28547386", "In addition, dupilumab is currently under phase")
    finding = _sentence("25214796", "A recent trial showed that in patients with difficult-to-control asthma")
    assert finding_polarity(status) == "neutral" and finding_polarity(finding) == "positive"
    # both from sources of the same (unstated) design, the status sentence first and the larger weight: the
    # finding is quoted; with the preference off, the status sentence was
    sources = [bioasq_source(1, "28547386"), bioasq_source(1, "25214796")]
    leads = [_checked(sources[0], status, fit=0.99), _checked(sources[1], finding, fit=0.5)]
    # an inferred review and an inferred "other": both unstated designs, of one strength
    assert [s.evidence.design.value for s in sources] == ["review", "other"]
    assert lead_pick.strength(leads[0]) == lead_pick.strength(leads[1])
    assert lead_pick.pick_bottom(leads, 60).draft.core == finding


def test_the_bottom_line_without_the_finding_preference_quotes_the_closer_sentence(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    status = _sentence("28547386", "In addition, dupilumab is currently under phase")
    finding = _sentence("25214796", "A recent trial showed that in patients with difficult-to-control asthma")
    leads = [
        _checked(bioasq_source(1, "28547386"), status, fit=0.99),
        _checked(bioasq_source(1, "25214796"), finding, fit=0.5),
    ]
    monkeypatch.setattr(lead_pick, "POLAR_FIRST", False)
    assert lead_pick.pick_bottom(leads, 60).draft.core == status


def _checked(source: StoredSource, text: str, fit: float) -> Checked:
    c = Candidate(source, text, 0, len(text), "", "unknown", None, 1.0, 1.0, False, fit=fit)
    return Checked(Draft("efficacy", text, text, (c,), "support", Prefix("")), Verdict(Label.SUPPORTED, 0.9))


def test_an_aim_is_no_statement() -> None:
    # the arimoclomol trial's objective (quoted under Emerging Evidence) and a study's stated aim (under Key
    # Findings of "What is evaluated with the SAD PERSONS scale?"); an opening "To date" is no aim
    objective = _sentence("29367439", "OBJECTIVE To examine the safety and tolerability")
    aim = _sentence("28471534", "This article aims to determine the ability of the SAD PERSONS scale")
    assert asks_for_research(trim_sentence(objective)) and not asks_for_research(objective)
    assert asks_for_research(aim)
    assert not asks_for_research("To date, no trial has compared them.")
    assert not asks_for_research(
        "To compare the doses, 120 patients were randomised; mortality was 10% vs 20%."
    )


AWAJI = "27440148"
ARIOC_Q = "Which tool has been developed for GPU-accelerated alignment of bisulfite-treated DNA sequences?"


def test_the_name_a_title_opens_with_answers_a_which_question() -> None:
    # BioASQ 7B-9B factoid (even half): the answer "Arioc" is the name its gold record's title opens with;
    # the article had quoted the abstract's background sentence and never the name
    arioc = bioasq_source(1, "29554207")
    assert title_name(arioc.record.title, ARIOC_Q) == "Arioc"
    cne = bioasq_source(2, "30423090")
    cne_q = "Which algorithm has been developed for finding conserved non-coding elements (CNEs) in genomes?"
    assert title_name(cne.record.title, cne_q) == "CNEFinder"
    # a title whose head the question names, or whose description is another topic, names no answer
    assert title_name(arioc.record.title, "Is Arioc faster than other aligners?") is None
    assert title_name(cne.record.title, ARIOC_Q) is None
    named = _sentence("29554207", "With human sequencing reads, Arioc's throughput")
    background = _sentence("29554207", "The alignment of bisulfite-treated DNA sequences")
    assert mentions(named, title_name(arioc.record.title, ARIOC_Q))
    assert not mentions(background, title_name(arioc.record.title, ARIOC_Q))


def test_the_bottom_line_of_a_which_question_quotes_the_title_name(monkeypatch: pytest.MonkeyPatch) -> None:
    arioc = bioasq_source(1, "29554207")
    named = _sentence("29554207", "With human sequencing reads, Arioc's throughput")
    background = _sentence("29554207", "The alignment of bisulfite-treated DNA sequences")
    a = analyze_question(ARIOC_Q)
    assert a.asks_entity
    pool = [_checked(arioc, background, fit=0.99), _checked(arioc, named, fit=0.5)]
    v = Verified(pool, [], {arioc.key: 0}, [], [], 0, "extractive")
    pick, _ratings, _supported = assemble._bottom_pick(a, pool, v, None, None)
    assert pick.draft.core == named
    monkeypatch.setattr(asking, "TITLE_NAMES", False)
    pick, _ratings, _supported = assemble._bottom_pick(a, pool, v, None, None)
    assert pick.draft.core == background


def test_a_conclusion_that_calls_the_study_it_names_the_study() -> None:
    # PubMedQA 8422202 ("Metered-dose inhalers. Do health care providers know what to teach?"): its
    # conclusion was quoted as "In an observational study, it also demonstrates ...", under Dosing for
    # "metered-dose"
    text = load_pubmedqa()["8422202"].record.text
    it = next(text[a:b] for a, b in split_sentences(text) if text[a:b].startswith("It also demonstrates"))
    statement = readable(it)
    assert statement is not None and statement.startswith("The study also demonstrates a significant lack")
    assert (
        readable("It is unclear whether the two groups differ.")
        == "It is unclear whether the two groups differ."
    )
    assert not section_counts(it)["dosing"]
    assert section_counts("Synthetic fixture: a high-dose regimen was given.")["dosing"]


def test_neurology_s_evidence_class_label_is_no_part_of_the_statement() -> None:
    # BioASQ snippet record (Awaji criteria): "CLASSIFICATION OF EVIDENCE This study provides Class IV ..."
    # had been quoted with its label in a bottom line
    text = _sentence(AWAJI, "CLASSIFICATION OF EVIDENCE This study provides Class IV evidence")
    statement = readable(text)
    assert statement is not None and statement.startswith("The study provides Class IV evidence")


def test_filling_a_gap_by_presenting_a_tool_is_presenting_it() -> None:
    # BioASQ 7B-9B factoid (even half): "Which algorithm has been developed for finding conserved non-coding
    # elements (CNEs) in genomes?"; its one sentence that names CNEFinder spoke as the authors and was dropped
    text = _sentence("30423090", "We fill this gap by presenting CNEFinder")
    assert readable(text) == (
        "The authors present CNEFinder; a tool for identifying CNEs between two given DNA sequences with "
        "user-defined criteria."
    )
