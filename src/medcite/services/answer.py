"""The answer use case: a question in, a verified, cited article out, stored in its thread."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from medcite.compose import compose_article, render_patient
from medcite.domain import Article, ArticleRecord, Audience, Provenance, SearchFilters, Stage
from medcite.errors import InputError
from medcite.ports import (
    ArticleRepository,
    EntailmentModel,
    LLMClient,
    Reranker,
    Searcher,
    SourceRepository,
    Verifier,
    Vocabulary,
)
from medcite.services.stages import StageReporter

AUDIENCES: tuple[Audience, ...] = ("clinician", "patient")


@dataclass(frozen=True, slots=True)
class AskResult:
    record: ArticleRecord

    @property
    def article(self) -> Article:
        return self.record.article

    @property
    def article_id(self) -> str:
        return self.record.id

    @property
    def thread_id(self) -> str:
        assert self.record.thread_id is not None  # every answer belongs to a thread
        return self.record.thread_id


def checked_question(question: str, audience: str) -> tuple[str, Audience]:
    """The question stripped, and the audience, or an InputError that names the problem."""
    question = question.strip()
    if not question:
        raise InputError("the question is empty")
    for a in AUDIENCES:
        if audience == a:
            return question, a
    raise InputError(f"audience must be clinician or patient (got {audience!r})")


@dataclass(frozen=True, slots=True)
class AnswerService:
    """Composes and stores answers. ``searcher``/``verifier`` are called when needed (models load lazily)."""

    sources: SourceRepository
    articles: ArticleRepository
    searcher: Callable[[], Searcher]
    verifier: Callable[[], Verifier]
    settings_hash: str
    model_ids: Callable[[], Sequence[str]]
    relevance: Callable[[], Reranker | None] = lambda: None  # gates the sources (None: no gate)
    relevance_floor: float = 0.0
    stance_reader: Callable[[], EntailmentModel | None] = lambda: None  # decides yes/no (None: wording)
    vocabulary: Callable[[], Vocabulary | None] = lambda: None  # mends the question's spelling (None: not)

    def ask(
        self,
        question: str,
        *,
        audience: Audience,
        thread_id: str | None = None,
        llm: LLMClient | None = None,
        filters: SearchFilters | None = None,
        progress: Callable[[Stage], None] | None = None,
    ) -> AskResult:
        article = self.compose(question, audience, self.context(thread_id), llm, filters, progress)
        return self.save(article, thread_id)

    def compose(
        self,
        question: str,
        audience: Audience,
        context: Article | None,
        llm: LLMClient | None = None,
        filters: SearchFilters | None = None,
        progress: Callable[[Stage], None] | None = None,
    ) -> Article:
        """A new article for ``question`` (not stored): what :meth:`ask` stores, and what a regeneration
        appends as a new version of an existing article."""
        provenance = self.provenance(llm)
        searcher, verifier = self.searcher(), self.verifier()
        if progress is not None:
            stages = StageReporter(progress)
            searcher, verifier = stages.searcher(searcher), stages.verifier(verifier)
        article = compose_article(
            question,
            searcher,
            verifier,
            audience="clinician",
            llm=llm,
            context=context,
            provenance=provenance,
            filters=filters,
            relevance=self.relevance(),
            relevance_floor=self.relevance_floor,
            stance_reader=self.stance_reader,
            vocabulary=self.vocabulary(),
        )
        if progress is not None:
            progress("writing")
        if audience == "patient":
            article = render_patient(article)
        return article

    def context(self, thread_id: str | None) -> Article | None:
        """The thread's last article, which a follow-up question continues (None for a new thread)."""
        if thread_id is None:
            return None
        history = self.articles.thread(thread_id)
        return history[-1].article if history else None

    def provenance(self, llm: LLMClient | None) -> Provenance:
        ids = [*self.model_ids(), *([llm.model_id] if llm is not None else [])]
        seq = self.sources.current_seq()
        return Provenance(
            corpus_version=f"{self.sources.count()} sources, store seq {seq}",
            settings_hash=self.settings_hash,
            model_ids=tuple(ids),
        )

    def save(self, article: Article, thread_id: str | None) -> AskResult:
        if thread_id is None:
            thread_id = self.articles.new_thread()
        return AskResult(self.articles.save(article, thread_id=thread_id))
