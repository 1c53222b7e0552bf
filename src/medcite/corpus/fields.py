"""Field normalisation shared by the parsers: whitespace, years, DOIs, MeSH strings, structured abstracts."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from medcite.domain import AbstractSection, MeshHeading
from medcite.text import STRUCTURED_LABEL_WORDS

_YEAR = re.compile(r"(?<!\d)(1[6-9]\d\d|20\d\d)(?!\d)")
_DOI = re.compile(r"10\.\d{4,9}/\S+")
_PMC = re.compile(r"PMC\d+")

# An uppercase label at the start of an abstract or after a sentence end: "BACKGROUND: ", "MATERIALS AND
# METHODS: ", "AIMS/HYPOTHESIS: ". Each word must come from the structured-abstract vocabulary
# (:data:`medcite.text.STRUCTURED_LABEL_WORDS`).
_LABEL = re.compile(r"(?:^|(?<=[.?!)\]]\s))([A-Z][A-Z0-9]+(?:(?:\s+|\s*[/&,-]\s*)[A-Z][A-Z0-9]+){0,5}):\s+")


# PubMed's inline markup left in a text field by an export ("<i>in vivo</i>", "<AbstractText Label=...>"),
# and the HTML of some screening sets ("CO<inf>2</inf>", "<br/>"): only these elements, so that "p < 0.05" or
# "<5 years" stay
_MARKUP = re.compile(
    r"</?(?P<tag>AbstractText|i|b|u|sup|sub|inf|em|strong|italic|p|br|mml:[a-z]+)(?:\s+[\w:-]+=\"[^\"<>]*\")*\s*/?>",
    re.I,
)
# an HTML heading: "<h3>Study objective</h3> ..." becomes the label "STUDY OBJECTIVE: ", which the sentence
# reader takes as a section label; "<h2>Abstract</h2>" goes
_HEADING = re.compile(r"<h[1-6](?:\s[^<>]*)?>\s*([^<>]*?)\s*:?\s*</h[1-6]>\s*", re.I)
# an export that glued the abstract's first section to the title: "Title.<AbstractText Label=...>Text"
_LEAKED_ABSTRACT = re.compile(r"<AbstractText\b.*$", re.S)


def _unmarked(m: re.Match[str]) -> str:
    """An inline tag goes; a section tag or a paragraph break leaves a space between the sections
    ("background.</AbstractText> <AbstractText ...>We did" is not glued)."""
    return " " if m.group("tag").lower() in ("abstracttext", "p", "br") else ""


def _heading(m: re.Match[str]) -> str:
    words = m.group(1).strip()
    return " " if not words or words.lower() == "abstract" else f" {words.upper()}: "


def clean(text: str | None) -> str:
    """Collapse runs of whitespace (XML pretty-printing, MEDLINE continuation lines, no-break spaces) into
    single spaces, read HTML character references ("&lt;"; "&amp;lt;", escaped twice, in 329 SYNERGY
    records), drop PubMed's inline markup and turn an HTML heading into a section label."""
    if not text:
        return ""
    for _ in range(2):  # first: "&lt;i&gt;" is markup too
        if "&" in text and ";" in text:
            text = html.unescape(text)
    if "<" in text:  # the inline tags first: "<h3><i>Objective</i></h3>" is a heading
        text = _HEADING.sub(_heading, _MARKUP.sub(_unmarked, text))
    stripped = text.strip()
    if "  " in stripped or "\n" in stripped or "\t" in stripped or "\r" in stripped or "\xa0" in stripped:
        return " ".join(stripped.split())
    return stripped


def clean_title(text: str | None) -> str:
    """A title as :func:`clean` makes it, without an abstract section an export glued to it."""
    return clean(_LEAKED_ABSTRACT.sub("", text) if text and "<" in text else text)


def parse_year(value: object) -> int | None:
    """The first plausible 4-digit year in ``value`` ("2001", "1998 Dec-1999 Jan", 2016)."""
    if value is None:
        return None
    match = _YEAR.search(str(value))
    return int(match.group(1)) if match else None


def normalize_doi(value: object) -> str | None:
    """A bare DOI ("10.1136/x") from a DOI, a doi.org URL or "doi:10..."; None when there is none."""
    if not value:
        return None
    match = _DOI.search(str(value))
    return match.group(0).rstrip(".") if match else None


def normalize_pmcid(value: object) -> str | None:
    if not value:
        return None
    text = str(value).strip()
    match = _PMC.search(text)
    if match:
        return match.group(0)
    return f"PMC{text}" if text.isdigit() else None


def parse_mesh_string(value: str) -> MeshHeading | None:
    """A MEDLINE-style heading "Prescription Drugs/*pharmacology" or "*Software" as a :class:`MeshHeading`.

    A leading ``*`` on the descriptor or on any qualifier marks a major topic.
    """
    parts = [p.strip() for p in value.split("/")]
    if not parts or not parts[0].strip("* "):
        return None
    major = any(p.startswith("*") for p in parts)
    descriptor = parts[0].lstrip("*").strip()
    qualifiers = tuple(q.lstrip("*").strip() for q in parts[1:] if q.strip("* "))
    return MeshHeading(descriptor=descriptor, major=major, qualifiers=qualifiers)


def mesh_from_strings(values: Iterable[object]) -> tuple[MeshHeading, ...]:
    headings = (parse_mesh_string(str(v)) for v in values if v)
    return tuple(h for h in headings if h is not None)


def split_structured(text: str) -> tuple[AbstractSection, ...]:
    """Split "BACKGROUND: ... METHODS: ..." into labelled sections; otherwise one section labelled "".

    Splitting happens only when the text starts with a standard uppercase label, there are at least two
    labels, and every label is made of words from the usual structured-abstract vocabulary.
    """
    text = clean(text)
    if not text:
        return ()
    matches = [m for m in _LABEL.finditer(text) if _is_label(m.group(1))]
    if len(matches) < 2 or matches[0].start() != 0:
        return (AbstractSection(label="", text=text),)
    sections: list[AbstractSection] = []
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        body = text[match.end() : end].strip()
        if body:
            sections.append(AbstractSection(label=match.group(1), text=body))
    return tuple(sections) or (AbstractSection(label="", text=text),)


def _is_label(label: str) -> bool:
    words = re.split(r"[\s/&,-]+", label)
    return all(w in STRUCTURED_LABEL_WORDS for w in words if w)


def author_name(last: str | None, initials: str | None, fore: str | None = None) -> str | None:
    """ "Last Initials" as PubMed shows authors ("Olivero JM")."""
    last = clean(last)
    if not last:
        return None
    inits = initials.strip().replace(" ", "").replace(".", "") if initials else ""
    if not inits and fore:
        inits = "".join(part[0] for part in re.split(r"[\s-]+", clean(fore)) if part)
    return f"{last} {inits}" if inits else last


def authors_from_string(value: str) -> tuple[str, ...]:
    """Authors from a "Reimer, E J; Dunn, G S" string."""
    names: list[str] = []
    for raw in value.split(";"):
        raw = raw.strip()
        if not raw:
            continue
        if "," in raw:
            last, _, rest = raw.partition(",")
            name = (
                author_name(last, rest.replace(" ", "")) if rest.strip().replace(" ", "").isupper() else None
            )
            names.append(name or author_name(last, None, rest) or clean(raw))
        else:
            names.append(family_first(clean(raw)))
    return tuple(names)


_INITIAL = re.compile(r"[A-Z]\.?(?:-[A-Z]\.?)?")


def family_first(name: str) -> str:
    """ "I Enström" or "L. H. Lindholm" (initials first, as some corpora write authors) as "Enström I" and
    "Lindholm LH"; any other form as it is ("Wu H", "van der Berg J")."""
    words = name.split()
    if len(words) < 2 or not all(_INITIAL.fullmatch(w) for w in words[:-1]) or _INITIAL.fullmatch(words[-1]):
        return name
    return author_name(words[-1], "".join(words[:-1])) or name
