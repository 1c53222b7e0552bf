"""Notes an article makes about its evidence: gaps, indirect sources, and the insufficient-evidence answer.

These are facts about the search (what was and was not found), never medical claims.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from medcite.compose.draft import TITLES, layout_for
from medcite.compose.plan import RankedSource
from medcite.compose.question import QuestionAnalysis
from medcite.domain import (
    INSUFFICIENT,
    LEVEL,
    Article,
    Audience,
    Provenance,
    QuestionSummary,
    Section,
    Statement,
    StoredSource,
)


def insufficient_article(
    question: str,
    a: QuestionAnalysis,
    audience: Audience,
    provenance: Provenance,
    summary: QuestionSummary,
    sources: list[RankedSource],
    dropped: int,
    composer: str,
    indirect: Sequence[tuple[RankedSource, list[str]]] = (),
) -> Article:
    from medcite.domain.article import QuestionSummary

    assert isinstance(summary, QuestionSummary)
    what = " ".join(x for x in (a.intervention, a.condition, a.population) if x) or a.question
    notes = [f"No relevant study was found in the searched literature for: {what}."]
    if sources and dropped:
        notes.append(
            f"{dropped} candidate statement(s) were left out because verification did not support them."
        )
    notes += indirect_notes(indirect)
    gaps = Section("gaps", TITLES["gaps"], tuple(Statement(n, (), None, kind="gap") for n in notes))
    line = f"{INSUFFICIENT} to answer this question."
    art = Article(
        question=question,
        audience="clinician",
        bottom_line=f"Uncertain. {line}" if a.yes_no else line,
        stance="uncertain" if a.yes_no else None,
        certainty=None,
        sections=(gaps,),
        references=(),
        provenance=provenance,
        analysis=summary,
        stance_reasons=("no verified evidence",) if a.yes_no else (),
        insufficient=True,
        composer=composer,
        dropped=dropped,
    )
    return for_audience(art, audience)


def for_audience(art: Article, audience: Audience) -> Article:
    if audience == "patient":
        from medcite.compose.patient import render_patient

        return render_patient(art)
    from medcite.compose.patient import measure

    return replace(art, readability=measure(art))


MAX_INDIRECT = 3


def indirect_notes(indirect: Sequence[tuple[RankedSource, list[str]]]) -> list[str]:
    """Sources that match the question only in part: named as indirect, not used as evidence."""
    out: list[str] = []
    for rs, missing in indirect[:MAX_INDIRECT]:
        r = rs.hit.source.record
        ident = f"PMID {r.pmid}" if r.pmid else r.key
        title = f' ("{r.title.rstrip(".")}")' if r.title else ""
        out.append(
            f"Indirect evidence only, not used for the answer: {ident}{title} does not mention "
            f"{' or '.join(missing)}."
        )
    return out


def gap_notes(
    a: QuestionAnalysis, filled: list[str], cited: list[StoredSource], sources: list[RankedSource]
) -> list[str]:
    """Where the evidence is thin, said plainly (facts about the search, not medical claims)."""
    notes: list[str] = []
    for key in layout_for(a):
        if key not in filled and key != "gaps":
            notes.append(f"No evidence for '{TITLES[key]}' was found in the searched literature.")
    if a.focus.value in ("therapy", "dosing", "comparison") and not any(
        LEVEL[s.evidence.design] <= 2 for s in cited
    ):
        notes.append(
            "No randomised controlled trial, systematic review or guideline was found among the sources."
        )
    if len(cited) == 1:
        notes.append("All statements rest on a single study.")
    sizes = [s.evidence.sample_size for s in cited if s.evidence.sample_size]
    if sizes and sum(sizes) < 100:
        notes.append(f"The cited studies are small (total n = {sum(sizes)}).")
    if a.population:
        pop = a.population.lower().rstrip("s")
        if not any(pop in f"{s.record.title} {s.record.text}".lower() for s in cited):
            notes.append(f"No cited study reports results specifically in {a.population}.")
    designs = Counter(s.evidence.design.value for s in cited)
    if designs and sum(designs.values()) < 3:
        notes.append(f"Only {sum(designs.values())} relevant source(s) were found.")
    return [re.sub(r"\s+", " ", n) for n in notes]
