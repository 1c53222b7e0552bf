"""Sentence passages: offsets into record.text, abbreviations, merging of short fragments."""

from __future__ import annotations

import gzip
import json
import os
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from medcite.corpus.detect import parse_path
from medcite.domain import AbstractSection, Passage, SourceRecord
from medcite.text.sentences import MIN_CHARS, split_passages

_REPO = Path(__file__).resolve().parents[1]

# Synthetic test text (not medical content) exercising each abbreviation rule.
SYNTHETIC = (
    "Synthetic sentence one cites Smith et al. for the rule. Values were 2.5 and 3.75 units (p < 0.05). "
    "Options, e.g. alpha, i.e. the first one, were compared vs. beta in Fig. 2 of the test. "
    "The sample was approx. 10 units as noted by J. R. Tester in this file. Ok. A final synthetic sentence."
)


def test_abbreviations_and_decimals() -> None:
    rec = SourceRecord(key="synthetic:1", title="Synthetic", sections=(AbstractSection("", SYNTHETIC),))
    texts = [p.text for p in split_passages(rec)]
    assert texts == [
        "Synthetic sentence one cites Smith et al. for the rule.",
        "Values were 2.5 and 3.75 units (p < 0.05).",
        "Options, e.g. alpha, i.e. the first one, were compared vs. beta in Fig. 2 of the test.",
        "The sample was approx. 10 units as noted by J. R. Tester in this file. Ok.",
        "A final synthetic sentence.",
    ]


def test_acronyms_and_section_breaks_end_sentences() -> None:
    # real text of PMID 14581254 (corpora/abstracts_extra): "SR" (sustained release) is no "Sr.", and the
    # ".;" of a screening-set abstract is a section break
    text = (
        "Secondary outcomes included adverse and abstinence effects reported since beginning treatment with "
        "bupropion SR.; At 3 months, a significantly higher rate of nonsmoking was observed among those "
        "receiving the larger bupropion SR dose (P=.005)."
    )
    rec = SourceRecord(key="14581254", title="", sections=(AbstractSection("", text),))
    assert [p.text for p in split_passages(rec)] == [
        "Secondary outcomes included adverse and abstinence effects reported since beginning treatment with "
        "bupropion SR.",
        "At 3 months, a significantly higher rate of nonsmoking was observed among those receiving the "
        "larger bupropion SR dose (P=.005).",
    ]
    # synthetic test text: the same rules without the section break; "Sr." and "No." stay abbreviations
    rec = SourceRecord(
        key="synthetic:3",
        title="",
        sections=(
            AbstractSection(
                "", "Synthetic levels of nitric oxide (NO). Synthetic text by Tester Sr. Then No. 5 came."
            ),
        ),
    )
    assert [p.text for p in split_passages(rec)] == [
        "Synthetic levels of nitric oxide (NO).",
        "Synthetic text by Tester Sr. Then No. 5 came.",
    ]


def _sentences_of(text: str) -> list[str]:
    return [p.text for p in split_passages(SourceRecord("synthetic", "", (AbstractSection("", text),)))]


def _glued_passages(shared: Path, glued: re.Pattern[str]) -> list[tuple[SourceRecord, list[Passage]]]:
    """The first 200 screening-set abstracts where ``glued`` matches, each with its passages (offsets
    checked against the record's text)."""
    with gzip.open(shared / "corpora" / "abstracts_extra.jsonl.gz", "rt", encoding="utf-8") as fh:
        texts = [a for line in fh if glued.search(a := json.loads(line).get("abstract") or "")][:200]
    assert len(texts) == 200
    out = []
    for text in texts:
        rec = SourceRecord(key="x", title="", sections=(AbstractSection("", text),))
        passages = split_passages(rec)
        assert all(rec.text[p.start : p.end] == p.text for p in passages)
        out.append((rec, passages))
    return out


def test_sentences_glued_without_a_space_are_two(shared: Path) -> None:
    """Screening-set abstracts glue sentences ("... with the other agents.Ustekinumab was associated ..."):
    one statement quoted two sentences. A full stop between a word's end or a closing bracket and a
    capitalised word is a boundary; "et al.The" and "E.coli" are not."""
    glued = re.compile(r"[a-z]{3}\.[A-Z][a-z]{2,}")
    for _rec, passages in _glued_passages(shared, glued):
        for p in passages:
            inner = [m for m in glued.finditer(p.text) if not re.search(r"\bal$", p.text[: m.start() + 3])]
            assert not inner or len(p.text) - inner[-1].end() < MIN_CHARS, p.text
    synthetic = (
        "Synthetic text by Tester et al.The test went on. E.coli grew in the synthetic test.Then it stopped "
        "growing at all."
    )
    assert _sentences_of(synthetic) == [
        "Synthetic text by Tester et al.The test went on.",
        "E.coli grew in the synthetic test.",
        "Then it stopped growing at all.",
    ]


def test_a_glued_sentence_that_opens_with_a_short_word_is_split(shared: Path) -> None:
    """The screening-set abstracts glue sentences that open with a word of one or two letters too ("...
    ovarian abnormalities.A 6-month comparative ...", "... clinical trial.To determine ..."): a statement
    had quoted both. "2.5 mg.We" (two letters before the stop) and "e.g.A" stay."""
    glued = re.compile(r"[a-z]{3}\.(?:[A-Z][a-z]?) [a-z0-9(]")
    for _rec, passages in _glued_passages(shared, glued):
        for p in passages:
            # a fragment under MIN_CHARS on either side is merged ("Case report.To report ...")
            inner = [m for m in glued.finditer(p.text) if m.start() + 4 >= MIN_CHARS]
            assert not [m for m in inner if len(p.text) - m.end() >= MIN_CHARS], p.text
    synthetic = (
        "Synthetic ovarian abnormalities.A synthetic 6-month study. "
        "The dose was 2.5 mg.We went on, e.g.A test."
    )
    assert _sentences_of(synthetic) == [
        "Synthetic ovarian abnormalities.",
        "A synthetic 6-month study.",
        "The dose was 2.5 mg.We went on, e.g.A test.",
    ]


def test_sections_offsets_and_labels() -> None:
    rec = SourceRecord(
        key="synthetic:2",
        title="Synthetic",
        sections=(
            AbstractSection("BACKGROUND", "First synthetic section text here."),
            AbstractSection("", ""),
        ),
    )
    rec2 = SourceRecord(
        key="synthetic:3",
        title="Synthetic",
        sections=(
            AbstractSection("BACKGROUND", "First synthetic section text here."),
            AbstractSection("RESULTS", "Second synthetic section. It has two sentences."),
        ),
    )
    assert [p.section for p in split_passages(rec)] == ["BACKGROUND"]
    passages = split_passages(rec2)
    assert [p.section for p in passages] == ["BACKGROUND", "RESULTS", "RESULTS"]
    assert [p.idx for p in passages] == [0, 1, 2]
    assert all(rec2.text[p.start : p.end] == p.text for p in passages)


def test_no_sections_no_passages() -> None:
    assert split_passages(SourceRecord(key="synthetic:4", title="Synthetic title only")) == []


def test_real_abstracts_keep_offsets() -> None:
    data = Path(os.environ.get("MEDCITE_DATA_DIR", _REPO / ".." / "shared" / "data"))
    if not data.is_dir():
        pytest.skip("shared data folder not found (set MEDCITE_DATA_DIR or place it at ../shared/data)")
    count = 0
    for rec in parse_path(data / "medline_sample" / "medline16n0902.xml.gz"):
        if isinstance(rec, SourceRecord):
            passages = split_passages(rec)
            text = rec.text
            assert all(text[p.start : p.end] == p.text for p in passages)
            assert all(len(p.text) >= MIN_CHARS for p in passages[1:] if p.section == passages[0].section)
            count += len(passages)
    assert count > 3000


_TOKENS = [*"abcXYZ .,?!;:0123456789()\n\t\"'", "et al.", " vs. ", "Fig. ", "2.5", "e.g. ", "J. R. ", ". A"]
_SECTION_TEXT = st.lists(st.sampled_from(_TOKENS), max_size=80).map("".join)


@given(st.lists(st.tuples(st.sampled_from(["", "METHODS", "RESULTS"]), _SECTION_TEXT), max_size=5))
def test_offsets_property(parts: list[tuple[str, str]]) -> None:
    rec = SourceRecord(
        key="synthetic:h", title="t", sections=tuple(AbstractSection(lab, t) for lab, t in parts)
    )
    passages = split_passages(rec)
    text = rec.text
    last_end = 0
    for i, p in enumerate(passages):
        assert text[p.start : p.end] == p.text
        assert p.text == p.text.strip() and p.text
        assert p.start >= last_end and p.idx == i
        last_end = p.end


def test_a_standard_deviation_abbreviation_ends_no_sentence() -> None:
    """PMID 25274085 (PubMedQA): "0.221 (st.dev. 0.019)" had cut a results sentence at "(st.dev."."""
    from medcite.text.sentences import split_sentences

    text = (
        "By fitting Cox models, average 1 - c-index values were 0.221 (st.dev. 0.019) for BRCA1 carriers and "
        "0.215 (st.dev. 0.018) for BRCA2 carriers. Random survival forests did not yield higher performance."
    )
    spans = split_sentences(text)
    assert text[spans[0][0] : spans[0][1]].endswith("for BRCA2 carriers.")
    assert len(spans) == 2
