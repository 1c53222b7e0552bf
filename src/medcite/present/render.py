"""Renderers: Markdown, standalone HTML (escaped, inline CSS, no external assets), JSON, Rich."""

from __future__ import annotations

import html
from typing import Any

from rich.console import Group, RenderableType
from rich.markdown import Markdown
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from medcite.domain.article import Article, Statement
from medcite.present.citations import ama, describe, doi_url, pubmed_url
from medcite.present.json_contract import to_json as _to_json


def _cites(ns: tuple[int, ...]) -> str:
    return "".join(f"[{n}]" for n in ns)


def _line(st: Statement) -> str:
    text = st.text
    if st.citations:
        text = f"{text} {_cites(st.citations)}"
    if st.verdict == "partial":
        text += " *(partly supported by the cited source)*"
    return text


def _footer(a: Article) -> list[str]:
    p = a.provenance
    out = [f"Status: {a.status}. Generated {p.created_at}."]
    if a.readability is not None and a.readability.framing_fk_grade is not None:
        r = a.readability
        out.append(
            f"Readability (Flesch-Kincaid grade): framing text {r.framing_fk_grade}, "
            f"full text {r.full_text_fk_grade} (target ≤ {r.target:g} for patients)."
        )
    models = ", ".join(p.model_ids) or "none"
    out.append(
        f"Corpus {p.corpus_version}; settings {p.settings_hash}; models {models}; composer {a.composer}."
    )
    if a.dropped:
        out.append(
            f"{a.dropped} candidate statement(s) were left out because verification did not support them."
        )
    out.append(a.disclaimer)
    return out


def to_markdown(a: Article) -> str:
    md: list[str] = [f"# {a.question}", "", f"**{a.bottom_line}**", ""]
    if a.certainty:
        md += [f"Certainty of evidence: **{a.certainty}**", ""]
    for s in a.sections:
        md += [f"## {s.title}", ""]
        if s.intro:
            md += [s.intro, ""]
        md += [f"- {_line(st)}" for st in s.statements]
        md.append("")
    if a.certainty_details:
        md += ["## Certainty of Key Conclusions (GRADE-style)", ""]
        for c in a.certainty_details:
            md.append(f"- **{c.level}**: {_gist(c.conclusion)} {_cites(c.citations)}. {'; '.join(c.reasons)}")
        md.append("")
    if a.references:
        md += ["## References", ""]
        for r in a.references:
            links = " ".join(u for u in (pubmed_url(r), doi_url(r)) if u)
            md.append(f"{r.n}. {ama(r)} ({describe(r)}) {links}".rstrip())
        md.append("")
    md += ["---", "", *(f"*{x}*" for x in _footer(a))]
    return "\n".join(md).rstrip() + "\n"


CSS = (
    "body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;max-width:48rem;margin:2rem auto;"
    "padding:0 1rem;line-height:1.5;color:#1b1b1b}h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:1.6rem;"
    "border-bottom:1px solid #ddd}.bottom{background:#f3f6fa;border-left:4px solid "
    "#2c5d8f;padding:.8rem 1rem}"
    ".partial{color:#8a5a00;font-size:.85em}.gap{color:#555}.refs li{margin:.3rem 0}.meta{color:#666;"
    "font-size:.85em}footer{margin-top:2rem;color:#555;font-size:.85em;border-top:1px solid #ddd}"
    "sup a{text-decoration:none}"
)


def _cite_html(ns: tuple[int, ...]) -> str:
    return "".join(f'<sup><a href="#ref-{n}">[{n}]</a></sup>' for n in ns)


def to_html(a: Article) -> str:
    e = html.escape
    h: list[str] = [
        "<!DOCTYPE html>",
        f'<html lang="en"><head><meta charset="utf-8"><title>{e(a.question)}</title>',
        f"<style>{CSS}</style></head><body><article>",
        f"<h1>{e(a.question)}</h1>",
        f'<p class="bottom"><strong>{e(a.bottom_line)}</strong></p>',
    ]
    if a.certainty:
        h.append(f"<p>Certainty of evidence: <strong>{e(a.certainty)}</strong></p>")
    for s in a.sections:
        h.append(f'<section id="{e(s.key)}"><h2>{e(s.title)}</h2>')
        if s.intro:
            h.append(f"<p>{e(s.intro)}</p>")
        h.append("<ul>")
        for st in s.statements:
            cls = ' class="gap"' if st.kind == "gap" else ""
            note = (
                ' <span class="partial">(partly supported by the cited source)</span>'
                if st.verdict == "partial"
                else ""
            )
            h.append(f"<li{cls}>{e(st.text)} {_cite_html(st.citations)}{note}</li>")
        h.append("</ul></section>")
    if a.certainty_details:
        h.append("<section><h2>Certainty of Key Conclusions (GRADE-style)</h2><ul>")
        for c in a.certainty_details:
            h.append(
                f"<li><strong>{e(c.level)}</strong>: {e(_gist(c.conclusion))} {_cite_html(c.citations)}. "
                f"{e('; '.join(c.reasons))}</li>"
            )
        h.append("</ul></section>")
    if a.references:
        h.append('<section><h2>References</h2><ol class="refs">')
        for r in a.references:
            links = " ".join(
                f'<a href="{e(u)}" rel="noopener noreferrer">{e(u)}</a>'
                for u in (pubmed_url(r), doi_url(r))
                if u
            )
            h.append(
                f'<li id="ref-{r.n}" value="{r.n}">{e(ama(r))} '
                f'<span class="meta">({e(describe(r))})</span> {links}</li>'
            )
        h.append("</ol></section>")
    h.append("<footer>" + "".join(f"<p>{e(x)}</p>" for x in _footer(a)) + "</footer>")
    h.append("</article></body></html>")
    return "\n".join(h) + "\n"


def to_json(a: Article) -> dict[str, Any]:
    return _to_json(a)


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
        body += [f"- {_line(st)}" for st in s.statements]
        body.append("")
    parts.append(Markdown("\n".join(body)))
    if a.references:
        t = Table(title="References", show_lines=False, expand=True)
        t.add_column("#", justify="right")
        t.add_column("Reference")
        t.add_column("Design; n; year")
        for r in a.references:
            link = pubmed_url(r) or doi_url(r) or ""
            t.add_row(str(r.n), f"{ama(r)} {link}".strip(), describe(r))
        parts.append(t)
    parts.append(Text("\n".join(_footer(a)), style="dim"))
    return Group(*parts)


def _gist(text: str, words: int = 18) -> str:
    """The first words of a rated conclusion, in quotes, so that each rating says what it rates."""
    ws = text.rstrip(".").split()
    return '"' + " ".join(ws[:words]) + ('…"' if len(ws) > words else '"')
