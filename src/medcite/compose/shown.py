"""A statement as the article shows it: its citations, verdict and each number pinned into a cited source."""

from __future__ import annotations

import re
from collections.abc import Sequence

from medcite.compose.candidates import NUMBER
from medcite.compose.checked import Checked
from medcite.compose.draft import Draft
from medcite.compose.spelling import Definition, core_start
from medcite.domain import NumberPin, Pin, Statement


def shown_statement(
    c: Checked, order: dict[str, int], spelled: tuple[Draft, tuple[Definition, ...]] | None = None
) -> Statement:
    """The statement as shown: the draft (with its abbreviations written out, ``spelled``), its citations
    and verdict, and each number it shows pinned to where it came from in a cited source."""
    d, defs = spelled if spelled is not None else (c.draft, ())
    pins = tuple(Pin(order[x.key], x.key, x.start, x.end, x.passage_id) for x in d.cites)
    nums: list[NumberPin] = []
    lead = d.cites[0]
    core_at = core_start(d)
    for m in NUMBER.finditer(d.text):
        val = m.group(0)
        if (defined := _defined_number(d.text, defs, m, order)) is not None:
            nums.append(defined)
            continue
        in_core = core_at >= 0 and core_at <= m.start() < core_at + len(d.core)
        hit = next(((x, x.text.find(val)) for x in d.cites if in_core and val in x.text), None)
        if hit is not None:
            x, i = hit
            nums.append(NumberPin(val, order[x.key], x.key, x.start + i, x.start + i + len(val)))
        elif d.prefix is not None and d.prefix.phrase_start >= 0 and m.start() < core_at:
            i = _find_number(d.prefix.phrase, val)
            if i >= 0:
                at = d.prefix.phrase_start + i
                nums.append(NumberPin(val, order[lead.key], lead.key, at, at + len(val)))
        elif d.prefix is not None and d.prefix.n_value == val:
            if d.prefix.n_start >= 0:
                nums.append(NumberPin(val, order[lead.key], lead.key, d.prefix.n_start, d.prefix.n_end))
            else:
                nums.append(NumberPin(val, order[lead.key], lead.key, -1, -1, "sample_size"))
        else:
            found = next(((x, x.text.find(val)) for x in d.cites if val in x.text), None)
            if found is not None:
                x, i = found
                nums.append(NumberPin(val, order[x.key], x.key, x.start + i, x.start + i + len(val)))
    return Statement(
        text=d.text,
        citations=tuple(dict.fromkeys(order[x.key] for x in d.cites)),
        verdict=c.verdict.label.value,
        probability=round(float(c.verdict.probability), 4),
        kind=d.kind,
        pins=pins,
        numbers=tuple(nums),
        core=d.core,
        reasons=tuple(c.verdict.reasons),
    )


def _defined_number(
    text: str, defs: Sequence[Definition], m: re.Match[str], order: dict[str, int]
) -> NumberPin | None:
    """A number inside a long form written out (``defs``), pinned where its source defines it."""
    for df in defs:
        if df.start < 0:  # a long form read from a title holds no number
            continue
        i = text.lower().find(f"{df.long} ({df.short})".lower())
        if 0 <= i <= m.start() < i + len(df.long):
            at = df.start + m.start() - i
            return NumberPin(m.group(0), order[df.key], df.key, at, at + len(m.group(0)))
    return None


def _find_number(text: str, val: str) -> int:
    m = re.search(rf"(?<![\w.]){re.escape(val)}(?![\d])", text)
    return m.start() if m else -1
