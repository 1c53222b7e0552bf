"""The editorial workflow in SQL: implements :class:`medcite.ports.EditorialRepository`.

New versions are appended under optimistic locking: the articles row is updated only where its version
is still the one the editor started from, so of two saves of the same version one wins and the other
gets ConflictError. The audit log and approvals are only ever inserted.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Engine, RowMapping, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from medcite.adapters.sql.articles import SqlArticleRepository, _iso
from medcite.adapters.sql.schema import article_refs, article_versions, articles
from medcite.adapters.sql.schema_editorial import (
    approvals,
    audit_log,
    claim_reviews,
    policy_versions,
    reviewer_profiles,
)
from medcite.domain import Article, ArticleRecord, ArticleStatus
from medcite.domain.editorial import (
    Approval,
    AuditEntry,
    ClaimReview,
    PolicyVersion,
    ReviewerProfile,
    VersionInfo,
)
from medcite.errors import ConflictError, NotFoundError
from medcite.present.json_contract import to_json


class SqlEditorialRepository:
    def __init__(self, engine: Engine, articles_repo: SqlArticleRepository) -> None:
        self.engine = engine
        self._articles = articles_repo

    def add_version(
        self, article_id: str, article: Article, *, base_version: int, author_id: str | None, note: str
    ) -> ArticleRecord:
        now = datetime.now(UTC)
        body = to_json(article)
        with self.engine.begin() as conn:
            row = conn.execute(select(articles).where(articles.c.id == article_id)).mappings().first()
            if row is None:
                raise NotFoundError(f"no article with id {article_id!r}")
            new = base_version + 1
            moved = conn.execute(
                update(articles)
                .where(articles.c.id == article_id, articles.c.version == base_version)
                .values(version=new, body=body, updated_at=now, question=article.question)
            )
            if moved.rowcount != 1:
                raise ConflictError(
                    f"version {base_version} is no longer the newest (now {row['version']}): "
                    "your text was not saved; merge it into the newest version",
                    current_version=int(row["version"]),
                )
            conn.execute(
                insert(article_versions).values(
                    article_id=article_id,
                    version=new,
                    status=row["status"],
                    body=body,
                    created_at=now,
                    author_id=author_id,
                    note=note,
                )
            )
            conn.execute(delete(article_refs).where(article_refs.c.article_id == article_id))
            keys = sorted({r.key for r in article.references})
            if keys:
                conn.execute(
                    insert(article_refs), [{"article_id": article_id, "source_key": k} for k in keys]
                )
        return self._articles.get(article_id)

    def version(self, article_id: str, version: int) -> ArticleRecord:
        query = (
            select(
                articles.c.id,
                articles.c.thread_id,
                articles.c.created_at,
                articles.c.approved_version,
                article_versions.c.version,
                article_versions.c.status,
                article_versions.c.body,
                article_versions.c.author_id,
                article_versions.c.created_at.label("updated_at"),
            )
            .join(article_versions, article_versions.c.article_id == articles.c.id)
            .where(articles.c.id == article_id, article_versions.c.version == version)
        )
        with self.engine.connect() as conn:
            row = conn.execute(query).mappings().first()
        if row is None:
            raise NotFoundError(f"article {article_id!r} has no version {version}")
        return self._articles._record(row)

    def versions(self, article_id: str) -> list[VersionInfo]:
        query = (
            select(article_versions)
            .where(article_versions.c.article_id == article_id)
            .order_by(article_versions.c.version)
        )
        with self.engine.connect() as conn:
            rows = conn.execute(query).mappings().all()
        return [
            VersionInfo(
                article_id,
                int(r["version"]),
                str(r["status"]),
                _iso(r["created_at"]),
                r["author_id"],
                r["note"] or "",
            )
            for r in rows
        ]

    def set_status(
        self,
        article_id: str,
        expected: ArticleStatus,
        status: ArticleStatus,
        approval: Approval | None = None,
    ) -> None:
        values: dict[str, object] = {"status": status.value}
        if approval is not None:
            values["approved_version"] = approval.version
        with self.engine.begin() as conn:
            query = update(articles).where(articles.c.id == article_id, articles.c.status == expected.value)
            if approval is not None:
                query = query.where(articles.c.version == approval.version)
            if conn.execute(query.values(**values)).rowcount != 1:
                raise ConflictError("the article changed meanwhile: reload it and try again")
            if approval is not None:
                conn.execute(
                    insert(approvals).values(
                        article_id=article_id,
                        version=approval.version,
                        reviewer_id=approval.reviewer_id,
                        content_hash=approval.content_hash,
                        approved_at=datetime.now(UTC),
                    )
                )

    def approvals(self, article_id: str) -> list[Approval]:
        query = select(approvals).where(approvals.c.article_id == article_id).order_by(approvals.c.id)
        with self.engine.connect() as conn:
            rows = conn.execute(query).mappings().all()
        return [
            Approval(
                article_id, int(r["version"]), r["reviewer_id"], r["content_hash"], _iso(r["approved_at"])
            )
            for r in rows
        ]

    def audit(
        self,
        actor_id: str | None,
        action: str,
        article_id: str | None = None,
        from_version: int | None = None,
        to_version: int | None = None,
        detail: str = "",
    ) -> None:
        row = {
            "at": datetime.now(UTC),
            "actor_id": actor_id,
            "action": action,
            "article_id": article_id,
            "from_version": from_version,
            "to_version": to_version,
            "detail": detail,
        }
        with self.engine.begin() as conn:
            conn.execute(insert(audit_log).values(**row))

    def audit_log(self, article_id: str | None = None, limit: int = 200) -> list[AuditEntry]:
        query = select(audit_log).order_by(audit_log.c.id.desc()).limit(limit)
        if article_id is not None:
            query = query.where(audit_log.c.article_id == article_id)
        with self.engine.connect() as conn:
            rows = conn.execute(query).mappings().all()
        return [
            AuditEntry(
                int(r["id"]),
                _iso(r["at"]),
                r["actor_id"],
                r["action"],
                r["article_id"],
                r["from_version"],
                r["to_version"],
                r["detail"],
            )
            for r in rows
        ]

    def add_claim_review(self, review: ClaimReview) -> ClaimReview:
        now = datetime.now(UTC)
        values = {
            "article_id": review.article_id,
            "version": review.version,
            "claim_id": review.claim_id,
            "decision": review.decision,
            "comment": review.comment,
            "reviewer_id": review.reviewer_id,
            "created_at": now,
        }
        with self.engine.begin() as conn:
            rid = conn.execute(insert(claim_reviews).values(**values)).inserted_primary_key
        assert rid is not None
        return ClaimReview(int(rid[0]), **{**values, "created_at": _iso(now)})  # type: ignore[arg-type]

    def claim_reviews(self, article_id: str) -> list[ClaimReview]:
        query = (
            select(claim_reviews).where(claim_reviews.c.article_id == article_id).order_by(claim_reviews.c.id)
        )
        with self.engine.connect() as conn:
            rows = conn.execute(query).mappings().all()
        return [_claim_review(r) for r in rows]

    def profile(self, user_id: str) -> ReviewerProfile | None:
        with self.engine.connect() as conn:
            query = select(reviewer_profiles).where(reviewer_profiles.c.user_id == user_id)
            r = conn.execute(query).mappings().first()
        return _profile(r) if r is not None else None

    def profiles(self) -> list[ReviewerProfile]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(reviewer_profiles).order_by(reviewer_profiles.c.name)).mappings().all()
        return [_profile(r) for r in rows]

    def save_profile(self, profile: ReviewerProfile) -> ReviewerProfile:
        now = datetime.now(UTC)
        values = {
            "name": profile.name,
            "credentials": profile.credentials,
            "specialty": profile.specialty,
            "disclosure": profile.disclosure,
            "updated_at": now,
        }
        with self.engine.begin() as conn:
            where = reviewer_profiles.c.user_id == profile.user_id
            if conn.execute(update(reviewer_profiles).where(where).values(**values)).rowcount == 0:
                conn.execute(insert(reviewer_profiles).values(user_id=profile.user_id, **values))
        saved = self.profile(profile.user_id)
        assert saved is not None
        return saved

    def policy(self, version: int | None = None) -> PolicyVersion | None:
        query = select(policy_versions).order_by(policy_versions.c.version.desc()).limit(1)
        if version is not None:
            query = select(policy_versions).where(policy_versions.c.version == version)
        with self.engine.connect() as conn:
            r = conn.execute(query).mappings().first()
        return _policy(r) if r is not None else None

    def policy_versions(self) -> list[PolicyVersion]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(policy_versions).order_by(policy_versions.c.version)).mappings().all()
        return [_policy(r) for r in rows]

    def save_policy(self, body: str, author_id: str | None, base_version: int) -> PolicyVersion:
        current = self.policy()
        newest = current.version if current else 0
        if newest != base_version:
            raise ConflictError(
                f"the policy is at version {newest}, not {base_version}: your text was not saved",
                yours=body,
                theirs=current.body if current else "",
                current_version=newest,
            )
        try:
            with self.engine.begin() as conn:
                conn.execute(
                    insert(policy_versions).values(
                        version=base_version + 1, body=body, author_id=author_id, created_at=datetime.now(UTC)
                    )
                )
        except IntegrityError as exc:  # another save of the same version came first
            raise ConflictError("the policy changed meanwhile: your text was not saved", yours=body) from exc
        saved = self.policy(base_version + 1)
        assert saved is not None
        return saved


def _claim_review(r: RowMapping) -> ClaimReview:
    return ClaimReview(
        int(r["id"]),
        r["article_id"],
        int(r["version"]),
        r["claim_id"],
        r["decision"],
        r["comment"],
        r["reviewer_id"],
        _iso(r["created_at"]),
    )


def _profile(r: RowMapping) -> ReviewerProfile:
    return ReviewerProfile(
        r["user_id"], r["name"], r["credentials"], r["specialty"], r["disclosure"], _iso(r["updated_at"])
    )


def _policy(r: RowMapping) -> PolicyVersion:
    return PolicyVersion(int(r["version"]), r["body"], r["author_id"], _iso(r["created_at"]))
