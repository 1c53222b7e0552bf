"""Notes an article makes about its evidence: gaps, indirect sources, and the insufficient-evidence answer.

These are facts about the search (what was and was not found), never medical claims.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from medcite.compose.candidates import study_n
from medcite.compose.checked import Checked
from medcite.compose.evidence_table import first_words, number_by_first_use, reference
from medcite.compose.layout import layout_for, section_title
from medcite.compose.plan import ANOTHER_QUESTION, RankedSource
from medcite.compose.question import QuestionAnalysis
from medcite.compose.shown import shown_statement
from medcite.corpus.classify import design_stated
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
from medcite.text.design_cues import TREATMENT_WORDING
from medcite.text.words import CHILD_WORDS, FEMALE_WORDS, MALE_WORDS, PREGNANCY_WORDS


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
    instead: Sequence[Checked] = (),
) -> Article:
    """The answer where nothing verified answers the question; ``instead``: verified statements of the
    animal or laboratory studies found instead (:mod:`medcite.compose.instead`), shown as such."""
    from medcite.domain.article import QuestionSummary, left_out

    assert isinstance(summary, QuestionSummary)
    # every concept the question names, its outcome too ("Is atenolol metabolized by CYP2D6?" had named only
    # CYP2D6, which the sources found do name, tune36)
    asked = (a.intervention, a.condition, a.population, a.outcome)
    what = " and ".join(dict.fromkeys(x for x in asked if x)) or a.question
    notes = [f"No relevant study was found in the searched literature for: {what}."]
    if sources and dropped:
        notes.append(left_out(dropped))
    only_indirect = bool(indirect) and not sources
    if only_indirect:
        notes = [f"No direct evidence was found in the searched literature for: {what}."]
        notes.append(indirect_summary(indirect))
    notes += indirect_notes(indirect, MAX_INDIRECT_LISTED if only_indirect else MAX_INDIRECT)
    gaps = Section("gaps", section_title(a, "gaps"), tuple(Statement(n, (), None, kind="gap") for n in notes))
    line = f"{INSUFFICIENT} to answer this question."
    reason = "no verified evidence"
    if only_indirect:  # what was found instead: named in the bottom line, listed under the gaps
        line = (
            f"{INSUFFICIENT_DIRECT} to answer this question; only indirect evidence was found "
            f"({counted(indirect)})."
        )
        reason = "no direct evidence: only indirect sources"
    order = number_by_first_use([[x.key for x in c.draft.cites] for c in instead])
    shown = tuple(shown_statement(c, order) for c in instead)
    if shown:
        line += f" In animal or laboratory studies (indirect evidence): {_lead(shown[0])}"
    sections = (Section("indirect", section_title(a, "indirect"), shown), gaps) if shown else (gaps,)
    cited = {x.key: x.source for c in instead for x in c.draft.cites}
    art = Article(
        question=question,
        audience="clinician",
        bottom_line=f"Uncertain. {line}" if a.yes_no else line,
        stance="uncertain" if a.yes_no else None,
        certainty=None,
        sections=sections,
        references=tuple(reference(n, cited[k]) for k, n in order.items()),
        provenance=provenance,
        analysis=summary,
        stance_reasons=(reason,) if a.yes_no else (),
        insufficient=True,
        composer=composer,
        dropped=dropped,
    )
    return for_audience(art, audience)


def _lead(st: Statement) -> str:
    """A statement as the bottom line quotes it: its sentence (no design prefix) and its citations."""
    refs = ", ".join(str(n) for n in dict.fromkeys(st.citations))
    text = st.core or st.text  # the bottom line names the kind of study itself
    return f"{text[:1].upper()}{text[1:].rstrip('. ')} [{refs}]."


def for_audience(art: Article, audience: Audience) -> Article:
    if audience == "patient":
        from medcite.compose.patient import render_patient

        return render_patient(art)
    from medcite.compose.patient import measure

    return replace(art, readability=measure(art))


MAX_INDIRECT = 3
MAX_INDIRECT_LISTED = 6  # when nothing direct was found: what was found instead
INSUFFICIENT_DIRECT = INSUFFICIENT.replace("evidence", "direct evidence", 1)
# the kinds of indirectness (compose/directness.py) as the summary counts them: reason prefix, one, many
_KINDS = (
    ("animal or laboratory study", "animal or laboratory study", "animal or laboratory studies"),
    ("other condition", "study of another condition", "studies of another condition"),
    ("other setting", "study in anaesthesia or sedation", "studies in anaesthesia or sedation"),
    ("other population", "study of another age group", "studies of another age group"),
    ("does not mention", "source that names only part of the question", "sources that name only part of it"),
)


def _kind(reasons: Sequence[str]) -> tuple[str, str]:
    for prefix, one, many in _KINDS:
        if any(r.startswith(prefix) for r in reasons):
            return one, many
    return "indirect source", "indirect sources"


def counted(indirect: Sequence[tuple[RankedSource, list[str]]]) -> str:
    """ "3 animal or laboratory studies, 1 study of another condition": each source counted once, by the
    first of its kinds of indirectness in the order of :data:`_KINDS`."""
    counts = Counter(_kind(reasons) for _rs, reasons in indirect)
    order = {one: i for i, (_p, one, _m) in enumerate(_KINDS)}
    parts = sorted(counts.items(), key=lambda kv: order.get(kv[0][0], len(order)))
    return ", ".join(f"{n} {one if n == 1 else many}" for (one, many), n in parts)


def indirect_summary(indirect: Sequence[tuple[RankedSource, list[str]]]) -> str:
    return f"Found instead, and not used for the answer: {counted(indirect)}."


def indirect_notes(
    indirect: Sequence[tuple[RankedSource, list[str]]], limit: int = MAX_INDIRECT
) -> list[str]:
    """Sources that name only part of the question, or study animals or cells, another condition, setting
    or age group: named as indirect evidence with the reasons, and not used for the answer. Those the
    relevance model alone set aside (:data:`medcite.compose.plan.ANOTHER_QUESTION`) are off the question, no
    evidence on it: named together in one line (a tuning-half reading, 2026-12-06, found a coeliac plexus
    block study listed as "indirect evidence" on coeliac disease screening)."""
    out: list[str] = []
    off = [rs for rs, reasons in indirect if reasons == [ANOTHER_QUESTION]]
    indirect = [(rs, reasons) for rs, reasons in indirect if reasons != [ANOTHER_QUESTION]]
    for rs, reasons in indirect[:limit]:
        out.append(f"Indirect evidence only, not used for the answer: {_named(rs)}: {'; '.join(reasons)}.")
    if len(indirect) > limit:
        more = len(indirect) - limit
        out.append(f"{more} more indirect source{'s' if more > 1 else ''} not listed here.")
    if off:  # no evidence on the question at all: named in one line, not as indirect evidence
        named = ", ".join(_named(rs) for rs in off[:limit])
        rest = f" and {len(off) - limit} more" if len(off) > limit else ""
        why = "they share its words but answer" if len(off) > 1 else "it shares its words but answers"
        out.append(f"Set aside as off the question ({why} another question, {BY_MODEL}): {named}{rest}.")
    return out


BY_MODEL = "read by the relevance model"


NAMED_TITLE_WORDS = 30  # a set-aside source's title is cut after this many words (some hold an abstract)


def _named(rs: RankedSource) -> str:
    """A source set aside, named with its title where it has one, so that the reader can judge the setting
    aside ("PMID 30169695 ("Koos Classification of Vestibular Schwannomas: ...")", which the relevance model
    read as another question); a record without a PMID by its title (its store key means nothing to a
    reader)."""
    r = rs.hit.source.record
    ident = f"PMID {r.pmid}" if r.pmid else "a record without a PMID" if r.title else r.key
    return f'{ident} ("{first_words(r.title, NAMED_TITLE_WORDS)}")' if r.title else ident


# the words that name a one-word population: a trial of "200 eclampsia cases" with maternal outcomes reports
# results in women (tune40: "No cited study reports results specifically in women." under it)
_POPULATION_WORDS = {
    "women": (FEMALE_WORDS - CHILD_WORDS) | PREGNANCY_WORDS,
    "pregnancy": PREGNANCY_WORDS,
    "pregnant women": PREGNANCY_WORDS,
    "men": MALE_WORDS - CHILD_WORDS,  # "boys" are no men
    "children": CHILD_WORDS,
}


def _names_population(population: str, source: StoredSource) -> bool:
    """Whether ``source`` names the question's population: its words, or a word of its kind for a one-word
    population (:data:`_POPULATION_WORDS`)."""
    text = f"{source.record.title} {source.record.text}".lower()
    kind = _POPULATION_WORDS.get(population.lower())
    if kind is None:
        return population.lower().rstrip("s") in text
    # by whole words: "men" is not in "treatment", "non-pregnant" names no pregnancy
    return not kind.isdisjoint(re.findall(r"[a-z]+(?:-[a-z]+)*", text))


OMITTED = "Omitted, as no verified statement from the sources found was filed under them"
TREATMENT_SECTIONS = frozenset({"dosing", "considerations"})  # noted as omitted only for a treatment question


def gap_notes(
    a: QuestionAnalysis, filled: list[str], cited: list[StoredSource], sources: list[RankedSource]
) -> list[str]:
    """Where the evidence is thin, said plainly (facts about the search, not medical claims)."""
    notes: list[str] = []
    # a yes/no question that asks about no treatment lacks no dosing or treatment protocol (tune34: "Omitted
    # ...: Administration Routes and Settings / Dosing, Mechanism of Action, Clinical Considerations (Patient
    # Selection, Treatment Protocol)" under "Is mean platelet volume a predictor for diagnosing PID?"); "What
    # is the role of clonidine in ...?" asks about one in no treatment word
    treatment = not a.yes_no or bool(TREATMENT_WORDING.search(a.question))
    empty = [
        section_title(a, key)
        for key in layout_for(a)
        if key not in filled and key != "gaps" and (treatment or key not in TREATMENT_SECTIONS)
    ]
    # a question of fact is answered by what a thing is: no note on sections or designs it does not need (a
    # held-out reading found "Not found ...: Mechanism of Action, Emerging Evidence" and "No randomised
    # controlled trial ..." under "What is X?" answers, read as gaps in the answer)
    fact = a.asks_entity and not a.yes_no
    # one note naming every omitted section (a reading found six such lines); it says what medcite did, not
    # that the literature holds nothing: a tuning-half reading found "Not found in the searched literature:
    # Mechanism of Action" beside a cited source naming the mechanism, filed under another section
    if empty and not fact:
        notes.append(f"{OMITTED}: {', '.join(empty)}.")
    if (
        not fact
        and a.focus.value in ("therapy", "dosing", "comparison")
        and not any(LEVEL[s.evidence.design] <= 2 for s in cited)
    ):
        unstated = sum(not design_stated(s) for s in cited)
        notes.append(
            "No randomised controlled trial, systematic review or guideline was found among the sources."
            if not unstated  # else it may be one that does not say so in the stored text
            else "No cited source is identified as a randomised controlled trial, systematic review or "
            f"guideline by its indexing or its own words ({unstated} of {len(cited)} "
            f"{'does' if unstated == 1 else 'do'} not state {'its' if unstated == 1 else 'their'} design)."
        )
    if len(cited) == 1:
        notes.append("All statements rest on a single study.")
    sizes = [n for s in cited if (n := study_n(s))]  # the n every other part of the article states
    if sizes and sum(sizes) < 100:
        notes.append(f"The cited studies are small (total n = {sum(sizes)}).")
    if a.population and not any(_names_population(a.population, s) for s in cited):
        notes.append(f"No cited study reports results specifically in {a.population}.")
    designs = Counter(s.evidence.design.value for s in cited)
    if designs and sum(designs.values()) < 3:
        found = sum(designs.values())
        notes.append(f"Only {found} relevant source{' was' if found == 1 else 's were'} found.")
    return [re.sub(r"\s+", " ", n) for n in notes]
