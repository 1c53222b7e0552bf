"""The article for the terminal (Rich). The only presentation module that imports rich."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.markdown import Markdown
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from medcite.domain.article import Article
from medcite.present.citations import ama, describe, links
from medcite.present.common import footer_lines, statement_line


def to_rich(a: Article) -> RenderableType:
    parts: list[RenderableType] = [
        Panel(
            Text(a.bottom_line, style="bold"), title=a.question, subtitle=f"certainty: {a.certainty or 'n/a'}"
        )
    ]
    body: list[str] = []
    for s in a.sections:
        body += [f"## {s.title}", ""]
        if s.intro:
            body += [s.intro, ""]
        body += [f"- {statement_line(st)}" for st in s.statements]
        body.append("")
    parts.append(Markdown("\n".join(body)))
    if a.references:
        t = Table(title="References", show_lines=False, expand=True)
        t.add_column("#", justify="right")
        t.add_column("Reference")
        t.add_column("Design; n; year")
        for r in a.references:
            link = next(iter(links(r)), "")
            t.add_row(str(r.n), f"{ama(r)} {link}".strip(), describe(r))
        parts.append(t)
    parts.append(Text("\n".join(footer_lines(a)), style="dim"))
    return Group(*parts)
