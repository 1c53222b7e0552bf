"""Parsers, classification and reading of sources: study cards (:func:`study_card`), sentence roles
(:func:`sentence_roles`) and the direction of a finding (:func:`finding_direction`)."""

from medcite.corpus.cards import study_card
from medcite.corpus.findings import finding_direction
from medcite.corpus.roles import sentence_roles, source_roles
from medcite.corpus.statements import clean_statement

__all__ = ["clean_statement", "finding_direction", "sentence_roles", "source_roles", "study_card"]
