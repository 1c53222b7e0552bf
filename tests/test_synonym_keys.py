"""The keys of the MeSH wordings (``medcite.text.synonyms.key_words``): lower case, American spelling,
singular, no articles or prepositions. Each spelling rule runs only where the text holds its literal; the
keys are those of running every rule in order."""

from __future__ import annotations

import re

import pytest

from medcite.text.synonyms import _KEY_STOP, _TOKEN, key_words, synonyms
from medcite.text.words import SYNONYM_SPELLING, singular


def _every_rule(text: str) -> list[str]:
    """The keys as they were computed before the literal check: every rule, in order, on every text."""
    t = re.sub(r"['\u2019]s\b", "", text.lower())
    for pat, rep in SYNONYM_SPELLING:
        t = re.sub(pat, rep, t)
    return [singular(w) for w in _TOKEN.findall(t) if w not in _KEY_STOP]


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Parkinson's Disease", ["parkinson", "disease"]),
        ("Crohn\u2019s disease of the oesophagus", ["crohn", "disease", "esophagus"]),
        ("paediatric anaesthesia and haemorrhage", ["pediatric", "anesthesia", "hemorrhage"]),
        ("tumours organised in fibres", ["tumor", "organized", "fiber"]),
        ("an oestrogen catalogue of behaviours", ["estrogen", "catalog", "behavior"]),
        ("hospitalisation for leukaemia", ["hospitalization", "leukemia"]),
    ],
)
def test_keys_are_american_singular_content_words(text: str, key: list[str]) -> None:
    assert key_words(text) == key == _every_rule(text)


def test_the_keys_of_every_shipped_wording_are_those_of_every_rule_in_order() -> None:
    vocabulary = synonyms()
    wordings = [w for d in vocabulary.descriptors.values() for w in (*d.wordings, *d.abbrevs)]
    assert len(wordings) > 50_000
    assert [w for w in wordings if key_words(w) != _every_rule(w)] == []
