"""The text toolkit: one copy of each piece of text knowledge the pipeline uses.

* :mod:`medcite.text.sentences`: the sentence splitter (passages with offsets), inline section labels,
  a source's sentences as the composer reads them, and the design classifier's rough splitter;
* :mod:`medcite.text.words`: the stopword lists (named unions of shared pieces), the tokenizers and
  overlap scorers, auxiliaries, number words and words for people;
* :mod:`medcite.text.cues`: the section-label vocabulary and section roles, and the negation, hedge and
  equivalence cues (a finding's polarity for the composer, the stance vote's cues), and what a sentence is
  for (an aim, a call for research);
* :mod:`medcite.text.direction_cues`: an effect's direction (the verifier's direction check, the cards);
* :mod:`medcite.text.voice`: the authors' voice (their frame, first person, hedges) and markers that are no
  part of a statement (copyright notes, truncation marks);
* :mod:`medcite.text.design_cues`: the design classifier's cues (trial, cohort, review, laboratory,
  guideline and future-research wording).

It imports only the standard library and :mod:`medcite.domain`.
"""

from medcite.text.clauses import main_clause
from medcite.text.cues import (
    DIFFERENCE_QUESTION,
    EQUIVALENCE,
    NEGATED_QUESTION,
    NEGATION,
    NOT_NEGATING,
    QUESTION_NOT_NEGATING,
    STRONG_HEDGE,
    STRUCTURED_LABEL_WORDS,
    Polarity,
    Role,
    finding_polarity,
    role_of,
)
from medcite.text.design_cues import FUTURE_RESEARCH
from medcite.text.direction_cues import Direction, effect_direction
from medcite.text.sentences import (
    MIN_CHARS,
    first_sentence,
    inline_sections,
    record_sentences,
    rough_sentences,
    split_passages,
    split_sentences,
)
from medcite.text.words import (
    ARTICLES,
    ATTRIBUTED_PEOPLE,
    AUXILIARIES,
    CLAIM_STOPWORDS,
    CONNECTIVES,
    GROUPED_COUNT,
    PREPOSITIONS,
    QUERY_STOPWORDS,
    SAMPLED_PEOPLE,
    TEENS,
    TENS,
    TERM_STOPWORDS,
    UNITS,
    alternation,
    content_words,
    count_value,
    idf_overlap,
    prefix_overlap,
    query_terms,
    term_overlap,
    terms,
    word_number,
    year_not_count,
)

__all__ = [
    "ARTICLES",
    "ATTRIBUTED_PEOPLE",
    "AUXILIARIES",
    "CLAIM_STOPWORDS",
    "CONNECTIVES",
    "DIFFERENCE_QUESTION",
    "EQUIVALENCE",
    "FUTURE_RESEARCH",
    "GROUPED_COUNT",
    "MIN_CHARS",
    "NEGATED_QUESTION",
    "NEGATION",
    "NOT_NEGATING",
    "PREPOSITIONS",
    "QUERY_STOPWORDS",
    "QUESTION_NOT_NEGATING",
    "SAMPLED_PEOPLE",
    "STRONG_HEDGE",
    "STRUCTURED_LABEL_WORDS",
    "TEENS",
    "TENS",
    "TERM_STOPWORDS",
    "UNITS",
    "Direction",
    "Polarity",
    "Role",
    "alternation",
    "content_words",
    "count_value",
    "effect_direction",
    "finding_polarity",
    "first_sentence",
    "idf_overlap",
    "inline_sections",
    "main_clause",
    "prefix_overlap",
    "query_terms",
    "record_sentences",
    "role_of",
    "rough_sentences",
    "split_passages",
    "split_sentences",
    "term_overlap",
    "terms",
    "word_number",
    "year_not_count",
]
