"""The editorial workflow as a use case: status moves through the one transition table
(:mod:`medcite.domain.review`), append-only versions with optimistic locking, claim edits and citation
changes re-verified by the verifier, per-claim reviews, stable and pending versions, the audit log.

A claim is a statement of a section, named ``<section key>-<n>`` (n from 1).
"""

from __future__ import annotations

import difflib
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, replace

from medcite.compose.evidence_table import reference
from medcite.domain import (
    Article,
    ArticleRecord,
    ArticleStatus,
    Pin,
    Reference,
    Role,
    Statement,
    User,
    evidence_from,
)
from medcite.domain.editorial import CLAIM_DECISIONS, Approval, ClaimReview
from medcite.domain.review import Action, WorkflowDenied, decide
from medcite.errors import ConflictError, ForbiddenError, InputError, NotFoundError
from medcite.ports import ArticleRepository, EditorialRepository, SourceRepository, Verifier
from medcite.present.json_contract import to_json
from medcite.present.markdown import to_markdown


def claims_of(article: Article) -> dict[str, Statement]:
    return {f"{s.key}-{i}": st for s in article.sections for i, st in enumerate(s.statements, 1)}


def content_hash(article: Article) -> str:
    """SHA-256 of the version's body as canonical JSON (what an approval signs)."""
    body = json.dumps(to_json(article), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(body.encode()).hexdigest()


@dataclass(frozen=True)
class Shown:
    """The version a user sees, and whether a newer one waits for review."""

    record: ArticleRecord
    newest: ArticleRecord
    pending_newer: bool


@dataclass(frozen=True)
class EditorialService:
    articles: ArticleRepository
    repo: EditorialRepository
    sources: SourceRepository
    verifier: Callable[[], Verifier]

    # --- status -------------------------------------------------------------------------------------
    def move(self, article_id: str, action: Action, actor: User | None, note: str = "") -> ArticleRecord:
        """Make ``action`` (not an edit) on the newest version, as the transition table allows."""
        if action is Action.EDIT:
            raise InputError("an edit comes with its content: save a claim or a citation")
        rec = self.articles.get(article_id)
        try:
            t = decide(rec.status, action, actor, rec.author_id)
        except WorkflowDenied as exc:
            raise (ForbiddenError if exc.status == 403 else ConflictError)(str(exc)) from exc
        assert actor is not None
        approval = None
        if action is Action.APPROVE:
            approval = Approval(rec.id, rec.version, actor.id, content_hash(rec.article), "")
        self.repo.set_status(rec.id, rec.status, t.target, approval)
        detail = f"{rec.status.value} -> {t.target.value}" + (f": {note}" if note else "")
        if approval is not None:
            detail += f"; sha256 {approval.content_hash}"
        self.repo.audit(actor.id, action.value, rec.id, rec.version, rec.version, detail)
        return self.articles.get(article_id)

    # --- versions -------------------------------------------------------------------------------------
    def _save(
        self, rec: ArticleRecord, article: Article, base_version: int, actor: User, note: str, yours: str
    ) -> ArticleRecord:
        try:
            t = decide(rec.status, Action.EDIT, actor, rec.author_id)
        except WorkflowDenied as exc:
            if exc.status == 403:
                raise ForbiddenError(str(exc)) from exc
            raise ConflictError(str(exc), yours=yours) from exc
        try:
            new = self.repo.add_version(
                rec.id, article, base_version=base_version, author_id=actor.id, note=note
            )
        except ConflictError as exc:
            raise ConflictError(str(exc), yours=yours, current_version=exc.current_version) from exc
        if t.target is not new.status:
            self.repo.set_status(rec.id, new.status, t.target)
        self.repo.audit(actor.id, "edit", rec.id, base_version, new.version, note)
        return self.articles.get(rec.id)

    def _claim(self, rec: ArticleRecord, claim_id: str) -> Statement:
        st = claims_of(rec.article).get(claim_id)
        if st is None:
            raise NotFoundError(f"version {rec.version} has no claim {claim_id!r}")
        return st

    def reverify(self, article: Article, st: Statement, text: str, citations: tuple[int, ...]) -> Statement:
        """``st`` with ``text`` and ``citations``, checked again against the cited sources."""
        refs = {r.n: r.key for r in article.references}
        found = self.sources.get_sources([refs[n] for n in citations if n in refs])
        evidence = [evidence_from(found[refs[n]]) for n in citations if n in refs and refs[n] in found]
        verdict = self.verifier().verify(text, evidence)
        number = {v: k for k, v in refs.items()}
        pins = tuple(replace(p, ref=number.get(p.source_key, 0)) for p in st.pins if p.ref in citations)
        new_pins = tuple(
            Pin(number.get(e.source_key or "", 0), e.source_key or "", e.start, e.end)
            for e in verdict.evidence[:1]
            if e.source_key
        )
        return replace(
            st,
            text=text,
            citations=citations,
            verdict=verdict.label.value,
            probability=verdict.probability,
            reasons=verdict.reasons,
            pins=new_pins or pins,
            numbers=(),
            core=text,
        )

    @staticmethod
    def _with_claim(article: Article, claim_id: str, new: Statement, refs: tuple[Reference, ...]) -> Article:
        sections = []
        for s in article.sections:
            sts = tuple(new if f"{s.key}-{i}" == claim_id else st for i, st in enumerate(s.statements, 1))
            sections.append(replace(s, statements=sts))
        return replace(article, sections=tuple(sections), references=refs)

    def edit_claim(
        self, article_id: str, claim_id: str, text: str, base_version: int, actor: User
    ) -> tuple[ArticleRecord, Statement]:
        """Save the claim's new text as a new version, re-verified; ConflictError keeps ``text``."""
        text = " ".join(text.split())
        if not text:
            raise InputError("the claim's text is empty")
        rec = self.articles.get(article_id)
        current = claims_of(rec.article).get(claim_id)
        old = self._claim(self._base(rec, base_version, text, current.text if current else ""), claim_id)
        new = self.reverify(rec.article, old, text, old.citations)
        article = self._with_claim(rec.article, claim_id, new, rec.article.references)
        saved = self._save(rec, article, base_version, actor, f"claim {claim_id} edited", text)
        return saved, new

    def _base(self, rec: ArticleRecord, base_version: int, yours: str, theirs: str = "") -> ArticleRecord:
        if base_version != rec.version:
            raise ConflictError(
                f"version {base_version} is no longer the newest (now {rec.version}): your text was not "
                "saved; merge it into the newest version",
                yours=yours,
                theirs=theirs,
                current_version=rec.version,
            )
        return rec

    def add_citation(
        self, article_id: str, claim_id: str, key: str, base_version: int, actor: User
    ) -> tuple[ArticleRecord, Statement]:
        rec = self._base(self.articles.get(article_id), base_version, key)
        st = self._claim(rec, claim_id)
        src = self.sources.get_by_key(key.strip())
        if src is None:
            raise NotFoundError(f"no source {key!r} in the store: search the store for one")
        refs = rec.article.references
        ref = next((r for r in refs if r.key == src.record.key), None)
        if ref is None:
            # as the composer lists it (shown design, stated size, an untitled record's opening words)
            ref = reference(max((x.n for x in refs), default=0) + 1, src)
            refs = (*refs, ref)
        if ref.n in st.citations:
            raise InputError(f"the claim already cites [{ref.n}]")
        article = replace(rec.article, references=refs)
        new = self.reverify(article, st, st.text, (*st.citations, ref.n))
        article = self._with_claim(article, claim_id, new, refs)
        note = f"claim {claim_id}: citation [{ref.n}] {ref.key} added"
        return self._save(rec, article, base_version, actor, note, key), new

    def remove_citation(
        self, article_id: str, claim_id: str, n: int, base_version: int, actor: User
    ) -> tuple[ArticleRecord, Statement]:
        rec = self._base(self.articles.get(article_id), base_version, str(n))
        st = self._claim(rec, claim_id)
        if n not in st.citations:
            raise InputError(f"the claim does not cite [{n}]")
        new = self.reverify(rec.article, st, st.text, tuple(c for c in st.citations if c != n))
        article = self._with_claim(rec.article, claim_id, new, rec.article.references)
        note = f"claim {claim_id}: citation [{n}] removed"
        return self._save(rec, article, base_version, actor, note, str(n)), new

    def regenerated(self, article_id: str, article: Article, base_version: int, actor: User) -> ArticleRecord:
        """Append a regenerated article (composed again from the store) as the next version."""
        rec = self._base(self.articles.get(article_id), base_version, "")
        return self._save(rec, article, base_version, actor, "regenerated from the store", "")

    # --- review tools -----------------------------------------------------------------------------
    def review_claim(
        self, article_id: str, claim_id: str, decision: str, comment: str, actor: User
    ) -> ClaimReview:
        if not actor.role.at_least(Role.REVIEWER):
            raise ForbiddenError("claim reviews need the reviewer role")
        if decision not in CLAIM_DECISIONS:
            raise InputError(f"decision must be one of {', '.join(CLAIM_DECISIONS)}")
        rec = self.articles.get(article_id)
        if claim_id != "article":
            self._claim(rec, claim_id)
        review = ClaimReview(0, rec.id, rec.version, claim_id, decision, comment.strip(), actor.id, "")
        saved = self.repo.add_claim_review(review)
        self.repo.audit(
            actor.id, f"claim_{decision}", rec.id, rec.version, rec.version, f"{claim_id}: {comment}"[:500]
        )
        return saved

    def shown(self, newest: ArticleRecord, user: User | None) -> Shown:
        """Of the article whose newest record is ``newest`` (the caller has loaded it): reviewers see the
        newest version; everyone else the last approved one (with a note when a newer one is pending), or
        the draft before any approval."""
        article_id = newest.id
        if user is not None and user.role.at_least(Role.REVIEWER):
            return Shown(newest, newest, False)
        if newest.approved_version is None or newest.approved_version == newest.version:
            return Shown(newest, newest, False)
        stable = self.repo.version(article_id, newest.approved_version)
        return Shown(replace(stable, status=ArticleStatus.APPROVED), newest, True)

    def diff(self, article_id: str, old: int, new: int) -> str:
        """A unified diff of the two versions' Markdown."""
        a, b = self.repo.version(article_id, old), self.repo.version(article_id, new)
        lines = difflib.unified_diff(
            to_markdown(a.article).splitlines(),
            to_markdown(b.article).splitlines(),
            f"version {old}",
            f"version {new}",
            lineterm="",
        )
        return "\n".join(lines)
