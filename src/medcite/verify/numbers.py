"""Numbers check: every number in a claim must appear in the evidence after unit normalisation.

``"seven days"`` = ``"7 days"``, ``1 h`` = ``60 min``, ``1,000`` = ``1000``, ``.5`` = ``0.5``,
``500 mg`` = ``0.5 g``; ``mg/kg`` keeps its per-kilogram denominator. Numbers glued to names
(``COVID-19``, ``IL-6``) are not quantities.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from medcite.domain import CheckResult
from medcite.text import TEENS, TENS, UNITS, content_words, word_number

_WORDS = {**UNITS, **TEENS, **TENS, "hundred": 100}

# (pattern, dimension, factor to the base unit of that dimension)
_UNIT_TABLE: list[tuple[str, str, float]] = [
    (r"%|percent|per\s?cent", "percent", 1.0),
    (r"seconds?|secs?|s", "time", 1 / 60),
    (r"minutes?|mins?", "time", 1.0),
    (r"hours?|hrs?|h", "time", 60.0),
    (r"days?|d", "time", 1440.0),
    (r"weeks?|wks?", "time", 10080.0),
    (r"months?|mos?", "time", 43830.0),
    (r"years?|yrs?|y", "time", 525960.0),
    (r"kg", "mass", 1e6),
    (r"mg", "mass", 1.0),
    (r"g|grams?", "mass", 1000.0),
    (r"mcg|µg|μg|ug|micrograms?", "mass", 1e-3),
    (r"ng", "mass", 1e-6),
    (r"ml|mL", "volume", 1.0),
    (r"l|L|litres?|liters?", "volume", 1000.0),
    (r"mmol", "amount", 1.0),
    (r"µmol|μmol|umol", "amount", 1e-3),
    (r"IU|iu|units?", "iu", 1.0),
    (r"mmHg|mm\s?Hg", "pressure", 1.0),
]
_DENOM = r"(?:\s?/\s?(?P<den>kg|m2|m²|day|d|h|min|week|L|l|dL|dl|mL|ml))?"
_UNIT_RE = "|".join(f"(?:{p})" for p, _, _ in _UNIT_TABLE)
_NUM = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
_WORD_NUM = r"(?:(?:" + "|".join(TENS) + r")[-\s](?:" + "|".join(UNITS) + r")|" + "|".join(_WORDS) + r")"
_QTY = re.compile(
    r"(?<![\w.,/])(?<![A-Za-z]-)(?P<num>"
    + _NUM
    + r")(?:\s?(?P<unit>"
    + _UNIT_RE
    + r")"
    + _DENOM
    + r")?(?![\w%])"
    r"|(?<![\w-])(?P<word>" + _WORD_NUM + r")\s(?P<wunit>" + _UNIT_RE + r")(?![\w%])",
    re.IGNORECASE,
)
_P_VALUE = re.compile(r"\bp\s*(?P<cmp>[<>=≤≥]+)\s*(?P<num>" + _NUM + ")", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Quantity:
    value: float  # in the base unit of its dimension
    dimension: str | None  # None: a bare number (count, ratio, score)
    per: str | None  # denominator, e.g. "kg" for mg/kg
    text: str
    start: int
    end: int
    p_value: bool = False
    tol: float = 0.0  # rounding tolerance implied by the decimals written (claims may round the evidence)


@dataclass(frozen=True, slots=True)
class NumbersResult:
    check: CheckResult
    missing: tuple[Quantity, ...]
    conflicting: tuple[
        tuple[Quantity, Quantity], ...
    ]  # (claim quantity, evidence quantity of that dimension)
    matched: int
    #: a claim number is not in the evidence but the evidence states a rival of the same dimension, or another
    #: number in the same context: a changed number, not merely one the evidence leaves unstated; the numbers
    #: *rule* acts only on these (see medcite.verify.decide)
    changed: bool = False


# "in a few seconds", "several weeks": a vague duration is still a duration (value, tolerance in units)
_VAGUE = {"a few": (3.0, 2.0), "few": (3.0, 2.0), "several": (6.0, 4.0), "a couple of": (2.0, 0.0)}
_VAGUE_QTY = re.compile(
    r"\b(?P<vague>a few|few|several|a couple of)\s+(?P<vunit>seconds?|minutes?|hours?|days?|weeks?|months?|"
    r"years?)\b",
    re.IGNORECASE,
)


def parse_number(text: str) -> float:
    """Parse ``"1,000"``, ``".5"``, ``"seven"``, ``"twenty-one"`` to a float. Raises ValueError otherwise."""
    t = text.strip().lower()
    if (n := word_number(t)) is not None:
        return float(n)
    if re.fullmatch(_NUM, t):
        return float(t.replace(",", ""))
    raise ValueError(f"not a number: {text!r}")


def _unit(unit: str) -> tuple[str, float]:
    for pattern, dim, factor in _UNIT_TABLE:
        flags = 0 if pattern in ("ml|mL", "l|L|litres?|liters?") else re.IGNORECASE
        if re.fullmatch(pattern, unit, flags):
            return dim, factor
    raise ValueError(unit)


def extract_quantities(text: str) -> list[Quantity]:
    """Every number of ``text``, with its unit normalised to the base unit of its dimension."""
    out: list[Quantity] = []
    p_spans: dict[int, Quantity] = {}
    for m in _P_VALUE.finditer(text):
        v = parse_number(m.group("num"))
        p_spans[m.start("num")] = Quantity(v, "p", None, m.group(0), m.start(), m.end(), True)
    for m in _QTY.finditer(text):
        if m.group("num") is not None:
            if m.start("num") in p_spans:
                out.append(p_spans[m.start("num")])
                continue
            raw, unit = m.group("num"), m.group("unit")
        else:
            raw, unit = m.group("word"), m.group("wunit")
        value = parse_number(raw)
        decimals = len(raw.split(".")[1]) if "." in raw else 0
        dim: str | None = None
        factor = 1.0
        if unit:
            dim, factor = _unit(unit)
            value *= factor
        den = m.groupdict().get("den")
        tol = 0.5 * 10.0**-decimals * factor if m.group("num") is not None else 0.0
        out.append(
            Quantity(value, dim, den.lower() if den else None, m.group(0), m.start(), m.end(), tol=tol)
        )
    for m in _VAGUE_QTY.finditer(text):
        mid, spread = _VAGUE[m.group("vague").lower()]
        dim, factor = _unit(m.group("vunit"))
        out.append(Quantity(mid * factor, dim, None, m.group(0), m.start(), m.end(), tol=spread * factor))
    return sorted(out, key=lambda q: q.start)


def _close(claim: Quantity, ev: Quantity) -> bool:
    return abs(claim.value - ev.value) <= max(claim.tol, 1e-9 * max(1.0, abs(claim.value)))


def quantity_matches(claim: Quantity, ev: Quantity) -> bool:
    if claim.p_value or ev.p_value:
        if not (claim.p_value and ev.p_value):
            return False
        if "<" in claim.text or "≤" in claim.text:  # "p < 0.05" holds for any smaller evidence p-value
            return ev.value <= claim.value + 1e-12
        return abs(claim.value - ev.value) < 1e-9
    if claim.dimension and ev.dimension and (claim.dimension != ev.dimension or claim.per != ev.per):
        return False
    return _close(claim, ev)


CONTEXT_WORDS = 3  # content words read on each side of a number
SHARED_CONTEXT = 2  # of them, how many a claim number and an evidence number must share to be "the same slot"


def _context(text: str, q: Quantity) -> set[str]:
    return set(content_words(text[: q.start])[-CONTEXT_WORDS:] + content_words(text[q.end :])[:CONTEXT_WORDS])


def changed_in_context(
    claim: str, unmatched: Sequence[Quantity], located: Sequence[tuple[str, Quantity]]
) -> bool:
    """Whether an unmatched claim number has an evidence number with >= :data:`SHARED_CONTEXT` of the
    :data:`CONTEXT_WORDS` content words on either side in common ("anxiety was 44.0 in the intervention
    group" vs "anxiety was 34.0 in the intervention group"). A number the evidence simply does not state (a
    dose named in a trial arm, a figure from another part of the paper) is not such a change. ``located``:
    each evidence number with the text it was read from."""
    around = [_context(t, e) for t, e in located]
    for q in unmatched:
        mine = _context(claim, q)
        if any(len(mine & theirs) >= SHARED_CONTEXT for theirs in around):
            return True
    return False


def check_numbers(claim: str, evidence_texts: Sequence[str]) -> NumbersResult:
    """Every claim number must match one evidence number; a miss names the number (and a rival, if any)."""
    cq = extract_quantities(claim)
    if not cq:
        return NumbersResult(CheckResult("numbers", True, "the claim states no numbers"), (), (), 0)
    located = [(t, q) for t in evidence_texts for q in extract_quantities(t)]
    eq = [q for _, q in located]
    missing: list[Quantity] = []
    conflicting: list[tuple[Quantity, Quantity]] = []
    matched = 0
    for q in cq:
        if any(quantity_matches(q, e) for e in eq):
            matched += 1
            continue
        rival = next((e for e in eq if q.dimension and e.dimension == q.dimension and e.per == q.per), None)
        if rival is not None:
            conflicting.append((q, rival))
        else:
            missing.append(q)
    if not missing and not conflicting:
        detail = f"all {matched} number(s) of the claim appear in the evidence"
        return NumbersResult(CheckResult("numbers", True, detail), (), (), matched)
    parts = [f"'{q.text}' not in the evidence (it says '{e.text}')" for q, e in conflicting]
    parts += [f"'{q.text}' not found in the evidence" for q in missing]
    # a rival of the same dimension ("a few seconds" vs "30 min") is a change; a bare number only in context
    changed = bool(conflicting) or changed_in_context(claim, missing, located)
    if not changed:
        parts.append("no evidence number in the same context (not stated there, rather than changed)")
    return NumbersResult(
        CheckResult("numbers", False, "; ".join(parts)), tuple(missing), tuple(conflicting), matched, changed
    )
