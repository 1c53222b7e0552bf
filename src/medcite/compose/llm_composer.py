"""Optional LLM composer: the LLM writes sentences citing evidence ids [n]; each is checked like any other.

Sentences that cite no valid id, or carry a number not found in the evidence they cite, are dropped
before verification; the rest go through the verifier with the default composer's drafts' rules.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from medcite.compose.candidates import NUMBER, Candidate, attribution
from medcite.compose.draft import Draft
from medcite.compose.layout import TITLES, layout_for, primary_key, section_title
from medcite.compose.question import QuestionAnalysis
from medcite.domain import StoredSource
from medcite.domain.article import StatementKind
from medcite.domain.cards import StudyCard
from medcite.ports import LLMClient

MAX_EVIDENCE = 24
SYSTEM = (
    "You write short evidence summaries for clinicians. Use ONLY the numbered evidence sentences you are "
    "given; add no facts, numbers, studies or advice of your own. Every sentence you write must end with "
    "the ids of the evidence sentences it rests on, in square brackets, like [3] or [2][5]. Copy numbers "
    "exactly as they appear. Answer in this layout only: a line '## <section heading>' for each section "
    "you were given, followed by lines '- <sentence> [n]'. Leave out a section that has no evidence."
)
_CITE = re.compile(r"\[(\d+(?:\s*[,;]\s*\d+)*)\]")
_HEADING = re.compile(r"^\s*#{1,6}\s*(.+?)\s*$")
_BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+(.+?)\s*$")


# every run of digits the LLM writes, with the sign or hyphen before it ("IL-8" is checked as "-8", so an
# LLM that turns "IL-6" into "IL-8" is caught); wider than candidates.NUMBER, which reads figures only
_DIGITS = re.compile(rf"{NUMBER.pattern}|(?<=[A-Za-z])[-−]\d+(?:[.,]\d+)*")


@dataclass(frozen=True, slots=True)
class LLMDrafts:
    drafts: tuple[Draft, ...]
    rejected: int  # sentences dropped before verification (no valid citation, or an unfound number)


def card_lines(pool: list[Candidate], card_of: Callable[[StoredSource], StudyCard]) -> list[str]:
    """One line per study of the pool: its card's fields as the source states them (design, n, who,
    what was compared, follow-up), so the LLM writes from the study cards and the sentences cut from them."""
    out: list[str] = []
    for s in dict.fromkeys(c.source for c in pool):
        card = card_of(s)
        fields = [
            ("design", card.design),
            ("n", card.n_span.text if card.n_span else ""),
            ("population", card.condition.text if card.condition else ""),
            ("age group", "" if card.age_group == "unknown" else card.age_group),
            ("species", "" if card.species in ("human", "unknown") else card.species),
            ("intervention", "; ".join(x.text for x in card.interventions[:2])),
            ("comparator", card.comparator.text if card.comparator else ""),
            ("follow-up", card.follow_up.text if card.follow_up else ""),
        ]
        shown = "; ".join(f"{k}: {v}" for k, v in fields if v)
        out.append(f"- {s.record.pmid or s.key}: {shown}")
    return out


def build_prompt(
    a: QuestionAnalysis, pool: list[Candidate], card_of: Callable[[StoredSource], StudyCard] | None = None
) -> str:
    lines = [f"Question: {a.question}", "", "Section headings:"]
    lines += [f"## {section_title(a, k)}" for k in layout_for(a) if k != "gaps"]
    if card_of is not None:
        lines += [
            "",
            "Study cards (what each study was; do not cite these lines):",
            *card_lines(pool, card_of),
        ]
    lines += ["", "Evidence sentences:"]
    for i, c in enumerate(pool, 1):
        ev = c.source.evidence
        meta = ", ".join(
            x
            for x in (
                ev.design.value,
                f"n={ev.sample_size}" if ev.sample_size else "",
                str(c.source.record.year or ""),
            )
            if x
        )
        lines.append(f"[{i}] ({meta}) {c.text}")
    return "\n".join(lines)


def _section_for(heading: str, keys: tuple[str, ...], a: QuestionAnalysis) -> str | None:
    h = heading.lower()
    for k in keys:  # the heading the prompt gave, or the section's usual one ("Efficacy")
        for title in {section_title(a, k).lower(), TITLES[k].lower()}:
            if h == title or h in title or title.split(" (")[0] in h:
                return k
    return None


def parse_reply(reply: str, a: QuestionAnalysis, pool: list[Candidate]) -> LLMDrafts:
    keys = tuple(k for k in layout_for(a) if k != "gaps")
    section = primary_key(a)
    drafts: list[Draft] = []
    rejected = 0
    for line in reply.splitlines():
        if hm := _HEADING.match(line):
            section = _section_for(hm.group(1), keys, a) or section
            continue
        bm = _BULLET.match(line)
        if not bm or bm.group(1).strip().upper() == "NONE":
            continue
        body = bm.group(1)
        ids = [int(x) for m in _CITE.finditer(body) for x in re.split(r"\s*[,;]\s*", m.group(1))]
        text = " ".join(_CITE.sub("", body).split()).strip()
        text = re.sub(r"\s+([.,;:])", r"\1", text)
        cites = tuple(dict.fromkeys(pool[i - 1] for i in ids if 1 <= i <= len(pool)))
        if not cites or not text:
            rejected += 1
            continue
        allowed = (
            " ".join(c.text for c in cites)
            + " "
            + " ".join(str(c.source.evidence.sample_size or "") for c in cites)
        )
        if any(n.group(0) not in allowed for n in _DIGITS.finditer(text)):
            rejected += 1  # a number the cited evidence does not contain
            continue
        kind: StatementKind = "caveat" if section in ("safety", "pitfalls") else "support"
        if re.match(r"^(?:in contrast|however|conversely)\b", text, re.I):
            kind = "contrast"
        drafts.append(Draft(section, text, text, cites, kind, attribution(cites[0].source)))
    return LLMDrafts(tuple(drafts), rejected)


def llm_drafts(
    llm: LLMClient,
    a: QuestionAnalysis,
    pool: list[Candidate],
    card_of: Callable[[StoredSource], StudyCard] | None = None,
) -> LLMDrafts:
    pool = pool[:MAX_EVIDENCE]
    if not pool:
        return LLMDrafts((), 0)
    reply = llm.complete(SYSTEM, build_prompt(a, pool, card_of), max_tokens=900, temperature=0.0)
    return parse_reply(reply, a, pool)
