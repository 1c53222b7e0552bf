"""An article to audit, from bytes to plain text: plain text, Markdown or HTML (a saved web page).

The bytes are checked first (size, binary content, UTF-8), each with a clear :class:`InputError`. HTML is
read with lxml and only its text is kept: scripts, styles and other non-content elements are dropped (never
run, never echoed), a ``<sup>`` citation becomes ``[n]`` and block elements become line breaks. Markdown
keeps its text; link targets, emphasis and heading marks are removed and footnote marks ``[^n]`` become
``[n]``.
"""

from __future__ import annotations

import re
from typing import Literal

import lxml.html
from lxml import etree

from medcite.errors import InputError

MAX_ARTICLE_BYTES = 2_000_000  # a long review with its reference list is ~200 kB; 2 MB is plenty
Format = Literal["text", "markdown", "html"]

_DROP = (
    "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math", "canvas",
    "nav", "button", "select", "form", "head",
)  # fmt: skip
_BLOCK = frozenset(
    "p div br li ol ul h1 h2 h3 h4 h5 h6 tr table section article header footer aside blockquote pre dd dt "
    "figcaption caption main".split()
)
_CITE_SUP = re.compile(r"^\s*\[?\(?(\d{1,3}(?:\s*[,–-]\s*\d{1,3})*)\)?\]?\s*$")
_HTML_SNIFF = re.compile(r"^\s*(?:<!doctype html|<html|<head|<body|<p[\s>]|<div[\s>]|<article[\s>])", re.I)
_MD_SNIFF = re.compile(r"^#{1,6}\s|\]\([^)]+\)|^\s*[-*]\s|\*\*\w", re.M)


def decode(data: bytes, name: str = "the input") -> str:
    """The UTF-8 (or BOM-marked UTF-16) text of ``data``; InputError for an empty, oversized, binary or
    non-UTF-8 input."""
    if len(data) > MAX_ARTICLE_BYTES:
        raise InputError(
            f"{name} is over the {MAX_ARTICLE_BYTES / 1e6:.0f} MB limit for an article to audit "
            "(give the article's text, not a whole site, book or data file)"
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(f"{name} is not valid UTF-16 text: {exc.reason}") from None
    else:
        if b"\x00" in data[:8192] or _binary_share(data[:8192]) > 0.1:
            raise InputError(f"{name} is a binary file, not text: give the article as text, Markdown or HTML")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InputError(
                f"{name} is not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}): "
                "save it as UTF-8 and try again"
            ) from None
    if not text.strip():
        raise InputError(f"{name} is empty: there is no article to audit")
    return text


def _binary_share(head: bytes) -> float:
    if not head:
        return 0.0
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return control / len(head)


def detect(text: str, name: str | None = None) -> Format:
    suffix = (name or "").lower().rsplit(".", 1)[-1] if name and "." in name else ""
    if suffix in ("html", "htm", "xhtml"):
        return "html"
    if suffix in ("md", "markdown"):
        return "markdown"
    if suffix in ("txt", "text"):
        return "text"
    if _HTML_SNIFF.search(text[:2000]):
        return "html"
    return "markdown" if len(_MD_SNIFF.findall(text[:20000])) >= 2 else "text"


def to_text(text: str, fmt: Format) -> str:
    if fmt == "html":
        return html_text(text)
    if fmt == "markdown":
        return markdown_text(text)
    return text.replace("\r\n", "\n")


def html_text(markup: str) -> str:
    """The readable text of an HTML page (see the module docstring)."""
    try:
        root = lxml.html.document_fromstring(markup.encode("utf-8"), parser=_parser())
    except (etree.ParserError, ValueError) as exc:
        raise InputError(f"the HTML cannot be read: {exc}") from None
    for el in list(root.iter(*_DROP, etree.Comment, etree.ProcessingInstruction)):
        _drop(el)
    for sup in root.iter("sup"):
        m = _CITE_SUP.match("".join(str(t) for t in sup.itertext()))
        if m:
            tail = sup.tail
            sup.clear()
            sup.text = f"[{m.group(1)}]"
            sup.tail = tail
    parts: list[str] = []
    _walk(root, parts)
    text = "".join(parts)
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    return re.sub(r"\n\s*\n+", "\n\n", text).strip()


def _drop(el: etree._Element) -> None:
    """Remove ``el`` and its content, keeping the text that follows it."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def _parser() -> lxml.html.HTMLParser:
    return lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True)


def _walk(el: etree._Element, parts: list[str]) -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    block = tag in _BLOCK
    if block:
        parts.append("\n")
    if tag == "li" and el.getparent() is not None and el.getparent().tag == "ol":  # type: ignore[union-attr]
        parts.append(f"{_li_number(el)}. ")
    if el.text:
        parts.append(el.text)
    for child in el:
        _walk(child, parts)
        if child.tail:
            parts.append(child.tail)
    if block:
        parts.append("\n")


def _li_number(li: etree._Element) -> int:
    parent = li.getparent()
    assert parent is not None
    start = int(parent.get("start", "1")) if str(parent.get("start", "1")).isdigit() else 1
    items = [c for c in parent if c.tag == "li"]
    return start + items.index(li)


_MD_LINK = re.compile(r"!?\[([^\]]*)\]\(([^)\s]*)[^)]*\)")
_MD_FOOTNOTE = re.compile(r"\[\^(\d{1,3})\](?!:)")
_MD_FOOTDEF = re.compile(r"^\[\^(\d{1,3})\]:\s*", re.M)
_MD_EMPH = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")


def markdown_text(md: str) -> str:
    """Markdown as plain text: headings, emphasis and link syntax removed (a link keeps its text, and its
    target when that is all there is, so a DOI URL is kept)."""
    t = md.replace("\r\n", "\n")
    t = _MD_FOOTDEF.sub(lambda m: f"{m.group(1)}. ", t)
    t = _MD_FOOTNOTE.sub(lambda m: f"[{m.group(1)}]", t)
    t = _MD_LINK.sub(lambda m: _link_text(m.group(1), m.group(2)), t)
    t = re.sub(r"^#{1,6}\s*", "", t, flags=re.M)
    t = re.sub(r"^\s*>\s?", "", t, flags=re.M)
    t = re.sub(r"<[^>\n]+>", " ", t)  # inline HTML tags (their text stays)
    return _MD_EMPH.sub(lambda m: m.group(2), t)


def _link_text(label: str, target: str) -> str:
    if re.search(r"doi\.org/|pubmed", target, re.I) and target not in label:
        return f"{label} {target}".strip()
    return label or target


def article_text(data: bytes, name: str | None = None) -> str:
    """Bytes of an article file (text, Markdown or HTML) -> its plain text (InputError when unusable)."""
    text = decode(data, name or "the input")
    plain = to_text(text, detect(text, name))
    if not plain.strip():
        raise InputError(f"{name or 'the input'} has no readable text (only markup or scripts)")
    return plain
