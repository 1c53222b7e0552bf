"""What the stores and indexes hand back: write results, passage rows, change batches, filter columns."""

from __future__ import annotations

from dataclasses import dataclass

from medcite.domain.records import Design, Passage, StoredSource


@dataclass(frozen=True, slots=True)
class RejectedRecord:
    """A record the store could not hold (e.g. an identifier longer than its column): left out, reported."""

    key: str
    reason: str  # one line


@dataclass(frozen=True, slots=True)
class UpsertResult:
    stored: int  # new records
    updated: int  # records whose content changed
    unchanged: int
    passages: int  # passages written
    rejected: tuple[RejectedRecord, ...] = ()  # left out; the rest of the batch is written


@dataclass(frozen=True, slots=True)
class PassageRow:
    """A stored passage with its database id and the key of its source."""

    id: int
    source_key: str
    passage: Passage


@dataclass(frozen=True, slots=True)
class PassageRef:
    """One vector of the dense index: a whole source (``passage`` None: title + head of the abstract) or
    one of its passages (``passage`` = :attr:`Passage.idx`)."""

    source_key: str
    passage: int | None = None


@dataclass(frozen=True, slots=True)
class Changes:
    """One batch of what changed after a given sequence number, up to ``max_seq`` (for the index sync).

    ``checkpoint`` is the safe watermark after this batch: an index that has applied this batch and every
    batch before it is in step with the store up to ``checkpoint`` (every change with a sequence number at
    or below it is applied, and no transaction can still commit one), so it may commit there and resume
    from there after a crash.
    """

    upserted: list[StoredSource]
    removed: list[str]  # keys of removed or replaced sources (a replaced one is also in ``upserted``)
    max_seq: int  # the end of the window this iteration covers (the same in every batch)
    checkpoint: int


@dataclass(frozen=True, slots=True)
class SourceMeta:
    """The columns that search filters and priors need."""

    year: int | None
    design: Design
    human: bool | None
    retracted: bool

    @classmethod
    def of(cls, source: StoredSource) -> SourceMeta:
        return cls(source.record.year, source.evidence.design, source.evidence.human, source.record.retracted)


@dataclass(frozen=True, slots=True)
class StoreStats:
    sources: int
    passages: int
    by_origin: dict[str, int]
    by_design: dict[str, int]
    by_year: dict[int | None, int]
    retracted: int
