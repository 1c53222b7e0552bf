"""The article as Markdown."""

from __future__ import annotations

from medcite.domain.article import Article
from medcite.present.citations import ama, describe, links
from medcite.present.common import cite_marks, footer_lines, gist, statement_line


def to_markdown(a: Article) -> str:
    md: list[str] = [f"# {a.question}", "", f"**{a.bottom_line}**", ""]
    if a.certainty:
        md += [f"Certainty of evidence: **{a.certainty}**", ""]
    for s in a.sections:
        md += [f"## {s.title}", ""]
        if s.intro:
            md += [s.intro, ""]
        md += [f"- {statement_line(st)}" for st in s.statements]
        md.append("")
    if a.certainty_details:
        md += ["## Certainty of Key Conclusions (GRADE-style)", ""]
        for c in a.certainty_details:
            md.append(
                f"- **{c.level}**: {gist(c.conclusion)} {cite_marks(c.citations)}. {'; '.join(c.reasons)}"
            )
        md.append("")
    if a.references:
        md += ["## References", ""]
        for r in a.references:
            md.append(f"{r.n}. {ama(r)} ({describe(r)}) {' '.join(links(r))}".rstrip())
        md.append("")
    md += ["---", "", *(f"*{x}*" for x in footer_lines(a))]
    return "\n".join(md).rstrip() + "\n"
