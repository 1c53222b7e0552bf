"""compose_article: question -> retrieval plan -> drafts -> verification -> a cited, graded article."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from medcite.compose.candidates import NUMBER
from medcite.compose.certainty import grade
from medcite.compose.draft import OPPOSITE, TITLES, Draft, extractive_drafts, layout_for, primary_key
from medcite.compose.llm_composer import llm_drafts
from medcite.compose.plan import RankedSource, candidates, concepts, plan_queries, run_plan, split_direct
from medcite.compose.question import QuestionAnalysis, ThreadContext, analyze_question, follow_up
from medcite.compose.stance import (
    ROLE_WEIGHT,
    STANCE_NLI,
    StanceInput,
    StanceResult,
    claim_of,
    derive_stance,
    lead_order,
    stance_model,
)
from medcite.domain import LEVEL, Evidence, Label, SearchFilters, StoredSource, Verdict
from medcite.domain.article import (
    INSUFFICIENT,
    Article,
    Audience,
    CertaintyLevel,
    CertaintyRating,
    NumberPin,
    Pin,
    Provenance,
    Reference,
    Section,
    Statement,
)
from medcite.errors import MedciteError
from medcite.ports import LLMClient, Searcher, Verifier

BOTTOM_LINE_WORDS = 60
MAX_VERIFY = 40
MAX_CROSS = 6
KEEP = (Label.SUPPORTED, Label.PARTIAL)


@dataclass(frozen=True, slots=True)
class Checked:
    draft: Draft
    verdict: Verdict


MAX_STATEMENT_CHARS = 600


def compose_article(
    question: str,
    searcher: Searcher,
    verifier: Verifier,
    *,
    audience: Audience = "clinician",
    llm: LLMClient | None = None,
    context: ThreadContext | Article | None = None,
    provenance: Provenance,
    filters: SearchFilters | None = None,
    observe: Callable[[StanceResult], None] | None = None,
) -> Article:
    """Write a verified, cited article answering ``question`` from what ``searcher`` finds.

    Every statement is checked with ``verifier`` (one ``verify_batch`` call); statements that their
    citations do not support are dropped. With ``llm`` the sentences are written by the LLM instead of
    extracted, and go through the same checks. ``observe`` (benchmarks, training) receives the
    yes/no stance decision with its inputs, including the verifier's reading of the question as a claim.
    """
    analysis = follow_up(context, question) if context is not None else analyze_question(question)
    plan = plan_queries(analysis)
    found = run_plan(searcher, plan, analysis, filters=filters)
    # direct evidence only from sources that name both the intervention and the condition
    sources, indirect = split_direct(analysis, found)
    queries = tuple(q.query for q in plan)
    cands = candidates(sources, analysis)
    drafts = extractive_drafts(analysis, cands)
    rejected = 0
    composer = "extractive"
    if llm is not None:
        pool = list(dict.fromkeys(c for d in drafts for c in d.cites))
        out = llm_drafts(llm, analysis, pool)
        drafts, rejected, composer = list(out.drafts), out.rejected, f"llm:{llm.model_id}"
    # a "sentence" longer than this is a splitting failure (e.g. an unpunctuated snippet), not a statement
    drafts = [d for d in drafts if len(d.text) <= MAX_STATEMENT_CHARS][: MAX_VERIFY - MAX_CROSS]
    cross = _cross_checks(analysis, drafts)
    items: list[tuple[str, Sequence[Evidence]]] = [(d.text, d.evidence()) for d in drafts]
    items += [(d.core, [ev]) for d, ev, _key in cross]
    verdicts = verifier.verify_batch(items) if items else []
    if len(verdicts) != len(items):
        raise MedciteError(f"The verifier returned {len(verdicts)} verdicts for {len(items)} statements.")
    checked = [Checked(d, v) for d, v in zip(drafts, verdicts, strict=False)]
    kept = [c for c in checked if c.verdict.label in KEEP]
    dropped = rejected + len(checked) - len(kept)
    cross_v = [(d, key, v) for (d, _ev, key), v in zip(cross, verdicts[len(drafts) :], strict=True)]
    rank = {rs.hit.source.key: i for i, rs in enumerate(sources)}
    summary = analysis.summary(queries)
    if not kept:
        return _insufficient(
            question, analysis, audience, provenance, summary, sources, dropped, composer, indirect
        )
    # the claim check feeds only a stance model (none ships) and observers (train_stance): skip it otherwise
    claim_check = observe is not None or stance_model() is not None
    stance = _stance(analysis, kept, rank, verifier, claim_check)
    if stance is not None and observe is not None:
        observe(stance)
    return _assemble(
        question,
        analysis,
        audience,
        provenance,
        kept,
        cross_v,
        rank,
        sources,
        dropped,
        composer,
        indirect,
        stance,
    )


def _cross_checks(a: QuestionAnalysis, drafts: list[Draft]) -> list[tuple[Draft, Evidence, str]]:
    """Check the lead conclusions against the other studies of the primary section (consistency)."""
    prim = [d for d in drafts if d.section == primary_key(a)]
    leads = [d for d in prim if d.kind == "support"][:2]
    out: list[tuple[Draft, Evidence, str]] = []
    for lead in leads:
        own = {c.key for c in lead.cites}
        for other in prim:
            c = other.cites[0]
            if c.key in own or any(o[2] == c.key and o[0] is lead for o in out):
                continue
            out.append((lead, c.as_evidence(), c.key))
            if len(out) >= MAX_CROSS:
                return out
    return out


def _insufficient(
    question: str,
    a: QuestionAnalysis,
    audience: Audience,
    provenance: Provenance,
    summary: object,
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
    return _for_audience(art, audience)


def _for_audience(art: Article, audience: Audience) -> Article:
    if audience == "patient":
        from medcite.compose.patient import render_patient

        return render_patient(art)
    from medcite.compose.patient import measure

    return replace(art, readability=measure(art))


def _stance(
    a: QuestionAnalysis, kept: list[Checked], rank: dict[str, int], verifier: Verifier, claim_check: bool
) -> StanceResult | None:
    """Yes / no / uncertain from the verified sentences (see :mod:`medcite.compose.stance`). With
    ``claim_check`` the verifier also reads the question as a claim against the leading sentences (the
    input of a stance model; reported in the reasons)."""
    if not a.yes_no:
        return None
    firsts = [(d, d.draft.cites[0]) for d in kept]
    items = [StanceInput(d.draft.core, c.role, rank.get(c.key, 9), c.relevance) for d, c in firsts]
    lead = sorted(
        (i for i, it in enumerate(items) if ROLE_WEIGHT[it.role] > 0),
        key=lambda i: (*lead_order(items[i]), i),
    )[:STANCE_NLI]
    claim = claim_of(a.question)
    # only a question in a yes/no shape reads as a claim ("What about adolescents?" does not)
    if claim_check and lead and claim and claim != " ".join(a.question.split()).rstrip("?").strip():
        spell = [(ab, c.name) for c in concepts(a) for ab in c.abbrevs if ab and ab.lower() != c.name.lower()]
        evs = [spelled_out(firsts[i][1].as_evidence(), spell) for i in lead]
        verdicts = verifier.verify_batch([(claim, [ev]) for ev in evs])
        for i, v in zip(lead, verdicts, strict=True):
            items[i] = replace(items[i], nli=v.label.value, nli_prob=v.probability)
    return derive_stance(a.question, items)


def _literal(text: str) -> Callable[[re.Match[str]], str]:
    """A re.sub replacement that is taken as is (no backslash escapes)."""
    return lambda _m: text


def spelled_out(ev: Evidence, spell: Sequence[tuple[str, str]]) -> Evidence:
    """The evidence with the question's abbreviations written out ("DBE" -> "double balloon enteroscopy
    (DBE)"), so that the entailment model can match the question read as a claim against it."""
    text = ev.text
    for ab, name in spell:
        if name.lower() not in text.lower():
            full = f"{name} ({ab})"
            text = re.sub(rf"(?<![\w(]){re.escape(ab)}(?![\w)])", _literal(full), text, count=1)
    return replace(ev, text=text)


def _assemble(
    question: str,
    a: QuestionAnalysis,
    audience: Audience,
    provenance: Provenance,
    kept: list[Checked],
    cross: list[tuple[Draft, str, Verdict]],
    rank: dict[str, int],
    sources: list[RankedSource],
    dropped: int,
    composer: str,
    indirect: Sequence[tuple[RankedSource, list[str]]] = (),
    stance: StanceResult | None = None,
) -> Article:
    prim_key = primary_key(a)
    prim = [c for c in kept if c.draft.section == prim_key]
    lead_pool = [c for c in prim if c.draft.kind == "support"] or prim or kept
    # which of the intervention and the condition each statement names, read once
    cs = concepts(a)[:2]
    names = {id(c): [x.found_in(c.draft.text) for x in cs] for c in lead_pool}
    # key conclusions: statements naming the intervention and the condition first (stable otherwise)
    lead_pool = sorted(lead_pool, key=lambda c: -sum(names[id(c)]))

    # certainty per key conclusion
    ratings: list[tuple[Checked, CertaintyLevel, tuple[str, ...], list[StoredSource]]] = []
    for lead in lead_pool[:3]:
        d0 = lead.draft.cites[0].direction()
        same: dict[str, StoredSource] = {c.key: c.source for c in lead.draft.cites}
        against: set[str] = set()
        for other in prim:
            oc = other.draft.cites[0]
            od = oc.direction()
            if d0 in OPPOSITE and od == OPPOSITE[d0]:
                against.add(oc.key)
            elif od == d0 and oc.key not in against:
                same.setdefault(oc.key, oc.source)
        partial = int(lead.verdict.label is Label.PARTIAL)
        for d, key, v in cross:
            if d is lead.draft and v.label is Label.CONTRADICTED:
                against.add(key)
                same.pop(key, None)
        g = grade(list(same.values()), contradicting=len(against - set(same)), partial=partial)
        ratings.append((lead, g.level, g.reasons, list(same.values())))
    key_check, level = ratings[0][0], ratings[0][1]

    # bottom line from verified statements only, preferring one with key figures
    contrast = [c for c in prim if c.draft.kind == "contrast"]
    bl_keys = [key_check.draft.cites[0].key]
    if contrast:
        bl_keys.append(contrast[0].draft.cites[0].key)

    # the bottom line quotes only a statement its source fully supports; otherwise it says why not
    supported = [r[0] for r in ratings if r[0].verdict.label is Label.SUPPORTED]
    supported += [c for c in lead_pool if c.verdict.label is Label.SUPPORTED and c not in supported]
    longest = (
        "Uncertain (very low certainty). " if stance is not None else " Certainty of evidence: very low."
    )
    budget = BOTTOM_LINE_WORDS - _words(longest) - 8
    # prefer statements that themselves name the intervention (a vitamin K result is no answer on vitamin D)
    # ... and the condition too (a statin result in peripheral arterial disease is no answer on stroke)
    both = [c for c in supported if all(names[id(c)])]
    named = [c for c in supported if all(names[id(c)][:1])]
    pick = _pick_bottom(both or named or supported, budget) if supported else key_check
    # the certainty stated is the certainty of the conclusion the bottom line quotes
    rated = next((r for r in ratings if r[0] is pick), None)
    if rated is None:  # the bottom line's own conclusion is rated first
        srcs = [c.source for c in pick.draft.cites]
        g = grade(srcs, partial=int(pick.verdict.label is Label.PARTIAL))
        rated = (pick, g.level, g.reasons, srcs)
        ratings = [rated, *ratings[:2]]
    else:
        ratings = [rated, *(r for r in ratings if r is not rated)]
    level = rated[1]
    head = "" if stance is None else f"{stance.stance.capitalize()} ({level} certainty). "
    tail = f" Certainty of evidence: {level}." if stance is None else ""
    bl_keys = [pick.draft.cites[0].key, *bl_keys[1:]]
    # numbering by first use
    sections_out: list[tuple[str, list[Checked]]] = []
    for key in layout_for(a):
        if key == "gaps":
            continue
        stmts = [c for c in kept if c.draft.section == key]
        if stmts:
            sections_out.append((key, stmts))
    order = number_by_first_use(
        [bl_keys, *[[c.key for s in st for c in s.draft.cites] for _k, st in sections_out]]
    )

    extra = f" Some studies point the other way [{order[bl_keys[1]]}]." if len(bl_keys) > 1 else ""
    if supported:
        bottom = _bottom_line(head, pick.draft, f"[{order[bl_keys[0]]}]", tail + extra)
    else:
        if stance is None:
            head, tail = "", f" Certainty of evidence: {level}."
        why = (
            f"No key finding is fully supported by its cited source, only in part, so certainty is {level}; "
            f"see {TITLES[pick.draft.section]} [{order[bl_keys[0]]}]."
        )
        bottom = f"{head}{why}{tail}{extra}".strip()

    sections: list[Section] = [
        Section(key, TITLES[key], tuple(_statement(c, order) for c in st)) for key, st in sections_out
    ]
    cited = [s for k in order for s in [_source_of(k, kept)] if s is not None]
    gaps = gap_notes(a, [k for k, _ in sections_out], cited, sources)
    gaps += indirect_notes(indirect)
    if gaps:
        sections.append(
            Section("gaps", TITLES["gaps"], tuple(Statement(g, (), None, kind="gap") for g in gaps))
        )
    refs = tuple(reference(order[s.key], s) for s in cited)
    details = tuple(
        CertaintyRating(
            _statement(c, order).text, lvl, reasons, tuple(order[s.key] for s in srcs if s.key in order)
        )
        for c, lvl, reasons, srcs in ratings
    )
    art = Article(
        question=question,
        audience="clinician",
        bottom_line=bottom,
        stance=None if stance is None else stance.stance,
        certainty=level,
        sections=tuple(sections),
        references=refs,
        provenance=provenance,
        analysis=a.summary(tuple(q.query for q in plan_queries(a))),
        certainty_details=details,
        bottom_line_citations=tuple(order[k] for k in bl_keys),
        stance_reasons=() if stance is None else stance.reasons,
        composer=composer,
        dropped=dropped,
    )
    return _for_audience(art, audience)


def number_by_first_use(blocks: Sequence[Sequence[str]]) -> dict[str, int]:
    """Reference numbers 1..k in the order sources are first cited."""
    order: dict[str, int] = {}
    for block in blocks:
        for key in block:
            if key not in order:
                order[key] = len(order) + 1
    return order


def _pick_bottom(leads: list[Checked], budget: int) -> Checked:
    """The bottom line's statement: among those that fit, from the strongest study design (human studies
    before animal or laboratory ones), one with figures if there is one; else the first."""
    fits = [c for c in leads if _words(c.draft.text) <= budget or _words(c.draft.core) <= budget]
    if not fits:
        return leads[0]
    best = min(_strength(c) for c in fits)
    top = [c for c in fits if _strength(c) == best]
    with_numbers = [c for c in top if NUMBER.search(c.draft.core)]
    return (with_numbers or top)[0]


def _strength(c: Checked) -> int:
    """Lower is stronger: the evidence level of the statement's first cited source."""
    return LEVEL[c.draft.cites[0].source.evidence.design]


def _words(text: str) -> int:
    return len(text.split())


def _bottom_line(head: str, d: Draft, cite: str, tail: str) -> str:
    budget = BOTTOM_LINE_WORDS - _words(head) - _words(tail) - 1
    for body in (d.text, d.core):
        if _words(body) <= budget:
            return f"{head}{body.rstrip('.')} {cite}.{tail}".strip()
    cut = " ".join(d.core.split()[: max(budget, 5)]).rstrip(",;:.")
    return f"{head}{cut}… {cite}.{tail}".strip()


def _source_of(key: str, kept: list[Checked]) -> StoredSource | None:
    return next((c.source for k in kept for c in k.draft.cites if c.key == key), None)


def _statement(c: Checked, order: dict[str, int]) -> Statement:
    d = c.draft
    pins = tuple(Pin(order[x.key], x.key, x.start, x.end, x.passage_id) for x in d.cites)
    nums: list[NumberPin] = []
    lead = d.cites[0]
    core_at = d.text.find(d.core)
    for m in NUMBER.finditer(d.text):
        val = m.group(0)
        in_core = core_at >= 0 and core_at <= m.start() < core_at + len(d.core)
        hit = next(((x, x.text.find(val)) for x in d.cites if in_core and val in x.text), None)
        if hit is not None:
            x, i = hit
            nums.append(NumberPin(val, order[x.key], x.key, x.start + i, x.start + i + len(val)))
        elif d.prefix is not None and d.prefix.phrase_start >= 0 and m.start() < core_at:
            i = _find_number(d.prefix.phrase, val)
            if i >= 0:
                at = d.prefix.phrase_start + i
                nums.append(NumberPin(val, order[lead.key], lead.key, at, at + len(val)))
        elif d.prefix is not None and d.prefix.n_value == val:
            if d.prefix.n_start >= 0:
                nums.append(NumberPin(val, order[lead.key], lead.key, d.prefix.n_start, d.prefix.n_end))
            else:
                nums.append(NumberPin(val, order[lead.key], lead.key, -1, -1, "sample_size"))
        else:
            found = next(((x, x.text.find(val)) for x in d.cites if val in x.text), None)
            if found is not None:
                x, i = found
                nums.append(NumberPin(val, order[x.key], x.key, x.start + i, x.start + i + len(val)))
    return Statement(
        text=d.text,
        citations=tuple(dict.fromkeys(order[x.key] for x in d.cites)),
        verdict=c.verdict.label.value,
        probability=round(float(c.verdict.probability), 4),
        kind=d.kind,
        pins=pins,
        numbers=tuple(nums),
        core=d.core,
        reasons=tuple(c.verdict.reasons),
    )


def _find_number(text: str, val: str) -> int:
    m = re.search(rf"(?<![\w.]){re.escape(val)}(?![\d])", text)
    return m.start() if m else -1


def reference(n: int, s: StoredSource) -> Reference:
    r = s.record
    return Reference(
        n=n,
        key=r.key,
        title=r.title or (f"PMID {r.pmid}" if r.pmid else r.key),
        pmid=r.pmid,
        doi=r.doi,
        journal=r.journal,
        year=r.year,
        authors=r.authors,
        design=s.evidence.design.value,
        sample_size=s.evidence.sample_size,
    )


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
