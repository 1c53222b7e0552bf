"""The article as a standalone HTML page: every text escaped, inline CSS, no external assets."""

from __future__ import annotations

import html
from collections.abc import Sequence

from medcite.domain.article import Article, Section
from medcite.present.citations import ama, describe, links
from medcite.present.common import (
    AGREEING,
    CERTAINTY_INTRO,
    EVIDENCE_COLUMNS,
    SOF_COLUMNS,
    certainty_line,
    evidence_caption,
    evidence_cells,
    evidence_title,
    footer_lines,
    gist,
    sof_cells,
    sof_title,
)

CSS = (
    "body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;max-width:48rem;margin:2rem auto;"
    "padding:0 1rem;line-height:1.5;color:#1b1b1b}h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:1.6rem;"
    "border-bottom:1px solid #ddd}.bottom{background:#f3f6fa;border-left:4px solid "
    "#2c5d8f;padding:.8rem 1rem}"
    ".partial{color:#8a5a00;font-size:.85em}.gap{color:#555}.refs li{margin:.3rem 0}.meta{color:#666;"
    "font-size:.85em}footer{margin-top:2rem;color:#555;font-size:.85em;border-top:1px solid #ddd}"
    "sup a{text-decoration:none}table.evidence{border-collapse:collapse;font-size:.85em;width:100%}"
    "table.evidence th,table.evidence td{border:1px solid #ddd;padding:.3rem;text-align:left;"
    "vertical-align:top}table.evidence caption{text-align:left;color:#555;padding:.3rem 0}"
)
PARTIAL_NOTE = ' <span class="partial">(partly supported by the cited source)</span>'

_e = html.escape


def _cite_html(ns: tuple[int, ...]) -> str:
    return "".join(f'<sup><a href="#ref-{n}">[{n}]</a></sup>' for n in ns)


def _section(s: Section) -> list[str]:
    h = [f'<section id="{_e(s.key)}"><h2>{_e(s.title)}</h2>']
    if s.intro:
        h.append(f"<p>{_e(s.intro)}</p>")
    h.append("<ul>")
    for st in s.statements:
        cls = ' class="gap"' if st.kind == "gap" else ""
        note = PARTIAL_NOTE if st.verdict == "partial" else ""
        h.append(f"<li{cls}>{_e(st.text)} {_cite_html(st.citations)}{note}</li>")
    h.append("</ul></section>")
    return h


def _certainty(a: Article) -> list[str]:
    h = [f"<section><h2>Certainty of Key Conclusions (GRADE-style)</h2><p>{_e(CERTAINTY_INTRO)}</p><ul>"]
    for c in a.certainty_details:
        same = f"{_e(AGREEING)} {_cite_html(c.agreeing)}" if c.agreeing else ""
        h.append(
            f"<li><strong>{_e(c.level)}</strong>: {_e(gist(c.conclusion))} {_cite_html(c.citations)}{same}. "
            f"{_e('; '.join(c.reasons))}</li>"
        )
    h.append("</ul></section>")
    return h


def _table(
    section_id: str, title: str, caption: str, columns: Sequence[str], rows: Sequence[tuple[str, list[str]]]
) -> list[str]:
    """An accessible table in its own section: a caption, column headers, and each row headed by its
    first cell (given as HTML, already escaped) followed by the other cells (escaped here)."""
    head = "".join(f'<th scope="col">{_e(c)}</th>' for c in columns)
    h = [
        f'<section id="{section_id}"><h2>{_e(title)}</h2>',
        f'<table class="evidence"><caption>{_e(caption)}</caption>',
        f"<thead><tr>{head}</tr></thead><tbody>",
    ]
    for first, rest in rows:
        cells = "".join(f"<td>{_e(c)}</td>" for c in rest)
        h.append(f'<tr><th scope="row">{first}</th>{cells}</tr>')
    h.append("</tbody></table></section>")
    return h


def _sof_table(a: Article) -> list[str]:
    """The summary of findings, each row headed by its outcome."""
    caption = (
        "Each key outcome across the direct studies: how many, how many participants, which way the "
        "findings point, and how sure we can be (GRADE-style)"
    )
    rows = [(_e(c[0]), list(c[1:])) for c in map(sof_cells, a.summary_of_findings)]
    return _table("summary-of-findings", sof_title(a), caption, SOF_COLUMNS, rows)


def _evidence_table(a: Article) -> list[str]:
    """The evidence table, each row headed by its study (linked to the reference)."""
    rows = []
    for r in a.evidence_table:
        study, *rest = evidence_cells(r)
        rows.append((f'<a href="#ref-{r.ref}">{_e(study)}</a>', rest))
    return _table("evidence-table", evidence_title(a), evidence_caption(a), EVIDENCE_COLUMNS, rows)


def _references(a: Article) -> list[str]:
    h = ['<section><h2>References</h2><ol class="refs">']
    for r in a.references:
        anchors = " ".join(f'<a href="{_e(u)}" rel="noopener noreferrer">{_e(u)}</a>' for u in links(r))
        h.append(
            f'<li id="ref-{r.n}" value="{r.n}">{_e(ama(r))} '
            f'<span class="meta">({_e(describe(r))})</span> {anchors}</li>'
        )
    h.append("</ol></section>")
    return h


def to_html(a: Article) -> str:
    h: list[str] = [
        "<!DOCTYPE html>",
        f'<html lang="en"><head><meta charset="utf-8"><title>{_e(a.question)}</title>',
        f"<style>{CSS}</style></head><body><article>",
        f"<h1>{_e(a.question)}</h1>",
        f'<p class="bottom"><strong>{_e(a.bottom_line)}</strong></p>',
    ]
    if level := certainty_line(a):
        h.append(f"<p>Certainty of evidence: <strong>{_e(level)}</strong></p>")
    for s in a.sections:
        h += _section(s)
    if a.certainty_details:
        h += _certainty(a)
    if a.summary_of_findings:
        h += _sof_table(a)
    if a.evidence_table:
        h += _evidence_table(a)
    if a.references:
        h += _references(a)
    h.append("<footer>" + "".join(f"<p>{_e(x)}</p>" for x in footer_lines(a)) + "</footer>")
    h.append("</article></body></html>")
    return "\n".join(h) + "\n"
