"""Misspelt question words read as the word the indexed literature uses (real BioASQ questions, a tantivy
index of real shared abstracts)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from medcite.adapters.tantivy_index import TantivyIndex
from medcite.text.synonyms import synonyms
from medcite.text.typos import edits, misspellings, respelled
from tests.compose.doubles import DATA_DIR, load_extra

# BioASQ 7B-9B questions as their authors typed them
THREAPY = "Can antisense threapy be used for Huntington's disease?"
GENEOME = "Is the Paramyxovirus geneome segmented, negative-sense RNA?"
APPRIVED = "Cerliponase alfa is apprived for treatment of which disease?"


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> TantivyIndex:
    idx = TantivyIndex(tmp_path_factory.mktemp("lexical") / "lex")
    for word in ("therapy", "genome", "approved"):
        idx.upsert(list(load_extra([word], limit=150).values()))
    idx.commit(1)
    return idx


def _read(question: str, index: TantivyIndex, min_indexed: int = 0) -> dict[str, str]:
    return misspellings(question, index.document_frequencies, synonyms().knows, index.num_docs, min_indexed)


def test_real_misspellings_are_read_as_the_words_the_sources_use(index: TantivyIndex) -> None:
    assert _read(THREAPY, index) == {"threapy": "therapy"}
    assert (
        respelled(THREAPY, _read(THREAPY, index)) == "Can antisense therapy be used for Huntington's disease?"
    )
    assert _read(GENEOME, index) == {"geneome": "genome"}
    assert _read(APPRIVED, index) == {"apprived": "approved"}


def test_words_the_sources_hold_or_mesh_knows_stay(index: TantivyIndex) -> None:
    assert _read("Is antisense therapy used for Huntington's disease?", index) == {}
    # a rare drug name that no source here holds is no typo: MeSH knows it
    assert index.document_frequencies(["trichotillomania"]) == [0]
    assert synonyms().knows("trichotillomania")
    assert _read("Is inositol effective for trichotillomania?", index) == {}
    # an abbreviation or gene symbol is never mended
    assert _read("Does RUNX2 inhibit astrocyte differentiation in rhEPO-treated mice?", index) == {}


def test_a_change_at_the_end_of_a_word_is_a_form_not_a_slip() -> None:
    assert "cystoscopis" not in edits("cystoscopist")
    assert "kynureninate" not in edits("kynureninase")
    assert "therapy" in edits("threapy") and "genome" in edits("geneome")


def test_a_small_store_mends_nothing(index: TantivyIndex) -> None:
    """Absence from 400 abstracts says little: with the default floor no question is mended."""
    assert index.num_docs < 20_000
    assert _read(THREAPY, index, min_indexed=20_000) == {}
    path = DATA_DIR / "bioasq" / "questions_7b-9b.jsonl"
    bodies = [json.loads(line)["body"] for line in path.read_text(encoding="utf-8").splitlines()]
    assert not any(
        misspellings(q, index.document_frequencies, synonyms().knows, index.num_docs) for q in bodies[:300]
    )


def test_the_article_shows_the_question_as_asked_and_says_how_it_was_read(tmp_path: Path) -> None:
    from medcite.compose import compose_article
    from medcite.domain import Provenance
    from medcite.present.markdown import to_markdown
    from tests.compose.doubles import LexicalVerifier, OracleSearcher

    sources = load_extra(["antisense"], limit=40)
    idx = TantivyIndex(tmp_path / "lex")
    idx.upsert(list(sources.values()))
    idx.commit(1)

    class Big:  # the index, counted as a large store
        num_docs = 50_000

        def document_frequencies(self, words: list[str]) -> list[int]:
            return [n * 100 for n in idx.document_frequencies(words)]

    prov = Provenance(
        corpus_version="test", settings_hash="x", model_ids=(), created_at="2026-12-05T00:00:00Z"
    )
    art = compose_article(
        THREAPY, OracleSearcher(list(sources.values())), LexicalVerifier(), provenance=prov, vocabulary=Big()
    )
    assert art.question == THREAPY
    assert art.analysis.respelled == (("threapy", "therapy"),)
    assert 'The question was read with its spelling mended: "threapy" as "therapy".' in to_markdown(art)
