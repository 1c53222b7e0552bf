"""Sentence passages of a source, with character offsets into :attr:`SourceRecord.text`.

``record.text[p.start:p.end] == p.text`` holds for every passage. The splitter knows biomedical prose: it
does not split after abbreviations ("e.g.", "i.e.", "et al.", "vs.", "Fig.", "approx.", "ca.", "No."),
initials ("J. R. Smith"), inside decimals ("2.5", "p < 0.05") or before a lower-case word; fragments shorter
than :data:`MIN_CHARS` are merged into the previous sentence. The title is not a passage (it is indexed on
its own); a record without sections has no passages.
"""

from __future__ import annotations

import re

from medcite.domain import SECTION_SEPARATOR, Passage, SourceRecord

MIN_CHARS = 20

# A candidate boundary: sentence punctuation, optional closing quotes/brackets, whitespace, then the start of
# the next sentence (capital, digit, opening bracket or quote).
# ".; " separates the sections of some screening-set abstracts: also a boundary.
_BOUNDARY = re.compile(r"[.?!][\"'”’)\]]*;?\s+(?=[\"'“‘(\[]?[A-Z0-9])")
_ABBREVIATIONS = frozenset(
    """e.g i.e et al vs v cf fig figs ref refs approx ca no nos vol eq eqs dr mr mrs ms prof inc ltd co corp
    jr sr st sp spp var subsp resp incl nb viz al dept univ suppl""".split()
)
_LAST_TOKEN = re.compile(r"(\S+)$")
_INITIAL_NEXT = re.compile(r"[A-Z]\.\s?[A-Z]")
_INITIALS = re.compile(r"(?:^|(?<=\s))(?:[A-Z]\.\s?){2,}$")


def split_passages(record: SourceRecord) -> list[Passage]:
    """The sentences of every section of ``record``, in order, with offsets into ``record.text``."""
    passages: list[Passage] = []
    offset = 0
    for section in record.sections:
        for start, end in split_sentences(section.text):
            passages.append(
                Passage(
                    idx=len(passages),
                    section=section.label,
                    start=offset + start,
                    end=offset + end,
                    text=section.text[start:end],
                )
            )
        offset += len(section.text) + len(SECTION_SEPARATOR)
    return passages


def split_sentences(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` spans of the sentences of ``text``, without surrounding whitespace."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        cut = match.start() + 1
        if _is_abbreviation(text, start, match.start(), match.end()):
            continue
        end = match.end()
        spans.append((start, cut + len(match.group(0)[1:].rstrip().rstrip(";"))))
        start = end
    spans.append((start, len(text)))
    return _merge_short([_trim(text, s, e) for s, e in spans if text[s:e].strip()])


def _is_abbreviation(text: str, start: int, dot: int, after: int) -> bool:
    if text[dot] != ".":
        return False
    match = _LAST_TOKEN.search(text, start, dot)
    if match is None:
        return False
    token = match.group(1).lstrip("([\"'").lower()
    if token in _ABBREVIATIONS:
        return True
    # "J. R. Smith", "J.R. Smith": an initial after another initial ("vitamin D. Next" still splits)
    if _INITIALS.search(text, start, dot + 1):
        return True
    # "J. R. Smith": a single capital followed by another initial
    return len(match.group(1)) == 1 and match.group(1).isupper() and bool(_INITIAL_NEXT.match(text, after))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Without surrounding whitespace, nor a trailing ";" (the ".;" section breaks of some abstracts)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or (text[end - 1] == ";" and text[end - 2 : end] == ".;")):
        end -= 1
    return start, end


def _merge_short(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and (end - start < MIN_CHARS or merged[-1][1] - merged[-1][0] < MIN_CHARS):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged
