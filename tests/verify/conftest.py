"""Fixtures for the verifier tests: real sentences from the shared data, and the shipped verifier."""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from medcite.bootstrap import load_verifier
from medcite.config import load_settings
from medcite.text import split_sentences
from medcite.verify import ClaimVerifier

FindSentence = Callable[[str], list[str]]


@pytest.fixture(scope="session")
def abstracts(shared: Path) -> list[str]:
    """Abstract texts of Evidence Inference RCTs (MIT) and the extra corpora (title + abstract)."""
    texts: list[str] = []
    with gzip.open(shared / "evidence_inference" / "ei_abstracts.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            texts.append(" ".join(s["text"] for s in r["abstract_sections"]))
    with gzip.open(shared / "corpora" / "abstracts_extra.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            if r.get("abstract"):
                texts.append(r["abstract"])
    return texts


@pytest.fixture(scope="session")
def find_sentence(abstracts: list[str]) -> FindSentence:
    """All real sentences matching a regex (case-insensitive), in corpus order."""
    cache: dict[str, list[str]] = {}

    def find(pattern: str) -> list[str]:
        if pattern not in cache:
            rx = re.compile(pattern, re.IGNORECASE)
            cache[pattern] = [
                t[s:e] for t in abstracts if rx.search(t) for s, e in split_sentences(t) if rx.search(t[s:e])
            ]
        return cache[pattern]

    return find


@pytest.fixture(scope="session")
def verifier() -> ClaimVerifier:
    return load_verifier(load_settings())
