"""What a study compared and measured, read from its sentences: the arms ("randomised to receive X or
placebo", "X versus Y") and the outcome a result sentence names ("no difference in X", "X was lower").
Spans have offsets into the text given.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from medcite.corpus.extract import first, span
from medcite.domain.cards import Span

# -- arms and outcomes: an anchor word, then the phrase before or after it --------------------------------
_STOP = frozenset(
    """a an the and or to with was were is are in on for of by from than that which who when while as at
    both either all each between group groups arm arms patients subjects participants received receiving
    compared versus vs significantly""".split()
)
_WORD = re.compile(r"[^\s,.;:()\[\]]+")
_BREAK = re.compile(r"[,.;:()\[\]]")


_OUTCOME_STOP = frozenset(
    """a an the and or that which who when while as than was were is are but however although whereas both
    with by between among at after during to from compared versus vs significantly there this these those
    patients group groups""".split()
)
_DANGLING = frozenset("of for in on".split())


def _trim_words(keep: list[re.Match[str]]) -> list[re.Match[str]]:
    """``keep`` (in text order) without prepositions at either end."""
    while keep and keep[-1].group(0).lower() in _DANGLING:
        keep = keep[:-1]
    while keep and keep[0].group(0).lower() in _DANGLING:
        keep = keep[1:]
    return keep


def phrase_before(text: str, pos: int, lo: int, most: int = 6, stop: frozenset[str] = _STOP) -> Span | None:
    """The words right before ``pos`` (at most ``most``, not past punctuation, a stop word or ``lo``)."""
    window = text[max(lo, pos - 120) : pos]
    base = pos - len(window)
    cut = max((m.end() for m in _BREAK.finditer(window)), default=0)
    words = list(_WORD.finditer(window, cut))
    keep: list[re.Match[str]] = []
    for w in reversed(words):
        if w.group(0).lower() in stop or len(keep) == most:
            break
        keep.append(w)
    keep = _trim_words(keep[::-1])[::-1]
    if not keep:
        return None
    return Span(
        base + keep[-1].start(), base + keep[0].end(), text[base + keep[-1].start() : base + keep[0].end()]
    )


def phrase_after(text: str, pos: int, hi: int, most: int = 6, stop: frozenset[str] = _STOP) -> Span | None:
    """The words right after ``pos`` (leading articles skipped; not past punctuation or a stop word)."""
    window = text[pos : min(hi, pos + 120)]
    brk = _BREAK.search(window)
    window = window[: brk.start()] if brk else window
    keep: list[re.Match[str]] = []
    for w in _WORD.finditer(window):
        low = w.group(0).lower()
        if not keep and low in ("a", "an", "the", "either", "receive", "placebo-controlled"):
            continue
        if low in stop or len(keep) == most:
            break
        keep.append(w)
    keep = _trim_words(keep)
    if not keep:
        return None
    return Span(
        pos + keep[0].start(), pos + keep[-1].end(), text[pos + keep[0].start() : pos + keep[-1].end()]
    )


_VERSUS = re.compile(r"\s(?:vs\.?|versus|compared (?:with|to)|in comparison (?:with|to))\s", re.I)
_ASSIGNED = re.compile(
    r"\b(?:randomi[sz]ed|randomly (?:assigned|allocated)|assigned|allocated)\s+(?:\w+\s+){0,3}?to\s+"
    r"(?:receive\s+|either\s+|one of\s+)?",
    re.I,
)
_OR = re.compile(r"\s*(?:\([^)]{0,40}\)\s*)?(?:,\s*|\s+)(?:or|versus|vs\.?)\s+")
_PLACEBO = re.compile(
    r"\b(?:placebo|sham(?: \w+)?|usual care|standard care|no treatment|waiting list|wait-?list|"
    r"control (?:group|arm|condition)s?)\b",
    re.I,
)
# "randomly divided into two groups: a water-intake group (n=40) and a prolonged fasting group (n=20)"
_GROUPS = re.compile(
    r"\binto (?:two|three|four|2|3|4) (?:\w+ )?groups?\s*[:,]?\s*(?:the |a |an )?([^,;:()]{3,80}?) group\b"
    r"[^;]{0,40}?\band (?:the |a |an )?([^,;:()]{3,80}?) group\b",
    re.I,
)


_LIST_LEAD = re.compile(
    r"\b(?:(?:randomi[sz]ed|randomly (?:assigned|allocated)|assigned|allocated)\s+(?:\([^)]{0,40}\)\s+)?"
    r"(?:[\w-]+\s+){0,4}?(?:to|into)\s+(?:receive\s+|either\s+|one of\s+)*|"
    r"(?:received|receive|receiving|treated with|given)\s+(?:either\s+)?)",
    re.I,
)
_EXCLUDED = re.compile(r"\bexclu\w+", re.I)  # "were excluded if they received X or Y": criteria, not arms
_TRIAL_WORDS = re.compile(r"\b(?:randomi[sz]\w*|assign\w*|allocat\w*|groups?|arms?|either)\b", re.I)
_ITEM_END = re.compile(
    r"\s(?:for|during|in|at|on|from|until|over|after|before|who|which|were|was|groups?)\b|[;:.]"
)
_ARTICLE = re.compile(r"^(?:(?:either|or|and|a|an|the|to|receive)\s+)+", re.I)


def _top_level(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Pieces of ``text[start:end]`` split at top-level commas, " or ", " versus ", " vs "; parentheses
    are kept whole; the list stops at a top-level clause word ("for 12 weeks", "in 40 patients")."""
    pieces: list[tuple[int, int]] = []
    depth, piece = 0, start
    i = start
    while i < end:
        ch = text[i]
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(depth - 1, 0)
        elif depth == 0:
            if ch == "," or (m := re.match(r"\s(?:or|versus|vs\.?)\s", text[i : i + 10])):
                pieces.append((piece, i))
                i += 1 if ch == "," else len(m.group(0)) if m else 1
                piece = i
                continue
            if _ITEM_END.match(text, i) and i > piece:
                pieces.append((piece, i))
                return pieces
        i += 1
    pieces.append((piece, end))
    return pieces


def _arm_list(text: str, r: Span) -> list[Span]:
    """The arms listed after "randomised to receive" / "received either": "A, B, or C"."""
    m = _LIST_LEAD.search(text, r.start, r.end)
    if (
        m is None
        or not (m.group(0)[0].lower() in "ra" or _TRIAL_WORDS.search(r.text))
        or _EXCLUDED.search(r.text)
    ):
        return []  # "received X or Y" names arms in a trial's sentence, not in "delays in receiving results"
    out: list[Span] = []
    for a, b in _top_level(text, m.end(), r.end):
        lead = _ARTICLE.match(text[a:b])
        a += lead.end() if lead else 0
        piece = span(text, a, b)
        if piece.text and len(piece.text.split()) <= 14 and _is_arm(piece):
            out.append(piece)
    return out if len(out) >= 2 else []


_NOT_ARM = re.compile(
    r"^(?:[\d−–.-]|(?:lower|higher|less|more|most|least|greater|smaller|reduced|increased|decreased|better|"
    r"worse|significant\w*|similar|day|days|week|weeks|month|months|year|years|baseline|group|groups|"
    r"cohort|those|patients|subjects|participants|results?|deaths?|observed|expected|values?|risk|whereas|"
    r"while|this|that|these|time|times)\b)",
    re.I,
)


def _is_arm(s: Span) -> bool:
    """A treatment's name: a word of three letters or more, not a number, a comparison or a time."""
    return bool(re.search(r"[A-Za-z]{3,}", s.text)) and not _NOT_ARM.match(s.text)


def _pair(text: str, r: Span) -> tuple[Span, Span] | None:
    if (g := _GROUPS.search(text, r.start, r.end)) is not None:
        first_arm, second_arm = span(text, g.start(1), g.end(1)), span(text, g.start(2), g.end(2))
        if _is_arm(first_arm) and _is_arm(second_arm):
            return first_arm, second_arm
    if m := _ASSIGNED.search(text, r.start, r.end):
        a = phrase_after(text, m.end(), r.end)
        if a and (o := _OR.match(text, a.end)) and (b := phrase_after(text, o.end(), r.end)) and _is_arm(a):
            return a, b
    for m in _VERSUS.finditer(text, r.start, r.end):
        a, b = phrase_before(text, m.start(), r.start), phrase_after(text, m.end(), r.end)
        if a and b and _is_arm(a) and _is_arm(b):
            return a, b
    return None


_COMPARE_AIM = re.compile(
    r"\bcompar(?:e|ed|es|ing)\s+(?:the\s+)?(?:(?:\w+\s+){0,2}?(?:efficacy|effectiveness|effects?|safety|"
    r"outcomes?|use|results|tolerability)\s+(?:and\s+\w+\s+)?of\s+)?(?:the\s+)?",
    re.I,
)
_EFFECT_AIM = re.compile(
    r"\b(?:effects?|efficacy|effectiveness|safety|impact|influence|benefits?|usefulness|value|"
    r"tolerability)\s+(?:and\s+\w+\s+)?of\s+(?:adding\s+|using\s+|the\s+|an?\s+)?",
    re.I,
)
_AGAINST = re.compile(
    r"\s*(?:,\s*)?(?:with|to|and|versus|vs\.?|or|compared (?:with|to))\s+(?:the\s+|an?\s+)?", re.I
)
#: a sentence that states the study's aim ("To compare X with Y", "The aim was to assess the effect of X")
AIM = re.compile(
    r"\b(?:aims?|aimed|purposes?|objectives?|goals?)\b|^to (?:\w+ )?(?:evaluate|assess|compare|determine|"
    r"investigate|examine|test)\b|"
    r"\bwe (?:\w+ly )?(?:compared|evaluated|assessed|investigated|examined|tested)\b",
    re.I,
)


def _aim(text: str, r: Span) -> tuple[Span, Span | None] | None:
    """The arms an aim names: "to compare X with Y" (X, Y); "the effect of X (versus Y) on Z" (X, Y?)."""
    if m := _COMPARE_AIM.search(text, r.start, r.end):
        a = phrase_after(text, m.end(), r.end, 8)
        if a and _is_arm(a) and (o := _AGAINST.match(text, a.end, r.end)):
            b = phrase_after(text, o.end(), r.end, 8)
            if b and _is_arm(b):
                return a, b
    if m := _EFFECT_AIM.search(text, r.start, r.end):
        a = phrase_after(text, m.end(), r.end, 8)
        if a and _is_arm(a):
            o = re.match(
                r"\s*(?:versus|vs\.?|compared (?:with|to))\s+(?:the\s+|an?\s+)?", text[a.end : r.end], re.I
            )
            b = phrase_after(text, a.end + o.end(), r.end, 8) if o else None
            return a, b if b is not None and _is_arm(b) else None
    return None


def arms(
    text: str, within: Iterable[Span], aims: Iterable[Span] = ()
) -> tuple[tuple[Span, ...], Span | None]:
    """The interventions and the comparator where a sentence names them ("randomised to X or Y",
    "X versus Y", then in ``aims``: "to compare X with Y", "the effect of X on Z"); a placebo, sham,
    usual-care or waiting-list arm is the comparator."""
    regions = list(within)
    for r in regions:
        if listed := _arm_list(text, r):
            controls = [x for x in listed if _PLACEBO.search(x.text)]
            comparator = controls[0] if controls else listed[-1]
            return tuple(x for x in listed if x != comparator), comparator
    for r in regions:
        if (pair := _pair(text, r)) is not None:
            a, b = pair
            if _PLACEBO.search(a.text) and not _PLACEBO.search(b.text):
                a, b = b, a
            return (a,), b
    placebo = first(text, _PLACEBO, within=regions)
    for r in aims:
        if (found := _aim(text, r)) is not None:
            return (found[0],), found[1] or placebo
    return (), placebo


_OUTCOME_IN = re.compile(
    r"\b(?:differences?|changes?|improvements?|reductions?|increases?|decreases?|effects?|benefits?)\s+"
    r"(?:\w+\s+)?(?:in|on|of)\s+(?:the\s+)?",
    re.I,
)
_OUTCOME_VERB = re.compile(
    r"\s(?:\([^)]{0,40}\)\s*)?(?:(?:was|were|is|are|remained)\s+(?:\w+ly\s+)?(?:significantly\s+)?(?:not\s+)?"
    r"(?:higher|lower|greater|smaller|reduced|increased|decreased|improved|shorter|longer|similar|comparable|"
    r"better|worse|unchanged|elevated|associated|different)|(?:did|does|do) not (?:\w+ly\s+)?(?:improve|"
    r"differ|change|increase|decrease|correlate|affect|vary|reduce))\b",
    re.I,
)
_OUTCOME_HAD = re.compile(
    r"\b(?:had|showed|exhibited|demonstrated|experienced|reported)\s+(?:a\s+|an\s+)?(?:(?:statistically\s+)?"
    r"significantly\s+)?(?:higher|lower|greater|smaller|reduced|increased|decreased|improved|better|worse|more|"
    r"less|fewer|shorter|longer)\s+",
    re.I,
)
_OUTCOME_OBJECT = re.compile(
    r"\b(?:reduced|increased|decreased|improved|lowered|raised|prolonged|shortened|prevented)\s+(?:the\s+)?",
    re.I,
)


def outcome(text: str, s: Span) -> Span | None:
    """The outcome a result sentence names: "no difference in X", "X was lower", "reduced X"."""
    m = _OUTCOME_IN.search(text, s.start, s.end)
    if m and (found := phrase_after(text, m.end(), s.end, 10, _OUTCOME_STOP)):
        return found
    m = _OUTCOME_VERB.search(text, s.start, s.end)
    if m and (found := phrase_before(text, m.start(), s.start, 10, _OUTCOME_STOP)):
        return found
    m = _OUTCOME_HAD.search(text, s.start, s.end) or _OUTCOME_OBJECT.search(text, s.start, s.end)
    return phrase_after(text, m.end(), s.end, 10, _OUTCOME_STOP) if m else None
