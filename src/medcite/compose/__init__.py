"""The composer: question analysis, retrieval plan, verified extractive (or LLM) article, renderers."""

from medcite.compose.article import (
    DISCLAIMER,
    INSUFFICIENT,
    STATUS,
    Article,
    Audience,
    CertaintyRating,
    NumberPin,
    Pin,
    Provenance,
    QuestionSummary,
    Readability,
    Reference,
    Section,
    Statement,
)
from medcite.compose.compose import compose_article, number_by_first_use
from medcite.compose.patient import plain_words, render_patient
from medcite.compose.plan import SubQuery, plan_queries
from medcite.compose.question import (
    QuestionAnalysis,
    QuestionType,
    ThreadContext,
    analyze_question,
    follow_up,
)
from medcite.compose.references import to_bibtex, to_csl_json, to_ris
from medcite.compose.render import to_html, to_json, to_markdown, to_rich
from medcite.compose.schema import ArticleModel, json_schema

__all__ = [
    "DISCLAIMER",
    "INSUFFICIENT",
    "STATUS",
    "Article",
    "ArticleModel",
    "Audience",
    "CertaintyRating",
    "NumberPin",
    "Pin",
    "Provenance",
    "QuestionAnalysis",
    "QuestionSummary",
    "QuestionType",
    "Readability",
    "Reference",
    "Section",
    "Statement",
    "SubQuery",
    "ThreadContext",
    "analyze_question",
    "compose_article",
    "follow_up",
    "json_schema",
    "number_by_first_use",
    "plain_words",
    "plan_queries",
    "render_patient",
    "to_bibtex",
    "to_csl_json",
    "to_html",
    "to_json",
    "to_markdown",
    "to_rich",
    "to_ris",
]
