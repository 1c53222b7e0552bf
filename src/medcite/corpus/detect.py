"""Pick the right parser for a file from its content (gzip magic, then the first non-blank bytes).

``<`` -> PubMed XML, ``{`` -> JSON Lines, ``PMID-`` -> MEDLINE text; the extension is not trusted. A
directory is walked recursively in name order over files with a known extension (``.xml``, ``.txt``,
``.nbib``, ``.medline``, ``.jsonl``, each optionally ``.gz``); inside a directory a file that cannot be read
as a whole becomes a :class:`ParseProblem` (``record=0``) so the other files are still ingested.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from medcite.corpus.jsonl import parse_jsonl
from medcite.corpus.medline_text import parse_medline_text
from medcite.corpus.medline_xml import parse_medline_xml
from medcite.corpus.reading import check_text_head, describe_head, peek_head
from medcite.domain import ParseItem, ParseProblem
from medcite.errors import HostileXMLError, IngestError

Parser = Callable[[Path], Iterator[ParseItem]]

_KNOWN_SUFFIXES = (".xml", ".txt", ".nbib", ".medline", ".jsonl")


def parse_path(path: Path) -> Iterator[ParseItem]:
    """Parse a file (any supported format) or every supported file under a directory."""
    if not path.exists():
        raise IngestError(f"{path}: no such file or directory")
    if path.is_dir():
        yield from _parse_dir(path)
        return
    yield from detect_parser(path)(path)


def detect_parser(path: Path) -> Parser:
    """The parser for ``path``, chosen from its first bytes; :class:`IngestError` when none fits."""
    head = check_text_head(peek_head(path), path.name)
    if head.startswith(b"<"):
        return parse_medline_xml
    if head.startswith(b"{"):
        return parse_jsonl
    if head.startswith(b"PMID-"):
        return parse_medline_text
    if head.startswith(b"["):
        raise IngestError(
            f"{path.name}: a JSON array is not supported; convert it to JSON Lines (one object a line)"
        )
    raise IngestError(
        f"{path.name}: unknown format ({describe_head(head)}); "
        "expected PubMed XML, MEDLINE text or JSON Lines"
    )


def _parse_dir(root: Path) -> Iterator[ParseItem]:
    files = sorted(p for p in root.rglob("*") if p.is_file() and _known(p) and not p.name.startswith("."))
    if not files:
        raise IngestError(f"{root}: no PubMed XML, MEDLINE text or JSON Lines files in this directory")
    for file in files:
        try:
            yield from detect_parser(file)(file)
        except HostileXMLError:
            raise
        except IngestError as err:
            yield ParseProblem(file=file.name, record=0, pmid=None, reason=str(err))


def _known(path: Path) -> bool:
    name = path.name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    return name.endswith(_KNOWN_SUFFIXES)
