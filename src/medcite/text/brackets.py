"""Brackets in a question: no space inside them, and a bracketed group read as one word."""

from __future__ import annotations

import re

_SPACE = re.compile(r"([(\[])\s+|\s+([)\]])")
_GROUP = re.compile(r"(?<=\s)(?:\([^()]*\s[^()]*\)|\[[^\[\]]*\s[^\[\]]*\])")
_MASK = re.compile(r"bracketedgroup(\d+)x")


def tidy_brackets(text: str) -> str:
    """``text`` without spaces just inside its brackets: "the SFTS ( severe fever ...)" -> "(severe ...)"."""
    return _SPACE.sub(lambda m: m.group(1) or m.group(2), text)


def mask_brackets(text: str) -> tuple[str, list[str]]:
    """``text`` with each bracketed group of two or more words (no nesting, a space before it) replaced by
    one placeholder word, and the groups (:func:`unmask` puts them back)."""
    groups: list[str] = []

    def put(m: re.Match[str]) -> str:
        groups.append(m.group(0))
        return f"bracketedgroup{len(groups) - 1}x"

    return _GROUP.sub(put, text), groups


def unmask(value: str | None, groups: list[str]) -> str | None:
    """``value`` with the placeholders of :func:`mask_brackets` put back."""
    return None if value is None else _MASK.sub(lambda m: groups[int(m.group(1))], value)


# a source's own reference numbers left in its sentence ("... the core protein G3BP1 [5, 11-13] occupy
# different domains ...", "... is safe and well tolerated [363764].", tune34): in an article they would read
# as its own citations. Only after a word with a letter that follows no number, and before no letter: figures
# in brackets stay ("91 U [60, 157]", "(3 days [1-5] vs. ...", "66% [95% CI 53-80]", "F [1, 17] = 4.39",
# "G1P[8]", "24 [IQR 15-35] mm"), and so do a chemical name's locants ("[1,4]diazocino")
_REFS = r"\[\d{1,6}(?:\s*[-\u2013,]\s*\d{1,6})*\]"
_CITED = re.compile(rf"(?:(?P<prev>\S+)\s+)?(?P<word>\S+)\s(?P<refs>{_REFS}(?:\s*,\s*{_REFS})*)(?![\w\[-])")
_NOT_CITING = frozenset("f t ci iqr or hr rr range vs vs. and or to".split())
_FIGURE = re.compile(r"^[\d.,%<>=\u00b1+-]+$")


def without_reference_numbers(text: str) -> str:
    """``text`` without a source's own bracketed reference numbers (:data:`_REFS`) after a word."""
    if "[" not in text:
        return text  # most sentences: read for every statement, so the cheap test first

    def drop(m: re.Match[str]) -> str:
        word, prev = m.group("word"), m.group("prev") or ""
        citing = (
            any(c.isalpha() for c in word)
            and word.lower().strip("(,;:") not in _NOT_CITING
            and not _FIGURE.match(prev.strip("(["))
        )
        return m.group(0)[: m.start("refs") - m.start() - 1] if citing else m.group(0)

    return _CITED.sub(drop, text)
