"""Mends of the thirty-eighth session (2026-12-07), from a reading of 16 tuning-half articles (tune35): an
abstract whose screening set dropped its section labels keeps their breaks (".; "), and the part after the
last break is the authors' conclusions; the n read after such a break and past a bracket that describes the
people; an aim worded "This study looks for ...". Real text from the shared data (Cohen 2006 screening set,
PMID 11500608) unless marked as a synthetic fixture."""

from __future__ import annotations

from collections import Counter

import pytest

from medcite.compose import asking as asking_mod
from medcite.compose import draft as draft_mod
from medcite.compose.asking import introduces_name
from medcite.compose.candidates import Candidate
from medcite.corpus.classify import classify
from medcite.corpus.sample_size import sample_size
from medcite.domain import AbstractSection, SourceRecord, StoredSource
from medcite.text import Role, inline_sections, record_sentences, role_of, rough_sentences
from medcite.text import sentences as sentences_mod
from medcite.text import synonyms as synonyms_mod
from medcite.text.statements import trim_sentence
from medcite.text.synonyms import synonyms

# PMID 11500608 as the Cohen 2006 screening set holds it: four sections, labels dropped, ".; " between
REBOUND = (
    "Rebound acid hypersecretion might occur after treatment with proton pump inhibitors. This study looks "
    "for a rebound aggravation of symptoms after short-term treatment with lansoprazole.; Sixty-two patients "
    "(19 men and 43 women; mean age, 54 years; range, 32-77 years) with heartburn and regurgitation and "
    "normal upper endoscopy findings were studied in a randomized, double-blind, placebo-controlled trial "
    "with a crossover design. There were two 5-day treatment periods with lansoprazole 60 mg once daily or "
    "placebo in random order, separated by a 9-day washout period.; The mean symptom scores during the "
    "placebo period in the groups given lansoprazole first and placebo first were as follows: reflux score, "
    "21.5 and 17.6, respectively (not significant).; There is no indication of a rebound aggravation of "
    "symptoms 12 to 14 days after a 5-day treatment with lansoprazole 60 mg once daily in patients with "
    "reflux symptoms."
)
CONCLUSION = "There is no indication of a rebound aggravation of symptoms"


def _source(text: str) -> StoredSource:
    record = SourceRecord(key="pmid:11500608", title="", sections=(AbstractSection(label="", text=text),))
    return StoredSource(id=1, record=record, evidence=classify(record))


def test_the_part_after_the_last_section_break_is_the_conclusions() -> None:
    pieces = inline_sections(REBOUND)
    assert [label for label, _off, _t in pieces] == ["", "CONCLUSIONS"]
    _label, off, text = pieces[1]
    assert text.startswith(CONCLUSION) and REBOUND[off:].startswith(CONCLUSION)
    by_text = {t: lab for lab, _s, _e, t in record_sentences(_source(REBOUND))}
    concluding = [t for t in by_text if t.startswith(CONCLUSION)]
    assert concluding and by_text[concluding[0]] == "CONCLUSIONS"
    assert role_of(by_text[concluding[0]], concluding[0]) == "conclusions"
    # the sentences before the last break keep their wording's role (no label)
    assert all(lab == "" for t, lab in by_text.items() if not t.startswith(CONCLUSION))


def test_one_break_or_none_gives_no_conclusions(monkeypatch: pytest.MonkeyPatch) -> None:
    one = "Synthetic fixture: a first part of an abstract.; Synthetic fixture: a second part of it."
    assert inline_sections(one) == [("", 0, one)]
    # off: the whole text stays one unlabelled piece
    monkeypatch.setattr(sentences_mod, "CONCLUDING_BREAKS", 0)
    assert inline_sections(REBOUND) == [("", 0, REBOUND)]


def test_a_break_ends_a_word_and_a_note_is_passed_over() -> None:
    routes = (
        "Synthetic fixture: a drug was given s.c.; Doses were given p.o.; The effect was examined in mice "
        "after i.v.; Both routes reduced the synthetic score."
    )
    assert inline_sections(routes) == [("", 0, routes)]
    funded = REBOUND + ".; This work was sponsored by a synthetic fixture company."
    pieces = inline_sections(funded)
    assert pieces[-1][0] == "CONCLUSIONS" and pieces[-1][2].startswith(CONCLUSION)


def test_labelled_inline_sections_win_over_the_breaks() -> None:
    labelled = (
        "BACKGROUND: Synthetic fixture background.; METHODS: Synthetic fixture methods were used.; "
        "RESULTS: Synthetic fixture results were seen.; CONCLUSIONS: Synthetic fixture conclusion."
    )
    assert [lab for lab, _o, _t in inline_sections(labelled)] == [
        "BACKGROUND",
        "METHODS",
        "RESULTS",
        "CONCLUSIONS",
    ]


def test_the_n_after_a_section_break_and_past_a_describing_bracket() -> None:
    assert any(s.startswith("Sixty-two patients") for s in rough_sentences(REBOUND))
    assert sample_size(REBOUND) == 62
    # a share in the bracket is a subgroup, not the sample
    assert (
        sample_size("Synthetic fixture.; Nineteen patients (11%) who received the drug had a rash.") is None
    )
    # nor are people discontinued from a study
    dropped = "Synthetic fixture: a drug trial.; Three patients were discontinued from the study."
    assert sample_size(dropped) is None


def test_an_aim_worded_looks_for_is_no_finding() -> None:
    aim = "This study looks for a rebound aggravation of symptoms after short-term treatment with a drug."
    assert role_of("", aim) == "methods"
    assert role_of("", "Our trial set out to compare two doses (synthetic fixture).") == "methods"


# PubMedQA 17593459's conclusion, a numbered list
DBE = (
    "1. DBE is a safe and and accurate method to diagnose small bowel disorders; 2. this method permits "
    "chromoscopy, biopsies and treatment of the lesions."
)


def test_a_numbered_conclusion_is_quoted_without_its_numbers() -> None:
    assert trim_sentence(DBE) == (
        "DBE is a safe and and accurate method to diagnose small bowel disorders; this method permits "
        "chromoscopy, biopsies and treatment of the lesions."
    )
    assert trim_sentence("(1) Synthetic fixture: the drug works; (2) it is safe.") == (
        "Synthetic fixture: the drug works; it is safe."
    )
    # a figure after a semicolon outside a numbered list stays (an independent review's inputs)
    ranged = "Synthetic fixture: the waist changed by 1 (0; 3) cm, P = 0.005."
    assert trim_sentence(ranged) == ranged
    assigned = "Nineteen subjects were randomly assigned to olanzapine; 9. to placebo."
    assert trim_sentence(assigned) == assigned


def _candidate(text: str, role: Role = "conclusions") -> Candidate:
    record = SourceRecord(key="pmid:17593459", title="", sections=(AbstractSection(label="", text=text),))
    src = StoredSource(id=1, record=record, evidence=classify(record))
    return Candidate(src, text, 0, len(text), "CONCLUSIONS", role, None, 1.0, 0.5, False)


def test_key_findings_take_a_finding_worded_as_safety(monkeypatch: pytest.MonkeyPatch) -> None:
    c = _candidate(DBE)
    counts = Counter({"safety": 1})
    # no layout with Key Findings has a Safety section: the finding is not left out of every section
    assert draft_mod._eligible("findings", c, frozenset({"safety"}), counts, True)
    # Efficacy still leaves it to Safety
    assert not draft_mod._eligible("efficacy", c, frozenset({"safety"}), counts, True)
    monkeypatch.setattr(draft_mod, "SAFETY_IN_FINDINGS", False)
    assert not draft_mod._eligible("findings", c, frozenset({"safety"}), counts, True)


def test_an_eponym_is_looked_up_as_its_other_name(monkeypatch: pytest.MonkeyPatch) -> None:
    vocab = synonyms()
    hunter = vocab.lookup("Hunter's disease")
    assert hunter is not None and hunter.heading == "Mucopolysaccharidosis II"
    # a name MeSH knows as asked keeps its own descriptor
    cushing, syndrome = vocab.lookup("Cushing's disease"), vocab.lookup("Cushing's syndrome")
    assert cushing is not None and syndrome is not None and cushing.heading != syndrome.heading
    assert vocab.lookup("Prostatic syndrome") is None  # no eponym
    monkeypatch.setattr(synonyms_mod, "EPONYM_SWAP", False)
    assert vocab.lookup("Hunter's disease") is None


def test_the_agent_of_a_passive_verb_is_a_new_name(monkeypatch: pytest.MonkeyPatch) -> None:
    q = "Which company sells the drug Afrezza since 2015?"
    # a BioASQ snippet (PMID 26222134)
    sold = "Afrezza has been marketed since February, 2015 by Sanofi after getting FDA approval in June 2014."
    assert introduces_name(sold, q)
    # the question's own name, or no capitalised agent, is no new name
    assert not introduces_name("Afrezza was approved in 2014 (synthetic fixture).", q)
    assert not introduces_name("Afrezza is inhaled by the patient before meals (synthetic fixture).", q)
    # a regulator or a laboratory method is no company, and only a question for a maker reads agents
    assert not introduces_name("Afrezza was approved by the FDA in June 2014 (synthetic fixture).", q)
    assert not introduces_name(sold, "What is Afrezza used for since 2015?")
    monkeypatch.setattr(asking_mod, "PASSIVE_AGENT", False)
    assert not introduces_name(sold, q)


def test_a_cut_off_sentence_stops_before_a_bracket_left_open() -> None:
    # a BioASQ snippet of the STEADY-PD III trial, cut inside its statistic
    cut = (
        "Isradipine exposures did not correlate with the primary clinical outcome, changes in the "
        "antiparkinson therapy-adjusted Unified Parkinson's Disease Rating Scale parts I-III score over 36 "
        "months (Spearman rank correlation coefficient, rs"
    )
    assert trim_sentence(cut).endswith("score over 36 months \u2026")
    closed = "The synthetic rate was 5% (95% CI 2-8) in the group (n"
    assert trim_sentence(closed) == "The synthetic rate was 5% (95% CI 2-8) in the group \u2026"
    # a snippet that opens on its bracket keeps it (BioASQ 34379916)
    funded = "(Funded by the National Institute of Allergy and Infectio"
    assert trim_sentence(funded) == "(Funded by the National Institute of Allergy and Infectio \u2026"


def test_what_the_authors_made_is_no_finding() -> None:
    # a BioASQ snippet (PMID 31833496), quoted as a bottom line
    made = (
        "We report the design, synthesis, immunological evaluation, and conformational analysis of new "
        "saponin variants as promising vaccine adjuvants"
    )
    assert role_of("", made) == "methods"
    assert role_of("", "We report that the synthetic drug lowered the synthetic score.") != "methods"
