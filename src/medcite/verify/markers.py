"""Citation markers of an article body, brought to one form (``[n]``) so its citing sentences can be found.

Read: ``[1]``, ``[1,4]``, ``[3-5]``, ``(1)``, ``(2, 3)``, superscript-style numbers glued to a word or to
punctuation (``...in anxiety.4`` once a web page is copied as text; ``<sup>`` in HTML is read before), and
author-year citations (``(Smith et al., 2019; Doe & Roe, 2020)``, ``Smith et al. (2019)``) matched to the
reference list by first author's family name and year. A marker after the sentence's full stop is moved
before it, so it stays with the sentence it belongs to.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from medcite.domain.audit import CitedReference, CitingStatement
from medcite.errors import InputError
from medcite.verify.citation_check import citing_sentences
from medcite.verify.references import surname

_NUMS = r"\d{1,3}(?:\s*[,–-]\s*\d{1,3})*"
_PAREN = re.compile(rf"(?<![\w=<>±])\(\s*({_NUMS})\s*\)")
_BRACKET_SPACED = re.compile(rf"\[\s*({_NUMS})\s*\]")
# a word of 3+ letters, or a closing bracket, then optional punctuation, then the glued number(s)
_GLUED = re.compile(r"(?<=[a-z\)\]])(?<![A-Z][a-z])([.,;:]?)(\d{1,3}(?:[,–-]\d{1,3})*)(?=[\s.,;:)]|$)")
_AUTHOR_YEAR = re.compile(
    r"\(([^()]*?\b(?:1[89]|20)\d\d[a-z]?(?:\s*[;,]\s*[^()]*?\b(?:1[89]|20)\d\d[a-z]?)*)\)"
)
_NARRATIVE = re.compile(
    r"\b([A-Z][\w'’-]+(?:\s+(?:et al\.?|and [A-Z][\w'’-]+|& [A-Z][\w'’-]+))?)\s*\(((?:1[89]|20)\d\d)[a-z]?\)"
)
_ONE_AY = re.compile(r"([A-Z][\w'’ -]*?)(?:\s+et al\.?|\s*(?:&|and)\s+[A-Z][\w'’-]+)?,?\s+((?:1[89]|20)\d\d)")
_AFTER_STOP = re.compile(r"([.!?])((?:\s*\[\d[\d,\s–-]*\])+)(?=\s|$)")


def _in_range(nums: str, top: int) -> bool:
    vals = [int(x) for x in re.findall(r"\d+", nums)]
    return bool(vals) and all(1 <= v <= top for v in vals)


def _fold(name: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).lower()


def _author_year_index(refs: Sequence[CitedReference]) -> dict[tuple[str, int], list[int]]:
    idx: dict[tuple[str, int], list[int]] = {}
    for r in refs:
        if r.first_author and r.year:
            idx.setdefault((_fold(surname(r.first_author)), r.year), []).append(r.n)
    return idx


def _author_year(text: str, refs: Sequence[CitedReference], notes: list[str]) -> str:
    idx = _author_year_index(refs)
    if not idx:
        return text

    def lookup(name: str, year: str) -> int | None:
        hits = idx.get((_fold(name.split()[-1] if name.split() else name), int(year)), []) or idx.get(
            (_fold(name.strip()), int(year)), []
        )
        return hits[0] if len(hits) == 1 else None

    def group(m: re.Match[str]) -> str:
        found: list[int] = []
        for part in re.split(r";", m.group(1)):
            one = _ONE_AY.search(part)
            n = lookup(one.group(1).strip(), one.group(2)) if one else None
            if n is None:
                notes.append(f"author-year citation '({part.strip()})' matches no single reference")
                return m.group(0)
            found.append(n)
        return "[" + ",".join(str(n) for n in found) + "]"

    def narrative(m: re.Match[str]) -> str:
        n = lookup(m.group(1).split()[0], m.group(2))
        return f"{m.group(1)} [{n}]" if n is not None else m.group(0)

    return _AUTHOR_YEAR.sub(group, _NARRATIVE.sub(narrative, text))


def normalise_markers(body: str, refs: Sequence[CitedReference]) -> tuple[str, list[str]]:
    """``body`` with every recognised citation as ``[n]`` before the sentence's full stop, and notes on
    what could not be matched."""
    notes: list[str] = []
    top = max((r.n for r in refs), default=0)
    text = _author_year(body, refs, notes)
    text = _BRACKET_SPACED.sub(lambda m: f"[{m.group(1)}]", text)
    text = _PAREN.sub(lambda m: f"[{m.group(1)}]" if _in_range(m.group(1), top) else m.group(0), text)

    def glued(m: re.Match[str]) -> str:
        start = m.start()
        word = re.search(r"[A-Za-z]+$", text[:start])
        if not _in_range(m.group(2), top) or (word is not None and len(word.group(0)) < 3):
            return m.group(0)
        return f" [{m.group(2)}]{m.group(1)}"

    text = _GLUED.sub(glued, text)
    text = _AFTER_STOP.sub(lambda m: f" {m.group(2).strip()}{m.group(1)}", text)
    return text, notes


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of the blocks of ``text``: paragraphs (split at blank lines) with a short first line that has
    no full stop (a heading) split off."""
    out: list[tuple[int, int]] = []
    for m in re.finditer(r"\S(?:.|\n(?!\s*\n))*", text):
        s, e = m.start(), m.end()
        first = text[s:e].split("\n", 1)
        if len(first) == 2 and len(first[0]) < 100 and not re.search(r"[.!?:;\]]\s*$", first[0]):
            out.append((s, s + len(first[0])))
            s += len(first[0]) + 1
        out.append((s, e))
    return out


def citing_statements(text: str) -> tuple[list[CitingStatement], list[str]]:
    """The sentences of ``text`` (markers already ``[n]``) that cite something."""
    out: list[CitingStatement] = []
    for ps, pe in paragraphs(text):
        try:
            found = citing_sentences(text[ps:pe])
        except InputError as exc:
            raise InputError(f"a citation marker cannot be read: {exc}") from None
        for claim, s, e, nums in found:
            if claim:
                out.append(CitingStatement(claim, ps + s, ps + e, nums))
    return out, []
