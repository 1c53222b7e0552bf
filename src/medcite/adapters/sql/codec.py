"""Conversion between domain records and database rows, and what the store accepts.

:func:`normalised` is applied to every record before it is stored, the same way on SQLite and PostgreSQL:
control characters (NUL and the others, but tab and newline) and lone surrogates are stripped from every
string (PostgreSQL refuses NUL and surrogates, SQLite takes them); a section label longer than the
``passages.section`` column and a language code longer than its column are cut; an identifier (key, PMID,
DOI, PMCID) longer than its column, or an empty key, makes the record a :class:`BadRecord`: it is reported,
never cut, since a cut identifier would name another record.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import fields, is_dataclass, replace
from typing import Any, cast

from medcite.adapters.sql.schema import passages, sources
from medcite.domain import (
    AbstractSection,
    Design,
    EvidenceInfo,
    Link,
    MeshHeading,
    PreparedRecord,
    SourceRecord,
    StoredSource,
)

_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_IDENTIFIERS = (("key", "key"), ("pmid", "PMID"), ("doi", "DOI"), ("pmcid", "PMCID"))


class BadRecord(ValueError):
    """A record the store cannot hold; ``str()`` is the one-line reason."""


def _limit(column: str) -> int:
    length = getattr(sources.c[column].type, "length", None)
    assert isinstance(length, int), column
    return length


def _stripped(value: Any) -> Any:
    """``value`` with unsafe characters removed from every string in it; the same object if it has none."""
    if isinstance(value, str):
        return _UNSAFE.sub("", value) if _UNSAFE.search(value) else value
    if isinstance(value, tuple):
        items = tuple(_stripped(v) for v in value)
        return items if any(a is not b for a, b in zip(items, value, strict=True)) else value
    if is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for f in fields(value):
            old = getattr(value, f.name)
            if (new := _stripped(old)) is not old:
                changes[f.name] = new
        return replace(value, **changes) if changes else value
    return value


def normalised(record: SourceRecord) -> SourceRecord:
    """``record`` as the store keeps it (module docstring); the same object when nothing changes."""
    clean = cast(SourceRecord, _stripped(record))
    if not clean.key.strip():
        raise BadRecord("empty key")
    for field, name in _IDENTIFIERS:
        value = getattr(clean, field)
        if value is not None and len(value) > (limit := _limit(field)):
            raise BadRecord(f"{name} longer than {limit} characters ({len(value)}): {value[:40]}...")
    label_max = getattr(passages.c.section.type, "length", 64)
    lang_max = _limit("language")
    if any(len(s.label) > label_max for s in clean.sections):
        cut = tuple(replace(s, label=s.label[:label_max]) for s in clean.sections)
        clean = replace(clean, sections=cut)
    if clean.language is not None and len(clean.language) > lang_max:
        clean = replace(clean, language=clean.language[:lang_max])
    return clean


def content_hash(record: SourceRecord) -> str:
    """A hash of everything stored for a record: re-ingesting identical content is a no-op."""
    return _hash(record_columns(record))


def _hash(columns: dict[str, Any]) -> str:
    payload = json.dumps(columns, sort_keys=True, default=str)
    return hashlib.sha256(payload.encode()).hexdigest()


def columns(prep: PreparedRecord) -> dict[str, Any]:
    """Every ``sources`` column but id, seq and updated_at."""
    cols = record_columns(prep.record)
    digest = _hash(cols)
    info = prep.evidence
    cols.update(
        design=info.design.value,
        design_inferred=info.inferred,
        sample_size=info.sample_size,
        human=info.human,
        retracted=prep.record.retracted,
        content_hash=digest,
    )
    return cols


def record_columns(record: SourceRecord) -> dict[str, Any]:
    return {
        "key": record.key,
        "pmid": record.pmid,
        "doi": record.doi,
        "pmcid": record.pmcid,
        "title": record.title,
        "journal": record.journal,
        "year": record.year,
        "language": record.language,
        "authors": list(record.authors),
        "publication_types": list(record.publication_types),
        "mesh": [
            {"descriptor": m.descriptor, "ui": m.ui, "major": m.major, "qualifiers": list(m.qualifiers)}
            for m in record.mesh
        ],
        "links": [{"kind": lk.kind, "pmid": lk.pmid, "ref": lk.ref} for lk in record.links],
        "sections": [{"label": s.label, "text": s.text, "category": s.category} for s in record.sections],
        "origin": record.origin,
    }


def row_to_source(row: Any) -> StoredSource:
    """Build a :class:`StoredSource` from a row mapping of the ``sources`` table."""
    record = SourceRecord(
        key=row["key"],
        title=row["title"],
        sections=tuple(AbstractSection(s["label"], s["text"], s.get("category")) for s in row["sections"]),
        pmid=row["pmid"],
        doi=row["doi"],
        pmcid=row["pmcid"],
        journal=row["journal"],
        year=row["year"],
        authors=tuple(row["authors"]),
        language=row["language"],
        publication_types=tuple(row["publication_types"]),
        mesh=tuple(
            MeshHeading(m["descriptor"], m.get("ui"), bool(m.get("major")), tuple(m.get("qualifiers", ())))
            for m in row["mesh"]
        ),
        links=tuple(Link(lk["kind"], lk.get("pmid"), lk.get("ref", "")) for lk in row["links"]),
        origin=row["origin"],
    )
    info = EvidenceInfo(
        design=Design(row["design"]),
        inferred=bool(row["design_inferred"]),
        sample_size=row["sample_size"],
        human=row["human"],
    )
    return StoredSource(id=int(row["id"]), record=record, evidence=info)
