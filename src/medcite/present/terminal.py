"""The article for the terminal (Rich). The only presentation module that imports rich.

Text from the question and the sources is data: it reaches Rich as :class:`Text` (never parsed as markup)
or, inside the Markdown body, with every Markdown-significant character backslash-escaped, and always
without control characters or escape sequences (:func:`medcite.present.sanitize.printable`).
"""

from __future__ import annotations

import re
from dataclasses import replace

from rich.console import Group, RenderableType
from rich.markdown import Markdown
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from medcite.domain.article import Article
from medcite.domain.audit import AuditReport
from medcite.present.citations import ama, describe, links
from medcite.present.common import (
    EVIDENCE_COLUMNS,
    SOF_COLUMNS,
    evidence_cells,
    evidence_title,
    footer_lines,
    sof_cells,
    sof_title,
    statement_line,
)
from medcite.present.sanitize import printable

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>&~])")


def _md(text: str) -> str:
    """Printable text that Markdown shows as it is (CommonMark backslash escapes)."""
    return _MD_SPECIAL.sub(r"\\\1", printable(text))


def _text(text: str, style: str = "") -> Text:
    return Text(printable(text), style=style)


def to_rich(a: Article) -> RenderableType:
    parts: list[RenderableType] = [
        Panel(
            _text(a.bottom_line, "bold"),
            title=_text(a.question),
            subtitle=_text(f"certainty: {a.certainty or 'n/a'}"),
        )
    ]
    body: list[str] = []
    for s in a.sections:
        body += [f"## {_md(s.title)}", ""]
        if s.intro:
            body += [_md(s.intro), ""]
        body += [f"- {statement_line(replace(st, text=_md(st.text)))}" for st in s.statements]
        body.append("")
    parts.append(Markdown("\n".join(body)))
    if a.summary_of_findings:
        parts.append(_sof_table(a))
    if a.evidence_table:
        parts.append(_evidence_table(a))
    if a.references:
        t = Table(title="References", show_lines=False, expand=True)
        t.add_column("#", justify="right")
        t.add_column("Reference")
        t.add_column("Design; n; year", max_width=24)  # the design in words wraps, not the reference
        for r in a.references:
            link = next(iter(links(r)), "")
            t.add_row(str(r.n), _text(f"{ama(r)} {link}".strip()), _text(describe(r)))
        parts.append(t)
    parts.append(_text("\n".join(footer_lines(a)), "dim"))
    return Group(*parts)


def _sof_table(a: Article) -> Table:
    """The summary of findings; every cell is :class:`Text`."""
    t = Table(title=sof_title(a), show_lines=True, expand=True)
    for c in SOF_COLUMNS:
        t.add_column(c)
    for r in a.summary_of_findings:
        t.add_row(*(_text(c) for c in sof_cells(r)))
    return t


def _evidence_table(a: Article) -> Table:
    """The evidence table; every cell is :class:`Text` (never parsed as markup)."""
    t = Table(title=evidence_title(a), show_lines=True, expand=True)
    for c in EVIDENCE_COLUMNS:
        t.add_column(c, justify="right" if c == "n" else "left")
    for r in a.evidence_table:
        t.add_row(*(_text(c) for c in evidence_cells(r)))
    return t


_VERDICT_STYLE = {
    "supports": "green",
    "partially supports": "yellow",
    "does not support": "magenta",
    "contradicts": "red",
    "not checkable": "dim",
    "not a research article": "blue",
}


def audit_rich(report: AuditReport) -> RenderableType:
    """A citation audit: the summary, each reference with its verdict and reasons, each citing sentence."""
    parts: list[RenderableType] = [Text(printable(report.summary), style="bold")]
    parts += [Text(f"note: {printable(n)}", style="yellow") for n in report.notes]
    refs = Table(title="references", show_lines=True, expand=True)
    for col in ("n", "verdict", "reference", "reasons"):
        refs.add_column(col, overflow="fold")
    for r in report.references:
        where = (
            f"\nfound by {r.resolution.matched_by}: {r.resolution.source_key}"
            if r.resolution.source_key
            else ""
        )
        reasons = list(r.reasons) + ([f'decisive sentence: "{r.decisive}"'] if r.decisive else [])
        refs.add_row(
            str(r.reference.n),
            Text(r.verdict.value, style=_VERDICT_STYLE[r.verdict.value]),
            Text(printable(r.reference.raw + where)),
            Text(printable("\n".join(f"- {x}" for x in reasons))),
        )
    parts.append(refs)
    sents = Table(title="citing sentences", show_lines=True, expand=True)
    sents.add_column("sentence", overflow="fold")
    sents.add_column("citations", overflow="fold")
    for i, s in enumerate(report.statements):
        cites = Text()
        for c in s.citations:
            cites.append(f"[{c.n}] ")
            cites.append(c.verdict.value + "\n", style=_VERDICT_STYLE[c.verdict.value])
        for t in (t for t in report.suggestions if t.statement == i):
            cites.append(printable(f"better: {t.pmid or t.source_key} {t.verdict.value}\n"), style="cyan")
        sents.add_row(Text(printable(s.statement.text)), cites)
    parts.append(sents)
    return Group(*parts)
