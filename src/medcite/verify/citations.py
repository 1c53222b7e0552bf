"""Citation sets with ALCE semantics (Gao et al. 2023, "Enabling LLMs to generate text with citations").

- Recall: the statement's citations *together* must support it (the verifier reads them all at once).
- Precision: a citation is irrelevant when it does not support the statement on its own *and* removing it
  leaves the rest still supporting the statement. A lone citation is precise exactly when it supports.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from medcite.domain import Evidence, Label, Verdict
from medcite.errors import InputError
from medcite.ports import Verifier

_SUPPORTS = frozenset({Label.SUPPORTED})


@dataclass(frozen=True, slots=True)
class CitationPrecision:
    index: int  # position of the citation in the statement's citation list
    relevant: bool
    alone: Verdict  # the verdict for this citation on its own


@dataclass(frozen=True, slots=True)
class CitationSetVerdict:
    recall: bool  # all citations together support the statement
    recall_probability: float
    combined: Verdict  # the verdict on all citations together
    precision: tuple[CitationPrecision, ...]

    @property
    def precision_rate(self) -> float:
        return sum(c.relevant for c in self.precision) / len(self.precision) if self.precision else 0.0

    @property
    def reasons(self) -> tuple[str, ...]:
        out = [f"citation recall: {'yes' if self.recall else 'no'} (p={self.recall_probability:.2f})"]
        for c in self.precision:
            state = "relevant" if c.relevant else "irrelevant"
            out.append(
                f"citation {c.index + 1}: {state}; "
                f"alone it is {c.alone.label.value} (p={c.alone.probability:.2f})"
            )
        return tuple(out)


def verify_citations(
    verifier: Verifier, claim: str, citations: Sequence[Sequence[Evidence]]
) -> CitationSetVerdict:
    """Recall and per-citation precision of one statement's citations (each: one or more Evidence)."""
    if not citations:
        raise InputError("the statement has no citations to check")
    if any(not c for c in citations):
        raise InputError("a citation has no evidence text")
    together = [e for c in citations for e in c]
    items: list[tuple[str, Sequence[Evidence]]] = [(claim, together)]
    items += [(claim, list(c)) for c in citations]
    many = len(citations) > 1
    if many:
        items += [
            (claim, [e for j, c in enumerate(citations) if j != i for e in c]) for i in range(len(citations))
        ]
    verdicts = verifier.verify_batch(items)
    combined = verdicts[0]
    alone = verdicts[1 : 1 + len(citations)]
    without = verdicts[1 + len(citations) :] if many else []
    recall = combined.label in _SUPPORTS
    precision = []
    for i, v in enumerate(alone):
        supports_alone = v.label in _SUPPORTS
        rest_supports = many and without[i].label in _SUPPORTS
        # ALCE: relevant if it supports alone, or the set supports and breaks without it
        relevant = supports_alone or (recall and not rest_supports)
        precision.append(CitationPrecision(i, relevant, v))
    return CitationSetVerdict(recall, combined.probability, combined, tuple(precision))
