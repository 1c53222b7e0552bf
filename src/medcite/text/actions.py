"""Opposite actions on one object: "Does ESN364 activate the hypothalamic-pituitary-gonadal axis?" against
"ESN364 suppressed the hypothalamic-pituitary-gonadal axis".

A yes/no question that asks whether its subject raises (activates, promotes, induces, ...) or lowers
(inhibits, suppresses, restricts, ...) an object is answered no by a sentence that names the subject and
does the opposite to the same object, without doing the asked thing to it too. The object is the first two
content words after the verb ("L1 retrotransposition" in "promote L1 retrotransposition" / "restricting L1
retrotransposition"), so a sentence about another object ("X increased survival" for "Does X reduce
mortality?", "reduced the risk of stroke" for "... increase the risk of diabetes?") is no answer. The verb
must read as a verb: a present or -ing form, or a past form before a determiner ("suppressed the ...";
"reduced ejection fraction" and "induced pluripotent stem cells" are adjectives). A negated verb ("did not
suppress") and a loss of function ("knockdown of X reduced ...": X raises it) are left to the reader.
"""

from __future__ import annotations

import re

from medcite.text.words import ARTICLES, AUXILIARIES, CLAIM_STOPWORDS, terms

_RAISING = r"(?:activat|stimulat|promot|increas|enhanc|induc|up-?regulat|potentiat|facilitat|augment)"
_LOWERING = (
    r"(?:inhibit|suppress|repress|reduc|decreas|block|restrict|prevent|down-?regulat|attenuat|abolish|"
    r"impair|diminish)"
)
_ENDING = r"(?P<end>e|es|s|ed|ing)?"
_OBJECT = r"\s+(?P<obj>(?:[\w-]+\s+){0,4}[\w-]+)"
# a past form before one of these reads as a verb ("suppressed the ..."), before a bare noun as an adjective
_DETERMINERS = ARTICLES | frozenset("its their this these both all".split())
_NEGATED = re.compile(
    r"\b(?:not|no|never|neither|nor|without|cannot|failed to|unable to)\b(?:\W+\w+){0,3}\W*$", re.I
)
_LOSS = re.compile(r"\b(?:knock-?down|knock-?out|deficien\w*|deplet\w*|silenc\w*|loss of|null)\b", re.I)
_AUX = re.compile(rf"^\s*(?:{'|'.join(AUXILIARIES)})\s+", re.I)


def _objects(text: str, verbs: str) -> set[str]:
    """The first two content words after each of ``verbs`` in ``text`` used as a verb (lower-cased), none
    where the verb is negated just before."""
    out: set[str] = set()
    for m in re.finditer(rf"\b{verbs}{_ENDING}\b{_OBJECT}", text, re.I):
        obj = [w.lower() for w in re.findall(r"[\w-]+", m.group("obj"))]
        if (m.group("end") or "").lower() == "ed" and obj[0] not in _DETERMINERS:
            continue  # "reduced ejection fraction": an adjective
        if _NEGATED.search(text[: m.start()]):
            continue
        words = [w for w in obj if w not in CLAIM_STOPWORDS]
        if words:
            out.add(" ".join(words[:2]))
    return out


def _subject_words(question: str, verb_at: int) -> set[str]:
    """The content words of the question before its verb: its subject ("ESN364"; "interaction MOV10
    RNASEH2")."""
    head = _AUX.sub("", question[:verb_at])
    return {w.lower() for w in re.findall(r"[\w-]{3,}", head) if w.lower() not in CLAIM_STOPWORDS}


def opposite_action(question: str, text: str) -> str | None:
    """The object that ``question`` asks its subject to raise (lower) and ``text``, naming the subject,
    lowers (raises) without raising (lowering) it too; None otherwise, where the text reads as a loss of
    function, and where the question names both actions."""
    if _LOSS.search(text):
        return None
    said = {w.lower() for w in re.findall(r"[\w-]{3,}", text)}
    for asked, other in ((_RAISING, _LOWERING), (_LOWERING, _RAISING)):
        wanted = _objects(question, asked)
        if not wanted:
            continue
        if _objects(question, other):
            return None
        verb = re.search(rf"\b{asked}", question, re.I)
        if verb is None or not _subject_words(question, verb.start()) & said:
            return None
        hit = (wanted & _objects(text, other)) - _objects(text, asked)
        if hit:
            return min(hit)
    return None


# a question whether something can happen ("Can secondary glioblastoma be caused by brain irradiation?") is
# answered yes by a sentence that says it happens rarely ("Secondary brain tumors rarely arise after cranial
# irradiation; among them, ... glioblastomas are the most common ...", tune31): rare is not never
_CAN_HAPPEN = re.compile(
    r"^\s*(?:can|could|may)\s+.+?\b(?:be\s+(?:caused|induced|triggered|observed|seen|found)|cause|induce|occur|"
    r"arise|develop|happen|lead\s+to|result\s+in|trigger)\b",
    re.I,
)
# said of how often it happens: an adverb, a predicate ("... is rare"), or a rare event ("a rare
# complication"); not a rare disease or tumour, which says nothing of what causes it
_RARELY = re.compile(
    r"\b(?:rarely|uncommonly|infrequently|occasionally|seldom|sporadically|"
    r"(?:is|are|was|were|remains?)\s+(?:very\s+|extremely\s+)?(?:rare|uncommon|infrequent)|"
    r"(?:rare|uncommon|infrequent)\s+(?:complications?|events?|occurrences?|cases?|side effects?|"
    r"adverse (?:events?|effects?)|sequelae?))\b",
    re.I,
)
# ... and not where the sentence denies it or compares ("statin users rarely developed diabetes compared with
# non-users": a direction, read by the stance reader)
_DENIED_OR_COMPARED = re.compile(
    r"\b(?:not|no|never|none|nor|without|compared|versus|vs\.?|than|fewer|less|lower)\b", re.I
)
_CLAUSE = re.compile(r"[^;:.]+")


def rare_but_possible(question: str, text: str) -> str | None:
    """The rarity word by which ``text`` answers yes to a question whether something can happen ("rarely"
    for "Can X be caused by Y?"): in a clause that names a term of the question, in a sentence that denies
    and compares nothing; None otherwise."""
    if not _CAN_HAPPEN.match(question) or _DENIED_OR_COMPARED.search(text):
        return None
    asked = set(terms(question))
    for clause in _CLAUSE.finditer(text):
        m = _RARELY.search(clause.group(0))
        if m and asked & set(terms(clause.group(0))):
            return m.group(0)
    return None
