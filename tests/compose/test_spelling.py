"""Abbreviations written out at their first use, as the cited source defines them (issue 9, item 5:
statements a clinician reads without the abstract that defined "XLH" or "T1DM")."""

from __future__ import annotations

from medcite.compose.candidates import Candidate
from medcite.compose.checked import Checked
from medcite.compose.draft import Draft, make_draft
from medcite.compose.shown import shown_statement
from medcite.compose.spelling import Definition, article_definitions, spell_out, spelled_in_order
from medcite.domain import AbstractSection, Label, SourceRecord, StoredSource, Verdict
from medcite.text.abbreviations import written_out
from medcite.text.statements import trim_sentence

T1DM = "26556589"  # PubMedQA: Achilles tendon load response in type 1 diabetes mellitus (T1DM)


def test_the_first_use_is_written_out_as_defined() -> None:
    # the long form keeps a capital that is its own, loses one that was only the sentence's
    burosumab = "The data support burosumab in adults with XLH."
    assert written_out(burosumab, "XLH", "X-linked hypophosphatemia") == (
        "The data support burosumab in adults with X-linked hypophosphatemia (XLH)."
    )
    assert written_out("Upadacitinib blocks JAK1 and JAK2.", "JAK1", "Janus kinase 1") == (
        "Upadacitinib blocks Janus kinase 1 (JAK1) and JAK2."
    )
    gpi = "Glycosylphosphatidylinositols"
    assert written_out("Most GPIs are lipid anchors; GPIs vary.", "GPIs", gpi, initial=True) == (
        "Most glycosylphosphatidylinositols (GPIs) are lipid anchors; GPIs vary."
    )
    assert written_out("GPIs are lipid anchors.", "GPIs", gpi.lower()) == f"{gpi} (GPIs) are lipid anchors."


def test_behind_a_prefix_the_long_form_reads_inside_the_sentence_and_names_keep_their_capital() -> None:
    rhr = "RHR was higher in the cases."
    assert written_out(rhr, "RHR", "Resting heart rate", initial=True, opens=False) == (
        "resting heart rate (RHR) was higher in the cases."
    )
    assert written_out(rhr, "RHR", "Resting heart rate", initial=True) == (
        "Resting heart rate (RHR) was higher in the cases."
    )
    epds = "Edinburgh Postnatal Depression Scale"
    assert written_out("The EPDS score fell.", "EPDS", epds, initial=True) == f"The {epds} (EPDS) score fell."
    assert written_out("Risk of AD rose.", "AD", "Alzheimer's disease", initial=True) == (
        "Risk of Alzheimer's disease (AD) rose."
    )


def test_nothing_is_written_out_that_is_defined_well_known_absent_or_misread() -> None:
    assert (
        written_out("in adults with X-linked hypophosphatemia (XLH).", "XLH", "X-linked hypophosphatemia")
        is None
    )
    assert written_out("in adults with hypophosphataemia (XLH).", "XLH", "X-linked hypophosphatemia") is None
    assert written_out("IL-6R blockade and anti-IL-6 antibodies.", "IL-6", "interleukin 6") is None
    assert written_out("OR 1.2 (95% CI 1.0 to 1.4).", "CI", "confidence interval") is None
    # the detector's long form reached past its word (PubMedQA 20871246): left as it is
    lc3 = "requirements--lateral compression Type 3"
    assert written_out("unstable APC2 and LC3 fractures", "LC3", lc3) is None
    # lower-case "short forms" the detector misread (PubMedQA 18570208, 17559449)
    assert (
        written_out("The mean age was 54 years.", "mean", "macrosomic neonates compared with controls")
        is None
    )
    assert (
        written_out("Acid output was 0.1 mmol.", "mmol", "measurement of endogenous pH and acidity") is None
    )
    # inside a parenthesis a long form reads badly: left as it is
    assert written_out("Cases (CRC+SLM) were studied.", "CRC", "colorectal cancers") is None


def _fixture(src: StoredSource, key: str, text: str, title: str = "Synthetic test fixture") -> StoredSource:
    """A labelled synthetic record (not evidence) with the evidence class of a real one."""
    return StoredSource(
        0, SourceRecord(key=key, title=title, sections=(AbstractSection("", text),)), src.evidence
    )


PD_FIXTURE = "Synthetic test fixture, not evidence: the best response was PD in 4 patients."


def _checked(src: StoredSource, sentence: str) -> Checked:
    s = src.record.text.index(sentence)
    cand = Candidate(src, sentence, s, s + len(sentence), "", "conclusions", None, 1.0, 0.5, False)
    return Checked(Draft("efficacy", sentence, sentence, (cand,)), Verdict(Label.SUPPORTED, 0.9))


def test_a_real_abstract_s_abbreviation_is_written_out_once_and_its_number_pinned_at_the_definition(
    pubmedqa: dict[str, StoredSource],
) -> None:
    src = pubmedqa[T1DM]
    text = src.record.text
    first = _checked(src, "Participants were 7 individuals with T1DM and 10 controls.")
    second = _checked(src, "Baseline tendon structure was similar in T1DM and control groups")
    drafts = [first.draft, second.draft]
    spelled = spelled_in_order(drafts, article_definitions(drafts))
    st1 = shown_statement(first, {src.key: 1}, spelled[id(first.draft)])
    st2 = shown_statement(second, {src.key: 1}, spelled[id(second.draft)])
    assert st1.text == "Participants were 7 individuals with type 1 diabetes mellitus (T1DM) and 10 controls."
    assert st1.core == st1.text
    assert "T1DM and control groups" in st2.text and "diabetes" not in st2.text  # once per article
    pins = {(p.value, text[p.start : p.end]) for p in st1.numbers}
    assert ("1", "1") in pins
    one = next(p for p in st1.numbers if p.value == "1")
    assert text[one.start - 5 : one.end + 18] == "type 1 diabetes mellitus"
    assert {p.value for p in st1.numbers} == {"7", "1", "10"}


def test_an_abbreviation_with_two_meanings_in_the_article_is_not_written_out(
    pubmedqa: dict[str, StoredSource],
) -> None:
    src = pubmedqa[T1DM]
    fixture = "Synthetic test fixture, not evidence: tumour-1 dose metric (T1DM)."
    other = _fixture(src, "fixture:1", fixture)
    first = _checked(src, "Participants were 7 individuals with T1DM and 10 controls.")
    clash = _checked(other, fixture)
    shared = article_definitions([first.draft, clash.draft])
    assert "T1DM" not in shared
    assert spell_out(first.draft, set(), shared)[0].text.startswith(
        "Participants were 7 individuals with type 1"
    )


def test_another_source_s_definition_is_used_only_where_the_statement_s_source_names_it_too(
    pubmedqa: dict[str, StoredSource],
) -> None:
    src = pubmedqa[T1DM]
    # a real definition read from another source of the article (PubMedQA 26556589 defines T1DM)
    shared = article_definitions(
        [_checked(src, "Participants were 7 individuals with T1DM and 10 controls.").draft]
    )
    assert "T1DM" in shared
    other = _checked(_fixture(src, "fixture:2", PD_FIXTURE), PD_FIXTURE)
    pd = Definition("PD", "Parkinson's disease", src.key, 0, False)
    assert spell_out(other.draft, set(), {"PD": pd})[0] is other.draft  # its source does not name it
    naming = _fixture(src, "fixture:2", f"{PD_FIXTURE} Parkinson's disease.")
    spelled, defs = spell_out(_checked(naming, PD_FIXTURE).draft, set(), {"PD": pd})
    assert "was Parkinson's disease (PD) in 4" in spelled.text
    assert [(d.key, d.start) for d in defs] == [("fixture:2", len(PD_FIXTURE) + 1)]


def test_a_copyright_line_glued_to_the_last_sentence_goes() -> None:
    # as the screening-set records carry it ("... Movement Disorder Society.", "... John Wiley & Sons, Ltd.")
    assert trim_sentence("Results were consistent. Copyright © 2001 Movement Disorder Society.") == (
        "Results were consistent."
    )
    assert trim_sentence("The data support burosumab in adults with XLH.© 2018 The Authors") == (
        "The data support burosumab in adults with XLH."
    )
    assert trim_sentence("It persisted. © Copyright 2014, Mary Ann Liebert, Inc.") == "It persisted."
    assert trim_sentence("It worked. (C) 2019 Elsevier Ltd. All rights reserved.") == "It worked."
    # not a copyright line after the text: kept
    assert trim_sentence("Group (c) 2005 had more events") == "Group (c) 2005 had more events."
    sf36 = "The SF-36 (copyright 1992 Medical Outcomes Trust) was completed."
    assert trim_sentence(sf36) == sf36


def test_behind_a_design_prefix_text_and_core_are_written_out_alike(
    pubmedqa: dict[str, StoredSource],
) -> None:
    src = pubmedqa[T1DM]
    sentence = "Active individuals with T1DM do not have a heightened Achilles tendon response to load"
    at = src.record.text.index(sentence)
    cand = Candidate(
        src, sentence + ".", at, at + len(sentence) + 1, "CONCLUSIONS", "conclusions", None, 1.0, 0.5, False
    )
    d = make_draft("efficacy", cand)
    assert d.text.startswith("In a case-control study, active individuals with T1DM")
    spelled, _defs = spell_out(d, set())
    assert spelled.text.startswith(
        "In a case-control study, active individuals with type 1 diabetes mellitus (T1DM) do"
    )
    assert spelled.core.startswith("Active individuals with type 1 diabetes mellitus (T1DM) do")
    assert spelled.text.endswith(spelled.core[1:])


def test_a_long_form_named_only_in_the_title_is_written_out_as_the_defining_source_writes_it(
    pubmedqa: dict[str, StoredSource],
) -> None:
    src = pubmedqa[T1DM]
    titled = _fixture(src, "fixture:3", PD_FIXTURE, "Synthetic Fixture On Parkinson's Disease")
    draft = _checked(titled, PD_FIXTURE).draft
    pd = Definition("PD", "Parkinson's disease", src.key, 0, False)
    spelled, defs = spell_out(draft, set(), {"PD": pd})
    assert "was Parkinson's disease (PD) in 4" in spelled.text  # not the title's casing
    assert [(d.key, d.start) for d in defs] == [("fixture:3", -1)]
    # a long form with a number is written out only where the text holds it (its number is pinned there)
    t1 = Definition("PD", "Parkinson's disease type 2", src.key, 0, False)
    numbered = _fixture(src, "fixture:3", PD_FIXTURE, "Synthetic fixture on Parkinson's disease type 2")
    assert spell_out(_checked(numbered, PD_FIXTURE).draft, set(), {"PD": t1})[1] == ()


def test_a_short_form_inside_another_long_form_is_not_written_out() -> None:
    """A tune23 article wrote "perivascular white adipose tissue (WAT) (pWAT)": WAT there is part of the long
    form that pWAT abbreviates (synthetic test sentences, not evidence)."""
    inside = "Synthetic test: perivascular WAT (pWAT) lies near vessels."
    assert written_out(inside, "WAT", "white adipose tissue") is None
    # a bracket that holds a statistic is no definition (review of the change)
    stat = "Synthetic test: PVD (P=0.005) was kept."
    assert written_out(stat, "PVD", "peripheral vascular disease") == (
        "Synthetic test: peripheral vascular disease (PVD) (P=0.005) was kept."
    )
    alone = "Synthetic test: WAT lies near vessels."
    assert written_out(alone, "WAT", "white adipose tissue") == (
        "Synthetic test: white adipose tissue (WAT) lies near vessels."
    )
