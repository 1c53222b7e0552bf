"""Who sees which articles, and the JSON of search hits and sources (shared by the API and the pages).

Articles are listed (Ask page, search, source pages, ``/api/articles``) to anonymous visitors and readers
only once approved; clinicians and up see every article. An article's own page is reachable by its id,
an unguessable UUID, so that whoever asked can read the answer (with the pending-review banner); a
rejected article is shown to reviewers and up only.
"""

from __future__ import annotations

from typing import Any

from medcite.domain import ArticleRecord, ArticleStatus, Design, Role, SearchFilters, SearchHit, User
from medcite.errors import InputError, NotFoundError
from medcite.services.engine import Engine

PUBLIC: tuple[ArticleStatus, ...] = (ArticleStatus.APPROVED, ArticleStatus.STALE)


def sees_all(user: User | None) -> bool:
    return user is not None and user.role.at_least(Role.CLINICIAN)


def can_read(user: User | None, rec: ArticleRecord) -> bool:
    if rec.status is ArticleStatus.REJECTED:
        return user is not None and user.role.at_least(Role.REVIEWER)
    return True


def listed(user: User | None, recs: list[ArticleRecord]) -> list[ArticleRecord]:
    return [r for r in recs if sees_all(user) or r.status in PUBLIC]


def search_filters(since: int | None, until: int | None, designs: list[str], human: bool) -> SearchFilters:
    """The filters of a search form or query; InputError (422) names an unknown design."""
    names = [d.strip() for part in designs for d in part.split(",") if d.strip()]
    known = {d.value for d in Design}
    unknown = [d for d in names if d not in known]
    if unknown:
        raise InputError(f"unknown design {unknown[0]!r}: use one of {', '.join(sorted(known))}")
    chosen = frozenset(Design(d) for d in names) or None
    return SearchFilters(since=since, until=until, designs=chosen, human_only=human)


def hit_json(h: SearchHit) -> dict[str, Any]:
    r = h.source.record
    return {
        "pmid": r.pmid,
        "key": r.key,
        "title": r.title,
        "journal": r.journal,
        "year": r.year,
        "design": h.source.evidence.design.value,
        "sample_size": h.source.evidence.sample_size,
        "human": h.source.evidence.human,
        "score": round(h.score, 6),
        "passages": [
            {"text": p.text, "section": p.section, "start": p.start, "end": p.end, "score": round(p.score, 6)}
            for p in h.passages
        ],
    }


def source_json(engine: Engine, user: User | None, pmid: str) -> dict[str, Any]:
    src = engine.store.get_by_key(pmid)
    if src is None:
        raise NotFoundError(f"no source with PMID {pmid!r}")
    r = src.record
    passages = engine.store.passages_of([r.key]).get(r.key, [])
    citing = listed(user, engine.articles.citing(r.key))
    return {
        "pmid": r.pmid,
        "key": r.key,
        "doi": r.doi,
        "title": r.title,
        "journal": r.journal,
        "year": r.year,
        "authors": list(r.authors),
        "design": src.evidence.design.value,
        "sample_size": src.evidence.sample_size,
        "human": src.evidence.human,
        "retracted": r.retracted,
        "sections": [{"label": s.label, "text": s.text} for s in r.sections],
        "passages": [
            {
                "idx": p.passage.idx,
                "section": p.passage.section,
                "start": p.passage.start,
                "end": p.passage.end,
                "text": p.passage.text,
            }
            for p in passages
        ],
        "citing_articles": [
            {"article_id": a.id, "question": a.article.question, "review_status": a.status.value}
            for a in citing
        ],
    }
