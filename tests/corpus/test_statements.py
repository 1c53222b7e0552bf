"""Readable statements (issue 9, item 5) and study-card spans on arbitrary text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from medcite.corpus import clean_statement, study_card
from medcite.domain import AbstractSection, Design, EvidenceInfo, SourceRecord, StoredSource


def test_the_authors_frame_goes_and_the_claim_stays() -> None:
    # sentences of the kinds quoted in issue 9; the wording of the claim is kept
    assert clean_statement(
        "We conclude that telephone counseling increases mammography use.", "conclusions"
    ) == ("Telephone counseling increases mammography use.")
    assert (
        clean_statement("Our results suggest that early surgery may reduce mortality.", "conclusions")
        == "Early surgery may reduce mortality."
    )
    assert (
        clean_statement(
            "We found no significant difference in wound infection between the groups (P>0.05).", "results"
        )
        == "There was no significant difference in wound infection between the groups (P>0.05)."
    )
    assert (
        clean_statement("Our patients had fewer complications.", "results")
        == "The patients had fewer complications."
    )


def test_a_lead_that_points_at_the_study_goes_and_symbols_keep_their_case() -> None:
    # sentences quoted from PubMedQA abstracts
    gbs = "a significant increase in the incidence of GBS colonization in pregnant women in northern Israel."
    assert clean_statement(f"In the present study we found {gbs}", "results") == f"There was {gbs}"
    cimt = "cIMT also correlated positively with leptin and NADPH oxidase activity in obese patients."
    assert clean_statement(f"In addition, {cimt}", "results") == cimt


def test_glued_fragments_and_truncation_notes_go() -> None:
    out = clean_statement(
        "Mortality was lower in the treated group.; CONCLUSIONS: Treatment is safe. "
        "(ABSTRACT TRUNCATED AT 250 WORDS)",
        "results",
    )
    assert out == "Mortality was lower in the treated group. Treatment is safe."


def test_a_bioinformatics_label_without_its_colon_goes() -> None:
    # BioASQ snippet record PMID 29040384 keeps the journal's label glued to the sentence
    text = "Availability and implementation SELANSI runs under the MATLAB environment."
    assert clean_statement(text, "results") == "SELANSI runs under the MATLAB environment."
    assert clean_statement("Implementation of the program was slow.", "results").startswith("Implementation")
    # the label's words are no heading words elsewhere (a sentence of the shared screening sets)
    imp = "The Implementation Methods Programme (IMP) flowed from the recommendations."
    assert clean_statement(imp, "results") == imp


def test_what_a_tool_made_by_the_authors_does_is_no_aim_of_the_study() -> None:
    # BioASQ snippet record PMID 31179159 (the answer to a factoid question on network-based analysis)
    made = (
        "In this paper, we introduce a new R/Bioconductor package INDEED that allows users to construct a "
        "sparse network based on partial correlation, and to identify biomarkers."
    )
    assert clean_statement(made, "results") == made.replace("In this paper, we", "The authors")
    assert clean_statement("We designed this study to determine whether X reduces Y.", "results") is None
    assert clean_statement("We developed a questionnaire to assess pain in children.", "results") is None
    # a study that aims, or a clause that asks whether, is still an aim after "that"
    aim = "We designed a prospective study that aimed to determine whether X reduces Y."
    assert clean_statement(aim, "results") is None
    asks = "We developed reOSCE that was integrated into the course to establish whether students learn."
    assert clean_statement(asks, "results") is None


def test_no_statement_where_the_authors_still_speak_or_no_finding_is_stated() -> None:
    assert clean_statement("We believe that this approach is promising.", "conclusions") is None
    assert clean_statement("Patients were randomly assigned to receive drug or placebo.", "methods") is None
    assert clean_statement("Asthma is a common chronic disease of childhood.", "background") is None
    assert clean_statement("The aim was to compare two dressings.", "objective") is None


def test_a_lone_sentence_is_read_by_the_role_model() -> None:
    # no role given: the role model reads the sentence alone
    assert clean_statement("We randomly assigned 120 patients to ketamine or placebo.") is None
    assert clean_statement("We conclude that ketamine reduced anxiety scores compared with placebo.") == (
        "Ketamine reduced anxiety scores compared with placebo."
    )


_WORDS = st.sampled_from(
    "patients children mice with versus vs. compared placebo or randomized to receive mg 10 0.5 /kg "
    "intravenous p < = 0.05 95% CI OR 1.2 to ( ) , . ; : reduced increased no difference in follow-up of "
    "12 months weeks hospital in a tertiary adverse events We conclude that significantly".split()
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(_WORDS, min_size=1, max_size=60).map(" ".join), min_size=1, max_size=4))
def test_every_card_span_is_its_text_on_any_text(sections: list[str]) -> None:
    record = SourceRecord(
        key="synthetic", title="synthetic test text", sections=tuple(AbstractSection("", s) for s in sections)
    )
    source = StoredSource(1, record, EvidenceInfo(Design.OTHER, True, sample_size=10, human=None))
    card = study_card(source)
    text = record.text
    for span in card.spans():
        assert text[span.start : span.end] == span.text
