"""An article's reference list: where it starts, its entries, and each entry's fields.

Styles read: AMA (``Smith J, Doe A. Title. J Name. 2019;12(3):45-67. doi:10.x``), Vancouver (``Smith J,
Doe A. Title. J Name. 2019 Mar;12(3):45-67.``) and APA-like (``Smith, J., & Doe, A. (2019). Title. Journal,
12(3), 45-67. https://doi.org/10.x``), numbered (``1.``, ``[1]``, ``(1)``, ``1)``) or not (then numbered in
order, for author-year citations). Manuals (DSM-5, ICD), textbooks and websites are recognised as not
research articles.
"""

from __future__ import annotations

import re

from medcite.domain.audit import CitedReference, RefKind

_HEADING = re.compile(
    r"^[ \t#*_]*(references?|bibliography|works cited|literature cited|sources|citations|reference list)"
    r"[ \t*_:]*$",
    re.I | re.M,
)
_NUMBERED = re.compile(r"^\s*(?:\[(\d{1,3})\]|\((\d{1,3})\)|(\d{1,3})[.)])\s+(?=\S)")
DOI = re.compile(r"\b(10\.\d{4,9}/[^\s\"<>]+)", re.I)
_PMID = re.compile(r"\bPMID:?\s*(\d{1,9})\b", re.I)
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_APA = re.compile(r"^(?P<authors>.+?)\s*\((?P<year>(?:1[89]|20)\d\d)[a-z]?(?:,[^)]*)?\)\.?\s*(?P<rest>.+)$")
# "2019;12(3):45-67", "2019 Mar 3;12:e45", "2019;12(Suppl 1):S45–S67"
_SOURCE = re.compile(
    r"(?P<year>(?:1[89]|20)\d\d)[^;.:]{0,20};\s*(?P<vol>[\w ]{1,12})(?:\([^)]*\))?\s*:\s*"
    r"(?P<pages>[A-Za-z]?\d+(?:\s*[-–]\s*[A-Za-z]?\d+)?)"
)
_APA_SOURCE = re.compile(
    r",\s*(?P<vol>\d+)(?:\([^)]*\))?,\s*(?P<pages>[A-Za-z]?\d+(?:\s*[-–]\s*[A-Za-z]?\d+)?)"
)
_MANUAL = re.compile(
    r"\bDSM[- ]?(?:5|IV|III|5-TR|IV-TR)\b|Diagnostic and Statistical Manual|International Classification of "
    r"Diseases|\bICD[- ]?(?:9|10|11)\b",
    re.I,
)
_BOOK = re.compile(
    r"\b\d+(?:st|nd|rd|th)\s+ed\b|\bedition\b|\b(?:University\s+)?Press\b|\bPublish(?:ers?|ing)\b|\bTextbook\b"
    r"|\bHandbook\b|\bIn:\s|\b[Ee]ds?\.\s|\bISBN\b",
)
_WEB = re.compile(r"https?://|www\.|\bAccessed\b|\bRetrieved\b|\bAvailable (?:at|from)\b", re.I)
_MAX_ENTRY = 2000


def split_reference_list(text: str) -> tuple[str, str | None]:
    """(body, reference list) at the last reference-list heading, else at a trailing run of numbered
    entries; (text, None) when there is no reference list."""
    heads = list(_HEADING.finditer(text))
    if heads:
        h = heads[-1]
        return text[: h.start()].rstrip(), text[h.end() :].strip()
    lines = text.rstrip().split("\n")
    i = len(lines)
    while i > 0 and (
        not lines[i - 1].strip() or (_NUMBERED.match(lines[i - 1]) and _YEAR.search(lines[i - 1]))
    ):
        i -= 1
    entries = [ln for ln in lines[i:] if ln.strip()]
    if len(entries) >= 1 and i > 0:
        return "\n".join(lines[:i]).rstrip(), "\n".join(lines[i:]).strip()
    return text, None


def split_entries(block: str) -> list[tuple[int | None, str]]:
    """The entries of a reference list: (number or None, text), a continuation line joined to its entry."""
    out: list[tuple[int | None, str]] = []
    numbered = sum(1 for ln in block.split("\n") if _NUMBERED.match(ln)) > 0
    for line in block.split("\n"):
        if not line.strip():
            if not numbered and out and out[-1][1]:
                out.append((None, ""))  # a blank line ends an unnumbered entry
            continue
        m = _NUMBERED.match(line)
        if m:
            out.append((int(next(g for g in m.groups() if g)), line[m.end() :].strip()))
        elif out and (numbered or out[-1][1]) and not _starts_entry(line, numbered):
            n, prev = out[-1]
            out[-1] = (n, f"{prev} {line.strip()}".strip())
        else:
            out.append((None, line.strip()))
    return [(n, t[:_MAX_ENTRY]) for n, t in out if t]


def _starts_entry(line: str, numbered: bool) -> bool:
    """An unnumbered line that opens a new APA-like entry ("Surname, I. (2019)." or "Org. (2020).")."""
    return not numbered and bool(re.match(r"^\s*[A-Z][^\s,]*(?:,|\s\()", line)) and bool(_APA.match(line))


def parse_reference_list(block: str) -> tuple[CitedReference, ...]:
    """Every entry parsed; unnumbered entries take their position as their number."""
    refs: list[CitedReference] = []
    for i, (n, raw) in enumerate(split_entries(block), start=1):
        refs.append(parse_reference(n if n is not None else i, raw))
    return tuple(refs)


def parse_reference(n: int, raw: str) -> CitedReference:
    """One entry's fields (see the module docstring); the kind says whether it is a research article."""
    text = " ".join(raw.split())
    doi_m = DOI.search(text)
    doi = doi_m.group(1).rstrip(".,;)]").lower() if doi_m else None
    pmid_m = _PMID.search(text)
    clean = text
    for m in (doi_m, pmid_m):
        if m:
            clean = clean.replace(m.group(0), " ")
    clean = re.sub(r"\b(?:doi:|https?://(?:dx\.)?doi\.org/)\s*", " ", clean, flags=re.I)
    clean = re.sub(r"https?://\S+|www\.\S+", " ", clean)
    clean = re.sub(r"\s+", " ", clean).strip(" .")
    apa = _APA.match(clean)
    fields = _apa_fields(apa) if apa else _ama_fields(clean)
    kind = classify_reference(text, fields.get("journal"), fields.get("pages"), doi, pmid_m is not None)
    year = fields.get("year") or (_YEAR.search(text).group(1) if _YEAR.search(text) else None)  # type: ignore[union-attr]
    return CitedReference(
        n=n,
        raw=raw,
        kind=kind,
        authors=_authors(fields.get("authors") or ""),
        title=fields.get("title") or None,
        journal=fields.get("journal") or None,
        year=int(year) if year else None,
        volume=fields.get("volume") or None,
        pages=fields.get("pages") or None,
        doi=doi,
        pmid=pmid_m.group(1) if pmid_m else None,
    )


def _segments(text: str) -> list[str]:
    """Sentence-like parts split at ". ", "? " and "! " (not after an initial such as "J. " or "et al.")."""
    parts = re.split(r"(?<=[.?!])\s+(?=[A-Z0-9\[(\"'“])", text)
    out: list[str] = []
    for p in parts:
        if out and re.search(r"\b(?:vs|No|Vol|St|e\.g|i\.e|U\.S)\.$", out[-1]):
            out[-1] = f"{out[-1]} {p}"
        else:
            out.append(p)
    return [p.strip().rstrip(".") for p in out if p.strip(" .")]


def _ama_fields(text: str) -> dict[str, str]:
    out: dict[str, str] = {}
    src = _SOURCE.search(text)
    head = text[: src.start()] if src else text
    if src:
        out |= {"year": src.group("year"), "volume": src.group("vol").strip(), "pages": src.group("pages")}
    segs = _segments(head)
    if len(segs) >= 3:
        out |= {"authors": segs[0], "title": segs[1], "journal": ". ".join(segs[2:])}
    elif len(segs) == 2:
        if _looks_like_authors(segs[0]):
            out |= {"authors": segs[0], "title": segs[1]}
        else:
            out |= {"title": segs[0], "journal": segs[1]}
    elif segs:
        out["title"] = segs[0]
    if "journal" in out:
        journal = re.sub(r"\s*(?:(?:1[89]|20)\d\d.*)$", "", out["journal"]).strip(" .;")
        if journal:
            out["journal"] = journal
        else:
            del out["journal"]
    return out


def _apa_fields(m: re.Match[str]) -> dict[str, str]:
    out = {"authors": m.group("authors").strip(), "year": m.group("year")}
    segs = _segments(m.group("rest"))
    if segs:
        out["title"] = segs[0]
    if len(segs) > 1:
        journal = ". ".join(segs[1:])
        src = _APA_SOURCE.search(journal)
        if src:
            out |= {"volume": src.group("vol"), "pages": src.group("pages")}
            journal = journal[: src.start()]
        out["journal"] = journal.strip(" ,.")
    return out


def _looks_like_authors(s: str) -> bool:
    return bool(
        re.match(r"^[A-Z][\w'’-]+(?:\s[A-Z]{1,3})?(?:,\s*[A-Z][\w'’-]+(?:\s[A-Z]{1,3})?)*(?:,?\s*et al)?$", s)
    )


def _authors(s: str) -> tuple[str, ...]:
    s = re.sub(r",?\s*et al\.?", "", s).replace(" & ", ", ").replace(" and ", ", ")
    if re.search(r",\s*[A-Z]\.", s):  # APA: "Smith, J. A., Doe, B."
        names = re.findall(r"([A-Z][\w'’ -]+?),\s*((?:[A-Z]\.\s*-?)+)", s)
        return tuple(f"{last.strip()} {ini.replace('.', '').replace(' ', '')}" for last, ini in names)
    return tuple(a.strip() for a in s.split(",") if a.strip())


def classify_reference(
    text: str, journal: str | None, pages: str | None, doi: str | None, has_pmid: bool
) -> RefKind:
    """A manual, book or website is not a research article; a DOI, a PMID or a journal citation
    (volume and pages) is."""
    if _MANUAL.search(text):
        return RefKind.MANUAL
    if has_pmid or (doi and not _BOOK.search(text)) or pages:
        return RefKind.RESEARCH
    if _BOOK.search(text):
        return RefKind.BOOK
    if _WEB.search(text):
        return RefKind.WEBSITE
    return RefKind.RESEARCH


def surname(author: str) -> str:
    """The family name of "Smith JA", "Smith, J. A." or "van der Berg K"."""
    a = author.split(",")[0].strip()
    parts = a.split()
    if len(parts) > 1 and re.fullmatch(r"[A-Z]{1,3}|(?:[A-Z]\.)+", parts[-1]):
        parts = parts[:-1]
    return " ".join(parts)
