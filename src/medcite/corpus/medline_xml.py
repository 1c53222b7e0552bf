"""Streaming parser for MEDLINE/PubMed XML: baseline and update files, efetch output, old and new DTDs.

Roots accepted: ``PubmedArticleSet`` (efetch, baseline since 2017), ``MedlineCitationSet`` (baseline before
2017), ``PubmedBookArticleSet`` and ``eFetchResult`` (an efetch error document: its ``ERROR`` becomes an
:class:`IngestError`). Records are ``PubmedArticle``, ``PubmedBookArticle`` and bare ``MedlineCitation``
children of the root; ``DeleteCitation`` yields one :class:`Deletion` per PMID.

Memory stays constant: the file is fed in 64 KiB chunks to an lxml pull parser that never resolves
entities, never loads a DTD and never touches the network; each record is cleared once converted, together
with its preceding siblings.

Hostile input: a DOCTYPE with an internal subset that declares entities (billion laughs, XXE) raises
:class:`HostileXMLError` before any record is read. Real PubMed files carry an external
``<!DOCTYPE PubmedArticleSet PUBLIC ...>`` without an internal subset; those are fine (the DTD is not loaded).

Errors: empty, binary, non-XML or wrong-root input raises :class:`IngestError` at once. Malformed XML or a
truncated gzip stream in the middle of a file raises :class:`IngestError` *after* the records read before
the damage were yielded: the caller must treat the error as a failure of the remaining part of the file.

A record without PMID or title becomes a :class:`ParseProblem` and parsing continues. ``CommentsCorrections``
of type ``Cites`` (reference lists) are not kept; every other type becomes a :class:`Link`.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from lxml import etree

from medcite.corpus.fields import author_name, clean, normalize_doi, normalize_pmcid, parse_year
from medcite.corpus.reading import check_text_head, describe_head, open_stream, read_chunks
from medcite.domain import (
    AbstractSection,
    Deletion,
    Link,
    MeshHeading,
    ParseItem,
    ParseProblem,
    SourceRecord,
)
from medcite.errors import HostileXMLError, IngestError

ROOTS = frozenset({"PubmedArticleSet", "MedlineCitationSet", "PubmedBookArticleSet", "eFetchResult"})
_RECORD_TAGS = ("PubmedArticle", "MedlineCitation", "PubmedBookArticle", "DeleteCitation", "ERROR")
_MAX_PROLOG = 1 << 20
_ENTITY_DECL = re.compile(rb"<!ENTITY", re.IGNORECASE)
_NAME = re.compile(rb"[A-Za-z_][\w.:-]*")

Element = etree._Element


def parse_medline_xml(path: Path) -> Iterator[ParseItem]:
    """Parse a MEDLINE/PubMed XML file (``.xml`` or ``.xml.gz``, detected by content) into parse items."""
    stream = open_stream(path)
    yield from _parse(read_chunks(stream, path.name), path.name)


def parse_medline_bytes(data: bytes, origin: str) -> Iterator[ParseItem]:
    """Parse an in-memory PubMed XML document (an efetch response); ``origin`` names it in messages."""
    stream: BinaryIO = io.BytesIO(data)
    yield from _parse(read_chunks(stream, origin), origin)


def _parse(chunks: Iterator[bytes], name: str) -> Iterator[ParseItem]:
    head = b""
    for chunk in chunks:
        head += chunk
        root = _check_prolog(head, name, final=False)
        if root is not None:
            break
    else:
        _check_prolog(head, name, final=True)
        return
    parser = etree.XMLPullParser(
        events=("end",),
        tag=_RECORD_TAGS,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    state = _State(name)
    for data in _chain(head, chunks):
        try:
            parser.feed(data)
        except etree.XMLSyntaxError as err:
            yield from state.drain(parser.read_events())
            raise IngestError(f"{name}: malformed XML at line {err.lineno}: {err.msg}") from err
        yield from state.drain(parser.read_events())
    try:
        parser.close()
    except etree.XMLSyntaxError as err:
        yield from state.drain(parser.read_events())
        raise IngestError(f"{name}: malformed XML at line {err.lineno}: {err.msg}") from err
    yield from state.drain(parser.read_events())


def _chain(first: bytes, rest: Iterator[bytes]) -> Iterator[bytes]:
    yield first
    yield from rest


def _check_prolog(head: bytes, name: str, *, final: bool) -> str | None:
    """Validate everything before the root element; return the root's name, or None if more bytes are needed.

    Refuses entity declarations anywhere before the root (``HostileXMLError``), non-XML content, and roots
    that are not PubMed's.
    """
    text = check_text_head(head, name)
    if not text.startswith(b"<"):
        raise IngestError(f"{name}: not a PubMed XML file ({describe_head(text)})")
    pos = 0
    while True:
        pos = _skip_space(text, pos)
        if pos >= len(text):
            break
        if text.startswith(b"<?", pos):
            end = text.find(b"?>", pos)
            if end < 0:
                break
            pos = end + 2
        elif text.startswith(b"<!--", pos):
            end = text.find(b"-->", pos)
            if end < 0:
                break
            pos = end + 3
        elif text.startswith(b"<!", pos):
            end = _doctype_end(text, pos)
            declaration = text[pos : end if end > 0 else len(text)]
            if _ENTITY_DECL.search(declaration):
                raise HostileXMLError(
                    f"{name}: refused: the XML declares entities in its DOCTYPE (entity expansion and "
                    "external entities are a known attack); PubMed files never do"
                )
            if end < 0:
                break
            pos = end
        elif text.startswith(b"<", pos):
            match = _NAME.match(text, pos + 1)
            if match is None:
                raise IngestError(f"{name}: malformed XML: no root element")
            root = match.group(0).decode("ascii", "replace")
            if root not in ROOTS:
                raise IngestError(
                    f"{name}: XML root <{root}> is not PubMed XML "
                    f"(expected one of {', '.join(sorted(ROOTS))})"
                )
            return root
        else:
            raise IngestError(f"{name}: malformed XML: text before the root element")
    if final or len(head) > _MAX_PROLOG:
        raise IngestError(f"{name}: not a PubMed XML file (no root element found)")
    return None


def _skip_space(text: bytes, pos: int) -> int:
    while pos < len(text) and text[pos] in b" \t\r\n":
        pos += 1
    return pos


def _doctype_end(text: bytes, pos: int) -> int:
    """Index just after the ``<!DOCTYPE ...>`` starting at ``pos`` (handles an internal subset), or -1."""
    quote = 0
    depth = 0
    i = pos + 2
    while i < len(text):
        c = text[i]
        if quote:
            if c == quote:
                quote = 0
        elif c in (0x22, 0x27):
            quote = c
        elif c == 0x5B:  # [
            depth += 1
        elif c == 0x5D:  # ]
            depth -= 1
        elif c == 0x3E and depth <= 0:  # >
            return i + 1
        i += 1
    return -1


class _State:
    """Converts record elements as the pull parser reports them and frees them afterwards."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.count = 0
        self.checked_dtd = False

    def drain(self, events: Iterable[tuple[str, object]]) -> Iterator[ParseItem]:
        for _event, el in events:
            if not isinstance(el, etree._Element):
                continue
            parent = el.getparent()
            if parent is None or parent.getparent() is not None:
                continue  # a MedlineCitation inside a PubmedArticle: handled with its article
            if not self.checked_dtd:
                self._check_dtd(el)
            tag = el.tag
            if tag == "DeleteCitation":
                for pmid_el in el.iterfind("PMID"):
                    pmid = clean(pmid_el.text)
                    if pmid:
                        yield Deletion(pmid=pmid)
            elif tag == "ERROR":
                raise IngestError(f"{self.name}: PubMed returned an error: {clean(el.text)}")
            else:
                self.count += 1
                yield self._convert(el)
            el.clear()
            while el.getprevious() is not None:
                del parent[0]

    def _check_dtd(self, el: Element) -> None:
        self.checked_dtd = True
        dtd = el.getroottree().docinfo.internalDTD
        if dtd is not None and any(True for _ in dtd.iterentities()):  # type: ignore[attr-defined]
            raise HostileXMLError(f"{self.name}: refused: the XML declares entities in its DOCTYPE")

    def _convert(self, el: Element) -> ParseItem:
        try:
            if el.tag == "PubmedBookArticle":
                return _book_record(el, self.name, self.count)
            if el.tag == "PubmedArticle":
                citation = el.find("MedlineCitation")
                if citation is None:
                    return ParseProblem(self.name, self.count, None, "PubmedArticle without MedlineCitation")
                return _article_record(citation, el.find("PubmedData"), self.name, self.count)
            return _article_record(el, None, self.name, self.count)
        except (ValueError, AttributeError, TypeError) as err:  # defensive: never stop a file for one record
            pmid = clean(el.findtext(".//PMID")) or None
            return ParseProblem(self.name, self.count, pmid, f"unreadable record: {err}")


def _text(el: Element | None) -> str:
    """All text inside ``el`` (inner markup such as <i> kept as text), whitespace collapsed."""
    if el is None:
        return ""
    if len(el) == 0:
        return clean(el.text)
    return clean("".join(t for t in el.itertext() if isinstance(t, str)))


def _article_record(citation: Element, data: Element | None, name: str, index: int) -> ParseItem:
    pmid: str | None = None
    article: Element | None = None
    mesh: tuple[MeshHeading, ...] = ()
    links: tuple[Link, ...] = ()
    pmcid: str | None = None
    for child in citation:
        tag = child.tag
        if tag == "PMID":
            pmid = clean(child.text) or None
        elif tag == "Article":
            article = child
        elif tag == "MeshHeadingList":
            mesh = _mesh(child)
        elif tag == "CommentsCorrectionsList":
            links = _links(child)
        elif tag == "OtherID" and pmcid is None and (child.text or "").startswith("PMC"):
            pmcid = normalize_pmcid(child.text)
    if article is None:
        return ParseProblem(name, index, pmid, "MedlineCitation without Article")
    parts = _ArticleParts(article)
    title = parts.title or parts.vernacular_title
    if not pmid:
        return ParseProblem(name, index, None, "record without PMID")
    if not title:
        return ParseProblem(name, index, pmid, "record without title")
    doi: str | None = None
    if data is not None:
        doi, data_pmcid = _article_ids(data.find("ArticleIdList"))
        pmcid = data_pmcid or pmcid
    return SourceRecord(
        key=pmid,
        title=title,
        sections=parts.sections,
        pmid=pmid,
        doi=doi or parts.doi,
        pmcid=pmcid,
        journal=parts.journal,
        year=parts.year or parts.article_year,
        authors=parts.authors,
        language=parts.language,
        publication_types=parts.publication_types,
        mesh=mesh,
        links=links,
        origin=name,
    )


class _ArticleParts:
    """The fields of an ``Article`` element, read in one pass over its children."""

    __slots__ = (
        "article_year",
        "authors",
        "doi",
        "journal",
        "language",
        "publication_types",
        "sections",
        "title",
        "vernacular_title",
        "year",
    )

    def __init__(self, article: Element) -> None:
        self.title = ""
        self.vernacular_title = ""
        self.sections: tuple[AbstractSection, ...] = ()
        self.doi: str | None = None
        self.journal: str | None = None
        self.year: int | None = None
        self.article_year: int | None = None
        self.authors: tuple[str, ...] = ()
        self.language: str | None = None
        self.publication_types: tuple[str, ...] = ()
        for child in article:
            tag = child.tag
            if tag == "ArticleTitle":
                self.title = _text(child)
            elif tag == "VernacularTitle":
                self.vernacular_title = _text(child)
            elif tag == "Abstract":
                self.sections = _sections(child)
            elif tag == "Journal":
                self._journal(child)
            elif tag == "AuthorList":
                self.authors = _authors(child)
            elif tag == "Language":
                if self.language is None:
                    self.language = clean(child.text).lower() or None
            elif tag == "PublicationTypeList":
                self.publication_types = _publication_types(child)
            elif tag == "ELocationID":
                if self.doi is None and child.get("EIdType") == "doi":
                    self.doi = normalize_doi(child.text)
            elif tag == "ArticleDate" and self.article_year is None:
                self.article_year = parse_year(child.findtext("Year"))

    def _journal(self, journal: Element) -> None:
        for child in journal:
            if child.tag == "Title":
                self.journal = clean(child.text) or None
            elif child.tag == "JournalIssue":
                date = child.find("PubDate")
                if date is not None:
                    for part in date:
                        if part.tag in ("Year", "MedlineDate"):
                            self.year = parse_year(part.text)
                            break


def _book_record(el: Element, name: str, index: int) -> ParseItem:
    doc = el.find("BookDocument")
    if doc is None:
        return ParseProblem(name, index, None, "PubmedBookArticle without BookDocument")
    pmid = clean(doc.findtext("PMID")) or None
    book = doc.find("Book")
    title = _text(doc.find("ArticleTitle")) or _text(doc.find("VernacularTitle"))
    if not title and book is not None:
        title = _text(book.find("BookTitle"))
    if not pmid:
        return ParseProblem(name, index, None, "book record without PMID")
    if not title:
        return ParseProblem(name, index, pmid, "book record without title")
    data = el.find("PubmedBookData")
    doi, pmcid = _article_ids(data.find("ArticleIdList") if data is not None else None)
    year = None
    if book is not None:
        year = parse_year(book.findtext("PubDate/Year")) or parse_year(book.findtext("PubDate/MedlineDate"))
    publisher = book.findtext("Publisher/PublisherName") if book is not None else None
    return SourceRecord(
        key=pmid,
        title=title,
        sections=_sections(doc.find("Abstract")),
        pmid=pmid,
        doi=doi,
        pmcid=pmcid,
        journal=_text(book.find("BookTitle")) or clean(publisher) or None if book is not None else None,
        year=year,
        authors=_authors(doc.find("AuthorList")),
        language=clean(doc.findtext("Language")).lower() or None,
        publication_types=_publication_types(doc),
        origin=name,
    )


def _article_ids(id_list: Element | None) -> tuple[str | None, str | None]:
    doi: str | None = None
    pmcid: str | None = None
    if id_list is None:
        return doi, pmcid
    for aid in id_list.iterfind("ArticleId"):
        kind = aid.get("IdType")
        if kind == "doi" and doi is None:
            doi = normalize_doi(aid.text)
        elif kind == "pmc" and pmcid is None:
            pmcid = normalize_pmcid(aid.text)
    return doi, pmcid


def _sections(abstract: Element | None) -> tuple[AbstractSection, ...]:
    if abstract is None:
        return ()
    sections: list[AbstractSection] = []
    for part in abstract.iterfind("AbstractText"):
        text = _text(part)
        if text:
            sections.append(
                AbstractSection(label=clean(part.get("Label")), text=text, category=part.get("NlmCategory"))
            )
    return tuple(sections)


def _authors(author_list: Element | None) -> tuple[str, ...]:
    if author_list is None:
        return ()
    names: list[str] = []
    for author in author_list:
        if author.tag != "Author" or author.get("ValidYN") == "N":
            continue
        last = initials = fore = None
        name: str | None = None
        for part in author:
            tag = part.tag
            if tag == "LastName":
                last = part.text
            elif tag == "Initials":
                initials = part.text
            elif tag == "ForeName":
                fore = part.text
            elif tag == "CollectiveName":
                name = _text(part)
        name = name or author_name(last, initials, fore)
        if name:
            names.append(name)
    return tuple(names)


def _publication_types(type_list: Element | None) -> tuple[str, ...]:
    if type_list is None:
        return ()
    return tuple(t for t in (clean(p.text) for p in type_list.iterfind("PublicationType")) if t)


def _mesh(heading_list: Element) -> tuple[MeshHeading, ...]:
    headings: list[MeshHeading] = []
    for heading in heading_list:
        descriptor = ""
        ui: str | None = None
        major = False
        qualifiers: list[str] = []
        for part in heading:
            if part.tag == "DescriptorName":
                descriptor = clean(part.text)
                ui = part.get("UI")
                major = major or part.get("MajorTopicYN") == "Y"
            elif part.tag == "QualifierName":
                major = major or part.get("MajorTopicYN") == "Y"
                qualifier = clean(part.text)
                if qualifier:
                    qualifiers.append(qualifier)
        if descriptor:
            headings.append(
                MeshHeading(descriptor=descriptor, ui=ui, major=major, qualifiers=tuple(qualifiers))
            )
    return tuple(headings)


def _links(cc_list: Element) -> tuple[Link, ...]:
    links: list[Link] = []
    for cc in cc_list:
        kind = cc.get("RefType") or ""
        if not kind or kind == "Cites":
            continue
        links.append(
            Link(kind=kind, pmid=clean(cc.findtext("PMID")) or None, ref=clean(cc.findtext("RefSource")))
        )
    return tuple(links)
