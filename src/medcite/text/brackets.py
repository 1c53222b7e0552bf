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
