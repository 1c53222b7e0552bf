"""A source sentence as a clinician's statement (issue 9, item 5), or None where it is no finding."""

from __future__ import annotations

from medcite.corpus.roles import classify
from medcite.domain.cards import Role
from medcite.text.statements import readable

#: roles whose sentences state no finding of the study
NOT_A_FINDING: frozenset[Role] = frozenset({"background", "objective", "methods"})


def clean_statement(sentence: str, role: Role | None = None) -> str | None:
    """The sentence without the authors' frame ("we conclude that X" -> "X"), glued fragments (".;"), a
    database's truncation note or a leading label; None for a background, objective or methods sentence
    (``role``, else the role model's reading of the sentence alone) and where the authors still speak.
    Conservative: words are only removed, or "our"/"we found" replaced, so the verifier can check the
    result against the source."""
    if role is None:
        role = classify([sentence])[0][0] if sentence.strip() else None
    if role in NOT_A_FINDING:
        return None
    return readable(sentence)
