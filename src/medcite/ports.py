"""The boundaries of medcite, as Protocols.

Pipeline stages (corpus, retrieve, verify, compose) and services depend on these, never on an adapter.
Each port has one shared contract test suite in ``tests/contracts`` that every implementation passes: the
real adapters (``medcite.adapters``) and the small honest doubles in :mod:`medcite.testing`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Protocol

import numpy as np
import numpy.typing as npt

from medcite.domain import (
    Article,
    ArticleRecord,
    ArticleStatus,
    Changes,
    Evidence,
    Job,
    JobStatus,
    ParseItem,
    PassageRef,
    PassageRow,
    PreparedRecord,
    Role,
    SearchFilters,
    SearchHit,
    SourceMeta,
    SourceRecord,
    Stage,
    StoredSource,
    StoreStats,
    UpsertResult,
    User,
    Verdict,
)
from medcite.domain.editorial import (
    Approval,
    AuditEntry,
    ClaimReview,
    Comment,
    Feedback,
    Notification,
    PolicyVersion,
    ReviewerProfile,
    Subscription,
    VersionInfo,
)

Vectors = npt.NDArray[np.float32]


# --- models -------------------------------------------------------------------------------------------
class Embedder(Protocol):
    """Turns texts into L2-normalised vectors."""

    @property
    def dim(self) -> int: ...

    @property
    def model_id(self) -> str: ...

    def embed(self, texts: Sequence[str]) -> Vectors: ...


#: Column order of :meth:`EntailmentModel.predict`.
ENTAIL, NEUTRAL, CONTRADICT = 0, 1, 2


class EntailmentModel(Protocol):
    """A 3-way NLI model: calibrated (entailment, neutral, contradiction) probabilities per pair."""

    @property
    def model_id(self) -> str: ...

    def predict(self, pairs: Sequence[tuple[str, str]]) -> Vectors:
        """Shape (n, 3) for (premise, hypothesis) pairs; each row sums to 1."""
        ...


class Verifier(Protocol):
    """Checks a claim against evidence."""

    @property
    def model_id(self) -> str: ...

    def verify(self, claim: str, evidence: Sequence[Evidence]) -> Verdict: ...

    def verify_batch(self, items: Sequence[tuple[str, Sequence[Evidence]]]) -> list[Verdict]: ...


class Reranker(Protocol):
    """A relevance cross-encoder: how well each document (a study's title and abstract) answers a question."""

    @property
    def model_id(self) -> str: ...

    def score(self, query: str, documents: Sequence[str]) -> Vectors:
        """Shape (n,) relevance scores in (0, 1), one per document in input order; higher is more relevant.
        Comparable within one query, not calibrated probabilities."""
        ...


class LLMClient(Protocol):
    """A chat-completion endpoint (OpenAI-compatible)."""

    @property
    def model_id(self) -> str: ...

    def complete(self, system: str, user: str, max_tokens: int = 800, temperature: float = 0.0) -> str: ...


# --- search -------------------------------------------------------------------------------------------
class Searcher(Protocol):
    """Finds sources and their best passages for a query."""

    def search(self, query: str, k: int = 10, filters: SearchFilters | None = None) -> list[SearchHit]: ...


class Vocabulary(Protocol):
    """How many indexed sources hold a word (the question's spelling is checked against it)."""

    @property
    def num_docs(self) -> int: ...

    def document_frequencies(self, words: Sequence[str]) -> list[int]: ...


class LexicalIndex(Protocol):
    """A full-text index of sources, addressed by source key. Writes become visible at :meth:`commit`,
    which also records the store sequence number the index is in step with (its own sync checkpoint)."""

    @property
    def checkpoint(self) -> int: ...

    @property
    def num_docs(self) -> int: ...

    def upsert(self, sources: Sequence[StoredSource]) -> None: ...

    def remove(self, source_keys: Iterable[str]) -> None: ...

    def commit(self, checkpoint: int) -> None: ...

    def search(self, text: str, k: int, filters: SearchFilters | None = None) -> list[tuple[str, float]]:
        """(source key, score), best first, only sources that pass ``filters``."""
        ...

    def document_frequencies(self, words: Sequence[str]) -> list[int]:
        """How many committed sources hold each of ``words``, each read as the index reads text (its case
        folding and stemming); 0 for a string that is not one word there."""
        ...


class VectorIndex(Protocol):
    """Vectors of whole sources and of their passages, addressed by :class:`PassageRef`. The index keeps
    the filter columns of each source (:class:`SourceMeta`) and applies filters itself; it keeps its own
    sync checkpoint, like :class:`LexicalIndex`."""

    @property
    def checkpoint(self) -> int: ...

    @property
    def memory_bytes(self) -> int: ...

    def __len__(self) -> int: ...

    def upsert(self, entries: Sequence[tuple[PassageRef, SourceMeta]], vectors: Vectors) -> None: ...

    def remove(self, source_keys: Iterable[str]) -> None:
        """Remove every vector of these sources (the source and all its passages)."""
        ...

    def commit(self, checkpoint: int) -> None: ...

    def search(
        self, vector: Vectors, k: int, filters: SearchFilters | None = None
    ) -> list[tuple[PassageRef, float]]:
        """Up to ``k`` (ref, cosine similarity), best first, only of sources that pass ``filters``."""
        ...

    def vectors(self, refs: Sequence[PassageRef]) -> Vectors:
        """The stored vectors of ``refs``; a row of NaN for a ref not in the index."""
        ...


class LiteratureSource(Protocol):
    """An online bibliographic database (PubMed E-utilities): search, then fetch the records."""

    def fetch(self, query: str, max_n: int, is_stored: Callable[[str], bool]) -> Iterator[ParseItem]:
        """Up to ``max_n`` records for ``query``, skipping identifiers for which ``is_stored`` is true."""
        ...

    def close(self) -> None: ...


# --- storage ------------------------------------------------------------------------------------------
class SourceRepository(Protocol):
    """Bibliographic records and their passages; every write bumps a sequence number the indexes follow."""

    def upsert(self, records: Sequence[SourceRecord | PreparedRecord]) -> UpsertResult:
        """Insert or update in one transaction (records may come prepared: classified and split). A
        record the store cannot hold is left out and reported in :attr:`UpsertResult.rejected`; the rest
        is written."""
        ...

    def delete_keys(self, keys: Iterable[str]) -> int: ...

    def has_key(self, key: str) -> bool: ...

    def get_by_key(self, key: str) -> StoredSource | None: ...

    def get_by_doi(self, doi: str) -> StoredSource | None:
        """The source with this DOI (compared without case), or None."""
        ...

    def get_sources(self, keys: Sequence[str]) -> dict[str, StoredSource]: ...

    def meta(self, keys: Sequence[str]) -> dict[str, SourceMeta]: ...

    def passages_of(self, keys: Sequence[str]) -> dict[str, list[PassageRow]]: ...

    def iter_changes(self, after_seq: int, batch: int = 2000) -> Iterator[Changes]:
        """The changes after ``after_seq`` up to :meth:`current_seq` as read at the start, removals first;
        each batch carries the checkpoint an index may commit at once it has applied it."""
        ...

    def current_seq(self) -> int:
        """The committed watermark: every change numbered at or below it is visible, and no write still
        in flight can commit one."""
        ...

    def count(self) -> int: ...

    def stats(self) -> StoreStats: ...


class ArticleRepository(Protocol):
    """Articles (typed, versioned) and the follow-up threads they belong to."""

    def new_thread(self) -> str: ...

    def save(self, article: Article, *, thread_id: str | None) -> ArticleRecord:
        """Store a new article (version 1, status draft) and return its record."""
        ...

    def get(self, article_id: str) -> ArticleRecord: ...

    def thread(self, thread_id: str) -> list[ArticleRecord]:
        """The articles of a thread, oldest first. Raises NotFoundError for an unknown thread."""
        ...

    def recent(self, limit: int, statuses: Sequence[ArticleStatus] | None = None) -> list[ArticleRecord]:
        """The newest articles (by last update), optionally only those in ``statuses``."""
        ...

    def citing(self, source_key: str, limit: int = 50) -> list[ArticleRecord]:
        """The articles whose references include the source ``source_key``, newest first."""
        ...


class UserRepository(Protocol):
    """Accounts, their login sessions and API tokens. Only hashes of passwords and tokens are stored."""

    def add(self, username: str, password_hash: str, role: Role, display_name: str = "") -> User:
        """A new user; InputError if the username is taken."""
        ...

    def credentials(self, username: str) -> tuple[User, str] | None:
        """The user and their password hash, or None for an unknown username."""
        ...

    def get(self, user_id: str) -> User | None: ...

    def set_password_hash(self, user_id: str, password_hash: str) -> None: ...

    def add_session(self, user_id: str, token_hash: str, ttl_s: int) -> None: ...

    def session_user(self, token_hash: str) -> User | None:
        """The user of an unexpired session, or None."""
        ...

    def drop_session(self, token_hash: str) -> None: ...

    def add_token(self, user_id: str, name: str, token_hash: str) -> None: ...

    def token_user(self, token_hash: str) -> User | None: ...


class JobStore(Protocol):
    """Background jobs and their progress, shared by the web app and the workers."""

    def create(self, kind: str, params: dict[str, object], owner: str | None) -> Job: ...

    def get(self, job_id: str) -> Job:
        """The job; NotFoundError for an unknown id."""
        ...

    def claim(self, job_id: str) -> bool:
        """Move a queued job to running (True), atomically; False when it was not queued."""
        ...

    def update(
        self,
        job_id: str,
        *,
        status: JobStatus | None = None,
        stage: Stage | None = None,
        message: str | None = None,
        result: str | None = None,
    ) -> None:
        """Record progress (and a heartbeat). A finished job is never changed again."""
        ...


class JobQueue(Protocol):
    """Where jobs run: a thread pool in the web process, or workers that read a Redis queue."""

    @property
    def name(self) -> str: ...

    def submit(self, job: Job) -> None: ...

    def lost(self, job: Job) -> str | None:
        """Why an unfinished job can no longer finish (its worker died, the queue lost it), or None."""
        ...

    def close(self) -> None: ...


# --- editorial workflow and reader feedback ------------------------------------------------------------
class EditorialRepository(Protocol):
    """Versions, approvals, the audit log (append-only), claim reviews, reviewer profiles, the policy."""

    def add_version(
        self, article_id: str, article: Article, *, base_version: int, author_id: str | None, note: str
    ) -> ArticleRecord:
        """Store ``article`` as the next version. ConflictError when ``base_version`` is not the newest
        (another save came first); nothing is stored then."""
        ...

    def version(self, article_id: str, version: int) -> ArticleRecord:
        """One stored version (NotFoundError when there is no such version)."""
        ...

    def versions(self, article_id: str) -> list[VersionInfo]: ...

    def set_status(
        self,
        article_id: str,
        expected: ArticleStatus,
        status: ArticleStatus,
        approval: Approval | None = None,
    ) -> None:
        """Move the status from ``expected`` (ConflictError when it moved meanwhile); an approval is
        recorded and its version becomes the stable one."""
        ...

    def approvals(self, article_id: str) -> list[Approval]: ...

    def audit(
        self,
        actor_id: str | None,
        action: str,
        article_id: str | None = None,
        from_version: int | None = None,
        to_version: int | None = None,
        detail: str = "",
    ) -> None: ...

    def audit_log(self, article_id: str | None = None, limit: int = 200) -> list[AuditEntry]: ...

    def add_claim_review(self, review: ClaimReview) -> ClaimReview: ...

    def claim_reviews(self, article_id: str) -> list[ClaimReview]: ...

    def profile(self, user_id: str) -> ReviewerProfile | None: ...

    def save_profile(self, profile: ReviewerProfile) -> ReviewerProfile: ...

    def profiles(self) -> list[ReviewerProfile]:
        """Every reviewer profile, by name (the advisory board)."""
        ...

    def policy(self, version: int | None = None) -> PolicyVersion | None: ...

    def policy_versions(self) -> list[PolicyVersion]: ...

    def save_policy(self, body: str, author_id: str | None, base_version: int) -> PolicyVersion:
        """ConflictError when ``base_version`` is not the newest policy version (0: none yet)."""
        ...


class FeedbackRepository(Protocol):
    """Comments, inline feedback, subscriptions and notifications."""

    def add_comment(self, comment: Comment) -> Comment: ...

    def comment(self, comment_id: str) -> Comment: ...

    def comments(self, article_id: str) -> list[Comment]: ...

    def edit_comment(self, comment_id: str, body: str, html: str) -> Comment: ...

    def set_comment_state(self, comment_id: str, state: str) -> Comment: ...

    def add_feedback(self, item: Feedback) -> Feedback: ...

    def feedback(self, feedback_id: str) -> Feedback: ...

    def feedback_list(self, article_id: str | None = None, status: str | None = None) -> list[Feedback]: ...

    def settle(self, feedback_id: str, by: str, resolution: str) -> Feedback: ...

    def subscribe(self, sub: Subscription) -> Subscription: ...

    def subscriptions(
        self, article_id: str, kind: str, comment_id: str | None = None
    ) -> list[Subscription]: ...

    def unsubscribe(self, token: str) -> Subscription | None: ...

    def notify(self, items: Sequence[Notification]) -> None: ...

    def notifications(self, user_id: str, limit: int = 50) -> list[Notification]: ...

    def mark_read(self, notification_id: int, user_id: str) -> None: ...

    def pending_mail(self, limit: int = 100) -> list[Notification]: ...

    def mail_result(self, notification_id: int, state: str, attempts: int, error: str = "") -> None: ...


class Mailer(Protocol):
    """Sends one email (SMTP in production); raises NetworkError when it cannot."""

    def send(self, to: str, subject: str, body: str, headers: dict[str, str]) -> None: ...
