"""Check a text and its numbered citations: does each cited source support the sentence that cites it?

The entry point for auditing any article (medcite's own or someone else's): give the text with ``[n]``
markers (``[1]``, ``[1, 4]``, ``[3-5]``) and, for each reference number, the evidence of that source;
every citing sentence is checked against its citations together (citation recall) and against each one
alone (ALCE precision, :mod:`medcite.verify.citations`), all in one verifier batch.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from medcite.domain import Evidence, Label, Verdict
from medcite.errors import InputError
from medcite.ports import Verifier
from medcite.text.sentences import split_sentences

_MARK = re.compile(r"\s*\[(\d+(?:\s*[-–,;]\s*\d+)*)\]")
MAX_RANGE = 50  # a citation range longer than this ("[1-999]") is a typo, not 999 references


@dataclass(frozen=True, slots=True)
class CitedSentence:
    """One citing sentence of the text, with offsets into it, and what the check found."""

    text: str  # the sentence without its citation markers: the claim that was checked
    start: int
    end: int
    citations: tuple[int, ...]
    together: Verdict | None  # all its available citations together; None when none could be checked
    alone: tuple[tuple[int, Verdict], ...]  # each available citation on its own
    missing: tuple[int, ...]  # cited numbers with no evidence given

    @property
    def supported(self) -> bool:
        return self.together is not None and self.together.label is Label.SUPPORTED and not self.missing


@dataclass(frozen=True, slots=True)
class CitationReport:
    sentences: tuple[CitedSentence, ...]

    @property
    def summary(self) -> str:
        n = len(self.sentences)
        ok = sum(s.supported for s in self.sentences)
        return f"{ok} of {n} citing sentence(s) are supported by the sources they cite."


def parse_citations(marks: str) -> tuple[int, ...]:
    """``"1, 3-5"`` -> (1, 3, 4, 5), in order, without repeats."""
    out: list[int] = []
    for part in re.split(r"\s*[,;]\s*", marks):
        lo, _, hi = part.partition("-") if "-" in part else part.partition("–")
        a = int(lo)
        b = int(hi) if hi else a
        if b < a or b - a > MAX_RANGE:
            raise InputError(f"citation range [{part}] is not a usable range")
        out.extend(range(a, b + 1))
    return tuple(dict.fromkeys(out))


def citing_sentences(text: str) -> list[tuple[str, int, int, tuple[int, ...]]]:
    """(claim without markers, start, end, citation numbers) for every sentence that cites something."""
    out: list[tuple[str, int, int, tuple[int, ...]]] = []
    for s, e in split_sentences(text):
        sentence = text[s:e]
        nums: list[int] = []
        for m in _MARK.finditer(sentence):
            nums.extend(parse_citations(m.group(1)))
        if nums:
            claim = " ".join(_MARK.sub("", sentence).split())
            out.append((claim, s, e, tuple(dict.fromkeys(nums))))
    return out


def check_citations(
    text: str, references: Mapping[int, Sequence[Evidence]], verifier: Verifier
) -> CitationReport:
    """Check every citing sentence of ``text`` against the evidence of the references it cites."""
    if not text.strip():
        raise InputError("the text to check is empty")
    found = citing_sentences(text)
    items: list[tuple[str, Sequence[Evidence]]] = []
    plan: list[tuple[int, list[int]]] = []  # per sentence: index of its 'together' item, its citations
    for claim, _s, _e, nums in found:
        have = [n for n in nums if references.get(n)]
        if not have or not claim:
            plan.append((-1, []))
            continue
        plan.append((len(items), have))
        items.append((claim, [ev for n in have for ev in references[n]]))
        if len(have) > 1:
            items += [(claim, list(references[n])) for n in have]
    verdicts = verifier.verify_batch(items) if items else []
    out: list[CitedSentence] = []
    for (claim, s, e, nums), (at, have) in zip(found, plan, strict=True):
        missing = tuple(n for n in nums if not references.get(n))
        if at < 0:
            out.append(CitedSentence(claim, s, e, nums, None, (), missing))
            continue
        together = verdicts[at]
        alone = [together] if len(have) == 1 else verdicts[at + 1 : at + 1 + len(have)]
        pairs = tuple(zip(have, alone, strict=True))
        out.append(CitedSentence(claim, s, e, nums, together, pairs, missing))
    return CitationReport(tuple(out))
