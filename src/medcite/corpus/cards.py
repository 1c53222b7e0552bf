"""A study card per source: design, n, population, arms, findings, safety, dosing, follow-up and the
authors' conclusion, each pinned to a character span of ``source.record.text``.

The sentence roles come from the role model (:mod:`medcite.corpus.roles`), each finding's direction from
the direction model (:mod:`medcite.corpus.findings`), the other fields from the patterns of
:mod:`medcite.corpus.extract` and :mod:`medcite.corpus.comparison`. Pure and deterministic.
"""

from __future__ import annotations

from medcite.corpus import comparison, extract
from medcite.corpus.findings import finding_direction
from medcite.corpus.roles import source_roles
from medcite.corpus.tagger import tagged_arms
from medcite.domain import StoredSource
from medcite.domain.cards import Finding, Role, Span, StudyCard

#: read the arms with the tagger where the patterns name none (the training script measures both ways)
USE_TAGGER = True
#: designs whose results sentences may name the arms ("X versus placebo") where the methods do not
_COMPARATIVE = frozenset({"rct", "meta-analysis"})


def study_card(source: StoredSource) -> StudyCard:
    """The study card of ``source`` (see the module docstring)."""
    text = source.record.text
    roles = source_roles(source)
    by_role: dict[Role, list[Span]] = {}
    for s, role, _p in roles:
        by_role.setdefault(role, []).append(s)
    about = by_role.get("objective", []) + by_role.get("methods", [])
    design_sents = sorted(about, key=lambda s: s.start) or [s for s, _, _ in roles]
    results = sorted(by_role.get("results", []) + by_role.get("conclusions", []), key=lambda s: s.start)
    n, n_span = extract.sample_span(text, source.evidence.sample_size, by_role.get("methods", []))
    species, species_span = extract.species(text, source.evidence.human, source.evidence.design.value)
    population = sorted(about + by_role.get("results", []), key=lambda s: s.start)
    age, age_span = extract.age_group(text, population) if population else extract.age_group(text)
    aims = [s for s, _, _ in roles if s.start < (results[0].start if results else len(text))]
    aims = [s for s in aims if comparison.AIM.search(s.text)]
    interventions, comparator = comparison.arms(text, design_sents, aims)
    if not interventions and source.evidence.design.value in _COMPARATIVE:
        found, comp = comparison.arms(text, results)
        interventions, comparator = (found, comp) if found else (interventions, comparator or comp)
    everything = [s for s, _, _ in roles]
    if (
        USE_TAGGER
        and (not interventions or comparator is None)
        and source.evidence.design.value in _COMPARATIVE
    ):
        tagged_i, tagged_c = tagged_arms(text, sorted({*design_sents, *aims}, key=lambda s: s.start))
        interventions = interventions or ((tagged_i,) if tagged_i else ())
        comparator = comparator or tagged_c
    return StudyCard(
        source_key=source.key,
        design=source.evidence.design.value,
        n=n,
        n_span=n_span,
        species=species,
        species_span=species_span,
        age_group=age,
        age_span=age_span,
        condition=extract.condition(text, design_sents) or extract.condition(text, everything),
        setting=extract.setting(text, design_sents),
        interventions=interventions,
        comparator=comparator,
        findings=tuple(f for s in results if (f := _finding(text, s)) is not None),
        adverse_events=tuple(s for s in results if extract.ADVERSE.search(s.text)),
        dose_route=extract.dose_route(text, design_sents or everything),
        follow_up=extract.follow_up(text, design_sents) or extract.follow_up(text, results),
        conclusion=_conclusion(text, roles),
        roles=tuple((s, role) for s, role, _p in roles),
        abbreviations=extract.abbreviations(text),
    )


def _finding(text: str, sentence: Span) -> Finding | None:
    """The finding of a results or conclusions sentence, or None when it reports neither a comparison
    nor a number of a result."""
    direction, confidence = finding_direction(sentence.text)
    eff, ci, p = extract.effect(text, sentence), extract.ci(text, sentence), extract.p_value(text, sentence)
    if direction is None and eff is None and ci is None and p is None:
        return None
    arms, comparator = comparison.arms(text, [sentence])
    return Finding(
        sentence=sentence,
        outcome=comparison.outcome(text, sentence),
        direction=direction,
        confidence=round(confidence, 4),
        effect=eff,
        ci=ci,
        p=p,
        intervention=arms[0] if arms else None,
        comparator=comparator,
    )


def _conclusion(text: str, roles: list[tuple[Span, Role, float]]) -> Span | None:
    """The last run of conclusions sentences, as one span."""
    run: list[Span] = []
    for s, role, _p in roles:
        if role == "conclusions":
            run.append(s)
        else:
            run = []
    if not run:
        return None
    return Span(run[0].start, run[-1].end, text[run[0].start : run[-1].end])
