"""The role of each sentence of an abstract: background, objective, methods, results or conclusions.

A shipped model (``models/roles``, see its MODEL_CARD.md) reads the sentence's word uni/bigrams, its
relative position in the abstract and the words of its neighbours; it was trained on the sentences of
labelled structured abstracts with the headings stripped (``training/train_roles.py``). Where the source
itself labels a section ("RESULTS", NlmCategory), :func:`source_roles` takes the label's role.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from medcite.corpus.linear import load_model, ngrams, tokens
from medcite.domain import SECTION_SEPARATOR, StoredSource
from medcite.domain.cards import Role, Span
from medcite.text import inline_sections, record_sentences, split_sentences
from medcite.text.statements import without_label

MODEL = "roles"

# heading stems, in this order: a label naming two roles ("METHODS AND RESULTS") has no single role
_STEMS: tuple[tuple[Role, tuple[str, ...]], ...] = (
    ("conclusions", ("CONCLU", "INTERPRETATION", "IMPLICATION", "SIGNIFICANCE", "DISCUSSION", "COMMENT")),
    ("results", ("RESULT", "FINDING")),
    (
        "methods",
        (
            "METHOD",
            "DESIGN",
            "SETTING",
            "PATIENT",
            "PARTICIPANT",
            "SUBJECT",
            "INTERVENTION",
            "MEASURE",
            "MATERIAL",
            "POPULATION",
            "DATA SOURCE",
            "STUDY SELECTION",
            "DATA EXTRACTION",
            "SAMPLE",
            "PROCEDURE",
            "ELIGIBILITY",
            "OUTCOME",
        ),
    ),
    ("objective", ("OBJECTIVE", "AIM", "PURPOSE", "GOAL", "HYPOTHES", "QUESTION", "OBJECT")),
    ("background", ("BACKGROUND", "INTRODUCTION", "CONTEXT", "RATIONALE", "IMPORTANCE")),
)
_NLM = {
    "BACKGROUND": "background",
    "OBJECTIVE": "objective",
    "METHODS": "methods",
    "RESULTS": "results",
    "CONCLUSIONS": "conclusions",
}


def heading_role(label: str, category: str | None = None) -> Role | None:
    """The role a section heading names (NlmCategory first); None for no heading, an unknown one or one
    that names two roles ("METHODS AND RESULTS", "BACKGROUND AND AIMS")."""
    if category and category.upper() in _NLM:
        return _NLM[category.upper()]  # type: ignore[return-value]
    lab = label.upper().rsplit(".", 1)[-1]  # "ABSTRACT.RESULTS"
    found = [role for role, stems in _STEMS if any(s in lab for s in stems)]
    if lab.startswith("OUTCOME") or "OUTCOME MEASURE" in lab:
        return "methods"
    return found[0] if len(found) == 1 else None


def lone_features(sentence: str) -> list[str]:
    """The model's features of a sentence read without its abstract (no position, no neighbours)."""
    toks = tokens(sentence)
    return [*ngrams(toks), *(f"first:{t}" for t in toks[:3]), "alone"]


@lru_cache(maxsize=8192)
def alone_not_finding(sentence: str) -> float:
    """The model's probability that ``sentence``, read alone (no position, no neighbours), is background,
    an aim or methods, not a result or conclusion."""
    model = load_model(MODEL)
    p = model.probabilities_many([lone_features(sentence)])[0]
    return float(sum(q for c, q in zip(model.classes, p, strict=True) if c not in ("results", "conclusions")))


def role_features(sentences: Sequence[str], i: int) -> list[str]:
    """The model's features of sentence ``i`` of an abstract's ``sentences``."""
    n = len(sentences)
    toks = tokens(sentences[i])
    feats = ngrams(toks)
    feats += [f"pos:{int(10 * i / n)}", f"idx:{min(i, 4)}", f"rev:{min(n - 1 - i, 4)}"]
    feats += [f"first:{t}" for t in toks[:3]]
    if i > 0:
        feats += ngrams(tokens(sentences[i - 1]), "prev:", 1)
    if i + 1 < n:
        feats += ngrams(tokens(sentences[i + 1]), "next:", 1)
    return feats


def classify(sentences: Sequence[str]) -> list[tuple[Role, float]]:
    """The model's role and its probability for each sentence of one abstract (a lone sentence is read
    without position or neighbours: the model was trained on such copies too)."""
    model = load_model(MODEL)
    if len(sentences) == 1:
        feats = [lone_features(sentences[0])]
    else:
        feats = [role_features(sentences, i) for i in range(len(sentences))]
    out: list[tuple[Role, float]] = []
    for p in model.probabilities_many(feats):
        k = int(p.argmax())
        out.append((model.classes[k], float(p[k])))  # type: ignore[arg-type]
    return out


def text_sentences(text: str) -> list[tuple[str, Span]]:
    """The sentences of an abstract's text with their inline label ("" when none), the labels left out."""
    out: list[tuple[str, Span]] = []
    pos = 0
    for section in text.split(SECTION_SEPARATOR):
        for label, off, piece in inline_sections(section):
            base = pos + off
            out += [(label, Span(base + s, base + e, piece[s:e])) for s, e in split_sentences(piece)]
        pos += len(section) + len(SECTION_SEPARATOR)
    return out


def sentence_roles(text: str) -> list[tuple[Span, Role, float]]:
    """Every sentence of ``text`` (an abstract, sections joined by blank lines) with its role and the
    model's probability of it; an inline heading ("RESULTS: ...") decides where it names one role."""
    return _with_labels(text_sentences(text))


def source_roles(source: StoredSource) -> list[tuple[Span, Role, float]]:
    """Like :func:`sentence_roles` for a stored source, whose section labels decide where they name one
    role (probability 1.0); offsets into ``source.record.text``."""
    sents = [(label, Span(s, e, t)) for label, s, e, t in record_sentences(source)]
    categories = {sec.label: sec.category for sec in source.record.sections if sec.category}
    return _with_labels(sents, categories)


def _with_labels(
    sents: list[tuple[str, Span]], categories: dict[str, str] | None = None
) -> list[tuple[Span, Role, float]]:
    if not sents:
        return []
    predicted = classify([s.text for _, s in sents])
    out: list[tuple[Span, Role, float]] = []
    for (label, span), (role, prob) in zip(sents, predicted, strict=True):
        given = heading_role(label, (categories or {}).get(label)) if label else None
        span = _without_heading(span)  # read with its heading, shown without it
        out.append((span, given, 1.0) if given else (span, role, prob))
    return out


def _without_heading(span: Span) -> Span:
    """The sentence without a section heading glued to its start ("CONCLUSIONS Erenumab is ...", a BioASQ
    snippet that a summary-of-findings cell had shown so, 2026-12-05), as statements drop it
    (:func:`medcite.text.statements.without_label`)."""
    bare = without_label(span.text)
    cut = len(span.text) - len(bare)
    return Span(span.start + cut, span.end, bare) if cut else span
