"""Resolving references in the store: by PMID, by DOI (any case), by a fuzzy title match; a manual is not
looked up; an unknown reference stays unresolved. The records are synthetic test fixtures, not evidence."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from medcite.adapters.sql import Store
from medcite.domain import AbstractSection, SearchHit, SourceRecord
from medcite.domain.audit import RefKind
from medcite.services.audit import Resolver, title_similarity
from medcite.verify.references import parse_reference

TEXT = (AbstractSection("", "Synthetic test fixture, not evidence: compound alpha was given to volunteers."),)
RECORDS = [
    SourceRecord(
        key="90000001", pmid="90000001", title="Synthetic fixture one about compound alpha", sections=TEXT
    ),
    SourceRecord(
        key="syn:2", doi="10.1000/Synth.Two", title="Synthetic fixture two on compound beta", sections=TEXT
    ),
    SourceRecord(
        key="syn:3", title="A synthetic fixture trial of compound gamma in adult volunteers", sections=TEXT
    ),
]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store.open(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    s.upsert(RECORDS)
    yield s
    s.close()


def test_resolution_order_and_kinds(store: Store) -> None:
    def search(query: str, k: int) -> list[SearchHit]:  # a stand-in for the lexical index: every source
        return [SearchHit(src, 1.0, ()) for src in store.get_sources(["90000001", "syn:2", "syn:3"]).values()]

    resolver = Resolver(store, search)
    cases = {
        "Doe J. Some other title. Synth J. 2020;1:1-2. PMID: 90000001": ("90000001", "pmid"),
        "Doe J. Another title. Synth J. 2020;1:1-2. doi:10.1000/synth.two": ("syn:2", "doi"),
        "Doe J. A synthetic fixture trial of compound gamma in adult volunteers. Synth J. 2021;2:3-4.": (
            "syn:3",
            "title",
        ),
        "Doe J. An unknown synthetic title that matches nothing here. Synth J. 2021;2:3-4.": (None, ""),
    }
    for raw, (key, how) in cases.items():
        res, src = resolver.resolve(parse_reference(1, raw))
        assert (res.source_key, res.matched_by) == (key, how), raw
        assert (src is None) == (key is None)
    manual = parse_reference(2, "American Psychiatric Association. DSM-5. 2013.")
    assert manual.kind is RefKind.MANUAL
    assert resolver.resolve(manual) == (resolver.resolve(manual)[0], None)


def test_title_similarity() -> None:
    assert title_similarity("A Trial of X in Adults.", "a trial of x in adults") == 1.0
    assert title_similarity("A trial of X in adults", "A review of Y in children") < 0.88
