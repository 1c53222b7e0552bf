"""Abbreviations written out at their first use, as the cited source defines them (issue 9, item 5:
statements a clinician reads without the abstract that defined "XLH" or "T1DM")."""

from __future__ import annotations

from medcite.compose.assemble import Checked, _statement
from medcite.compose.candidates import Candidate
from medcite.compose.draft import Draft
from medcite.compose.spelling import article_definitions, spell_out, spelled_in_order
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


def test_nothing_is_written_out_that_is_defined_well_known_absent_or_misread() -> None:
    assert (
        written_out("in adults with X-linked hypophosphatemia (XLH).", "XLH", "X-linked hypophosphatemia")
        is None
    )
    assert written_out("in adults with hypophosphataemia (XLH).", "XLH", "X-linked hypophosphatemia") is None
    assert written_out("IL-6R blockade and anti-IL-6 antibodies.", "IL-6", "interleukin 6") is None
    assert written_out("OR 1.2 (95% CI 1.0 to 1.4).", "CI", "confidence interval") is None
    # the detector's long form reached past its word (PubMedQA 20871246): left as it is
    assert (
        written_out("unstable (APC2, LC3) fractures", "LC3", "requirements--lateral compression Type 3")
        is None
    )


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
    st1 = _statement(first, {src.key: 1}, spelled[id(first.draft)])
    st2 = _statement(second, {src.key: 1}, spelled[id(second.draft)])
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
    record = SourceRecord(
        key="fixture:1", title="Synthetic test fixture", sections=(AbstractSection("", fixture),)
    )
    other = StoredSource(0, record, src.evidence)
    first = _checked(src, "Participants were 7 individuals with T1DM and 10 controls.")
    clash = _checked(other, fixture)
    shared = article_definitions([first.draft, clash.draft])
    assert "T1DM" not in shared
    assert spell_out(first.draft, set(), shared)[0].text.startswith(
        "Participants were 7 individuals with type 1"
    )


def test_a_copyright_line_glued_to_the_last_sentence_goes() -> None:
    # as the screening-set records carry it ("... Movement Disorder Society.", "... John Wiley & Sons, Ltd.")
    assert trim_sentence("Results were consistent. Copyright © 2001 Movement Disorder Society.") == (
        "Results were consistent."
    )
    assert trim_sentence("The data support burosumab in adults with XLH.© 2018 The Authors") == (
        "The data support burosumab in adults with XLH."
    )
    assert trim_sentence("Group (c) 2005 had more events") == "Group (c) 2005 had more events."
