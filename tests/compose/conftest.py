from __future__ import annotations

from collections.abc import Iterator

import pytest

from medcite.compose import compose_article
from medcite.domain import Article, Provenance, StoredSource
from medcite.testing import OverlapSearcher
from tests.compose.doubles import DATA_DIR, LexicalVerifier, load_extra, load_pubmedqa
from tests.compose.llm_server import FakeLLMServer

KEYWORDS = ("clonidine", "bupropion", "ketamine", "methylphenidate", "zolpidem", "estrogen")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    if not (DATA_DIR / "pubmedqa" / "abstracts.jsonl").exists():
        skip = pytest.mark.skip(reason=f"shared data not found at {DATA_DIR} (set MEDCITE_DATA_DIR)")
        for item in items:
            if "compose" in str(item.fspath):
                item.add_marker(skip)


@pytest.fixture(scope="session")
def pubmedqa() -> dict[str, StoredSource]:
    return load_pubmedqa()


@pytest.fixture(scope="session")
def corpus(pubmedqa: dict[str, StoredSource]) -> list[StoredSource]:
    return list(pubmedqa.values()) + list(load_extra(KEYWORDS, limit=600).values())


@pytest.fixture(scope="session")
def searcher(corpus: list[StoredSource]) -> OverlapSearcher:
    return OverlapSearcher(corpus)


@pytest.fixture
def verifier() -> LexicalVerifier:
    return LexicalVerifier()


@pytest.fixture
def provenance() -> Provenance:
    return Provenance(
        corpus_version="test-corpus-1", settings_hash="abc123", model_ids=("test-double:lexical",)
    )


@pytest.fixture(scope="session")
def bupropion_article(searcher: OverlapSearcher) -> Article:
    return compose_article(
        "Does bupropion help smoking cessation?",
        searcher,
        LexicalVerifier(),
        provenance=Provenance(corpus_version="test-corpus-1", settings_hash="abc123"),
    )


@pytest.fixture(scope="session")
def therapy_article(searcher: OverlapSearcher) -> Article:
    return compose_article(
        "What is the role of clonidine in paediatric adenotonsillectomy?",
        searcher,
        LexicalVerifier(),
        provenance=Provenance(corpus_version="test-corpus-1", settings_hash="abc123"),
    )


@pytest.fixture
def llm_server() -> Iterator[FakeLLMServer]:
    server = FakeLLMServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()
