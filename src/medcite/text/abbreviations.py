"""Abbreviations a text defines itself: "recombinant human erythropoietin (rhEPO)" and "rhEPO (recombinant
human erythropoietin)".

The detector is the algorithm of Schwartz & Hearst (2003, "A simple algorithm for identifying abbreviation
definitions in biomedical text"): a parenthesis next to a run of words is a candidate pair; the short form
has 2-10 characters, at most two words, a letter, and starts with a letter or digit; each of its letters and
digits must be found, right to left, in the long form, the first one at the start of a word; the long form
has at most min(|SF| + 5, 2 |SF|) words. Per source, the map lets a sentence that says only "rhEPO" be read
as naming erythropoietin (:func:`with_definitions`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

_PAREN = re.compile(r"\(([^()]{1,120})\)")
_WORD = re.compile(r"\S+")
# a long form does not reach back over a clause or a parenthesis
_CLAUSE_END = re.compile(r"[.;:!?\]]\s|[()]")


# a longer long form on which more of the short form's letters fall on first letters wins over the shortest
MOST_INITIALS = True


def _valid_short(sf: str) -> bool:
    return (
        2 <= len(sf) <= 10
        and len(sf.split()) <= 2
        and any(c.isalpha() for c in sf)
        and sf[0].isalnum()
        and not sf.isdigit()
        and not re.search(r"[=<>%±+*/]", sf)
    )


def best_long_form(sf: str, lf: str) -> str | None:
    """The shortest end of ``lf`` that contains the characters of ``sf`` in order (right to left), the
    first one at the start of a word; None when there is none."""
    s, li = len(sf) - 1, len(lf) - 1
    while s >= 0:
        c = sf[s].lower()
        if not c.isalnum():
            s -= 1
            continue
        while li >= 0 and (lf[li].lower() != c or (s == 0 and li > 0 and lf[li - 1].isalnum())):
            li -= 1
        if li < 0:
            return None
        li -= 1
        s -= 1
    start = lf.rfind(" ", 0, li + 1) + 1
    return lf[start:].strip()


def initials(sf: str, lf: str) -> int | None:
    """The most letters of ``sf`` that can fall on the first letters of ``lf``'s words, its letters found in
    order and its first one on ``lf``'s first letter; None where ``sf`` cannot be found in ``lf`` so."""
    chars = [c.lower() for c in sf if c.isalnum()]
    low = lf.lower()
    if not chars or not low or low[0] != chars[0]:
        return None
    starts = [i == 0 or not lf[i - 1].isalnum() for i in range(len(lf))]
    for m in _LINKING_WORD.finditer(lf):  # "incidence of intraocular pressure": "of" gives no O to IOP
        starts[m.start()] = False
    # best[i]: the most initials for the letters so far with the latest one at position i
    best: list[int | None] = [None] * len(low)
    # a linking word gives no initial, first or not ("and Communication Instrument"), but "in situ" and "in
    # vitro" open a long form of their own
    best[0] = int(starts[0] or low.startswith("in "))
    for c in chars[1:]:
        nxt: list[int | None] = [None] * len(low)
        top: int | None = None
        for i in range(len(low)):
            if top is not None and low[i] == c:
                nxt[i] = top + starts[i]
            if best[i] is not None and (top is None or best[i] > top):  # type: ignore[operator]
                top = best[i]
        best = nxt
    found = [b for b in best if b is not None]
    return max(found) if found else None


def _most_initials(sf: str, words: list[str], shortest: str) -> str:
    """``shortest`` (the Schwartz-Hearst long form) or a longer end of ``words`` on which more of ``sf``'s
    letters fall on first letters: "postictal psychotic episodes (PIPE)", not "psychotic episodes"
    (PubMedQA 18086459; a tuning-half article named the wrong exposure)."""
    score = initials(sf, shortest)
    best = shortest
    if score is None:  # it starts inside a word ("anti-tumor necrosis factor" for TNF): kept as it is
        return best
    kept = len(words) - len(shortest.split())
    for k in range(kept - 1, -1, -1):
        added = words[k:kept]
        if added[0].lower() in _LINKING or any(_GLUED.search(w) for w in added):
            continue  # "of capitellar osteochondritis dissecans", "the application of delta 9-THC"
        got = initials(sf, " ".join(words[k:]))
        # every word it adds must bring an initial ("proton pump inhibitors", not "membranes containing
        # mitomycin C" for MMC, nor "is the first approved infliximab" for IFX)
        if got is not None and got - score >= sum(w.lower() not in _LINKING for w in added) and got > score:
            best = " ".join(words[k:])
    return best


_GLUED = re.compile(r"\w\.[A-Z]")  # two sentences glued ("test.Forty five beta-thalassemia major")
# words a long form may hold without an initial of their own ("College of Obstetricians and Gynecologists")
_LINKING = frozenset("of and the in for with to on by a an at from or that is are was who which".split())
_LINKING_WORD = re.compile(rf"(?<![\w-])(?:{'|'.join(sorted(_LINKING))})(?![\w-])", re.I)


def _long_form(sf: str, before: str) -> str | None:
    """The long form for ``sf`` among the words just before it (``before``)."""
    cut = list(_CLAUSE_END.finditer(before))
    if cut:
        before = before[cut[-1].end() :]
    words = _WORD.findall(before)
    limit = min(len(sf) + 5, 2 * len(sf))
    cand = " ".join(words[-limit:]).strip(" ,")
    if not cand:
        return None
    lf = best_long_form(sf, cand)
    if lf and MOST_INITIALS:
        lf = _most_initials(sf, cand.split(" "), lf)
    if not lf or len(lf) <= len(sf) or sf.lower() in lf.lower():
        return None
    if len(lf.split()) > limit or not lf[0].isalnum():
        return None
    return lf


@lru_cache(maxsize=4096)
def _find(text: str) -> tuple[tuple[str, str], ...]:
    out: dict[str, str] = {}
    for m in _PAREN.finditer(text):
        inside = re.split(r"[;,]\s", m.group(1), maxsplit=1)[0].strip()
        before = text[: m.start()]
        if _valid_short(inside):  # "long form (SF)"
            lf = _long_form(inside, before)
            if lf:
                out.setdefault(inside, lf)
            continue
        # "SF (long form)": the word before the parenthesis is the short form
        prev = re.search(r"(\S+)\s*$", before)
        if prev is None:
            continue
        sf = prev.group(1).strip(",;:")
        if _valid_short(sf) and (len(inside.split()) >= 2 or len(inside) > 10) and sf[0].isupper():
            lf = best_long_form(sf, inside)
            if lf and lf == inside.strip() and len(lf) > len(sf):
                out.setdefault(sf, lf)
    return tuple(out.items())


def defined_abbreviations(text: str) -> dict[str, str]:
    """The abbreviations ``text`` defines, short form -> long form, first definition kept."""
    return dict(_find(text))


def with_definitions(text: str, defined: Mapping[str, str]) -> str:
    """``text`` followed by the long forms of the defined short forms it uses (case-sensitive, whole
    words), so that word matching sees "recombinant human erythropoietin" in "rhEPO doses were higher"."""
    extra = [lf for sf, lf in defined.items() if re.search(rf"(?<!\w){re.escape(sf)}(?!\w)", text)]
    return f"{text} {' '.join(extra)}" if extra else text


# Abbreviations a clinician reads without their long form: an article does not write them out.
WELL_KNOWN = frozenset(
    "CI OR HR RR SD SE SEM IQR AUC DNA RNA mRNA HIV AIDS BMI ICU MRI CT ECG EEG FDA WHO US UK USA".split()
)


def _kept_capital(long: str) -> bool:
    """Whether the long form's capital is its own, not only the sentence's: a name ("Alzheimer's
    disease", "Edinburgh Postnatal Depression Scale") keeps it; "Resting heart rate" does not."""
    first = long.split(" ", 1)[0]
    return "'" in first or "\u2019" in first or any(c.isupper() for c in long[1:])


def uses(text: str, short: str) -> re.Match[str] | None:
    """The first use of ``short`` in ``text`` as a whole word ("MS" is not used in "MSK pain")."""
    return re.search(rf"(?<![\w-]){re.escape(short)}(?![\w-])", text)


def defines(text: str, short: str, long: str) -> bool:
    """Whether ``text`` gives the long form itself or defines ``short`` in a parenthesis of its own."""
    return long.lower() in text.lower() or bool(re.search(rf"\({re.escape(short)}[),;]", text))


def written_out(text: str, short: str, long: str, initial: bool = False, opens: bool = True) -> str | None:
    """``text`` with its first use of ``short`` written "long (short)", the long form as its source defines
    it (``initial``: it opens a sentence there, so its capital is lowered inside a sentence unless it is a
    name's); ``opens``: ``text`` starts a sentence (a design prefix may stand before it).

    None when ``text`` does not use ``short`` as a word, already gives the long form, defines ``short`` in a
    parenthesis of its own ("... hypophosphataemia (XLH)"), or uses it inside a parenthesis (a long form
    there reads badly) or right before one (it is part of another long form); for :data:`WELL_KNOWN` ones;
    and where the detector may have misread the definition: a short form without two capitals or digits
    ("mean", "mmol", "thin"), or a long form that does not start with its first letter ("requirements--lateral
    compression Type 3" for LC3)."""
    if short in WELL_KNOWN or sum(c.isupper() or c.isdigit() for c in short) < 2 or not short[0].isalnum():
        return None
    if not any(c.isupper() for c in short) or long[:1].lower() != short[:1].lower():
        return None
    if defines(text, short, long):
        return None
    m = uses(text, short)
    if m is None or text[: m.start()].count("(") > text[: m.start()].count(")"):
        return None
    if re.match(rf"\s*\(\w*{re.escape(short)}\w*[),;]", text[m.end() :]):
        return None  # part of a long form defined right after it: "perivascular WAT (pWAT)" (tune23)
    if opens and not text[: m.start()].strip():
        long = long[0].upper() + long[1:]
    elif initial and long[:1].isupper() and not _kept_capital(long):
        long = long[0].lower() + long[1:]
    return f"{text[: m.start()]}{long} ({short}){text[m.end() :]}"
