"""``medcite audit FILE|-``: the citation audit of an article someone else wrote (added to the CLI)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.text import Text

from medcite.bootstrap import open_engine
from medcite.config import load_settings
from medcite.corpus.article_input import MAX_ARTICLE_BYTES
from medcite.domain.audit import AuditReport
from medcite.errors import InputError, MedciteError
from medcite.present.sanitize import json_text, printable

AUDIT_FORMATS = ("terminal", "md", "html", "json")
EXIT_ERROR = 2  # unusable input or settings: a message, no report
EXIT_MISSING = 1  # a report, but some citations point to references missing from the list


def read_input(path: str) -> tuple[bytes, str | None]:
    """The bytes of FILE (or stdin for ``-``), at most one byte past the size limit (the reader refuses
    an input that reaches it, without reading a huge file whole)."""
    if path == "-":
        return sys.stdin.buffer.read(MAX_ARTICLE_BYTES + 1), None
    p = Path(path)
    if p.is_dir():
        raise InputError(f"{path} is a folder: give an article file (text, Markdown or HTML) or - for stdin")
    try:
        with p.open("rb") as fh:
            return fh.read(MAX_ARTICLE_BYTES + 1), p.name
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except OSError as exc:
        raise InputError(f"{path} cannot be read: {exc.strerror or exc}") from None


def audit(
    file: Annotated[str, typer.Argument(help="the article: a text, Markdown or HTML file, or - for stdin")],
    online: Annotated[
        bool, typer.Option("--online", help="also look references up in PubMed (E-utilities)")
    ] = False,
    fmt: Annotated[str, typer.Option("--format", help="terminal | md | html | json")] = "terminal",
    suggest: Annotated[
        bool, typer.Option("--suggest/--no-suggest", help="suggest stored sources for failing claims")
    ] = True,
) -> None:
    """Check each reference of an article: does it support the sentences that cite it?"""
    err = Console(stderr=True)
    try:
        if fmt not in AUDIT_FORMATS:
            raise InputError(f"--format must be one of {', '.join(AUDIT_FORMATS)} (got {fmt!r})")
        data, name = read_input(file)
        try:
            settings = load_settings()
        except Exception as exc:  # pydantic validation of MEDCITE_* variables
            raise MedciteError(f"bad MEDCITE_* setting: {exc}") from exc
        with open_engine(settings, dense=False) as engine:
            report = engine.audit(data, name=name or file, online=online, suggest=suggest)
    except MedciteError as exc:
        err.print(Text.assemble(("error:", "bold red"), " ", Text(printable(str(exc)))), highlight=False)
        raise typer.Exit(EXIT_ERROR) from None
    _print(report, fmt)
    missing = [n for n in report.notes if n.startswith("citations point to references missing")]
    if missing:
        err.print(Text.assemble(("error:", "bold red"), " ", Text(printable(missing[0]))), highlight=False)
        raise typer.Exit(EXIT_MISSING)


def _print(report: AuditReport, fmt: str) -> None:
    from medcite.present.audit import audit_html, audit_json, audit_markdown

    if fmt == "json":
        sys.stdout.write(json_text(audit_json(report)) + "\n")
    elif fmt == "md":
        sys.stdout.write(printable(audit_markdown(report)))
    elif fmt == "html":
        sys.stdout.write(printable(audit_html(report)))
    else:
        from medcite.present.terminal import audit_rich

        Console().print(audit_rich(report))


def register(app: typer.Typer) -> None:
    app.command("audit")(audit)
