"""What a cited title alone can show against the claim citing it (when no abstract is available).

A title cannot show support, but it can show a misattribution: an *indication mismatch* (the title's
condition is not the claim's, by MeSH: depression vs an anxiety disorder), *design overreach* (the title says
open-label, pilot or uncontrolled; the claim says placebo-controlled, randomised or double-blind) and
*indirect evidence* (an animal, in-vitro or mechanism study cited for a clinical benefit).
"""

from __future__ import annotations

import re

from medcite.domain import Evidence
from medcite.verify.mesh import MeshVocabulary
from medcite.verify.population import Mismatch, check_population

_CLAIM_RIGOUR = re.compile(
    r"\bplacebo(?:-controlled)?\b|\brandomi[sz]ed\b|\bdouble[-\s]?blind(?:ed)?\b|\bcontrolled trials?\b"
    r"|\bRCTs?\b",
    re.I,
)
_TITLE_WEAK = re.compile(
    r"\bopen[-\s]label\b|\bpilot\b|\bopen trial\b|\buncontrolled\b|\bsingle[-\s]arm\b|\bcase reports?\b"
    r"|\bcase series\b|\bretrospective\b|\bobservational\b|\bcohort\b|\bcross-sectional\b|\bfeasibility\b",
    re.I,
)
_TITLE_RIGOUR = re.compile(r"\bplacebo\b|\brandomi[sz]ed\b|\bdouble[-\s]?blind", re.I)
_TITLE_PRECLINICAL = re.compile(
    r"\b(?:mice|mouse|rats?|murine|rodents?|in vitro|cell lines?|cultured cells|zebrafish|mechanisms?"
    r"|pathways?|molecular basis|neurobiology)\b",
    re.I,
)
_CLAIM_CLINICAL = re.compile(
    r"\b(?:patients|people|adults|children|participants|clinical(?:ly)?|efficac\w*|effective|treat\w*"
    r"|symptoms?|remission|improve[sd]?)\b",
    re.I,
)


def title_findings(claim: str, title: str, mesh: MeshVocabulary) -> list[str]:
    """Misattributions the title shows (empty when it shows none)."""
    out: list[str] = []
    pop = check_population(claim, [Evidence(text=title)], mesh)
    if pop.mismatch in (Mismatch.INDICATION, Mismatch.NOT_STUDIED):
        out.append(pop.check.detail)
    rigour = _CLAIM_RIGOUR.search(claim)
    weak = _TITLE_WEAK.search(title)
    if rigour and weak and not _TITLE_RIGOUR.search(title):
        out.append(f"design overreach: the claim says '{rigour.group(0)}'; the title says '{weak.group(0)}'")
    pre = _TITLE_PRECLINICAL.search(title)
    if pre and _CLAIM_CLINICAL.search(claim) and not _CLAIM_CLINICAL.search(title):
        out.append(
            f"indirect evidence: the title describes a preclinical or mechanism study ('{pre.group(0)}'); "
            "the claim is about a clinical effect"
        )
    return out
