"""Who a study's subjects are, from its MeSH and its words: people, or animals and laboratory work.

Used by :mod:`medcite.corpus.classify` (non-human subjects give ANIMAL; a text about people alone is no
animal study whatever the text model guesses). The animal and human words are in :mod:`medcite.text.words`,
the laboratory and in-vivo cues in :mod:`medcite.text.design_cues`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from medcite.domain import SourceRecord
from medcite.text import alternation
from medcite.text.design_cues import IN_VIVO, LABORATORY
from medcite.text.words import AGE_WORDS, ANIMAL_NOUNS, ANIMAL_WORDS, HUMAN_SUBJECTS

_WORD = re.compile(r"[a-z]+")
# a title that names animals as the subjects: "in adult Wistar rats", "of mice"
_ANIMAL_SUBJECTS = re.compile(
    rf"\b(?:in|of|on|from|using)\s+(?:[\w-]+\s+){{0,3}}?{alternation(ANIMAL_NOUNS)}\b"
)
# the design model never answers ANIMAL for a text with words for people and no animal, laboratory or
# in-vivo cue and no MeSH "Animals" ("Patients were also evaluated by using the Parkinson Disease
# Questionnaire -39 ...", a BioASQ snippet stored as an animal study; a tuning-half reading, 2026-12-07).
# Off: it may
PEOPLE_NOT_ANIMAL = True


# "siRNA" as a text's only laboratory term, with no word for animals, names a drug (inclisiran, patisiran,
# givosiran: all 17 such records of the shared corpora are reviews of siRNA therapeutics; a tune22 article
# had prefixed a review of inclisiran's clinical trials "In an animal or laboratory study"); off: it is
# laboratory work like any siRNA knock-down
SIRNA_DRUG = True


def human(record: SourceRecord, text: str) -> bool | None:
    """Whether the subjects are human: MeSH "Humans" (True) or "Animals" (False); else a title that names
    animals as the subjects, or animal and laboratory words that outnumber the words for people by more
    than one (False); words for people (True); None where the text names neither."""
    descriptors = {m.descriptor for m in record.mesh}
    if "Humans" in descriptors:
        return True
    if "Animals" in descriptors:
        return False
    title = record.title.lower()
    if _ANIMAL_SUBJECTS.search(title) and not set(_WORD.findall(title)) & (HUMAN_SUBJECTS - AGE_WORDS):
        return False  # "... in adult Wistar rats": the title names the subjects
    people, animals, in_vivo = _subject_words(record.title, text, SIRNA_DRUG)
    if animals + in_vivo > people + 1 or (animals and not people):
        return False  # "mice" throughout, "patients" once
    return True if people else None


def people_only(record: SourceRecord, text: str) -> bool:
    """Words for people and none for animals or laboratory work, nor MeSH "Animals"
    (:data:`PEOPLE_NOT_ANIMAL`)."""
    if not PEOPLE_NOT_ANIMAL or any(m.descriptor == "Animals" for m in record.mesh):
        return False
    people, animals, in_vivo = _subject_words(record.title, text, SIRNA_DRUG)
    return people > 0 and animals + in_vivo == 0


@lru_cache(maxsize=4)
def _subject_words(title: str, text: str, sirna_drug: bool) -> tuple[int, int, int]:
    """How many words of the title and abstract name people, how many name animals or laboratory work
    (animal words and laboratory cues), and how many in-vivo cues they hold (counted once per record:
    :func:`human` and :func:`people_only` both read them; ``sirna_drug`` is :data:`SIRNA_DRUG`)."""
    blob = f"{title} {text}".lower()
    tokens = _WORD.findall(blob)
    people = sum(t in HUMAN_SUBJECTS for t in tokens)
    lab = LABORATORY.findall(blob)
    beasts = sum(t in ANIMAL_WORDS for t in tokens)
    if sirna_drug and not beasts and {x.lower() for x in lab} == {"sirna"}:
        lab = []  # "Inclisiran, a novel, synthetic, siRNA molecule, inhibits PCSK9 synthesis": a drug
    return people, beasts + len(lab), len(IN_VIVO.findall(blob))
