"""check_citations: the entry point that checks a text's numbered citations against their sources."""

from __future__ import annotations

import pytest

from medcite.domain import Evidence, Label
from medcite.errors import InputError
from medcite.testing import WordOverlapVerifier
from medcite.verify.citation_check import check_citations, citing_sentences, parse_citations

# Synthetic test fixtures (not evidence): placeholder wording only.
SRC1 = [Evidence("Synthetic fixture one: compound alpha lowered the test score in volunteers.", "s:1")]
SRC2 = [Evidence("Synthetic fixture two: compound beta raised the marker level in cells.", "s:2")]


def test_parse_citation_marks() -> None:
    assert parse_citations("1") == (1,)
    assert parse_citations("1, 4") == (1, 4)
    assert parse_citations("3-5") == (3, 4, 5)
    assert parse_citations("2,2;3") == (2, 3)
    with pytest.raises(InputError, match="range"):
        parse_citations("5-2")


def test_citing_sentences_strip_markers_and_keep_offsets() -> None:
    text = (
        "Compound alpha lowered the test score [1]. This sentence cites nothing at all. "
        "Beta raised the marker [2, 3]."
    )
    got = citing_sentences(text)
    assert [(c, n) for c, _s, _e, n in got] == [
        ("Compound alpha lowered the test score.", (1,)),
        ("Beta raised the marker.", (2, 3)),
    ]
    _claim, s, e, _n = got[1]
    assert text[s:e].startswith("Beta raised")


def test_each_sentence_is_checked_against_its_own_citations_in_one_batch() -> None:
    text = (
        "Compound alpha lowered the test score in volunteers [1]. "
        "Compound alpha lowered the test score in volunteers [2]. "
        "Compound beta raised the marker level [1,2]. "
        "Something about gamma [7]."
    )
    verifier = WordOverlapVerifier()
    report = check_citations(text, {1: SRC1, 2: SRC2}, verifier)
    first, wrong_source, both, missing = report.sentences
    assert first.supported and first.together is not None and first.together.label is Label.SUPPORTED
    assert not wrong_source.supported  # the right words, the wrong source
    assert both.together is not None and both.together.label is Label.SUPPORTED
    assert [n for n, _v in both.alone] == [1, 2]
    assert both.alone[1][1].label is Label.SUPPORTED and both.alone[0][1].label is not Label.SUPPORTED
    assert missing.together is None and missing.missing == (7,)
    assert report.summary == "2 of 4 citing sentence(s) are supported by the sources they cite."
    assert verifier.calls == [5]  # one batch: three sentences together, and [1,2] each alone


def test_empty_text_is_an_input_error() -> None:
    with pytest.raises(InputError, match="empty"):
        check_citations("  ", {}, WordOverlapVerifier())
