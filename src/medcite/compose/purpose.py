"""A test's or a tool's purpose in a question: the task verb is no part of a concept, its object is.

"Is serum total bilirubin useful to differentiate cardioembolic stroke from other stroke subtypes?" had read
the condition "differentiate cardioembolic stroke from other stroke subtypes", and every source that did not
say those words was set aside for not mentioning it (a reading of 16 tuning-half articles, tune38). The
concept is what the test tells apart, detects or measures: "cardioembolic stroke". "Can clinicians use the
PHQ-9 to assess depression in people with vision loss?" had read "clinicians use the PHQ-9 to assess
depression" as the intervention: it is the PHQ-9, and depression is what it assesses.

Tried, not kept: "measure" as a verb of :mod:`medcite.compose.shapes` ("Does a comet assay measure radiation
induced mutations?" reads "comet assay measure radiation" as the exposure). It read "Is (18)F-FDG a surrogate
tracer to measure tumor hypoxia?" with "a surrogate tracer" in the exposure, and that right "no" became
"uncertain" (even half: PubMedQA 74.8 -> 74.4%).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from medcite.compose.how_done import how_done
from medcite.text.design_cues import TASK_STEMS

# the tasks of a test, a score, a marker or a tool: a verb ("diagnose", "detecting", "staging") takes its
# object, a noun takes "of" or "for" ("diagnosis of"; not "diagnostic sensitivity", "estimation error": an
# independent review found a Check-COVID claim read as "sensitivity")
_TASK = rf"(?:(?:{TASK_STEMS})(?:e|es|ed|ing|y|ying|ies)?|staging)"
_TASK_NOUN = rf"(?:(?:{TASK_STEMS})\w*(?:ion|is|ment))"
_TEST_NOUN = (
    r"(?:procedure|method|tool|test|tracer|marker|biomarker|technique|approach|score|scale|index|assay|modality|"
    r"way|means|measure)s?"
)
# telling one thing from another: the first is the concept ("A from B")
_TELLING_APART = re.compile(r"^(?:differentiat|distinguish|discriminat)", re.I)
# a value that is a purpose: "differentiate X from Y", "an accurate method to diagnose Y", "diagnosis of Y"
# (never "identifying and visualising ...": a task verb coordinated with another keeps its words)
# (after a test-like noun: "an accurate method to diagnose Y", not "Level of confidence to identify ...")
_PURPOSE = re.compile(
    rf"^(?:(?:[\w-]+\s+){{0,2}}?{_TEST_NOUN}\s+(?:to|for|in)\s+|(?:to|for|in)\s+)?"
    rf"(?:(?P<task>{_TASK})\s+|(?P<noun>{_TASK_NOUN})\s+(?:of|for)\s+)"
    r"(?!(?:(?:of|for|between)\s+)?(?:and|or|which|what)\b)(?:(?:of|for|between)\s+)?(?P<rest>\S.*)$",
    re.I,
)
# a predicate that only judges a test ("a reliable and sensitive procedure", "an accurate method") names no
# concept: what the test is for does (tune39: "reliable and sensitive procedure" had been a concept to name)
_JUDGED_KIND = re.compile(
    r"^(?:(?:a|an|the)\s+)?(?:(?:reliable|sensitive|specific|accurate|valid|useful|safe|effective|feasible|"
    r"appropriate|suitable|good|better|simple|practical|new|novel|alternative)\s+(?:and\s+)?)+"
    rf"(?:{_TEST_NOUN}|options?|instruments?)$",
    re.I,
)
# an exposure with its purpose: "the PHQ-9 to assess depression", "imaging to diagnose appendicitis"
_WITH_PURPOSE = re.compile(rf"^(?P<x>.+?)\s+to\s+(?P<y>{_TASK}\s+.+)$", re.I)
# who uses or needs the test is no part of it: "clinicians use the PHQ-9", "we need imaging"
_USER = re.compile(
    r"^(?:we|you|one|clinicians|physicians|doctors|nurses|surgeons|radiologists)\s+"
    r"(?:(?:really|still|always)\s+)?(?:use|need|require)\s+",
    re.I,
)


def purpose_object(value: str | None) -> str | None:
    """What a purpose names ("differentiate A from B" -> "A"; "surrogate tracer to measure tumor hypoxia" ->
    "tumor hypoxia"); any other value as it is."""
    if not value or not (m := _PURPOSE.match(value)):
        return value
    rest = m.group("rest")
    if _TELLING_APART.match(m.group("task") or m.group("noun")):
        rest = re.split(r"\s+from\s+", rest, maxsplit=1, flags=re.I)[0]
    return rest


def split_purpose(subject: str | None) -> tuple[str | None, str | None]:
    """An exposure read with its purpose, apart: "clinicians use the PHQ-9 to assess depression" ->
    ("the PHQ-9", "depression"); (subject, None) for any other."""
    if not subject or not (m := _WITH_PURPOSE.match(subject)):
        return subject, None
    return _USER.sub("", m.group("x")), purpose_object(m.group("y"))


def read_purposes(
    question: str,
    intervention: str | None,
    condition: str | None,
    outcome: str | None,
    clean: Callable[[str | None], str | None],
) -> tuple[str | None, str | None, str | None]:
    """A question's (intervention, condition, outcome) with each purpose read as what it names; an aim
    split from the intervention is the condition, else the outcome, where the question names none. The
    participle of a "How is X done?" question is no part of X (:func:`medcite.compose.how_done.how_done`).
    A value read anew is ``clean`` ed as the question's every concept is ("the PHQ-9" -> "PHQ-9")."""
    read = (intervention, condition, outcome)
    intervention, outcome = how_done(question, intervention, outcome)
    intervention, aim = split_purpose(intervention)
    condition, outcome = purpose_object(condition), purpose_object(outcome)
    outcome = None if outcome and _JUDGED_KIND.match(outcome) else outcome
    if aim:
        condition, outcome = (aim, outcome) if condition is None else (condition, outcome or aim)
    new = (intervention, condition, outcome)
    i, c, o = (v if v == was else clean(v) for v, was in zip(new, read, strict=True))
    return i, c, o
