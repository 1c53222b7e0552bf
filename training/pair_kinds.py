"""Rewrites of one real abstract sentence that keep or break what it says (labels by construction).

Each function takes a sentence (and a ``random.Random``) and returns the rewritten claim, or ``None`` when the
rewrite does not apply to that sentence. Nothing here invents a study: every claim is a real sentence from a
licence-compatible abstract with one tagged change (or a meaning-preserving reformat for the supported kinds).
"""

from __future__ import annotations

import random
import re

_W = r"(?<![\w-])"
_E = r"(?![\w-])"


def _case_like(src: str, word: str) -> str:
    if src[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def _swap_first(sentence: str, table: dict[str, str], rng: random.Random) -> str | None:
    """Replace one (random) occurrence of a key of ``table`` by its value, keeping the initial capital."""
    pat = re.compile(
        _W + "(" + "|".join(sorted(map(re.escape, table), key=len, reverse=True)) + ")" + _E, re.I
    )
    hits = list(pat.finditer(sentence))
    if not hits:
        return None
    m = rng.choice(hits)
    new = table[m.group(1).lower()]
    return sentence[: m.start()] + _case_like(m.group(1), new) + sentence[m.end() :]


# ---- unsupported / contradicted kinds ---------------------------------------------------------------

_FLIP = {
    "increased": "decreased", "decreased": "increased", "increase": "decrease", "decrease": "increase",
    "increases": "decreases", "decreases": "increases", "reduced": "increased", "reduces": "increases",
    "reduce": "increase", "reduction": "increase", "higher": "lower", "lower": "higher",
    "improved": "worsened", "improves": "worsens", "improve": "worsen", "improvement": "deterioration",
    "better": "worse", "worse": "better",
    "elevated": "reduced", "shorter": "longer", "longer": "shorter", "fewer": "more",
    "greater": "smaller", "smaller": "greater", "gain": "loss", "enhanced": "impaired",
    "beneficial": "harmful", "effective": "ineffective", "ineffective": "effective",
    "prolonged": "shortened", "shortened": "prolonged", "lowered": "raised", "raised": "lowered",
}  # fmt: skip


def direction_flip(s: str, rng: random.Random) -> str | None:
    return _swap_first(s, _FLIP, rng)


_NEG_RULES: list[tuple[str, str]] = [
    (r"\bno significant\b", "a significant"),
    (r"\bnot significantly\b", "significantly"),
    (r"\bdid not\s+", "did "),
    (r"\bdoes not\s+", "does "),
    (r"\b(was|were|is|are) not\b", r"\1"),
    (r"\bwithout\b", "with"),
    (r"\b(was|were|is|are) (significantly|associated|effective|safe|related|correlated|higher|lower)\b",
     r"\1 not \2"),
    (r"\b(significantly) (improved|reduced|increased|decreased|lowered)\b", r"did not \1 \2"),
    (r"\b(can|could|may)\b(?! not)", r"\1 not"),
    (r"\b(has|have|had) (been|shown|demonstrated)\b", r"\1 not \2"),
]  # fmt: skip


def negation(s: str, rng: random.Random) -> str | None:
    """Add or remove one negation (the first rule that applies, tried in a random order)."""
    rules = _NEG_RULES[:]
    rng.shuffle(rules)
    for pat, rep in rules:
        new, n = re.subn(pat, rep, s, count=1, flags=re.I)
        if n and new != s:
            return new
    return None


_NUM = re.compile(r"(?<![\w.,/-])(\d+(?:\.\d+)?)(?![\w]|\.\d)")
_DOSE = re.compile(r"(\d+(?:\.\d+)?)(\s?)(mg/kg|mg|g|mcg|µg|ug|ml|mL|IU|units|mmol|mEq)\b")
_DUR = re.compile(r"(\d+(?:\.\d+)?)(\s|-)(days?|weeks?|months?|years?|hours?|h|min|minutes)\b")
_CI = re.compile(r"(\d+(?:\.\d+)?)\s?(-|–|to)\s?(\d+(?:\.\d+)?)")
_UNIT_SWAP = {"mg": "g", "g": "mg", "mcg": "mg", "µg": "mg", "ug": "mg", "ml": "L", "mL": "L", "mg/kg": "mg",
              "IU": "mg", "units": "mg", "mmol": "mol", "mEq": "mmol"}  # fmt: skip
_DUR_SWAP = {"day": "week", "days": "weeks", "week": "month", "weeks": "months", "month": "year",
             "months": "years", "year": "month", "years": "months", "hour": "day", "hours": "days",
             "h": "days", "min": "hours", "minutes": "hours"}  # fmt: skip


def _other_number(tok: str, rng: random.Random) -> str:
    """A different number in the same format (34.0 -> 44.0; 12 -> 18); never the same value."""
    if "." in tok:
        whole, frac = tok.split(".")
        digits = list(whole)
        i = 0 if len(digits) > 1 or digits[0] != "0" else None
        if i is None:  # 0.xx: change the first fractional digit
            f = list(frac)
            f[0] = str((int(f[0]) + rng.randint(1, 8)) % 10)
            return f"{whole}.{''.join(f)}"
        digits[0] = str(max(1, (int(digits[0]) + rng.randint(1, 8)) % 10))
        new = f"{''.join(digits)}.{frac}"
        return new if new != tok else f"{int(whole) + 1}.{frac}"
    n = int(tok)
    for _ in range(10):
        m = n + rng.choice([-1, 1]) * rng.randint(max(1, n // 5), max(2, n // 2 + 2))
        if m > 0 and m != n:
            return str(m)
    return str(n + 1)


def _is_year(tok: str) -> bool:
    return "." not in tok and 1900 <= int(tok) <= 2030


def number_change(s: str, rng: random.Random) -> tuple[str, str] | None:
    """Change a dose, unit, duration, CI bound or plain number: (claim, sub-kind)."""
    options: list[tuple[str, re.Match[str]]] = []
    options += [("dose", m) for m in _DOSE.finditer(s)]
    options += [("unit", m) for m in _DOSE.finditer(s) if m.group(3) in _UNIT_SWAP]
    options += [("duration", m) for m in _DUR.finditer(s)]
    options += [("ci", m) for m in _CI.finditer(s) if "CI" in s or "confidence" in s.lower()]
    options += [
        ("number", m)
        for m in _NUM.finditer(s)
        if not _is_year(m.group(1)) and not re.match(r"\s?%\s?(CI|confidence)", s[m.end() :])
    ]
    if not options:
        return None
    kind, m = rng.choice(options)
    if kind == "unit":
        new = m.group(1) + m.group(2) + _UNIT_SWAP[m.group(3)]
    elif kind == "duration" and rng.random() < 0.5:
        new = m.group(1) + m.group(2) + _DUR_SWAP.get(m.group(3), m.group(3))
    elif kind == "ci":
        new = (
            f"{m.group(1)}{' ' if m.group(2) == 'to' else ''}{m.group(2)}{' ' if m.group(2) == 'to' else ''}"
        )
        new += _other_number(m.group(3), rng)
    else:
        new = _other_number(m.group(1), rng) + m.group(0)[len(m.group(1)) :]
    if new == m.group(0):
        return None
    return s[: m.start()] + new + s[m.end() :], kind


_ARMS = [
    ("intervention group", "control group"),
    ("treatment group", "control group"),
    ("experimental group", "control group"),
    ("intervention group", "usual care group"),
]


def arm_swap(s: str) -> str | None:
    """Swap the two arms named in one sentence (intervention group <-> control group)."""
    low = s.lower()
    for a, b in _ARMS:
        if re.search(rf"\b{a}\b", low) and re.search(rf"\b{b}\b", low):
            tmp = re.sub(rf"\b{a}\b", "\0", s, flags=re.I)
            tmp = re.sub(rf"\b{b}\b", a, tmp, flags=re.I)
            return tmp.replace("\0", b)
    return None


_POP = {
    "adults": "children", "children": "adults", "adult": "paediatric", "pediatric": "adult",
    "paediatric": "adult", "women": "men", "men": "women", "female": "male", "male": "female",
    "girls": "boys", "boys": "girls", "elderly": "adolescent", "older adults": "children",
    "infants": "adults", "neonates": "adults", "adolescents": "elderly adults", "patients": "rats",
    "humans": "mice", "rats": "patients", "mice": "patients", "healthy volunteers": "patients with cancer",
    "pregnant women": "men", "postmenopausal women": "young men", "mothers": "fathers",
}  # fmt: skip


def population_swap(s: str, rng: random.Random) -> str | None:
    return _swap_first(s, _POP, rng)


_HEDGE: list[tuple[str, str]] = [
    (r"\b(was|were) (associated|correlated) with\b", "caused"),
    (r"\bis (associated|correlated) with\b", "causes"),
    (r"\bare (associated|correlated) with\b", "cause"),
    (r"\bmay (reduce|improve|increase|prevent|decrease|lower|be)\b", r"\1s"),
    (r"\bmight (reduce|improve|increase|prevent|decrease|lower)\b", r"\1s"),
    (r"\bcould (reduce|improve|increase|prevent|decrease|lower)\b", r"\1s"),
    (r"\bsuggests that\b", "proves that"),
    (r"\b(suggested|suggest) that\b", "proved that"),
    (r"\bindicates that\b", "proves that"),
    (r"\b(indicated|indicate) that\b", "proved that"),
    (r"\b(possibly|probably|likely|potentially)\b", "definitely"),
    (r"\bappears? to\b", "is proven to"),
    (r"\bpreliminary\b", "definitive"),
]


def hedge_escalation(s: str, rng: random.Random) -> str | None:
    rules = _HEDGE[:]
    rng.shuffle(rules)
    for pat, rep in rules:
        new, n = re.subn(pat, rep, s, count=1, flags=re.I)
        if n:
            return new.replace("bes ", "is ").replace("be s ", "is ")
    return None


_DESIGN = re.compile(
    r"\b(open[- ]label|non[- ]?randomi[sz]ed|retrospective|observational|cross[- ]sectional|"
    r"case[- ]control|single[- ]arm|uncontrolled|pilot|cohort)\b",
    re.I,
)
_STRONG = [
    "randomised double-blind placebo-controlled",
    "placebo-controlled randomized",
    "double-blind randomized",
]


def design_overstated(s: str, rng: random.Random, abstract: str) -> str | None:
    """A weaker design word becomes 'randomized placebo-controlled' when the abstract says neither."""
    low = abstract.lower()
    if "placebo" in low or "blind" in low:
        return None
    m = _DESIGN.search(s)
    if m:
        return s[: m.start()] + _case_like(m.group(0), rng.choice(_STRONG)) + s[m.end() :]
    m = re.search(r"\brandomi[sz]ed\b", s, re.I)
    if m:
        return (
            s[: m.start()]
            + _case_like(m.group(0), "double-blind, placebo-controlled, randomized")
            + s[m.end() :]
        )
    return None


# ---- supported: meaning-preserving rewrites -----------------------------------------------------------

_REFORMAT: list[tuple[str, str]] = [
    (r"(\d)\s?%", r"\1 percent"),
    (r"\b95%\s?CI\b", "95% confidence interval"),
    (r"\bCI\b", "confidence interval"),
    (r"\bvs\.?\s", "versus "),
    (r"\bversus\b", "compared with"),
    (r"\bP\s?([<=>])\s?", r"p \1 "),
    (r"\bmg/kg\b", "mg per kg"),
    (r"\bOR\b", "odds ratio"),
    (r"\bRR\b", "relative risk"),
    (r"\bHR\b", "hazard ratio"),
    (r"\b(\d+)-(day|week|month|year)\b", r"\1 \2"),
    (r"\bi\.e\.,?\s", "that is, "),
]
_PAREN = re.compile(r"\s?\([^()]*(?:\([^()]*\)[^()]*)*\)")
_DEF = re.compile(r"([A-Za-z][\w\- ]{3,60}?)\s\(([A-Z][A-Za-z0-9-]{1,9})\)")


def abbreviations(abstract: str) -> dict[str, str]:
    """Abbreviations the abstract defines itself: 'long form (LF)' -> {'LF': 'long form'}."""
    out: dict[str, str] = {}
    for m in _DEF.finditer(abstract):
        short, words = m.group(2), m.group(1).split()
        letters = [c for c in short if c.isupper()]
        k = len(letters)
        if 2 <= k <= 6 and len(words) >= k:
            cand = words[-k:]
            if all(w[:1].lower() == c.lower() for w, c in zip(cand, letters, strict=False)):
                out[short] = " ".join(cand)
    return out


def paraphrase(s: str, rng: random.Random, abbrs: dict[str, str]) -> tuple[str, str] | None:
    """A meaning-preserving rewrite: numbers/units reformatted, an abbreviation expanded, or the
    parenthetical statistics dropped. Returns (claim, sub-kind)."""
    options: list[tuple[str, str]] = []
    for short, long in abbrs.items():
        if re.search(rf"\b{re.escape(short)}\b", s):
            options.append((re.sub(rf"\b{re.escape(short)}\b", long, s), "abbreviation"))
    for pat, rep in _REFORMAT:
        new = re.sub(pat, rep, s)
        if new != s:
            options.append((new, "reformat"))
    stripped = re.sub(r"\s+([,.;])", r"\1", _PAREN.sub("", s)).strip()
    if stripped != s and len(stripped) > 30:
        options.append((stripped, "statistics dropped"))
    return rng.choice(options) if options else None


NONSENSE_WORDS = [
    "a",
    "b",
    "x",
    "the",
    "yes",
    "no",
    "ok",
    "test",
    "?",
    "...",
    "asdf",
    "lorem ipsum",
    "n/a",
    "1",
]


def nonsense(rng: random.Random, sentence: str) -> str:
    """Too short or meaningless to be a claim: one letter, a filler word, or one word of the sentence."""
    words = re.findall(r"[A-Za-z]{3,}", sentence)
    if words and rng.random() < 0.4:
        return rng.choice(words)
    if rng.random() < 0.2:
        return "".join(rng.choice("qwertyuiopasdfghjklzxcvbnm") for _ in range(rng.randint(3, 12)))
    return rng.choice(NONSENSE_WORDS)
