"""Opposite actions on one object: "Does ESN364 activate the hypothalamic-pituitary-gonadal axis?" against
"ESN364 suppressed the hypothalamic-pituitary-gonadal axis".

A yes/no question that asks whether something raises (activates, promotes, induces, ...) or lowers
(inhibits, suppresses, restricts, ...) a named object is answered no by a sentence that does the opposite
to the same object and does not do the asked thing to it. The object is the first two content words after
the verb ("L1 retrotransposition" in "promote L1 retrotransposition" / "restricting L1
retrotransposition"), so a sentence about another object ("X increased survival" for "Does X reduce
mortality?", "reduced the risk of stroke" for "Does X increase the risk of diabetes?") is not read as an
answer. Verbs
only: adjectives that look like them ("lower quality care", "elevated levels") are not in the lists.
"""

from __future__ import annotations

import re

_RAISING = (
    r"(?:activat|stimulat|promot|increas|enhanc|induc|up-?regulat|potentiat|facilitat|augment)"
    r"(?:e|es|ed|ing|ion|ions)?"
)
_LOWERING = (
    r"(?:inhibit|suppress|repress|reduc|decreas|block|restrict|prevent|down-?regulat|attenuat|abolish|"
    r"impair|diminish)(?:e|es|s|ed|ing|ion|ions)?"
)
_OBJECT = r"\s+((?:[\w-]+\s+){0,4}[\w-]+)"
_NOT_OBJECT = frozenset(
    "the a an of in on to by and or with for from its their this that these those is are was were be it "
    "them both".split()
)


def _objects(text: str, verbs: str) -> set[str]:
    """The first two content words after each of ``verbs`` in ``text``, lower-cased."""
    out: set[str] = set()
    for m in re.finditer(rf"\b{verbs}\b{_OBJECT}", text, re.I):
        words = [w.lower() for w in re.findall(r"[\w-]+", m.group(1)) if w.lower() not in _NOT_OBJECT]
        if words:
            out.add(" ".join(words[:2]))
    return out


def opposite_action(question: str, text: str) -> str | None:
    """The object that ``question`` asks to be raised (lowered) and ``text`` lowers (raises), without
    raising (lowering) it too; None otherwise, and when the question names both actions."""
    for asked, other in ((_RAISING, _LOWERING), (_LOWERING, _RAISING)):
        wanted = _objects(question, asked)
        if not wanted:
            continue
        if _objects(question, other):
            return None
        hit = (wanted & _objects(text, other)) - _objects(text, asked)
        if hit:
            return min(hit)
    return None
