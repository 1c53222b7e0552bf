"""Anchoring inline feedback the way web annotations are anchored (W3C Web Annotation: a quote with its
prefix and suffix, plus a position), and finding the anchor again in a new version of the article.

:func:`make_anchor` builds the anchor from a claim's text and the quote a reader picked;
:func:`reanchor` looks for it in the claims of another version: first at the same claim and offset, then
wherever the quote occurs (the occurrence whose prefix and suffix match best, nearest the old offset).
None means the quote is gone: the feedback is shown as orphaned.
"""

from __future__ import annotations

from collections.abc import Mapping

from medcite.domain.editorial import Anchor

CONTEXT = 32  # characters of prefix and suffix kept


def make_anchor(claim_id: str, claim_text: str, quote: str = "", position: int | None = None) -> Anchor:
    """The anchor of ``quote`` (the whole claim when empty) in ``claim_text``; ``position`` picks one of
    several occurrences (the first otherwise). A quote not in the text is kept as written, at 0."""
    quote = " ".join(quote.split()) or claim_text
    at = claim_text.find(quote, max(0, position or 0))
    if at < 0:
        at = claim_text.find(quote)
    if at < 0:
        return Anchor(claim_id, quote, "", "", 0)
    prefix = claim_text[max(0, at - CONTEXT) : at]
    suffix = claim_text[at + len(quote) : at + len(quote) + CONTEXT]
    return Anchor(claim_id, quote, prefix, suffix, at)


def _context_score(text: str, at: int, anchor: Anchor) -> int:
    before = text[max(0, at - len(anchor.prefix)) : at]
    after = text[at + len(anchor.quote) : at + len(anchor.quote) + len(anchor.suffix)]
    score = 0
    for a, b in zip(reversed(before), reversed(anchor.prefix), strict=False):
        if a != b:
            break
        score += 1
    for a, b in zip(after, anchor.suffix, strict=False):
        if a != b:
            break
        score += 1
    return score


def reanchor(anchor: Anchor, claims: Mapping[str, str]) -> Anchor | None:
    """``anchor`` in ``claims`` (claim id -> text) of another version, or None (orphaned)."""
    text = claims.get(anchor.claim_id)
    if text is not None and text[anchor.position : anchor.position + len(anchor.quote)] == anchor.quote:
        return anchor
    best: tuple[int, int, str, int] | None = None  # (-score, distance, claim id, offset)
    for cid, body in claims.items():
        at = body.find(anchor.quote)
        while at >= 0 and anchor.quote:
            same = 0 if cid == anchor.claim_id else 1
            key = (-_context_score(body, at, anchor), same * 10_000 + abs(at - anchor.position), cid, at)
            best = key if best is None or key < best else best
            at = body.find(anchor.quote, at + 1)
    if best is None:
        return None
    cid, at = best[2], best[3]
    body = claims[cid]
    return Anchor(
        cid, anchor.quote, body[max(0, at - CONTEXT) : at], body[at + len(anchor.quote) :][:CONTEXT], at
    )
