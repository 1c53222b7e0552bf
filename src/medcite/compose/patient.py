"""The patient version: the same verified claims in plainer words, framed as things to discuss."""

from __future__ import annotations

import importlib
import json
import re
from dataclasses import replace
from functools import cache
from importlib import resources
from typing import Any

from medcite.compose.layout import TITLES
from medcite.compose.stance import caveats
from medcite.domain.article import (
    PATIENT_DISCLAIMER,
    Article,
    EvidenceRow,
    Readability,
    Section,
    Statement,
)

PATIENT_TITLES: dict[str, str] = {
    "efficacy": "How well it works",
    "findings": "What the studies found",
    "dosing": "How it is given",
    "mechanism": "How it works in the body",
    "considerations": "Who it may suit",
    "safety": "Safety and side effects",
    "harms": "Complications and risks",
    "emerging": "New research",
    "pitfalls": "Things to be careful about",
    "gaps": "What we still do not know",
    "indirect": "Studies in animals or in the laboratory",
}
PATIENT_INTROS: dict[str, str] = {
    "efficacy": "Here is what studies found about how well the treatment worked.",
    "findings": "Here is what the studies found.",
    "dosing": "Here is how the treatment was given in the studies. Your own dose is for your doctor to set.",
    "mechanism": "Here is what is known about how the treatment acts in the body.",
    "considerations": "Here is who took part in the studies and how they were treated.",
    "safety": "These are the side effects and risks that studies found. Ask your doctor about them.",
    "harms": "These are the complications and risks that studies found. Ask your doctor about them.",
    "emerging": "These are new and early results. They still need to be checked.",
    "pitfalls": "These are warnings and limits that the studies found. Do not skip them. Talk them over with "
    "your doctor.",
    "gaps": "This is what the research we found does not tell us yet.",
    "indirect": "No study in people answered the question. These results come from animals or the "
    "laboratory, and may not hold for people.",
}
BOTTOM_INTRO = "What the research says, in short. Talk with your doctor about what it means for you."
CLOSING = "Please talk with your doctor, nurse or pharmacist before you start, stop or change any treatment."


@cache
def plain_glossary() -> dict[str, str]:
    raw = resources.files("medcite.compose").joinpath("plain_glossary.json").read_text(encoding="utf-8")
    data: dict[str, str] = json.loads(raw)
    return {k: v for k, v in data.items() if not k.startswith("_")}


@cache
def _pattern() -> re.Pattern[str]:
    terms = sorted(plain_glossary(), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(t) for t in terms) + r")(?![\w-])", re.I)


def plain_words(text: str) -> str:
    """Replace medical terms with the plain phrases of the glossary (numbers and citations untouched)."""
    gl = {k.lower(): v for k, v in plain_glossary().items()}

    def sub(m: re.Match[str]) -> str:
        plain = gl[m.group(1).lower()]
        if m.group(1)[0].isupper() and m.start() == 0:
            plain = plain[0].upper() + plain[1:]
        return plain

    return _pattern().sub(sub, text)


@cache
def _cmudict_installed() -> bool:
    """textstat reads syllables from NLTK's CMUdict and would try to *download* it when missing."""
    try:
        nltk_data = importlib.import_module("nltk.data")
        nltk_data.find("corpora/cmudict")
    except (LookupError, ImportError):
        return False
    return True


@cache
def _hyphenator() -> Any:
    return importlib.import_module("pyphen").Pyphen(lang="en_US")


def fk_grade(text: str) -> float | None:
    """Flesch-Kincaid grade with textstat; offline, syllables come from pyphen when CMUdict is absent
    (textstat's own fallback for words CMUdict lacks), with textstat's word and sentence counts."""
    if len(text.split()) < 5:
        return None
    import textstat  # here, not at the top: it loads NLTK (~0.5 s), needed only to measure

    if _cmudict_installed():
        return round(float(textstat.flesch_kincaid_grade(text)), 1)
    words = re.findall(r"[A-Za-z]+(?:['’-][A-Za-z]+)*", text)
    sentences = max(1, int(textstat.sentence_count(text)))
    if not words:
        return None
    syl = sum(len(_hyphenator().positions(w.lower())) + 1 for w in words)
    return round(0.39 * len(words) / sentences + 11.8 * syl / len(words) - 15.59, 1)


def _grade(text: str) -> float | None:
    return fk_grade(text)


def measure(a: Article) -> Readability:
    """Flesch-Kincaid grade of the framing text that medcite writes, and of the whole text."""
    framing = " ".join([*(s.intro for s in a.sections if s.intro), a.disclaimer])
    if a.audience == "patient":
        framing = " ".join([BOTTOM_INTRO, framing, CLOSING])
    full = " ".join([a.bottom_line, *(st.text for s in a.sections for st in s.statements), framing])
    full = re.sub(r"\[\d+(?:[,\s]*\d+)*\]", "", full)
    return Readability(_grade(framing), _grade(full))


def render_patient(a: Article) -> Article:
    """The patient version of an article: every statement kept (none of the safety ones dropped)."""
    if a.audience == "patient":
        return a
    # an efficacy section titled as findings (layout.section_title: no treatment asked about) reads so here
    # and a safety section titled as complications (no treatment asked about) as complications
    retitled = {TITLES["findings"]: "findings", TITLES["harms"]: "harms"}
    shown = {s.key: retitled.get(s.title, s.key) for s in a.sections}
    sections = tuple(
        Section(
            key=s.key,
            title=PATIENT_TITLES.get(shown[s.key], s.title),
            intro=PATIENT_INTROS.get(shown[s.key], ""),
            statements=tuple(_plain_statement(st) for st in s.statements),
        )
        for s in a.sections
    )
    # a near tie of the stance votes, or findings that read otherwise (stance.caveat), is said whatever the
    # room (the quote gives way to it)
    tie = next((t for t in caveats() if t in a.bottom_line), "")
    rest = a.bottom_line.replace(f" {tie}", "") if tie else a.bottom_line
    bottom = _within(plain_words(rest), 60 - len(tie.split()), a.bottom_line_citations)
    bottom = f"{bottom} {tie}" if tie else bottom
    out = replace(
        a,
        audience="patient",
        sections=sections,
        bottom_line=bottom,
        disclaimer=PATIENT_DISCLAIMER,
        evidence_table=tuple(_plain_row(r) for r in a.evidence_table),
        summary_of_findings=tuple(
            replace(r, outcome=plain_words(r.outcome), effect=plain_words(r.effect))
            for r in a.summary_of_findings
        ),
    )
    return replace(out, readability=measure(out))


def _within(text: str, limit: int, citations: tuple[int, ...]) -> str:
    """At most ``limit`` words: whole sentences while they fit (each keeps its own citations); a first
    sentence that is too long alone is cut, with all the citations after it."""
    if len(text.split()) <= limit:
        return text
    kept: list[str] = []
    for sentence in re.split(r"(?<=[.!?\]])\s+(?=[A-Z])", text):
        if len(" ".join([*kept, sentence]).split()) > limit:
            break
        kept.append(sentence)
    if len(kept) > 1 or (kept and re.search(r"\[\d+\]", kept[0])):
        return " ".join(kept)
    cites = " ".join(f"[{n}]" for n in citations)
    words = text.split()[: limit - 1 - len(cites.split())]
    return " ".join(words).rstrip(",;:.") + "… " + cites


def _plain_statement(st: Statement) -> Statement:
    return replace(st, text=plain_words(st.text))


def _plain_row(r: EvidenceRow) -> EvidenceRow:
    """The evidence table's row in plain words (the pins still say where each phrase came from)."""
    return replace(
        r,
        design=plain_words(r.design),
        population=plain_words(r.population),
        comparison=plain_words(r.comparison),
        main_result=plain_words(r.main_result),
    )
