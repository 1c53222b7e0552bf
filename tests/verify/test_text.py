"""Sentence splitting and ranking on real abstracts."""

from __future__ import annotations

import itertools

from medcite.domain import Evidence
from medcite.text import split_sentences
from medcite.verify.text import evidence_sentences, rank_sentences


def test_sentence_spans_cover_real_abstracts(abstracts: list[str]) -> None:
    for text in [a for a in abstracts if a.strip()][:300]:
        spans = split_sentences(text)
        assert spans
        for (s, e), (s2, _) in itertools.pairwise(spans):
            assert s < e <= s2
            assert text[s:e] == text[s:e].strip()
        assert "".join("".join(text[s:e].split()) for s, e in spans) == "".join(text.split())


def test_no_split_after_abbreviations() -> None:
    # (a second sentence under 20 characters would be merged into the first, as passages are)
    text = "As shown by Smith et al. in 2010, e.g. in trials. The next sentence follows."
    assert len(split_sentences(text)) == 2


def test_best_overlap_first_with_source_offsets(abstracts: list[str]) -> None:
    text = next(a for a in abstracts if len(split_sentences(a)) >= 6)
    spans = split_sentences(text)
    target = text[spans[3][0] : spans[3][1]]
    sents = evidence_sentences([Evidence(text=text, source_key="k", offset=50)])
    best = rank_sentences(target, sents)[0][1]
    assert best.text == target and best.start == spans[3][0] + 50 and best.source_key == "k"


def test_one_singulariser_for_every_word_list() -> None:
    from medcite.text.words import singular

    cases = {
        "antibodies": "antibody",
        "viruses": "virus",
        "diseases": "disease",
        "children": "child",
        "mice": "mouse",
        "genes": "gene",
        "sepsis": "sepsis",
        "status": "status",
        "stress": "stress",
    }
    assert {w: singular(w) for w in cases} == cases
