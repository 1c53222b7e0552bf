"""Conversion between domain records and database rows."""

from __future__ import annotations

import hashlib
import json
from typing import Any

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
