"""Mends from a reading of 16 tuning-half articles (PubMedQA and BioASQ even half, the 25th draws,
2026-12-06): snippets cut mid-word quoted with a capital on the stub ("O enable analysis ..."), the authors'
frame around a claim kept where it points back ("This illustrates that ...", "These lines of evidence
indicate that ..."), a design prefix put before advice ("In an observational study of 11,631 high school
students, HIV prevention programs for youth should recognize ..."), participant flow quoted as a finding, and
the answer to a summary question left out because it leaned on the sentence before it. Real records of the
shared data, and one synthetic record that says so."""

from __future__ import annotations

import pytest

from medcite.compose import pool
from medcite.compose.candidates import Candidate, Prefix, with_prefix
from medcite.corpus.classify import classify
from medcite.domain import AbstractSection, Design, SourceRecord, StoredSource
from medcite.text import record_sentences, role_of, split_sentences
from medcite.text.anaphora import leans_back
from medcite.text.cues import enrolment
from medcite.text.research_calls import asks_for_research
from medcite.text.statements import readable
from tests.compose.doubles import bioasq_source, load_pubmedqa


def _at(sentences: list[tuple[str, int, int, str]]) -> dict[int, int]:
    return {x[1]: i for i, x in enumerate(sentences)}


def _sentence(text: str, start: str) -> str:
    return next(text[a:b] for a, b in split_sentences(text) if text[a:b].startswith(start))


def test_a_snippet_cut_mid_word_is_no_statement() -> None:
    text = bioasq_source(1, "18088248").record.text
    assert readable(_sentence(text, "ur results suggest")) is None
    # a short word that opens a cut snippet is no stub: the authors' clause is read as before
    assert readable("we introduce the 3D Genome Browser, a tool for exploring chromatin contacts.") == (
        "The authors introduce the 3D Genome Browser, a tool for exploring chromatin contacts."
    )
    assert readable("de novo gene birth remains poorly understood.") == (
        "De novo gene birth remains poorly understood."
    )


def test_short_words_and_enumerations_are_no_stubs() -> None:
    # review inputs: an enumeration, a protein and a people word open real sentences
    assert readable("c) Neurogenesis-deficient v-TK mice showed deficits in memory.") is not None
    assert readable("tau pathology spreads along connected neurons.") is not None
    assert readable("men with diabetes had more events than women.") is not None


def test_a_stubbed_purpose_clause_gives_way_to_the_authors_clause() -> None:
    text = bioasq_source(1, "30373828").record.text
    got = readable(_sentence(text, "o enable analysis"))
    assert got is not None
    assert got.startswith("The authors developed the surfaceome predictor SURFY")
    assert "O enable" not in got and "enable" not in got
    # only a cut "To ..." goes: a cut clause that limits the finding leaves no statement (review input)
    assert readable("n a subgroup of women over 65 years, we observed a reduction in hip fracture.") is None


def test_this_and_lines_of_evidence_frames_go() -> None:
    paget = load_pubmedqa()["17089900"].record.text
    got = readable(_sentence(paget, "This illustrates that"))
    assert got is not None and got.startswith("Paget's disease does exist in India")
    toci = bioasq_source(1, "16102523").record.text
    got = readable(_sentence(toci, "These lines of evidence indicate that"))
    assert got is not None and got.startswith("Tocilizumab is able to bind to both sIL-6R")
    # a "this" frame goes only with a verb that states: "suggests" keeps its hedge (and then dangles)
    assert readable("This suggests that statins reduce stroke.") is None
    assert readable("This suggests that statins reduce stroke, possibly through lipid lowering.") is None
    # "that" as a determiner is no frame (review input)
    got = readable("This confirms that hypothesis in a larger cohort of patients.")
    assert got is None or got.startswith("This confirms that hypothesis")
    # ... for any frame: "These data confirm that hypothesis" had become "Hypothesis in a larger cohort ..."
    got = readable("These data confirm that hypothesis in a larger cohort of patients.")
    assert got is None or not got.startswith("Hypothesis")
    assert readable("These data confirm that statins reduce stroke.") == "Statins reduce stroke."
    # "this" before another kind of verb stays a pronoun that points back: no statement
    assert readable("This allowed the detection of rare variants.") is None


def test_advice_takes_no_design_prefix() -> None:
    hiv = load_pubmedqa()["8017535"].record.text
    advice = _sentence(hiv, "HIV prevention programs for youth should recognize")
    prefix = Prefix("In an observational study of 11,631 high school students, ", "11,631")
    assert with_prefix(prefix, advice) == advice
    # a modal in a relative clause is no advice; an animal study keeps its label (review inputs)
    who = "Patients who should have received the drug but did not had more events."
    assert with_prefix(prefix, who).startswith("In an observational study")
    lab = Prefix("In an animal or laboratory study, ", design=Design.ANIMAL)
    toci = "CD38 may be a potential target and daratumumab should be evaluated clinically."
    assert with_prefix(lab, toci).startswith("In an animal or laboratory study, ")
    finding = "Students who used no substances were least likely to report these behaviours."
    assert with_prefix(prefix, finding).startswith("In an observational study of 11,631 high school")


def test_who_completed_the_study_is_no_finding() -> None:
    teoae = load_pubmedqa()["20828836"].record
    results = next(s for s in teoae.sections if s.label.upper().startswith("RESULT"))
    flow = _sentence(results.text, "Of the 4718 infants enrolled")
    assert role_of(results.label, flow) == "methods"
    # an outcome beside it stays a finding: adverse events, a difference between the arms
    assert enrolment("Twelve patients withdrew because of adverse events.") is False
    assert enrolment("More patients in the placebo group dropped out (20% vs 10%).") is False
    assert enrolment("Fifty patients completed treatment.") is False  # completion can be the outcome asked
    assert enrolment("A total of 120 patients completed the 12-week follow-up.") is True
    assert enrolment("Ten patients were lost to follow-up.") is True
    assert enrolment("Five patients withdrew consent.") is True
    # review inputs: an outcome after the flow word stays a finding
    assert enrolment("Twelve patients withdrew from the study because of nausea.") is False
    assert enrolment("Of 500 smokers, 210 completed the 12-week protocol and remained abstinent.") is False
    assert enrolment("Of the 1200 girls who started vaccination, 452 (37.7%) completed all 3 doses.") is False
    assert enrolment("Most patients who dropped out had severe disease.") is False
    assert enrolment("Tolerance was poor: 8 of 20 patients withdrew from treatment.") is False


def test_a_sentence_leaning_back_is_quoted_with_its_antecedent(monkeypatch: pytest.MonkeyPatch) -> None:
    src = bioasq_source(1, "28144274")
    sentences = record_sentences(src)
    (_l1, s1, _e1, t1), (_l2, s2, _e2, t2) = sentences[:2]
    assert t2.startswith("Various symptoms have been reported for this abnormality")
    joined = pool._with_antecedent(src, sentences, _at(sentences), s2, t2)
    assert joined == (s1, f"{t1} {t2}")
    start, text = joined
    # a yes/no answer quotes the sentence alone (readable then leaves it out), any other both ways
    base = Candidate(src, t2, s2, _e2, "", "unknown", None, 1.0, 0.0, False)
    assert pool._as_quoted(base, sentences, None, []) == [base]
    alone, both = pool._as_quoted(base, sentences, _at(sentences), [])
    assert alone == base and (both.start, both.text, both.end) == (start, text, base.end)
    got = readable(text)  # the second sentence's "this" points inside the statement now
    assert got is not None and "short stature, unusual facial characteristics" in got
    assert readable(t2) is None  # alone, it dangles
    # the first sentence is not joined to anything, nor a sentence that does not lean back
    assert pool._with_antecedent(src, sentences, _at(sentences), s1, t1) is None
    text = "Arm A did better in synthetic test text, not a study. Arm B is synthetic test text too."
    rec = SourceRecord(
        key="synthetic:3", title="Synthetic test record", sections=(AbstractSection("", text),)
    )
    plain_src = StoredSource(id=3, record=rec, evidence=classify(rec))
    plain = record_sentences(plain_src)
    assert not leans_back(plain[1][3])
    assert pool._with_antecedent(plain_src, plain, _at(plain), plain[1][1], plain[1][3]) is None
    # nor two that pass the word limit
    monkeypatch.setattr(pool, "ANTECEDENT_WORDS", len(t1.split()) + len(t2.split()) - 1)
    assert pool._with_antecedent(src, sentences, _at(sentences), s2, t2) is None


def test_no_antecedent_across_sections(monkeypatch: pytest.MonkeyPatch) -> None:
    first = AbstractSection("RESULTS", "Arm A did better in synthetic test text, not a study.")
    second = AbstractSection("CONCLUSIONS", "This effect is also synthetic test text.")
    rec = SourceRecord(key="synthetic:1", title="Synthetic test record", sections=(first, second))
    src = StoredSource(id=1, record=rec, evidence=classify(rec))
    sentences = record_sentences(src)
    _l, s, _e, t = sentences[1]
    assert leans_back(t) and not leans_back(sentences[0][3])
    assert pool._with_antecedent(src, sentences, _at(sentences), s, t) is None
    # the same two sentences in one section are joined, as the source text has them
    one = SourceRecord(
        key="synthetic:2",
        title="Synthetic test record",
        sections=(AbstractSection("", f"{first.text} {second.text}"),),
    )
    one_src = StoredSource(id=2, record=one, evidence=classify(one))
    one_sents = record_sentences(one_src)
    joined = pool._with_antecedent(one_src, one_sents, _at(one_sents), one_sents[1][1], one_sents[1][3])
    assert joined == (0, one.text)
    monkeypatch.setattr(pool, "WITH_ANTECEDENT", False)
    src_b = bioasq_source(1, "28144274")
    sents_b = record_sentences(src_b)
    _l, s2, _e, t2 = sents_b[1]
    assert pool._with_antecedent(src_b, sents_b, _at(sents_b), s2, t2) is None


def test_a_call_for_research_that_could_help_is_no_finding() -> None:
    # tune25: a PubMedQA conclusion sentence quoted as a finding after a design prefix
    text = load_pubmedqa()["12913347"].record.text
    call = (
        "Further studies taking into account the role of psychological stress, patterns of sexual behavior "
        "and substance abuse during pregnancy could help identify the factors responsible for adverse "
        "pregnancy outcome among unmarried pregnant women."
    )
    assert call in text
    assert asks_for_research(call)
    assert not asks_for_research("Further studies showed that the treatment may help reduce pain.")
