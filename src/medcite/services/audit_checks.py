"""The checks of a citation audit: each citing sentence against each reference it cites (the verifier, the
study card, or the title alone), the verdict of each reference over its sentences, and the summary line."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from medcite.domain import Evidence, Label, StoredSource, Verdict, evidence_from
from medcite.domain.audit import (
    SEVERITY,
    AuditVerdict,
    CitationCheck,
    CitedReference,
    CitingStatement,
    ReferenceAudit,
    Resolution,
    StatementAudit,
)
from medcite.domain.cards import StudyCard
from medcite.errors import InputError
from medcite.ports import Verifier
from medcite.verify import validate
from medcite.verify.mesh import MeshVocabulary
from medcite.verify.title_check import title_findings

LABEL_VERDICT = {
    Label.SUPPORTED: AuditVerdict.SUPPORTS,
    Label.PARTIAL: AuditVerdict.PARTIAL,
    Label.UNSUPPORTED: AuditVerdict.DOES_NOT_SUPPORT,
    Label.CONTRADICTED: AuditVerdict.CONTRADICTS,
}
_CATEGORY = {"numbers": "number mismatch", "direction": "direction of effect", "input": "not checkable"}
_CLAIM_AGE = {
    "children": re.compile(r"\b(?:children|child|paediatric|pediatric|kids|infants?|adolescents?)\b", re.I),
    "older adults": re.compile(r"\b(?:elderly|older (?:adults|people|patients))\b", re.I),
}
_CLAIM_HUMAN = re.compile(r"\b(?:patients|people|adults|children|women|men|participants)\b", re.I)
CardOf = Callable[[StoredSource], StudyCard]


def verdict_reasons(v: Verdict) -> list[str]:
    """The verifier's failed checks as audit reasons ("indication mismatch: ...", "number mismatch: ...")."""
    out: list[str] = []
    for c in v.checks:
        if c.passed:
            continue
        if c.name == "entailment":
            if v.label is not Label.SUPPORTED:
                out.append(f"not stated in the source: {c.detail}")
        elif c.name in ("population", "design"):
            out.append(c.detail)
        else:
            out.append(f"{_CATEGORY.get(c.name, c.name)}: {c.detail}")
    return out


def card_findings(claim: str, card: StudyCard) -> tuple[list[str], str]:
    """(findings that make the evidence indirect, a one-line summary of the card) for the claim."""
    found: list[str] = []
    if card.species in ("animal", "in_vitro") and _CLAIM_HUMAN.search(claim):
        found.append(f"indirect evidence: the study card says the study is {card.species.replace('_', '-')}")
    for group, rx in _CLAIM_AGE.items():
        m = rx.search(claim)
        if m and card.age_group not in ("unknown", "mixed", group):
            found.append(
                f"population mismatch: the claim is about {m.group(0)}; the study card: {card.age_group}"
            )
    bits = [f"design {card.design}"]
    if card.n:
        bits.append(f"n={card.n}")
    if card.age_group != "unknown":
        bits.append(card.age_group)
    if card.condition:
        bits.append(f"condition '{card.condition.text[:80]}'")
    if card.interventions:
        bits.append("intervention '" + "; ".join(s.text[:60] for s in card.interventions[:2]) + "'")
    if card.comparator:
        bits.append(f"comparator '{card.comparator.text[:60]}'")
    return found, "study card: " + ", ".join(bits)


def _from_verdict(n: int, v: Verdict, card: tuple[list[str], str] | None) -> CitationCheck:
    verdict = LABEL_VERDICT[v.label]
    reasons = verdict_reasons(v)
    if card is not None:
        found, line = card
        if found and verdict is AuditVerdict.SUPPORTS:
            verdict = AuditVerdict.PARTIAL
        reasons += found
        reasons.append(line)
    decisive = v.evidence[0].text if v.evidence else None
    return CitationCheck(n, verdict, tuple(dict.fromkeys(reasons)), decisive, v.probability)


def _title_only(n: int, claim: str, title: str | None, mesh: MeshVocabulary) -> CitationCheck:
    if not title:
        return CitationCheck(n, AuditVerdict.NOT_CHECKABLE, ("unresolved: no title, PMID or DOI to check",))
    found = title_findings(claim, title, mesh)
    if found:
        return CitationCheck(n, AuditVerdict.DOES_NOT_SUPPORT, (*found, "checked against the title only"))
    return CitationCheck(
        n,
        AuditVerdict.NOT_CHECKABLE,
        ("unresolved: only the title is known; it shows no mismatch but cannot show support",),
    )


def check_statements(
    statements: Sequence[CitingStatement],
    refs: Mapping[int, CitedReference],
    resolved: Mapping[int, StoredSource],
    verifier: Verifier,
    mesh: MeshVocabulary,
    card_of: CardOf | None,
) -> list[StatementAudit]:
    """Every (sentence, citation) pair checked; the verifier runs once over all resolved pairs."""
    items: list[tuple[str, Sequence[Evidence]]] = []
    slots: list[list[CitationCheck | int]] = []
    for st in statements:
        row: list[CitationCheck | int] = []
        for n in st.citations:
            ref = refs.get(n)
            if ref is None:
                row.append(
                    CitationCheck(n, AuditVerdict.NOT_CHECKABLE, (f"[{n}] is not in the reference list",))
                )
            elif not ref.kind.checkable:
                row.append(CitationCheck(n, AuditVerdict.NOT_RESEARCH, (not_research(ref),)))
            elif n in resolved:
                evidence = [evidence_from(resolved[n])]
                problem = _unusable(st.text, evidence)
                if problem:
                    row.append(CitationCheck(n, AuditVerdict.NOT_CHECKABLE, (problem,)))
                else:
                    row.append(len(items))
                    items.append((st.text, evidence))
            else:
                row.append(_title_only(n, st.text, ref.title, mesh))
        slots.append(row)
    verdicts = verifier.verify_batch(items) if items else []
    out: list[StatementAudit] = []
    for st, row in zip(statements, slots, strict=True):
        checks: list[CitationCheck] = []
        for n, slot in zip(st.citations, row, strict=True):
            if isinstance(slot, CitationCheck):
                checks.append(slot)
                continue
            card = card_findings(st.text, card_of(resolved[n])) if card_of is not None else None
            checks.append(_from_verdict(n, verdicts[slot], card))
        out.append(StatementAudit(st, tuple(checks)))
    return out


def _unusable(claim: str, evidence: Sequence[Evidence]) -> str | None:
    """Why the verifier cannot read this pair (an overlong sentence, a source without text), or None."""
    try:
        validate(claim, evidence)
    except InputError as exc:
        return f"not checkable: {exc}"
    return None


def not_research(ref: CitedReference) -> str:
    what = {"manual": "a manual", "book": "a book", "website": "a website"}.get(
        ref.kind.value, ref.kind.value
    )
    return f"not a research article ({what}): not checked against the literature"


def worst(verdicts: Sequence[AuditVerdict]) -> AuditVerdict:
    return min(verdicts, key=SEVERITY.index) if verdicts else AuditVerdict.NOT_CHECKABLE


def reference_audits(
    refs: Sequence[CitedReference],
    resolutions: Mapping[int, Resolution],
    statements: Sequence[StatementAudit],
) -> list[ReferenceAudit]:
    """Each reference's verdict: the worst over the sentences citing it, with their reasons."""
    out: list[ReferenceAudit] = []
    for ref in refs:
        res = resolutions.get(ref.n) or Resolution(ref.n, None)
        cites = [(i, c) for i, s in enumerate(statements) for c in s.citations if c.n == ref.n]
        if not ref.kind.checkable:
            out.append(
                ReferenceAudit(ref, res, AuditVerdict.NOT_RESEARCH, (not_research(ref),), None, _idx(cites))
            )
            continue
        if not cites:
            why = "not cited in the text" if res.source_key else "not cited in the text; unresolved"
            out.append(ReferenceAudit(ref, res, AuditVerdict.NOT_CHECKABLE, (why,), None))
            continue
        verdict = worst([c.verdict for _, c in cites])
        reasons: list[str] = []
        decisive = None
        for _, c in cites:
            if c.verdict is verdict:
                reasons.extend(c.reasons)
                decisive = decisive or c.decisive
        if res.source_key is None:
            reasons.insert(
                0, "unresolved: not found in the local store" + (" or online" if res.matched_by else "")
            )
        out.append(ReferenceAudit(ref, res, verdict, tuple(dict.fromkeys(reasons)), decisive, _idx(cites)))
    return out


def _idx(cites: Sequence[tuple[int, CitationCheck]]) -> tuple[int, ...]:
    return tuple(dict.fromkeys(i for i, _ in cites))


def summary_line(refs: Sequence[ReferenceAudit]) -> str:
    """ "2 of 5 references do not support the claims they are cited for; 2 are not research articles"."""
    n = len(refs)
    count = {v: sum(r.verdict is v for r in refs) for v in AuditVerdict}
    failing = count[AuditVerdict.DOES_NOT_SUPPORT] + count[AuditVerdict.CONTRADICTS]
    parts = [
        f"{failing} of {n} reference{'s' if n != 1 else ''} do not support the claims they are cited for"
    ]
    if count[AuditVerdict.CONTRADICTS]:
        k = count[AuditVerdict.CONTRADICTS]
        parts[0] += f" ({k} contradict{'s' if k == 1 else ''} them)"
    extra = [
        (count[AuditVerdict.SUPPORTS], "support them", "supports them"),
        (count[AuditVerdict.PARTIAL], "support them in part", "supports them in part"),
        (count[AuditVerdict.NOT_RESEARCH], "are not research articles", "is not a research article"),
        (count[AuditVerdict.NOT_CHECKABLE], "could not be checked", "could not be checked"),
    ]
    parts += [f"{k} {many if k != 1 else one}" for k, many, one in extra if k]
    unresolved = sum(r.resolution.source_key is None and r.reference.kind.checkable for r in refs)
    if unresolved:
        parts.append(f"{unresolved} {'are' if unresolved != 1 else 'is'} unresolved")
    return "; ".join(parts) + "."
