"""The article as Markdown.

Text from the question and the sources goes through :func:`medcite.present.sanitize.md_text`: no control
characters, and ``&``, ``<``, ``>`` as entities, so a Markdown renderer shows ``<script>`` or
``<img onerror>`` as text instead of running it; the Markdown structure is medcite's own.
"""

from __future__ import annotations

from dataclasses import replace

from medcite.domain.article import Article
from medcite.present.citations import ama, describe, links
from medcite.present.common import (
    AGREEING,
    CERTAINTY_INTRO,
    EVIDENCE_COLUMNS,
    SOF_COLUMNS,
    certainty_line,
    cite_marks,
    evidence_cells,
    evidence_title,
    footer_lines,
    gist,
    sof_cells,
    sof_title,
    statement_line,
)
from medcite.present.sanitize import md_text as _t


def to_markdown(a: Article) -> str:
    md: list[str] = [f"# {_t(a.question)}", "", f"**{_t(a.bottom_line)}**", ""]
    if level := certainty_line(a):
        md += [f"Certainty of evidence: **{_t(level)}**", ""]
    for s in a.sections:
        md += [f"## {_t(s.title)}", ""]
        if s.intro:
            md += [_t(s.intro), ""]
        md += [f"- {statement_line(replace(st, text=_t(st.text)))}" for st in s.statements]
        md.append("")
    if a.certainty_details:
        md += ["## Certainty of Key Conclusions (GRADE-style)", "", _t(CERTAINTY_INTRO), ""]
        for c in a.certainty_details:
            same = f"{_t(AGREEING)} {cite_marks(c.agreeing)}" if c.agreeing else ""
            md.append(
                f"- **{_t(c.level)}**: {_t(gist(c.conclusion))} {cite_marks(c.citations)}{same}. "
                f"{_t('; '.join(c.reasons))}"
            )
        md.append("")
    md += _sof_table(a)
    md += _evidence_table(a)
    if a.references:
        md += ["## References", ""]
        for r in a.references:
            md.append(f"{r.n}. {_t(ama(r))} ({_t(describe(r))}) {_t(' '.join(links(r)))}".rstrip())
        md.append("")
    md += ["---", "", *(f"*{_t(x)}*" for x in footer_lines(a))]
    return "\n".join(md).rstrip() + "\n"


def _row(cells: tuple[str, ...]) -> str:
    """A pipe-table row, ``|`` inside a cell escaped."""
    return "| " + " | ".join(_t(c).replace("|", "\\|") for c in cells) + " |"


def _sof_table(a: Article) -> list[str]:
    """The summary of findings as a pipe table; nothing when there are no rows."""
    if not a.summary_of_findings:
        return []
    md = [f"## {_t(sof_title(a))}", "", _row(SOF_COLUMNS), "|" + "---|" * len(SOF_COLUMNS)]
    md += [_row(sof_cells(r)) for r in a.summary_of_findings]
    return [*md, ""]


def _evidence_table(a: Article) -> list[str]:
    """The evidence table as a pipe table (``|`` inside a cell escaped); nothing when there are no rows."""
    if not a.evidence_table:
        return []

    md = [f"## {_t(evidence_title(a))}", "", _row(EVIDENCE_COLUMNS), "|" + "---|" * len(EVIDENCE_COLUMNS)]
    md += [_row(evidence_cells(r)) for r in a.evidence_table]
    return [*md, ""]
