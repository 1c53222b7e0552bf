"""MeSH vocabulary for the population/indication check: finds headings in free text and relates them.

Data: ``models/verifier/mesh_cfm.json.gz`` (MeSH 2017 tree, branches C, F and M01; U.S. National Library of
Medicine, public domain), built by ``training/build_mesh.py``. MeSH tree numbers give the relation of two
descriptors: the same, broader (an ancestor), narrower (a descendant) or different.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources

from medcite.errors import ModelError
from medcite.text.phrases import longest_matches
from medcite.text.words import MESH_SPELLING, singular

MESH_FILE = "mesh_cfm.json.gz"

#: Common wordings that MeSH 2017 lists only as entry terms (not shipped): wording -> heading.
ALIASES: dict[str, str] = {
    "depression": "Depressive Disorder",
    "major depression": "Depressive Disorder, Major",
    "major depressive disorder": "Depressive Disorder, Major",
    "treatment-resistant depression": "Depressive Disorder, Treatment-Resistant",
    "treatment resistant depression": "Depressive Disorder, Treatment-Resistant",
    "generalized anxiety disorder": "Anxiety Disorders",
    "heart attack": "Myocardial Infarction",
    "high blood pressure": "Hypertension",
    "type 2 diabetes": "Diabetes Mellitus, Type 2",
    "type 1 diabetes": "Diabetes Mellitus, Type 1",
    "diabetes": "Diabetes Mellitus",
    "cancer": "Neoplasms",
    "tumor": "Neoplasms",
    "adults": "Adult",
    "children": "Child",
    "kids": "Child",
    "paediatric": "Child",
    "pediatric": "Child",
    "elderly": "Aged",
    "older adults": "Aged",
    "older people": "Aged",
    "older patients": "Aged",
    "newborn": "Infant, Newborn",
    "newborns": "Infant, Newborn",
    "neonate": "Infant, Newborn",
    "neonates": "Infant, Newborn",
    "preterm infants": "Infant, Premature",
    "adolescence": "Adolescent",
    "teenagers": "Adolescent",
    "pregnant women": "Pregnant Women",
    "pregnancy": "Pregnant Women",
}
_SPELLING = MESH_SPELLING
_TOKEN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_MAX_NGRAM = 6


class Relation(StrEnum):
    SAME = "same"
    BROADER = "broader"  # the first term is an ancestor of the second
    NARROWER = "narrower"
    DIFFERENT = "different"


@dataclass(frozen=True, slots=True)
class Term:
    heading: str
    trees: tuple[str, ...]
    surface: str  # the words found in the text

    @property
    def is_condition(self) -> bool:
        """A disease or mental disorder (C except C23 signs/symptoms, or F03)."""
        return any((t.startswith("C") and not t.startswith("C23")) or t.startswith("F03") for t in self.trees)

    @property
    def is_age_group(self) -> bool:
        return any(t.startswith("M01.060.") for t in self.trees)


def normalise(text: str) -> str:
    t = text.lower()
    for pat, rep in _SPELLING:
        t = re.sub(pat, rep, t)
    return t


def _key(words: Iterable[str]) -> str:
    return " ".join(singular(w) for w in words)


def _variants(heading: str) -> set[str]:
    h = normalise(heading)
    forms = {h}
    if ", " in h:
        parts = h.split(", ")
        if len(parts) == 2:
            forms.add(f"{parts[1]} {parts[0]}")
    return {_key(_TOKEN.findall(f)) for f in forms}


class MeshVocabulary:
    """Heading lookup over the shipped MeSH subset."""

    def __init__(self, headings: dict[str, list[str]]) -> None:
        self.headings = {h: tuple(ts) for h, ts in headings.items()}
        self._phrases: dict[str, str] = {}
        for h in self.headings:
            for v in _variants(h):
                if v and not v.isdigit():
                    self._phrases.setdefault(v, h)
        for wording, heading in ALIASES.items():
            if heading in self.headings:
                self._phrases[_key(_TOKEN.findall(normalise(wording)))] = heading
        self._starts = {p.split(" ", 1)[0] for p in self._phrases}

    @classmethod
    def load(cls) -> MeshVocabulary:
        try:
            ref = resources.files("medcite").joinpath("models", "verifier", MESH_FILE)
            with ref.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as fh:
                doc = json.load(fh)
        except (FileNotFoundError, OSError, ValueError) as exc:
            raise ModelError(
                f"the shipped MeSH file models/verifier/{MESH_FILE} cannot be read: {exc}"
            ) from exc
        return cls(doc["headings"])

    def term(self, heading: str) -> Term | None:
        trees = self.headings.get(heading)
        return Term(heading, trees, heading) if trees else None

    def find(self, text: str) -> list[Term]:
        """Headings named in ``text``, longest match first, non-overlapping, in text order."""
        words = [singular(w) for w in _TOKEN.findall(normalise(text))]
        hits = longest_matches(words, self._starts, _MAX_NGRAM, lambda run: self._phrases.get(" ".join(run)))
        return [Term(h, self.headings[h], " ".join(words[i:j])) for i, j, h in hits]


def relation(a: Term, b: Term) -> Relation:
    if a.heading == b.heading:
        return Relation.SAME
    for ta in a.trees:
        for tb in b.trees:
            if tb.startswith(ta + "."):
                return Relation.BROADER
            if ta.startswith(tb + "."):
                return Relation.NARROWER
    return Relation.DIFFERENT


@cache
def shipped_mesh() -> MeshVocabulary:
    """The shipped MeSH vocabulary, read once per process (the verifier and the citation audit share it)."""
    return MeshVocabulary.load()
