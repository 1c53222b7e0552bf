"""Evidence classification on real records from the shared data (expected values read from the abstracts)."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

import pytest

from medcite.corpus.classify import classify, sample_size
from medcite.corpus.detect import parse_path
from medcite.domain import AbstractSection, Design, SourceRecord
from medcite.text import word_number

_REPO = Path(__file__).resolve().parents[1]


def _data_dir() -> Path:
    path = Path(os.environ.get("MEDCITE_DATA_DIR", _REPO / ".." / "shared" / "data"))
    if not path.is_dir():
        pytest.skip("shared data folder not found (set MEDCITE_DATA_DIR or place it at ../shared/data)")
    return path


@cache
def _load(relative: str) -> dict[str, SourceRecord]:
    return {r.key: r for r in parse_path(_data_dir() / relative) if isinstance(r, SourceRecord)}


def record(relative: str, key: str) -> SourceRecord:
    return _load(relative)[key]


XML = "formats/pubmed_xml_samples"
QA = "pubmedqa/abstracts.jsonl"


@pytest.mark.parametrize(
    ("relative", "key", "design", "inferred"),
    [
        ("medline_sample/pubmed-29768149.xml", "29768149", Design.RCT, False),  # Randomized Controlled Trial
        # Observational Study + MeSH Case-Control Studies (a nested case-control design): the specific one
        ("formats/eutils_samples_biopython/Entrez/pubmed4.xml", "27797938", Design.CASE_CONTROL, False),
        (XML, "22441635", Design.OBSERVATIONAL, False),  # Clinical Trial, open-label: not randomised
        (XML, "10025881", Design.CASE_CONTROL, False),  # MeSH Case-Control Studies
        (XML, "22662643", Design.CASE_SERIES, False),  # Case Reports
        (XML, "22215830", Design.REVIEW, False),  # Review
        (
            "formats/eutils_samples_biopython/Entrez/pubmed2.xml",
            "11748933",
            Design.ANIMAL,
            False,
        ),  # Animals only
        (QA, "10808977", Design.RCT, True),  # "Women were randomized to 1 of 3 groups"
        (QA, "24785562", Design.META_ANALYSIS, True),  # "Meta-analysis was performed ..."
        (QA, "17113061", Design.CASE_CONTROL, True),  # "In a 1:2 case-control study ..."
        (QA, "22694248", Design.ANIMAL, True),  # MeSH Animals, no Humans
    ],
)
def test_design(relative: str, key: str, design: Design, inferred: bool) -> None:
    info = classify(record(relative, key))
    assert (info.design, info.inferred) == (design, inferred)


@pytest.mark.parametrize(
    ("relative", "key", "expected"),
    [
        ("medline_sample/pubmed-29768149.xml", "29768149", 3849),  # "A total of 3849 patients underwent ..."
        ("medline_sample/medline16n0902.xml.gz", "26702390", 19985),  # "A total of 19,985 adolescents ..."
        (
            "medline_sample/medline16n0902.xml.gz",
            "26702318",
            141,
        ),  # "A total of 141 patients ... were enrolled"
        (QA, "9542484", 303),  # "Case notes of 303 patients from the various clinics were studied."
        (QA, "22849512", 852),  # "Adolescents (n = 852) completed a questionnaire"
        (QA, "17113061", 114),  # "case-control study of ... subjects (n=114)"
        (QA, "23831910", 66),  # "performed on 66 patients"; not "Thirty-two patients were female"
        (QA, "25699562", None),  # two "n = 250" groups: not a clear total
        (QA, "24449622", 207),  # "Two hundred and seven patients ... were included" (not "seven")
        (QA, "10808977", 1099),  # "One thousand ninety-nine women aged 50 and older recruited ..."
        ("medline_sample/medline16n0902.xml.gz", "26694915", None),  # animal groups "n = 3"
    ],
)
def test_sample_size(relative: str, key: str, expected: int | None) -> None:
    assert classify(record(relative, key)).sample_size == expected


def test_numbers_in_words_read_thousands() -> None:
    assert word_number("One thousand ninety-nine") == 1099
    assert word_number("two thousand three hundred and five") == 2305
    assert word_number("one thousand thousand") is None
    assert word_number("Four thousand, six hundred and ninety-five") == 4695
    assert sample_size("Twenty-five thousand patients were enrolled.") == 25000  # not 25 "thousand patients"
    assert sample_size("Four thousand, six hundred and ninety-five patients were randomised.") == 4695


def test_sample_size_reads_hundreds_in_words() -> None:
    # sentences from real abstracts of the shared data (PMID 12714026; PubMedQA 18847643, "trauma" dropped)
    assert (
        sample_size(
            "Six hundred twenty-nine subjects with CVD who smoked >/=10 cigarettes/day were "
            "randomised in a double-blind, multicentre study."
        )
        == 629
    )
    assert sample_size("One-hundred-fourteen patients were initiated on therapeutic anticoagulation.") == 114
    # the real sentence (PubMedQA 18847643) names the kind of patients: read as "sample size not found" before
    assert (
        sample_size("One-hundred-fourteen trauma patients were initiated on therapeutic anticoagulation.")
        == 114
    )
    assert sample_size("Twelve trauma patients were excluded.") is None  # still a subgroup, not the sample
    # the abstract of 12714026 as stored: "...disease (CVD).; Six hundred ... cigarettes/day were randomised"
    assert (
        sample_size(
            "To investigate the safety and efficacy of bupropion sustained release (bupropion SR) in "
            "promoting abstinence from smoking in subjects with cardiovascular disease (CVD).; Six hundred "
            "twenty-nine subjects with CVD who smoked >/=10 cigarettes/day were randomised in a "
            "double-blind, multicentre study to receive bupropion SR (150 mg twice daily) or placebo."
        )
        == 629
    )


def test_human_flag() -> None:
    assert classify(record("medline_sample/pubmed-29768149.xml", "29768149")).human is True
    assert classify(record("formats/eutils_samples_biopython/Entrez/pubmed2.xml", "11748933")).human is False


def test_sample_size_ignores_years_doses_and_percentages() -> None:
    # sentences copied from real abstracts of the shared data
    qa = _load(QA)
    text = qa["26285789"].text  # percentages, months, hazard ratios and a subgroup "(n = 22)"
    assert sample_size(text) is None
    assert sample_size("In 2005 patients were recruited from clinics.") is None  # year, not a count
    assert sample_size("The dose was 250 mg given to patients twice daily.") is None


def test_no_text_no_design() -> None:
    info = classify(SourceRecord(key="synthetic:1", title="Synthetic test title"))
    assert info.design == Design.OTHER and info.sample_size is None and info.human is None


def test_title_naming_animal_subjects_wins_over_human_words_in_the_text() -> None:
    # a real screening-set record: the title says "in adult Wistar rats", the abstract mentions psychotic
    # episodes in people; the subjects studied are rats
    rec = record("corpora/abstracts_extra.jsonl.gz", "27252027")
    assert "rats" in rec.title
    info = classify(rec)
    assert info.human is False and info.design == Design.ANIMAL


def test_animal_words_in_a_title_do_not_make_a_human_study_animal() -> None:
    text = "Synthetic test text, not evidence: 40 patients were studied."
    for title in ("Porcine versus bovine heparin during bypass", "Dog ownership and asthma in adults"):
        rec = SourceRecord(key="synthetic:1", title=title, sections=(AbstractSection("", text),))
        assert classify(rec).human is True


def test_a_blinded_placebo_controlled_trial_is_a_randomised_trial() -> None:
    # real titles from corpora/abstracts_extra (PMID 10653203, PMID 12640225)
    blinded = SourceRecord(
        key="t1",
        title="A Double-Blind, Placebo-Controlled Trial of Abecarnil and Diazepam in the Treatment of "
        "Patients "
        "With Generalized Anxiety Disorder",
    )
    assert classify(blinded).design is Design.RCT
    open_label = SourceRecord(
        key="t2",
        title="An open-label trial of modafinil augmentation in patients with partial response to "
        "antidepressant therapy",
    )
    assert classify(open_label).design is not Design.RCT
