"""Longest-match phrase spotting over a word sequence (shared by the MeSH vocabularies)."""

from __future__ import annotations

from collections.abc import Callable, Container, Sequence
from typing import TypeVar

T = TypeVar("T")


def longest_matches(
    words: Sequence[str],
    starts: Container[str],
    max_words: int,
    lookup: Callable[[Sequence[str]], T | None],
) -> list[tuple[int, int, T]]:
    """Non-overlapping matches ``(start, end, value)`` in text order: at each position the longest run of
    at most ``max_words`` words (beginning with a word in ``starts``) that ``lookup`` knows."""
    out: list[tuple[int, int, T]] = []
    i = 0
    while i < len(words):
        if words[i] in starts:
            for n in range(min(max_words, len(words) - i), 0, -1):
                value = lookup(words[i : i + n])
                if value is not None:
                    out.append((i, i + n, value))
                    i += n
                    break
            else:
                i += 1
        else:
            i += 1
    return out
