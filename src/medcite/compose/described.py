"""What a study set out to do, quoted as such, where a question of fact finds nothing else to quote.

"Which disease is ZP-PTH used for?" retrieved the one study of ZP-PTH, whose only sentence naming it is its
aim: "To evaluate the clinical PK/PD of PTH(1-34) delivered by a novel transdermal drug-coated microneedle
patch system (ZP-PTH) for the treatment of osteoporosis." An aim is no finding, so the answer said that no
relevant study was found. Yet what a study set out to do says what a thing is and what it is for. Where a
question asks for a thing (``asks_entity``) and no sentence of the direct sources could be drafted, the aims
that name every concept of the question are quoted, labelled as aims ("A study set out to evaluate ..."),
at most one per source: the verifier reads the aim itself, word for word. So too for a yes/no question on
whether something has been done (:func:`asks_done`). Never a finding of an effect.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from medcite.compose.candidates import Candidate, Prefix
from medcite.compose.draft import Draft
from medcite.compose.naming import Concept
from medcite.text.cues import AIM_VERBS
from medcite.text.statements import trim_sentence, unfinished

DESCRIBED = True  # a switch for measuring it
MAX_AIMS = 2
# an aim in its infinitive form, as structured abstracts open their objective ("To evaluate ..."), or told by
# its authors in the past tense ("We evaluated ...", "We aimed to ..."), read as the infinitive
_VERBS = (*AIM_VERBS, "report", "present")
_PAST = {(v[:-1] + "ied" if v.endswith("y") else v + ("d" if v.endswith("e") else "ed")): v for v in _VERBS}
# not an aim: "To date, ...", "To our knowledge, ..." ("To summarize, ..." is kept out by its comma)
_NOT_VERBS = "our|date|this|that|the|these|those|an?|be|conclude|sum|end"
_AIM = re.compile(rf"^To (?!(?:{_NOT_VERBS})\b)[a-z]+\b(?!,)")
_TOLD = re.compile(
    rf"^We (?:(?:aimed|sought|wanted) to (?P<verb>(?!(?:{_NOT_VERBS})\b)[a-z]+)|"
    rf"(?P<past>{'|'.join(_PAST)}))\b"
)
AIM_PREFIX = "A study set out "
# a yes/no question on whether something has been done ("Have machine learning methods been used to predict
# the severity of major depressive disorder?", "Has ZP-PTH been tested in a phase II clinical trial?"): a
# study that set out to do it answers, and its aim may be all that names it
_DONE = re.compile(
    r"^\s*(?:has|have)\s+.+?\s+been\s+(?:used|tested|studied|investigated|evaluated|applied|assessed|examined|"
    r"employed|explored|considered|tried|trialled|developed)\b",
    re.I,
)


def asks_done(question: str) -> bool:
    """Whether the yes/no question asks if something has been done (:data:`_DONE`)."""
    return bool(_DONE.match(question))


def aim_of(sentence: str) -> str | None:
    """The aim the sentence states, in the infinitive ("to evaluate X"), or None."""
    core = trim_sentence(sentence)
    if _AIM.match(core):
        return core[:1].lower() + core[1:]
    if m := _TOLD.match(core):
        verb = m.group("verb") or _PAST[m.group("past")]
        return f"to {verb}{core[m.end() :]}"
    return None


def aim_drafts(section: str, cands: Sequence[Candidate], named: Sequence[Concept]) -> list[Draft]:
    """Up to :data:`MAX_AIMS` drafts quoting an aim (:data:`_AIM`) that names every concept in ``named``,
    one per source, in the candidates' order."""
    out: list[Draft] = []
    seen: set[str] = set()
    for c in cands:
        aim = aim_of(c.text)
        if c.key in seen or aim is None or unfinished(c.text):
            continue
        if not named or not all(n.found_in(c.text) for n in named):
            continue
        seen.add(c.key)
        out.append(Draft(section, AIM_PREFIX + aim, aim, (c,), "support", Prefix(AIM_PREFIX)))
        if len(out) >= MAX_AIMS:
            break
    return out


def done_stance(question: str, drafts: Sequence[Draft]) -> bool:
    """Whether a yes/no question on whether something has been done (:func:`asks_done`) is answered yes by
    its drafts: every one quotes what a study set out to do, so such a study exists."""
    aims = [d.prefix is not None and d.prefix.text == AIM_PREFIX for d in drafts]
    return asks_done(question) and bool(aims) and all(aims)


DONE_REASON = "a study set out to do what the question asks, so it has been done: yes"
