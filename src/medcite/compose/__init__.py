"""The composer: question analysis, retrieval plan, verified extractive (or LLM) article."""

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

__all__ = [
    "QuestionAnalysis",
    "QuestionType",
    "SubQuery",
    "ThreadContext",
    "analyze_question",
    "compose_article",
    "follow_up",
    "number_by_first_use",
    "plain_words",
    "plan_queries",
    "render_patient",
]
