"""What every renderer shares: citation marks, a statement's line, the footer, a conclusion's gist, the
evidence table's cells."""

from __future__ import annotations

from medcite.domain.article import Article, EvidenceRow, OutcomeSummary, Statement, left_out


def cite_marks(ns: tuple[int, ...]) -> str:
    """``[1][3]``: the citation numbers as plain-text marks."""
    return "".join(f"[{n}]" for n in ns)


def statement_line(st: Statement) -> str:
    """A statement as one Markdown line (text, citation marks, a note when only partly supported)."""
    text = st.text
    if st.citations:
        text = f"{text} {cite_marks(st.citations)}"
    if st.verdict == "partial":
        text += " *(partly supported by the cited source)*"
    return text


def footer_lines(a: Article) -> list[str]:
    """Status, readability, provenance, statements left out, and the disclaimer."""
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
    if a.analysis.respelled:
        read = ", ".join(f'"{w}" as "{r}"' for w, r in a.analysis.respelled)
        out.append(f"The question was read with its spelling mended: {read}.")
    if a.dropped:
        out.append(left_out(a.dropped))
    out.append(a.disclaimer)
    return out


# before the studies that point the same way as a rated conclusion without stating it
# why a conclusion's grade may differ from the article's (a reader took "low" at the top beside "very low" on
# every conclusion as a contradiction; a tuning-half reading, 2026-12-05)
CERTAINTY_INTRO = (
    "Each conclusion is graded on the studies that state it; the certainty at the top grades the direct "
    "studies together."
)
AGREEING = "; studies pointing the same way:"


def certainty_line(a: Article) -> str | None:
    """The article's certainty where it needs a line of its own: None where it has none, or where its
    bottom line ends by stating it ("... Certainty of evidence: very low.", as one that answers no yes or no
    does)."""
    said = a.certainty and a.bottom_line.rstrip().endswith(f"Certainty of evidence: {a.certainty}.")
    return None if said else a.certainty


def gist(text: str, words: int = 18) -> str:
    """The first words of a rated conclusion, in quotes, so that each rating says what it rates."""
    ws = text.rstrip(".").split()
    return '"' + " ".join(ws[:words]) + ('…"' if len(ws) > words else '"')


# -- the evidence table -------------------------------------------------------------------------------
EVIDENCE_COLUMNS = ("Study", "Design", "n", "Population", "Comparison", "Main result", "Certainty")
EMPTY_CELL = "—"


def evidence_title(a: Article) -> str:
    return "The studies behind this summary" if a.audience == "patient" else "Evidence Table"


def evidence_caption(a: Article) -> str:
    """What the table shows (HTML caption, terminal title)."""
    return (
        f"{evidence_title(a)}: each cited study, with the population and comparison in its own words, the "
        "first finding cited from it and the certainty of that evidence (GRADE-style)"
    )


def evidence_cells(r: EvidenceRow) -> tuple[str, ...]:
    """One row's cells as plain text, one line each, in :data:`EVIDENCE_COLUMNS` order."""
    cells = (
        f"{r.study} [{r.ref}]",
        r.design,
        str(r.n) if r.n is not None else "",
        r.population,
        r.comparison,
        r.main_result,
        r.certainty,
    )
    return tuple(" ".join(c.split()) or EMPTY_CELL for c in cells)


# -- the summary of findings ------------------------------------------------------------------------------
SOF_COLUMNS = (
    "Outcome",
    "Studies (participants)",
    "Direction of findings",
    "Effect (largest study that states one)",
    "Certainty",
)


def sof_title(a: Article) -> str:
    return "What the studies found" if a.audience == "patient" else "Summary of Findings"


# "not compared" (the contract's value) says what medcite read, not what the studies did: no finding with a
# direction it could read. A reader took "not compared" beside a repair-versus-replacement study as a claim
# that it compared nothing (a reading of 16 tuning-half articles, 2026-12-05)
DIRECTION_SHOWN = {"not compared": "no direction read"}


def sof_cells(r: OutcomeSummary) -> tuple[str, ...]:
    """One summary-of-findings row as plain text, in :data:`SOF_COLUMNS` order."""
    people = r.participants_words(short=True)
    counts = "; ".join(f"{k} {v}" for k, v in r.counts)
    shown = DIRECTION_SHOWN.get(r.direction, r.direction)
    direction = shown if not counts or r.studies == 1 else f"{shown} ({counts})"
    reasons = f" ({'; '.join(r.reasons)})" if r.reasons else ""
    cells = (
        r.outcome,
        f"{r.studies} ({people}) {cite_marks(r.citations)}".strip(),
        direction,
        r.effect,
        f"{r.certainty}{reasons}",
    )
    return tuple(" ".join(c.split()) or EMPTY_CELL for c in cells)
