"""Design overreach: a claim must not promise more rigour or a longer follow-up than its source has.

Flags a claim of "compared with placebo", "randomised", "double-blind" or a duration
("remission for 3 months") whose evidence is open-label, non-randomised, uncontrolled, of a weaker design,
or followed patients for less time.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from medcite.domain import CheckResult, Design, Evidence
from medcite.verify.numbers import extract_quantities

_PLACEBO = re.compile(r"\bplacebo\b", re.IGNORECASE)
_RANDOM = re.compile(r"\brandomi[sz]ed\b|\brandom(?:ly)?\s+(?:allocated|assigned)\b|\bRCTs?\b", re.IGNORECASE)
_NON_RANDOM = re.compile(
    r"\bnon-?randomi[sz]ed\b|\bnot\s+randomi[sz]ed\b|\bquasi-?experimental\b|\bretrospective\b|\bobservational\b"
    r"|\bcohort\b|\bcase\s+series\b|\bcase\s+report\b|\bcross-sectional\b|\bsingle-arm\b|\bregistry\b",
    re.IGNORECASE,
)
_DOUBLE_BLIND = re.compile(r"\bdouble[-\s]?blind(?:ed)?\b|\btriple[-\s]?blind(?:ed)?\b", re.IGNORECASE)
_OPEN = re.compile(
    r"\bopen[-\s]label\b|\bunblinded\b|\bnon-?blinded\b|\bsingle[-\s]blind(?:ed)?\b", re.IGNORECASE
)
_UNCONTROLLED = re.compile(
    r"\buncontrolled\b|\bsingle[-\s]arm\b|\bno\s+control\s+group\b|\bopen[-\s]label\b", re.I
)
# "for 3 months", "over 12 weeks", "lasting 2 years", "3-month remission", "at 6 months"
_DURATION_CUE = re.compile(
    r"\b(?:for|over|lasting|during|through|at|after|up\s+to|throughout)\s+$", re.IGNORECASE
)
_NON_RCT = {Design.OBSERVATIONAL, Design.CASE_CONTROL, Design.CASE_SERIES, Design.ANIMAL, Design.REVIEW}


def _claim_durations(claim: str) -> list[tuple[str, float]]:
    out = []
    for q in extract_quantities(claim):
        if q.dimension == "time" and q.per is None and _DURATION_CUE.search(claim[: q.start]):
            out.append((q.text, q.value))
    return out


def check_design(claim: str, evidence: Sequence[Evidence]) -> CheckResult:
    text = " ".join(e.text for e in evidence) + " " + " ".join(e.title or "" for e in evidence)
    pub_types = " ".join(pt for e in evidence for pt in e.publication_types)
    designs = {e.design for e in evidence if e.design is not None}
    found: list[str] = []

    whole = len(text) > 600 or any(e.title for e in evidence)  # a lone sentence may omit the comparator
    if whole and _PLACEBO.search(claim) and not _PLACEBO.search(text) and "placebo" not in pub_types.lower():
        found.append("the claim says placebo-controlled; the evidence never mentions a placebo")
    if _UNCONTROLLED.search(text) and re.search(r"\bcontrolled\b|\bplacebo\b|compared\s+with", claim, re.I):
        cue = _UNCONTROLLED.search(text)
        assert cue is not None
        found.append(f"the claim implies a control group; the evidence is '{cue.group(0)}'")
    if _RANDOM.search(claim):
        rct_listed = (
            bool(re.search(r"randomi[sz]ed controlled trial", pub_types, re.I)) or Design.RCT in designs
        )
        weak = designs & _NON_RCT
        non_random = _NON_RANDOM.search(text)
        if weak and not rct_listed:
            found.append(
                f"the claim says randomised; the source design is {', '.join(sorted(d.value for d in weak))}"
            )
        elif non_random and not _RANDOM.search(text) and not rct_listed:
            found.append(f"the claim says randomised; the evidence says '{non_random.group(0)}'")
    if _DOUBLE_BLIND.search(claim):
        opened = _OPEN.search(text)
        if opened and not _DOUBLE_BLIND.search(text):
            found.append(f"the claim says double-blind; the evidence says '{opened.group(0)}'")
    durations = _claim_durations(claim)
    if durations:
        ev_times = [q.value for q in extract_quantities(text) if q.dimension == "time" and q.per is None]
        for label, value in durations:
            if ev_times and max(ev_times) < value - 1e-6:
                longest = max(ev_times)
                shown = next(
                    q.text for q in extract_quantities(text) if q.dimension == "time" and q.value == longest
                )
                found.append(f"the claim says '{label}'; the evidence's longest follow-up is '{shown}'")
    if found:
        return CheckResult("design", False, "design overreach: " + "; ".join(found))
    return CheckResult("design", True, "no design overreach found")
