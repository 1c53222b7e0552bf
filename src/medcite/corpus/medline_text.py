"""Parser for the MEDLINE text format (PubMed "Save as MEDLINE", ``.txt`` / ``.nbib``, optionally gzipped).

Each record starts with a ``PMID- `` line; a field line is a tag padded to four characters, ``- `` and the
value; continuation lines start with six spaces. Fields used:

============  =================================================================================
PMID          PMID (the record key)
TI / TT       title (TT, the vernacular title, only when TI is missing)
AB            abstract; "BACKGROUND: ... METHODS: ..." is split into labelled sections when the labels
              are the standard uppercase ones, otherwise one section labelled ""
AU / CN       authors "Last Initials" / collective names (FAU only where AU is missing)
JT / TA       journal (full title, else the abbreviation)
DP            year (first 4-digit year)
LA            language;  PT  publication types
MH            MeSH: ``*`` marks a major topic, ``/`` separates qualifiers ("Drugs/*pharmacology")
AID / LID     DOI from the ``[doi]`` entries;  PMC  PMC id
CIN CON RIN   CommentIn, CommentOn, RetractionIn, RetractionOf (ROF), ErratumIn (EIN), ErratumFor (EFR),
ROF EIN EFR   UpdateIn (UIN), UpdateOf (UOF): ``Link(kind, pmid, ref)`` with the PMID from "PMID: n"
UIN UOF
============  =================================================================================

A record without PMID or title becomes a :class:`ParseProblem`; empty, binary or non-MEDLINE files raise
:class:`IngestError` (a truncated gzip raises after the records before the damage, as in
:mod:`medcite.corpus.medline_xml`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from medcite.corpus.fields import (
    author_name,
    clean,
    normalize_doi,
    normalize_pmcid,
    parse_mesh_string,
    parse_year,
    split_structured,
)
from medcite.corpus.reading import check_text_head, describe_head, iter_lines, peek_head
from medcite.domain import Link, MeshHeading, ParseItem, ParseProblem, SourceRecord
from medcite.errors import IngestError

_FIELD = re.compile(r"^([A-Z][A-Z0-9]{1,3})\s*-\s?(.*)$")
_LINK_TAGS = {
    "CIN": "CommentIn",
    "CON": "CommentOn",
    "RIN": "RetractionIn",
    "ROF": "RetractionOf",
    "EIN": "ErratumIn",
    "EFR": "ErratumFor",
    "UIN": "UpdateIn",
    "UOF": "UpdateOf",
    "CRI": "CorrectedAndRepublishedIn",
    "CRF": "CorrectedAndRepublishedFrom",
    "RPI": "RepublishedIn",
    "RPF": "RepublishedFrom",
}
_LINK_PMID = re.compile(r"PMID:\s*(\d+)")

Fields = dict[str, list[str]]


def parse_medline_text(path: Path) -> Iterator[ParseItem]:
    """Parse a MEDLINE text file into :class:`SourceRecord` / :class:`ParseProblem` items."""
    head = check_text_head(peek_head(path), path.name)
    if not head.startswith(b"PMID-"):
        raise IngestError(f"{path.name}: not a MEDLINE text file ({describe_head(head)})")
    for index, fields in enumerate(_records(path), start=1):
        yield _record(fields, path.name, index)


def _records(path: Path) -> Iterator[Fields]:
    fields: Fields = {}
    last_tag: str | None = None
    for _number, raw in iter_lines(path):
        line = raw.rstrip("\r\n")
        if not line.strip():
            continue
        if line.startswith("      ") and last_tag is not None:
            values = fields[last_tag]
            values[-1] = f"{values[-1]} {line.strip()}"
            continue
        match = _FIELD.match(line)
        if match is None:
            continue  # stray text: ignored rather than failing the file
        tag, value = match.group(1), match.group(2).strip()
        if tag == "PMID" and fields:
            yield fields
            fields = {}
        fields.setdefault(tag, []).append(value)
        last_tag = tag
    if fields:
        yield fields


def _first(fields: Fields, tag: str) -> str:
    values = fields.get(tag)
    return clean(values[0]) if values else ""


def _record(fields: Fields, name: str, index: int) -> ParseItem:
    pmid = _first(fields, "PMID") or None
    title = _first(fields, "TI") or _first(fields, "TT")
    if not pmid:
        return ParseProblem(name, index, None, "record without PMID")
    if not title:
        return ParseProblem(name, index, pmid, "record without title")
    authors = [n for n in (_author(a) for a in fields.get("AU", [])) if n]
    if not authors:
        authors = [n for n in (_full_author(a) for a in fields.get("FAU", [])) if n]
    authors.extend(clean(c) for c in fields.get("CN", []) if clean(c))
    mesh = [parse_mesh_string(clean(m)) for m in fields.get("MH", [])]
    return SourceRecord(
        key=pmid,
        title=title,
        sections=split_structured(" ".join(fields.get("AB", []))),
        pmid=pmid,
        doi=_doi(fields),
        pmcid=normalize_pmcid(_first(fields, "PMC")) if "PMC" in fields else None,
        journal=_first(fields, "JT") or _first(fields, "TA") or None,
        year=parse_year(_first(fields, "DP")),
        authors=tuple(authors),
        language=_first(fields, "LA").lower() or None,
        publication_types=tuple(clean(p) for p in fields.get("PT", []) if clean(p)),
        mesh=tuple(m for m in mesh if isinstance(m, MeshHeading)),
        links=_links(fields),
        origin=name,
    )


def _author(value: str) -> str | None:
    value = clean(value)
    if not value:
        return None
    last, _, initials = value.rpartition(" ")
    if last and initials.isupper():
        return author_name(last, initials)
    return value


def _full_author(value: str) -> str | None:
    last, _, fore = clean(value).partition(",")
    return author_name(last, None, fore)


def _doi(fields: Fields) -> str | None:
    for tag in ("AID", "LID"):
        for value in fields.get(tag, []):
            if value.rstrip().endswith("[doi]"):
                doi = normalize_doi(value.rsplit("[", 1)[0])
                if doi:
                    return doi
    return None


def _links(fields: Fields) -> tuple[Link, ...]:
    links: list[Link] = []
    for tag, kind in _LINK_TAGS.items():
        for value in fields.get(tag, []):
            ref = clean(value)
            match = _LINK_PMID.search(ref)
            links.append(Link(kind=kind, pmid=match.group(1) if match else None, ref=ref))
    return tuple(links)
