"""References: AMA-style text, links, RIS / BibTeX / CSL-JSON export (and readers to check them)."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from medcite.domain.article import Reference

PUBMED = "https://pubmed.ncbi.nlm.nih.gov/{}/"
DOI = "https://doi.org/{}"


def pubmed_url(ref: Reference) -> str | None:
    return PUBMED.format(ref.pmid) if ref.pmid else None


def doi_url(ref: Reference) -> str | None:
    return DOI.format(ref.doi) if ref.doi else None


def links(ref: Reference) -> list[str]:
    """The reference's PubMed and DOI links, those it has, in that order."""
    return [u for u in (pubmed_url(ref), doi_url(ref)) if u]


def ama_authors(authors: Sequence[str]) -> str:
    names = [a.replace(",", "").replace(".", "").strip() for a in authors if a.strip()]
    if len(names) > 3:
        return ", ".join(names[:3]) + ", et al"
    return ", ".join(names)


NO_TITLE = "[Untitled in the stored record]."


def _end(text: str) -> str:
    text = text.strip()
    return text if text[-1:] in ".?!" else text + "."


def ama(ref: Reference) -> str:
    """AMA style: authors (first 3 + et al). Title. Journal. Year. PMID. doi."""
    parts: list[str] = []
    if ref.authors:
        parts.append(_end(ama_authors(ref.authors)))
    # a record stored without a title carries its PMID or key as one ("PMID 30092116. PMID: 30092116.")
    untitled = ref.title in (f"PMID {ref.pmid}", ref.key)
    if untitled and ref.opening:  # known by its first words: "the abstract begins ..."
        parts.append(f'[Untitled in the stored record; the abstract begins "{ref.opening}"].')
    else:
        parts.append(NO_TITLE if untitled else _end(ref.title))
    if ref.journal:
        parts.append(_end(ref.journal))
    if ref.year:
        parts.append(f"{ref.year}.")
    if ref.pmid:
        parts.append(f"PMID: {ref.pmid}.")
    if ref.doi:
        parts.append(f"doi:{ref.doi}")
    return " ".join(parts)


def design_shown(ref: Reference) -> str:
    """The reference's design in the words of the evidence table (the stored value, in words, for an
    article stored before those words were kept)."""
    return ref.design_label or ref.design.replace("_", " ")


def describe(ref: Reference) -> str:
    """Design, n and year, shown next to each reference (:func:`design_shown`)."""
    bits = [design_shown(ref)]
    if ref.sample_size is not None:
        bits.append(f"n = {ref.sample_size}")
    if ref.year is not None:
        bits.append(str(ref.year))
    return "; ".join(bits)


# --- RIS -------------------------------------------------------------------------------------------


def to_ris(refs: Sequence[Reference]) -> str:
    out: list[str] = []
    for r in refs:
        out.append("TY  - JOUR")
        out.append(f"ID  - {r.n}")
        out += [f"AU  - {a}" for a in r.authors]
        out.append(f"TI  - {_one_line(r.title)}")
        if r.journal:
            out.append(f"JO  - {_one_line(r.journal)}")
        if r.year:
            out.append(f"PY  - {r.year}")
        if r.pmid:
            out.append(f"AN  - {r.pmid}")
            out.append(f"UR  - {PUBMED.format(r.pmid)}")
        if r.doi:
            out.append(f"DO  - {r.doi}")
        out.append(f"N1  - {describe(r)}")
        out.append("ER  - ")
    return "\n".join(out) + ("\n" if out else "")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def parse_ris(text: str) -> list[dict[str, list[str]]]:
    """Read RIS records back as tag -> values (used to check exports)."""
    records: list[dict[str, list[str]]] = []
    cur: dict[str, list[str]] | None = None
    for line in text.splitlines():
        m = re.match(r"^([A-Z][A-Z0-9])  - ?(.*)$", line)
        if not m:
            continue
        tag, val = m.group(1), m.group(2)
        if tag == "TY":
            cur = {}
        if cur is None:
            continue
        if tag == "ER":
            records.append(cur)
            cur = None
            continue
        cur.setdefault(tag, []).append(val)
    return records


# --- BibTeX ----------------------------------------------------------------------------------------

_BIB_ESC = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "%": r"\%",
    "&": r"\&",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_BIB_UNESC = sorted(((v, k) for k, v in _BIB_ESC.items()), key=lambda kv: -len(kv[0]))


def bib_escape(text: str) -> str:
    return "".join(_BIB_ESC.get(ch, ch) for ch in _one_line(text))


def bib_unescape(text: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(text):
        for esc, raw in _BIB_UNESC:
            if text.startswith(esc, i):
                out.append(raw)
                i += len(esc)
                break
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def bib_key(r: Reference) -> str:
    if r.pmid:
        return f"pmid{r.pmid}"
    return "ref" + re.sub(r"[^A-Za-z0-9]", "", r.key)[:40] + str(r.n)


def to_bibtex(refs: Sequence[Reference]) -> str:
    entries: list[str] = []
    for r in refs:
        fields = [("author", " and ".join(bib_escape(a) for a in r.authors)), ("title", bib_escape(r.title))]
        if r.journal:
            fields.append(("journal", bib_escape(r.journal)))
        if r.year:
            fields.append(("year", str(r.year)))
        if r.doi:
            fields.append(("doi", bib_escape(r.doi)))
        if r.pmid:
            fields.append(("pmid", r.pmid))
            fields.append(("url", PUBMED.format(r.pmid)))
        fields.append(("note", bib_escape(describe(r))))
        body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields if v)
        entries.append(f"@article{{{bib_key(r)},\n{body}\n}}")
    return "\n\n".join(entries) + ("\n" if entries else "")


def parse_bibtex(text: str) -> list[dict[str, str]]:
    """Read the entries that :func:`to_bibtex` writes (braced values, escaped braces) back."""
    out: list[dict[str, str]] = []
    for m in re.finditer(r"@(\w+)\{([^,\s]+),", text):
        entry: dict[str, str] = {"ENTRYTYPE": m.group(1), "ID": m.group(2)}
        i = m.end()
        while True:
            fm = re.compile(r"\s*(\w+)\s*=\s*\{").match(text, i)
            if not fm:
                break
            j, depth, buf = fm.end(), 1, []
            while j < len(text):
                ch = text[j]
                if ch == "\\" and j + 1 < len(text):
                    buf.append(text[j : j + 2])
                    j += 2
                    continue
                if ch == "{":
                    depth += 1
                elif ch == "}":
                    depth -= 1
                    if depth == 0:
                        break
                buf.append(ch)
                j += 1
            entry[fm.group(1).lower()] = bib_unescape("".join(buf))
            i = j + 1
            if text[i : i + 1] == ",":
                i += 1
        out.append(entry)
    return out


# --- CSL-JSON --------------------------------------------------------------------------------------


def to_csl(refs: Sequence[Reference]) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for r in refs:
        item: dict[str, Any] = {
            "id": bib_key(r),
            "citation-number": r.n,
            "type": "article-journal",
            "title": r.title,
            "author": [_csl_name(a) for a in r.authors],
            "note": describe(r),
        }
        if r.journal:
            item["container-title"] = r.journal
        if r.year:
            item["issued"] = {"date-parts": [[r.year]]}
        if r.doi:
            item["DOI"] = r.doi
        if r.pmid:
            item["PMID"] = r.pmid
            item["URL"] = PUBMED.format(r.pmid)
        items.append(item)
    return items


def _csl_name(name: str) -> dict[str, str]:
    if "," in name:
        family, given = (p.strip() for p in name.split(",", 1))
        return {"family": family, "given": given}
    parts = name.split()
    if len(parts) >= 2 and parts[-1].isupper() and len(parts[-1]) <= 3:
        return {"family": " ".join(parts[:-1]), "given": parts[-1]}
    return {"literal": name}


def to_csl_json(refs: Sequence[Reference]) -> str:
    return json.dumps(to_csl(refs), ensure_ascii=False, indent=2)
