"""Abbreviations written out at their first use in the article, as the cited source defines them.

A quoted sentence often uses an abbreviation that its abstract defined sentences before ("burosumab is a
novel therapeutic ... in adults with XLH"): the clinician reading the statement alone does not see what XLH
stands for. The bottom line and then the body (sections in order) write each abbreviation out once, at its
first use, as "X-linked hypophosphatemia (XLH)": the long form is the source's own wording at its definition
(:func:`medcite.corpus.extract.abbreviations`, the Schwartz-Hearst detector), and a number in it is pinned
there. Well-known abbreviations (CI, DNA, MRI, ...) stay as they are.

The verifier reads the statement as quoted; writing out a defined abbreviation does not change what it
claims (the verifier's training counts abbreviation expansion as a meaning-preserving rewrite).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache

from medcite.compose.draft import Draft
from medcite.corpus.extract import abbreviations
from medcite.text.abbreviations import defines, written_out

_SENTENCE_END = (".", "!", "?")


@dataclass(frozen=True, slots=True)
class Definition:
    """An abbreviation a cited source defines: its long form there, and where."""

    short: str
    long: str
    key: str  # the source that defines it
    start: int  # offset of the long form in that source's text (-1: in its title; it holds no number)
    initial: bool  # the long form opens a sentence there (its capital is the sentence's)


def _opens_sentence(text: str, at: int) -> bool:
    return at == 0 or text[:at].rstrip().endswith(_SENTENCE_END)


@lru_cache(maxsize=4096)
def _defined(text: str) -> tuple[tuple[str, str, int, bool], ...]:
    pairs = abbreviations(text)
    return tuple((sf.text, lf.text, lf.start, _opens_sentence(text, lf.start)) for sf, lf in pairs)


def _named_in(d: Draft, df: Definition) -> Definition | None:
    """Another source's definition, where the draft's own source also names the long form (in its own
    wording and place, where its numbers are pinned): "PD" is written out as Parkinson's disease only in a
    statement whose source speaks of Parkinson's disease, not where it means progressive disease. The title
    counts for a long form without a number."""
    c = d.cites[0]
    text, title = c.source.record.text, c.source.record.title
    at = text.lower().find(df.long.lower())
    if at >= 0:
        return Definition(df.short, text[at : at + len(df.long)], c.key, at, _opens_sentence(text, at))
    at = title.lower().find(df.long.lower())
    if at < 0 or any(ch.isdigit() for ch in df.long):  # a number is pinned in the text only
        return None
    return Definition(df.short, df.long, c.key, -1, df.initial)  # the defining source's casing, not a title's


def definitions(d: Draft) -> list[Definition]:
    """The abbreviations the draft's cited sources define (the first source's wording first)."""
    seen: dict[str, Definition] = {}
    for c in d.cites:
        for sf, lf, start, initial in _defined(c.source.record.text):
            seen.setdefault(sf, Definition(sf, lf, c.key, start, initial))
    return list(seen.values())


def article_definitions(drafts: Iterable[Draft]) -> dict[str, Definition]:
    """The abbreviations the article's cited sources define, each with one meaning among them: a short
    form that two sources define differently ("MS": multiple sclerosis, mass spectrometry) is left out."""
    found: dict[str, list[Definition]] = {}
    for d in drafts:
        for df in definitions(d):
            found.setdefault(df.short, []).append(df)
    return {
        sf: dfs[0] for sf, dfs in found.items() if len({df.long.lower().replace("-", " ") for df in dfs}) == 1
    }


def core_start(d: Draft) -> int:
    """Where the core starts in the statement text: at its end, after a prefix that may have lower-cased
    the core's first letter ("In a trial, the ..."); -1 when the text does not hold it."""
    at = len(d.text) - len(d.core)
    if at >= 0 and d.core and d.text[at + 1 :] == d.core[1:] and d.text[at].lower() == d.core[0].lower():
        return at
    return d.text.find(d.core)


def spell_out(
    d: Draft, done: set[str], shared: Mapping[str, Definition] | None = None
) -> tuple[Draft, tuple[Definition, ...]]:
    """The draft with each abbreviation written out at its first use in the core, as its own sources
    define it or else as another source of the article does (``shared``, one meaning only, and only where
    the draft's source names that long form too), unless ``done`` holds it (written out, or defined,
    earlier in the article); ``done`` is updated. The definitions written out come back with it (their
    numbers are pinned at the definition). The statement text and the core change alike; behind a design
    prefix, the long form reads as inside a sentence."""
    at = core_start(d)
    if at < 0 or not d.core:
        return d, ()
    text, core, used = d.text[at:], d.core, []
    own = definitions(d)
    mine = {df.short for df in own}
    # another source's definition only for a short form the core uses (the source text is searched for it)
    wanted = [df for sf, df in (shared or {}).items() if sf not in mine and sf not in done and sf in core]
    others = [x for df in wanted for x in [_named_in(d, df)] if x]
    for df in [*own, *others]:
        if df.short in done:
            continue
        new_text = written_out(text, df.short, df.long, df.initial, opens=at == 0)
        new_core = written_out(core, df.short, df.long, df.initial)
        if new_text is not None and new_core is not None:
            text, core = new_text, new_core
            used.append(df)
            done.add(df.short)
        elif defines(d.text, df.short, df.long):
            done.add(df.short)  # the statement defines it itself
    if not used:
        return d, ()
    return replace(d, text=d.text[:at] + text, core=core), tuple(used)


def spelled_in_order(
    drafts: Iterable[Draft], shared: Mapping[str, Definition]
) -> dict[int, tuple[Draft, tuple[Definition, ...]]]:
    """Each draft (by id) written out in reading order: an abbreviation once, at its first use."""
    done: set[str] = set()
    return {id(d): spell_out(d, done, shared) for d in drafts}
