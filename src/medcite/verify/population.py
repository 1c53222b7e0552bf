"""Population and indication check: does the evidence study the claim's condition, population and drug?

- Condition (MeSH C / F03): evidence about an unrelated condition is an *indication mismatch*;
  evidence about a
  broader or narrower heading (e.g. treatment-resistant depression for a depression claim) is *indirect*.
- A claim condition that the evidence never studies (while another one matches) is *not studied*.
- Age group (MeSH M01.060): a broader or narrower age group is *indirect*; a different one (adults vs
  children) is *not studied* (the evidence does not speak to the claim's population).
- Intervention: a drug named in the claim (recognised by its INN stem) that the evidence never names
  is *indirect*.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from medcite.domain import CheckResult, Evidence
from medcite.verify.mesh import MeshVocabulary, Relation, Term, normalise, relation

# International Nonproprietary Name stems (WHO) that mark a drug name.
_DRUG = re.compile(
    r"\b[a-z]{3,}(?:mab|nib|pril|sartan|olol|statin|azole|mycin|cillin|cycline|floxacin|vir|glutide|parin|gliptin"
    r"|gliflozin|afil|oxetine|pramine|triptyline|azepam|azolam|apine|idone|profen|coxib|semide|thiazide|dronate"
    r"|lukast|prazole|tidine|setron|triptan|lutamide|platin|taxel|rubicin|ercept|kinra|nisone|olone|asone|etine"
    r"|faxine|ipramine|barbital|caine|dipine|trexate|pramide|mustine|fenac|zepine|olimus)\b"
)
_NOT_DRUGS = frozenset({"histamine", "dopamine", "thiamine", "glutamine", "examine"})


class Mismatch(StrEnum):
    NONE = "none"
    INDIRECT = "indirect"  # related but different population or condition: at most partial support
    INDICATION = "indication"  # a different condition: the evidence does not speak to the claim
    NOT_STUDIED = "not studied"  # a claim condition or age group (not broader/narrower) never studied


@dataclass(frozen=True, slots=True)
class PopulationResult:
    check: CheckResult
    mismatch: Mismatch


def drugs(text: str) -> set[str]:
    return {m.group(0) for m in _DRUG.finditer(text.lower()) if m.group(0) not in _NOT_DRUGS}


def _best(c: Term, others: Sequence[Term]) -> tuple[Relation, Term | None]:
    order = {Relation.SAME: 0, Relation.BROADER: 1, Relation.NARROWER: 1, Relation.DIFFERENT: 2}
    best: tuple[Relation, Term | None] = (Relation.DIFFERENT, None)
    for o in others:
        r = relation(c, o)
        if order[r] < order[best[0]]:
            best = (r, o)
    return best


def _names(terms: Sequence[Term]) -> str:
    return ", ".join(sorted({t.heading for t in terms}))


def check_population(claim: str, evidence: Sequence[Evidence], vocab: MeshVocabulary) -> PopulationResult:
    claim_terms = vocab.find(claim)
    ev_terms: list[Term] = []
    ev_text = " ".join(e.text for e in evidence) + " " + " ".join(e.title or "" for e in evidence)
    ev_terms.extend(vocab.find(ev_text))
    for e in evidence:
        for d in e.mesh:
            t = vocab.term(d)
            if t is not None:
                ev_terms.append(t)
    findings: list[str] = []
    mismatch = Mismatch.NONE

    cc = [t for t in claim_terms if t.is_condition]
    ec = [t for t in ev_terms if t.is_condition]
    if cc and ec:
        rels = [(c, *_best(c, ec)) for c in cc]
        if all(r is Relation.DIFFERENT for _, r, _ in rels):
            mismatch = Mismatch.INDICATION
            findings.append(
                f"indication mismatch: the claim is about {_names(cc)}; the evidence about {_names(ec)}"
            )
        else:
            for c, r, o in rels:
                if r is Relation.DIFFERENT:
                    mismatch = Mismatch.NOT_STUDIED
                    findings.append(f"condition '{c.surface}' ({c.heading}) is not studied in the evidence")
                elif r is not Relation.SAME and o is not None:
                    mismatch = Mismatch.INDIRECT
                    kind = "narrower" if r is Relation.BROADER else "broader"
                    findings.append(
                        f"indirect: the evidence studies {o.heading}, "
                        f"a {kind} condition than the claim's {c.heading}"
                    )

    ca = [t for t in claim_terms if t.is_age_group]
    ea = [t for t in ev_terms if t.is_age_group]
    if ca and ea:
        for c in ca:
            r, _ = _best(c, ea)
            if r is not Relation.SAME:
                if r is Relation.DIFFERENT and mismatch is not Mismatch.INDICATION:
                    mismatch = Mismatch.NOT_STUDIED
                elif mismatch is Mismatch.NONE:
                    mismatch = Mismatch.INDIRECT
                findings.append(
                    f"indirect population: the claim is about {c.heading}; the evidence about {_names(ea)}"
                )

    claim_drugs = drugs(normalise(claim))
    ev_norm = normalise(ev_text)
    absent = sorted(d for d in claim_drugs if d not in ev_norm)
    if absent:
        if mismatch is Mismatch.NONE:
            mismatch = Mismatch.INDIRECT
        findings.append(f"intervention {', '.join(repr(d) for d in absent)} is never named in the evidence")

    if not findings:
        seen = _names(cc + ca) or "no MeSH condition or age group"
        return PopulationResult(
            CheckResult("population", True, f"claim terms found in the evidence: {seen}"), mismatch
        )
    return PopulationResult(CheckResult("population", False, "; ".join(findings)), mismatch)
