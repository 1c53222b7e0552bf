"""Copy-edit check: a claim that copies an evidence sentence but changes one small thing in it.

A claim that repeats an evidence sentence word for word except for a short edit is a quotation, and the
edit is what it adds. Some edits change the meaning while leaving almost every word (and so the entailment
model's reading) in place: "did not improve" -> "did improve", "patients without complications" ->
"patients with complications", "women were older than men" -> "men were older than men", "13 mice" ->
"13 patients", "aortic stenosis" -> "aortic valve insufficiency". This check aligns the claim's words with
the best-matching evidence sentence (:class:`difflib.SequenceMatcher`) and reads each short edit:

* **negation**: the edit only adds or removes a negation ("not", "no", "never"; "without" reads as
  "not with"): with the negation words (and auxiliaries) set aside, both sides of the edit say the same
  words, so "did not improve" -> "improved" is one, while a reworded negation ("failed to" -> "did not",
  "unchanged" -> "not changed", "nonsignificant" -> "not significant") or a cut "..., not nausea" is not;
* **population**: the edit swaps a word for people of one sex, age group or species for one of another
  (men/women, adults/children, patients/mice);
* **condition**: the edit puts in a condition (MeSH 2024, by any entry term) that the evidence never names,
  in place of another one that is neither the same, broader nor narrower (an abbreviation written out is
  not an edit: "CHD" -> "coronary heart disease", "NHL" -> "non-Hodgkin lymphoma").

Long edits are left alone: a clause cut out of a quotation, or a prefix before it ("In a randomised
trial of 120 adults, ..."), is not a copy edit. Claims that are no near-copy of any evidence sentence
(fewer than :data:`NEAR_COPY` of their words in the alignment) pass.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from enum import StrEnum
from functools import cached_property

from medcite.domain import CheckResult
from medcite.text import CLAIM_STOPWORDS
from medcite.text.synonyms import Descriptor, synonyms
from medcite.text.words import (
    ADULT_WORDS,
    AGE_WORDS,
    ANIMAL_WORDS,
    AUXILIARIES,
    CHILD_WORDS,
    FEMALE_WORDS,
    HUMAN_SUBJECTS,
    MALE_WORDS,
)

NEAR_COPY = 0.6  # share of the claim's words the alignment must cover
MIN_MATCHED = 5  # and at least this many words
MAX_EDIT = 3  # words on either side of an edit inside the alignment
MAX_EDGE_EDIT = 2  # words on either side of an edit before the first or after the last aligned word
MAX_CONDITION_EDIT = 5  # a condition's name may be longer ("out-of-hospital cardiac arrest")

_TOKEN = re.compile(r"[a-z0-9]+(?:\.[0-9]+)?")
_NEGATIONS = frozenset("not no never neither nor none cannot nothing nobody".split())
_SET_ASIDE = frozenset(AUXILIARIES) | frozenset("be been being a an the any".split())  # "no" <-> "a" flips
_HUMAN = HUMAN_SUBJECTS | MALE_WORDS | FEMALE_WORDS | ADULT_WORDS | CHILD_WORDS
# each contrast: two groups of words; a word of one group in place of a word of the other is a swap
_CONTRASTS: tuple[tuple[frozenset[str], frozenset[str]], ...] = (
    (MALE_WORDS, FEMALE_WORDS),
    (ADULT_WORDS, CHILD_WORDS),
    (_HUMAN - AGE_WORDS, ANIMAL_WORDS),  # "adult rats", "pregnant ewes": age words are said of animals too
)
_CONNECTIVES = frozenset("of and the in with to for".split())


class EditKind(StrEnum):
    NONE = "none"
    NEGATION = "negation"  # a negation added or removed: the claim says the opposite
    POPULATION = "population"  # people of another sex, age group or species
    CONDITION = "condition"  # another condition in place of the evidence's


@dataclass(frozen=True, slots=True)
class EditsResult:
    check: CheckResult
    kind: EditKind
    sentence: str | None = None  # the evidence sentence the claim copies (with the edit, if any)
    verbatim: bool = False  # the claim repeats that sentence word for word (case and the final stop aside)


def _tokens(text: str) -> list[str]:
    """Lower-case words and numbers; "n't" is "not" and "without" is "not with" (so that "with" ->
    "without" is a negation added, and "with and without" -> "with" is a cut)."""
    t = text.lower().replace("n't", " not").replace("n’t", " not")
    return [x for w in _TOKEN.findall(t) for x in (("not", "with") if w == "without" else (w,))]


def _verbatim(text: str) -> str:
    """The text as a word-for-word comparison reads it: case folded, spaces collapsed, the final full stop
    dropped; signs and comparison operators kept ("p < 0.05" is not "p > 0.05", "-1.2%" is not "1.2%")."""
    return " ".join(text.casefold().split()).rstrip(" .")


def _rest(words: Sequence[str]) -> list[str]:
    """The words of one side of an edit without negations, auxiliaries and articles, cut to their first 5
    letters ("improved" / "improve")."""
    return [w[:5] for w in words if w not in _NEGATIONS and w not in _SET_ASIDE]


def _negation_only(claim_side: Sequence[str], ev_side: Sequence[str]) -> bool:
    """The edit adds or removes negations and changes nothing else (auxiliaries and endings aside)."""
    negs = sum(w in _NEGATIONS for w in claim_side) - sum(w in _NEGATIONS for w in ev_side)
    return negs != 0 and _rest(claim_side) == _rest(ev_side)


def _abbreviates(short: Sequence[str], long: Sequence[str]) -> bool:
    """One side is a single token whose letters run through the other side's words in order, starting
    with the first word's initial ("chd" / "coronary heart disease", "rhepo" / "recombinant human
    erythropoietin")."""
    if len(short) != 1 or not long:
        return False
    abbr, words = short[0], [w for w in long if w not in _CONNECTIVES] or list(long)
    if len(abbr) < 2 or abbr[0] != words[0][0]:
        return False
    text = " ".join(words)
    i = 0
    for ch in abbr:
        i = text.find(ch, i)
        if i < 0:
            return False
        i += 1
    return True


def _contrast(claim_side: Sequence[str], ev_side: Sequence[str]) -> bool:
    c, e = set(claim_side), set(ev_side)
    return any((c & a and e & b and not c & b) or (c & b and e & a and not c & a) for a, b in _CONTRASTS)


class _EvidenceText:
    """The whole evidence's words and named conditions, read once per claim and only if an edit asks."""

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def words(self) -> set[str]:
        return set(_tokens(self.text))

    @cached_property
    def conditions(self) -> list[Descriptor]:
        return [d for d in synonyms().find(self.text) if d.is_condition]


def _condition_swap(
    claim_tokens: Sequence[str], i1: int, i2: int, ev_side: Sequence[str], evidence: _EvidenceText
) -> bool:
    """The claim's edited words name a condition (a MeSH 2024 disease, symptom or mental disorder, by any
    of its entry terms), with a word the evidence never uses, that is not the same as, broader or narrower
    than any condition the evidence names."""
    claim_side = claim_tokens[i1:i2]
    if not claim_side or not ev_side:
        return False
    stop = CLAIM_STOPWORDS
    new = [w for w in claim_side if w not in evidence.words and w not in stop and not w[0].isdigit()]
    if not new:
        return False
    context = " ".join(claim_tokens[max(0, i1 - 2) : i2 + 2])
    named = [d for d in synonyms().find(context) if d.is_condition]
    # "coronary artery disease" for "coronary heart disease": a narrower heading, not another condition
    return any(not any(d.related(e) for e in evidence.conditions) for d in named)


def _read_edit(
    claim_tokens: Sequence[str],
    op: tuple[str, int, int, int, int],
    ev_tokens: Sequence[str],
    edge: bool,
    evidence: _EvidenceText,
) -> EditKind:
    _tag, i1, i2, j1, j2 = op
    claim_side, ev_side = claim_tokens[i1:i2], ev_tokens[j1:j2]
    if _abbreviates(claim_side, ev_side) or _abbreviates(ev_side, claim_side):
        return EditKind.NONE  # "NHL" -> "non-Hodgkin lymphoma"
    limit = MAX_EDGE_EDIT if edge else MAX_EDIT
    short = len(claim_side) <= limit and len(ev_side) <= limit
    if short and _negation_only(claim_side, ev_side):
        return EditKind.NEGATION
    if short and _contrast(claim_side, ev_side):
        return EditKind.POPULATION
    if (
        not edge
        and max(len(claim_side), len(ev_side)) <= MAX_CONDITION_EDIT
        and _condition_swap(claim_tokens, i1, i2, ev_side, evidence)
    ):
        return EditKind.CONDITION
    return EditKind.NONE


def _alignment(
    claim_tokens: list[str], sentences: Sequence[str]
) -> tuple[str, list[str], SequenceMatcher[str]] | None:
    """The evidence sentence that the claim copies most of (ties: the closer copy, so a sentence that holds
    the claim word for word wins), with its words and the alignment; None if none is a near-copy."""
    best: tuple[int, float, str, list[str], SequenceMatcher[str]] | None = None
    for s in sentences:
        ev = _tokens(s)
        sm = SequenceMatcher(None, claim_tokens, ev, autojunk=False)
        matched = sum(b.size for b in sm.get_matching_blocks())
        if best is None or (matched, sm.ratio()) > best[:2]:
            best = (matched, sm.ratio(), s, ev, sm)
    if best is None or best[0] < max(MIN_MATCHED, NEAR_COPY * len(claim_tokens)):
        return None
    return best[2], best[3], best[4]


def _negation_balance(
    claim_tokens: Sequence[str],
    ev_tokens: Sequence[str],
    ops: Sequence[tuple[str, int, int, int, int]],
    equal: Sequence[int],
) -> bool:
    """Whether the claim and the evidence sentence hold different numbers of negations over the copied
    part: the aligned words and the edits short enough to be read (long cuts and prefixes left out)."""
    claim_n = ev_n = 0
    for k, (tag, i1, i2, j1, j2) in enumerate(ops):
        limit = MAX_EDGE_EDIT if (k < equal[0] or k > equal[-1]) else MAX_EDIT
        if tag == "equal" or (i2 - i1 <= limit and j2 - j1 <= limit):
            claim_n += sum(w in _NEGATIONS for w in claim_tokens[i1:i2])
            ev_n += sum(w in _NEGATIONS for w in ev_tokens[j1:j2])
    return claim_n != ev_n


_DESCRIBE = {
    EditKind.NEGATION: "adds or removes a negation",
    EditKind.POPULATION: "puts people of another sex, age group or species",
    EditKind.CONDITION: "puts another condition",
}


def check_edits(claim: str, sentences: Sequence[str], evidence_text: str) -> EditsResult:
    """Whether ``claim`` is a near-copy of one of ``sentences`` with a meaning-changing edit."""
    said = _verbatim(claim)
    if copied := next((s for s in sentences if _verbatim(s) == said), None):
        # most statements the composer checks quote their sentence: no alignment to compute
        detail = "the claim repeats an evidence sentence word for word"
        return EditsResult(CheckResult("edits", True, detail), EditKind.NONE, copied, verbatim=True)
    claim_tokens = _tokens(claim)
    found = _alignment(claim_tokens, sentences)
    if found is None:
        return EditsResult(
            CheckResult("edits", True, "the claim is no near-copy of an evidence sentence"), EditKind.NONE
        )
    sentence, ev_tokens, sm = found
    ops = sm.get_opcodes()
    equal = [k for k, op in enumerate(ops) if op[0] == "equal"]
    if not equal:  # cannot happen with MIN_MATCHED >= 1; no alignment, no edit
        return EditsResult(CheckResult("edits", True, "no aligned words"), EditKind.NONE)
    evidence = _EvidenceText(evidence_text)
    flips = _negation_balance(claim_tokens, ev_tokens, ops, equal)
    for k, op in enumerate(ops):
        if op[0] == "equal":
            continue
        edge = k < equal[0] or k > equal[-1]
        kind = _read_edit(claim_tokens, op, ev_tokens, edge, evidence)
        if kind is EditKind.NEGATION and not flips:
            continue  # "with no complications" for "without complications": reworded, not negated
        if kind is not EditKind.NONE:
            said = " ".join(claim_tokens[op[1] : op[2]]) or "(nothing)"
            was = " ".join(ev_tokens[op[3] : op[4]]) or "(nothing)"
            detail = (
                f"the claim copies an evidence sentence but {_DESCRIBE[kind]}: '{said}' where it says '{was}'"
            )
            return EditsResult(CheckResult("edits", False, detail), kind, sentence)
    return EditsResult(
        CheckResult("edits", True, "no meaning-changing edit of the evidence sentence"), EditKind.NONE
    )
