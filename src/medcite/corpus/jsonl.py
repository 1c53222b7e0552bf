"""Parser for the JSON Lines corpora (``.jsonl`` / ``.jsonl.gz``); the layout is detected per line.

Field mapping to :class:`SourceRecord`:

* **PubMedQA** (``pubmedqa/abstracts.jsonl``; a line has ``sections``): ``pmid``; ``year``; ``mesh`` (list of
  descriptor strings, MEDLINE ``*``/``/`` notation understood); ``sections`` [{label, text}] -> sections as
  given; ``conclusion`` -> a final section labelled ``CONCLUSIONS`` unless a section labelled CONCLUSION(S)
  already exists (PubMedQA moved the abstract's conclusion into this field).
* **BioASQ snippets** (``bioasq/snippet_corpus.jsonl``; a line has ``abstract_snippets``): ``pmid``;
  ``title`` when present; each snippet -> one section labelled "" (they are partial abstracts).
* **abstracts_extra** and **generic** records (a line has ``abstract`` or ``title``): ``pmid``; ``title``;
  ``abstract`` -> sections split on standard uppercase labels ("BACKGROUND: ... METHODS: ...") when clearly
  labelled, otherwise one section labelled "" (the "; " joins of some sources are kept as they are);
  ``sections`` may also be given as [{label, text}]; ``year``; ``journal``; ``mesh`` / ``mesh_terms``;
  ``publication_types``; ``authors`` (list, or a "Last, F M; Last, F M" string); ``doi`` (bare or doi.org
  URL); ``pmcid``; ``language``.

Keys and origin: ``key`` is the PMID; a line without PMID gets ``f"{source}:{id}"`` with ``id`` the pmcid,
DOI or OpenAlex id when present, else ``line<N>``. ``origin`` is the line's ``source`` value when it has one,
else ``"<folder>/<file name>"`` (e.g. ``pubmedqa/abstracts.jsonl``).

Titles: PubMedQA has no titles and most BioASQ lines have none. Those records keep ``title=""``: this is the
one place where an empty title is allowed, and renderers should fall back to "PMID <n>". A line with neither
title nor any abstract text is a :class:`ParseProblem`, as is a line that is not valid JSON or not an object;
parsing continues after it. Empty, binary and non-JSONL files raise :class:`IngestError`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from medcite.corpus.fields import (
    authors_from_string,
    clean,
    clean_title,
    mesh_from_strings,
    normalize_doi,
    normalize_pmcid,
    parse_year,
    split_structured,
)
from medcite.corpus.reading import check_text_head, describe_head, iter_lines, peek_head
from medcite.domain import AbstractSection, ParseItem, ParseProblem, SourceRecord
from medcite.errors import IngestError
from medcite.text.sentences import split_sentences


def parse_jsonl(path: Path) -> Iterator[ParseItem]:
    """Parse a JSON Lines corpus file into :class:`SourceRecord` / :class:`ParseProblem` items."""
    head = check_text_head(peek_head(path), path.name)
    if not head.startswith(b"{"):
        raise IngestError(f"{path.name}: not a JSON Lines file ({describe_head(head)})")
    default_origin = f"{path.parent.name}/{path.name}" if path.parent.name else path.name
    index = 0
    for number, line in iter_lines(path):
        if not line.strip():
            continue
        index += 1
        try:
            data = json.loads(line)
        except json.JSONDecodeError as err:
            yield ParseProblem(path.name, index, None, f"line {number}: invalid JSON ({err.msg})")
            continue
        if not isinstance(data, dict):
            yield ParseProblem(path.name, index, None, f"line {number}: not a JSON object")
            continue
        yield record_from_dict(data, default_origin, path.name, index, number)


def record_from_dict(
    data: dict[str, Any], default_origin: str, file: str, index: int, line: int
) -> ParseItem:
    """Map one JSON object to a :class:`SourceRecord` (see the module docstring) or a ParseProblem."""
    pmid = _str(data.get("pmid")) or None
    source = _str(data.get("source"))
    origin = source or default_origin
    if pmid:
        key = pmid
    else:
        ident = (
            normalize_pmcid(data.get("pmcid"))
            or normalize_doi(data.get("doi"))
            or _str(data.get("openalex_id")).rsplit("/", 1)[-1]
            or _str(data.get("id"))
            or f"line{line}"
        )
        key = f"{source or default_origin}:{ident}"
    title, opening = glued_title(clean_title(_str(data.get("title"))))
    try:
        sections = _sections(data)
    except (TypeError, AttributeError) as err:
        return ParseProblem(file, index, pmid, f"line {line}: bad abstract fields ({err})")
    if opening and not any(opening in s.text for s in sections):
        sections = (AbstractSection(label="", text=opening), *sections)
    if not title and not sections:
        return ParseProblem(file, index, pmid, f"line {line}: record without title or abstract")
    mesh_values = data.get("mesh") or data.get("mesh_terms") or []
    types = data.get("publication_types") or []
    authors = data.get("authors")
    return SourceRecord(
        key=key,
        title=title,
        sections=sections,
        pmid=pmid,
        doi=normalize_doi(data.get("doi")),
        pmcid=normalize_pmcid(data.get("pmcid")),
        journal=clean(_str(data.get("journal"))) or None,
        year=parse_year(data.get("year")),
        authors=_authors(authors),
        language=clean(_str(data.get("language"))).lower() or None,
        publication_types=tuple(clean(str(t)) for t in types if clean(str(t)))
        if isinstance(types, list)
        else (),
        mesh=mesh_from_strings(mesh_values) if isinstance(mesh_values, list) else (),
        origin=origin,
    )


# a title that runs into the abstract's first sentence without a space, as 121 of the 13,449 records of the
# shared BioASQ snippet corpus have it: "Olaratumab: First Global Approval.Olaratumab (Lartruvo™) is a fully
# human IgG1 monoclonal antibody ..." (shown so in a reference list of a tuning-half article). The sentence
# splitter finds the glued boundary; a title of two sentences with a space between them stays whole.
def glued_title(title: str) -> tuple[str, str]:
    """The title, and the abstract text glued to its end ("" where none is)."""
    spans = split_sentences(title)
    if len(spans) < 2:
        return title, ""
    end = spans[0][1]
    if title[end : end + 1].isspace() or len(title) - end < 40:
        return title, ""
    return title[:end], title[end:].strip()


def _str(value: object) -> str:
    if value is None:
        return ""
    return str(value).strip()


def _sections(data: dict[str, Any]) -> tuple[AbstractSection, ...]:
    if isinstance(data.get("sections"), list):
        sections = [
            AbstractSection(label=clean(_str(s.get("label"))), text=clean(_str(s.get("text"))))
            for s in data["sections"]
            if clean(_str(s.get("text")))
        ]
        conclusion = clean(_str(data.get("conclusion")))
        if conclusion and not any(s.label.upper().startswith("CONCLUSION") for s in sections):
            sections.append(AbstractSection(label="CONCLUSIONS", text=conclusion))
        return tuple(sections)
    if isinstance(data.get("abstract_snippets"), list):
        snippets = (clean(_str(s)) for s in data["abstract_snippets"])
        return tuple(AbstractSection(label="", text=s) for s in snippets if s)
    abstract = data.get("abstract")
    if isinstance(abstract, list):
        abstract = " ".join(_str(a) for a in abstract)
    return split_structured(_str(abstract))


def _authors(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return authors_from_string(value)
    if isinstance(value, list):
        return tuple(clean(str(a)) for a in value if clean(str(a)))
    return ()
