"""A citation audit report as JSON (the stable contract), Markdown and standalone HTML.

JSON contract (fields are only ever added): ``references: [{n, raw, title, year, pmid, doi, kind, resolved,
verdict, reasons}]`` (plus ``authors, journal, volume, pages, source_key, matched_by, decisive, cited_in``),
``statements: [{text, citations: [{n, verdict, reasons}]}]`` (plus ``start, end`` into ``body`` and each
citation's ``decisive`` and ``probability``), ``suggestions``, ``summary``, ``notes``, ``body``.
"""

from __future__ import annotations

import html
from typing import Any

from medcite.domain.audit import AuditReport, AuditVerdict, ReferenceAudit, StatementAudit
from medcite.present.sanitize import md_text, printable

#: CSS class of each verdict (the web page and the standalone HTML colour citing sentences by it)
VERDICT_CLASS = {
    AuditVerdict.SUPPORTS: "v-supports",
    AuditVerdict.PARTIAL: "v-partial",
    AuditVerdict.DOES_NOT_SUPPORT: "v-fails",
    AuditVerdict.CONTRADICTS: "v-contradicts",
    AuditVerdict.NOT_CHECKABLE: "v-unchecked",
    AuditVerdict.NOT_RESEARCH: "v-not-research",
}
_ORDER = list(VERDICT_CLASS)


def reference_json(r: ReferenceAudit) -> dict[str, Any]:
    ref = r.reference
    return {
        "n": ref.n,
        "raw": ref.raw,
        "title": ref.title,
        "year": ref.year,
        "pmid": ref.pmid,
        "doi": ref.doi,
        "kind": ref.kind.value,
        "resolved": r.resolution.source_key is not None,
        "verdict": r.verdict.value,
        "reasons": list(r.reasons),
        "authors": list(ref.authors),
        "journal": ref.journal,
        "volume": ref.volume,
        "pages": ref.pages,
        "source_key": r.resolution.source_key,
        "matched_by": r.resolution.matched_by or None,
        "decisive": r.decisive,
        "cited_in": list(r.cited_in),
    }


def statement_json(s: StatementAudit) -> dict[str, Any]:
    return {
        "text": s.statement.text,
        "start": s.statement.start,
        "end": s.statement.end,
        "citations": [
            {
                "n": c.n,
                "verdict": c.verdict.value,
                "reasons": list(c.reasons),
                "decisive": c.decisive,
                "probability": c.probability,
            }
            for c in s.citations
        ],
    }


def audit_json(report: AuditReport) -> dict[str, Any]:
    return {
        "summary": report.summary,
        "references": [reference_json(r) for r in report.references],
        "statements": [statement_json(s) for s in report.statements],
        "suggestions": [
            {
                "statement": t.statement,
                "source_key": t.source_key,
                "pmid": t.pmid,
                "title": t.title,
                "year": t.year,
                "verdict": t.verdict.value,
                "probability": t.probability,
                "decisive": t.decisive,
            }
            for t in report.suggestions
        ],
        "notes": list(report.notes),
        "body": report.body,
        "created_at": report.created_at,
    }


def statement_verdict(s: StatementAudit) -> AuditVerdict:
    """The best verdict among a sentence's citations (a sentence is supported when one citation does)."""
    checked = [c.verdict for c in s.citations]
    return min(checked, key=_ORDER.index) if checked else AuditVerdict.NOT_CHECKABLE


def audit_markdown(report: AuditReport) -> str:
    lines = ["# Citation audit", "", f"**{md_text(report.summary)}**", ""]
    lines += [f"> note: {md_text(n)}" for n in report.notes]
    lines += ["", "## References", ""]
    for r in report.references:
        ref = r.reference
        where = (
            f" (found by {r.resolution.matched_by}: {r.resolution.source_key})"
            if r.resolution.source_key
            else ""
        )
        lines.append(f"{ref.n}. **{r.verdict.value}**: {md_text(ref.raw)}{md_text(where)}")
        lines += [f"   - {md_text(x)}" for x in r.reasons]
        if r.decisive:
            lines.append(f'   - decisive sentence: "{md_text(r.decisive)}"')
    lines += ["", "## Citing sentences", ""]
    for i, s in enumerate(report.statements):
        marks = ", ".join(f"[{c.n}] {c.verdict.value}" for c in s.citations)
        lines.append(f"- {md_text(s.statement.text)} ({md_text(marks)})")
        for t in (t for t in report.suggestions if t.statement == i):
            pmid = f"PMID {t.pmid}" if t.pmid else t.source_key
            lines.append(f"  - better source: {md_text(t.title)} ({md_text(pmid)}): {t.verdict.value}")
    return "\n".join(lines) + "\n"


_CSS = """body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;
line-height:1.5}
.v-supports{background:#d9f2d9}.v-partial{background:#fff2b3}.v-fails{background:#ffd9b3}
.v-contradicts{background:#ffc2c2}.v-unchecked{background:#e6e6e6}.v-not-research{background:#e0e8ff}
mark{padding:0 .15em;border-radius:3px}.reasons{font-size:.9em;color:#333}.summary{font-weight:bold}
.body{white-space:pre-wrap;border-left:3px solid #ccc;padding-left:1rem}"""


def _e(text: object) -> str:
    return html.escape(printable(str(text)), quote=True)


def body_html(report: AuditReport) -> str:
    """The article body, escaped, with each citing sentence marked by its verdict's class."""
    out: list[str] = []
    at = 0
    body = report.body
    for s in sorted(report.statements, key=lambda s: s.statement.start):
        st, en = s.statement.start, s.statement.end
        if st < at:
            continue
        v = statement_verdict(s)
        title = "; ".join(f"[{c.n}] {c.verdict.value}" for c in s.citations)
        out.append(_e(body[at:st]))
        out.append(f'<mark class="{VERDICT_CLASS[v]}" title="{_e(title)}">{_e(body[st:en])}</mark>')
        at = en
    out.append(_e(body[at:]))
    return "".join(out)


def report_html(report: AuditReport) -> str:
    """The report's sections as an HTML fragment (the web page embeds it; :func:`audit_html` wraps it)."""
    parts = [f'<p class="summary">{_e(report.summary)}</p>']
    parts += [f'<p class="note">note: {_e(n)}</p>' for n in report.notes]
    parts.append('<h2>Article</h2><div class="body">' + body_html(report) + "</div>")
    parts.append('<h2>References</h2><ol class="refs">')
    for r in report.references:
        found = (
            f" <small>(found by {_e(r.resolution.matched_by)}: {_e(r.resolution.source_key)})</small>"
            if r.resolution.source_key
            else ""
        )
        reasons = "".join(f"<li>{_e(x)}</li>" for x in r.reasons)
        decisive = f"<li>decisive sentence: “{_e(r.decisive)}”</li>" if r.decisive else ""
        parts.append(
            f'<li value="{r.reference.n}">'
            f'<span class="{VERDICT_CLASS[r.verdict]}">{_e(r.verdict.value)}</span> '
            f'{_e(r.reference.raw)}{found}<ul class="reasons">{reasons}{decisive}</ul></li>'
        )
    parts.append("</ol><h2>Citing sentences</h2><ul>")
    for i, s in enumerate(report.statements):
        cites = "; ".join(f"[{c.n}] {c.verdict.value}" for c in s.citations)
        tips = "".join(
            f"<li>better source: {_e(t.title)} ({_e('PMID ' + t.pmid if t.pmid else t.source_key)}): "
            f"{_e(t.verdict.value)}</li>"
            for t in report.suggestions
            if t.statement == i
        )
        v = statement_verdict(s)
        parts.append(
            f'<li><mark class="{VERDICT_CLASS[v]}">{_e(s.statement.text)}</mark> '
            f'<span class="reasons">{_e(cites)}</span><ul>{tips}</ul></li>'
        )
    parts.append("</ul>")
    return "\n".join(parts)


def audit_html(report: AuditReport) -> str:
    """A standalone HTML page (inline CSS, no script)."""
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'\">"
        f"<title>Citation audit</title><style>{_CSS}</style></head><body><h1>Citation audit</h1>\n"
        f"{report_html(report)}\n</body></html>\n"
    )
