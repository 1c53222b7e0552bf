"""The verifier reads a statement's quoted sentence, not the composer's attribution prefix."""

from __future__ import annotations

from medcite.bootstrap import load_verifier
from medcite.compose.candidates import Candidate, Prefix, with_prefix
from medcite.compose.compose import checked_claim
from medcite.compose.draft import make_draft
from medcite.config import load_settings
from medcite.domain import Design, Label
from medcite.text import record_sentences
from tests.compose.conftest import KEYWORDS
from tests.compose.doubles import bioasq_source, load_extra


def test_an_animal_study_statement_is_checked_without_its_prefix() -> None:
    # a real BioASQ snippet record of a laboratory study of LB100
    src = bioasq_source(1, "26799670")
    assert src.evidence.design is Design.ANIMAL
    _lab, s, e, text = next(x for x in record_sentences(src) if x[3].startswith("By itself, LB100 inhibited"))
    cand = Candidate(src, text, s, e, "", "unknown", None, 1.0, 1.0, False)
    d = make_draft("findings", cand)
    assert d.text == "In an animal or laboratory study, " + d.core[0].lower() + d.core[1:]
    assert checked_claim(d) == d.core
    verifier = load_verifier(load_settings())
    with_prefix, quoted = verifier.verify_batch([(d.text, d.evidence()), (checked_claim(d), d.evidence())])
    # the entailment model reads the prefix as something the sentence does not say; the sentence is supported
    assert with_prefix.label is not Label.SUPPORTED
    assert quoted.label is Label.SUPPORTED


def test_a_draft_without_prefix_is_checked_as_written() -> None:
    src = bioasq_source(1, "26799670")
    _lab, s, e, text = record_sentences(src)[0]
    cand = Candidate(src, text, s, e, "", "background", None, 1.0, 1.0, False)
    d = make_draft("findings", cand)
    # a background sentence gets no design prefix: what is checked is what is shown
    assert d.prefix is not None and not d.prefix.text
    assert d.text == d.core == checked_claim(d)


def test_a_sentence_about_an_open_label_phase_gets_no_randomised_prefix() -> None:
    """Hays 2001 (PMID 11560455, shared screening corpora), a relapse-prevention trial that randomised the
    smokers who had quit during open-label bupropion: the bench store's article read "In a randomised
    controlled trial, at the end of open-label bupropion treatment, 461 of 784 participants (58.8%) were
    abstinent from smoking"."""
    src = load_extra(KEYWORDS, limit=600)["11560455"]
    _lab, _s, _e, text = next(
        x for x in record_sentences(src) if "open-label bupropion treatment, 461" in x[3]
    )
    rct = Prefix("In a randomised controlled trial, ", design=Design.RCT)
    assert with_prefix(rct, text) == text
    # the prefix stays on the trial's other findings
    other = "Abstinence rates were higher with bupropion than with placebo at week 52."
    assert with_prefix(rct, other).startswith("In a randomised controlled trial, abstinence")


def test_a_sentence_whose_subject_is_its_study_gets_no_prefix() -> None:
    """ "In an observational study, the study presents a different clinical picture ..." (a tuning-half
    reading, 2026-12-06): the source's "This study presents ..." is read as "The study presents ...", which
    names its study already."""
    obs = Prefix("In an observational study, ", design=Design.OBSERVATIONAL)
    text = "The study presents a different clinical picture of oral mucoceles/ranulas in HIV infection."
    assert with_prefix(obs, text) == text
    # a sentence that only names the study later keeps its prefix
    other = "Ranulas were more common in HIV-positive patients than in the study controls."
    assert with_prefix(obs, other).startswith("In an observational study, ranulas")
