"""The candidate evidence sentences of an answer: the passages retrieval chose and the findings of each
direct source, each with its role in its abstract (the wording rule, or the trained sentence-role model where
a switch says so)."""

from __future__ import annotations

from dataclasses import replace

from medcite.compose.candidates import Candidate, card_of
from medcite.compose.defining import defines, subject_defined
from medcite.compose.naming import concepts
from medcite.compose.plan import (
    RankedSource,
    key_terms,
    learned_abbreviations,
    source_abbreviations,
)
from medcite.compose.question import QuestionAnalysis
from medcite.domain import StoredSource
from medcite.domain.cards import Role as CardRole
from medcite.text import Role, record_sentences, role_of, term_overlap, terms
from medcite.text.anaphora import leans_back
from medcite.text.cues import WORD_LABEL, caps_label
from medcite.text.sentences import cut_copy
from medcite.text.statements import without_label

# a question that asks for a thing: every sentence of the passages retrieval chose is a candidate, the
# relevance model ranking it (:func:`medcite.compose.fit.closeness`), not the naming of the question's
# words, which its clause reads badly ("the consistency of cerumen (ear wax)" is named by no sentence that
# answers "Which gene controls the consistency of cerumen (ear wax)?")
ENTITY_PASSAGES = True


# with TRAINED_ROLES the trained sentence-role model (the study cards' roles) decides the role of a sentence
# whose section label does not. Off by default: on the tuning (even) half it lowered stance accuracy
# (bench_answers --half even: PubMedQA 66.0 -> 61.2, BioASQ yes/no 58.5 -> 53.2; --trained-roles turns it on)
TRAINED_ROLES = False
_ROLE: dict[CardRole, Role] = {
    "background": "background",
    "objective": "methods",
    "methods": "methods",
    "results": "results",
    "conclusions": "conclusions",
}


def trained_roles(src: StoredSource) -> dict[int, Role]:
    """The role of each sentence of ``src`` by its start offset (``objective`` counts as methods)."""
    if not TRAINED_ROLES:
        return {}
    return {span.start: _ROLE[role] for span, role in card_of(src).roles}


# the trained sentence-role model only demotes: an unlabelled sentence it reads as methods or objective is
# methods, whatever its wording rule says ("In a randomised controlled trial, intima-media thickness was
# measured at up to 12 different sites ..." read as a result for its number). Off: on the even halves it
# cut PubMedQA statements 963 -> 939 (from gold 54.8 -> 56.1%) but lost stance accuracy (PubMedQA 71.2 ->
# 70.8%, BioASQ yes/no 61.5 -> 59.0%) and answers (factoid in the article 58.4 -> 50.0%, summary ROUGE-2
# 47.7 -> 43.6): BioASQ snippets are partial abstracts, where the model reads sentences out of context.
TRAINED_METHODS = False


def model_methods(src: StoredSource) -> frozenset[int]:
    """The start offsets of the sentences of ``src`` that the role model reads as methods or objective."""
    if not TRAINED_METHODS:
        return frozenset()
    return frozenset(span.start for span, role in card_of(src).roles if role in ("methods", "objective"))


def _demoted(role: Role, label: str, start: int, methods: frozenset[int]) -> Role:
    """``role``, or methods where the sentence has no label and the role model reads it as methods (a
    background sentence stays background)."""
    return "methods" if not label and start in methods and role != "background" else role


# a snippet corpus may hold a sentence twice, once after its heading ("BACKGROUND Lung cancer is a frequent
# cause of death in patients cured of Hodgkin's disease, but ... are not well described") and once without it:
# the copy without takes the heading's role (tune22: the bare copy, of no known role, answered "Does
# radiotherapy for Hodgkin disease increases risk for lung cancer?" with "No"); off: each copy by itself
SAME_SENTENCE_ROLE = True


def _headed_roles(sentences: list[tuple[str, int, int, str]]) -> dict[str, Role]:
    """The role each sentence's heading gives it, by its text without the heading."""
    out: dict[str, Role] = {}
    for label, _s, _e, t in sentences if SAME_SENTENCE_ROLE else ():
        if m := WORD_LABEL.match(t) or caps_label(t):
            out.setdefault(t[m.end() :].strip(), role_of(label, t))
        elif label:
            out.setdefault(t.strip(), role_of(label, t))
    return out


def _role(label: str, t: str, headed: dict[str, Role]) -> Role:
    role = role_of(label, t)
    return headed.get(t.strip(), role) if role == "unknown" else role


# a sentence that leans on the one before it ("Various symptoms have been reported for this abnormality such
# as short stature, ...", the answer to a tuning-half summary question, left out as dangling) is a candidate
# quoted with that sentence too, where the two run on in one section and fit in ANTECEDENT_WORDS; not in a
# yes/no answer, whose stance reader reads one finding per statement. Even half, same store: summary ROUGE-2
# 53.25 -> 54.58, factoid bottom lines 50.42 -> 51.26%; in yes/no answers too it had cost PubMedQA 74.4 ->
# 73.6% (a second sentence read against the first's verdict; a joined statement the verifier did not
# support where the single one had been). Off: such a sentence is left out
WITH_ANTECEDENT = True
ANTECEDENT_WORDS = 60


SentenceSpans = list[tuple[str, int, int, str]]  # a record's (label, start, end, text), in order


def _with_antecedent(
    src: StoredSource, sentences: SentenceSpans, at: dict[int, int], s: int, t: str
) -> tuple[int, str] | None:
    """The start and text of the sentence at ``s`` (text ``t``; ``at``: each sentence's index by its start)
    with the sentence before it where it leans back on that one (:data:`WITH_ANTECEDENT`); None otherwise."""
    i = at.get(s, 0)
    if not WITH_ANTECEDENT or i == 0 or not leans_back(t):
        return None
    _lab, ps, pe, pt = sentences[i - 1]
    gap = src.record.text[pe:s]
    if gap.strip() or "\n" in gap or leans_back(pt) or len(pt.split()) + len(t.split()) > ANTECEDENT_WORDS:
        return None
    return ps, src.record.text[ps : sentences[i][2]]  # as the source has it: offsets pin into this text


def _as_quoted(
    base: Candidate, sentences: SentenceSpans, at: dict[int, int] | None, qterms: list[str]
) -> list[Candidate]:
    """The sentence as a candidate, and with its antecedent (:func:`_with_antecedent`) where it has one;
    ``at`` None: a yes or no answer, which quotes it alone."""
    joined = None if at is None else _with_antecedent(base.source, sentences, at, base.start, base.text)
    if joined is None:
        return [base]
    start, text = joined
    return [base, replace(base, text=text, start=start, relevance=term_overlap(qterms, text))]


def candidates(sources: list[RankedSource], analysis: QuestionAnalysis) -> list[Candidate]:
    """Evidence sentences: the passages retrieval chose, plus the results and conclusions of each source."""
    qterms = list(dict.fromkeys(key_terms(analysis) + terms(analysis.question)))
    cs = concepts(analysis, learned_abbreviations(analysis, sources))
    subject = subject_defined(analysis.question)
    out: list[Candidate] = []
    for rs in sources:
        src = rs.hit.source
        defined = source_abbreviations(src.record.title, src.record.text)
        seen: set[int] = set()
        said: set[str] = set()  # a snippet corpus may hold one sentence several times
        sentences = record_sentences(src)
        at = None if analysis.yes_no else {x[1]: i for i, x in enumerate(sentences)}
        headed = _headed_roles(sentences)
        roles = trained_roles(src)
        methods = model_methods(src)
        for p in rs.hit.passages:
            if not p.text.strip():
                continue
            # the passage as compose splits it (inline labels, ".;" section breaks), offsets kept
            parts = [x for x in sentences if x[1] < p.end and x[2] > p.start]
            # read without its inline label ("UNLABELLED: Mumps virus ... and severe enc", a BioASQ record)
            if not parts and cut_copy(without_label(p.text.strip()), [x[3] for x in sentences]):
                continue  # the index keeps a cut copy that the record's sentences leave out
            parts = parts or [(p.section, p.start, p.end, p.text.strip())]
            for lab, s, e, t in parts:
                if s in seen or t in said:
                    continue
                seen.add(s)
                said.add(t)
                label = p.section or lab
                role = roles.get(s) or _demoted(_role(label, t, headed), label, s, methods)
                if (
                    cs
                    and not (analysis.asks_entity and ENTITY_PASSAGES)
                    and role not in ("results", "conclusions")
                    and not any(c.found_in(t, defined) for c in cs)
                ):
                    continue  # background or methods that name neither the intervention nor the condition
                ov = term_overlap(qterms, t)
                base = Candidate(
                    src, t, s, e, label, role, p.passage_id, rs.score, ov, True, source_fit=rs.model_score
                )
                out += _as_quoted(base, sentences, at, qterms)
        for label, s, e, t in sentences:
            role = roles.get(s) or _demoted(_role(label, t, headed), label, s, methods)
            # a sentence that says what the thing asked about is, methods aside ("Describe ChromoTrace": "Our
            # reconstruction method, ChromoTrace, uses suffix trees to ...", tune31)
            found = role in ("results", "conclusions") or (
                role != "methods" and subject is not None and defines(t, subject)
            )
            if s in seen or t in said or not found:
                continue
            seen.add(s)
            said.add(t)
            ov = term_overlap(qterms, t)
            base = Candidate(src, t, s, e, label, role, None, rs.score, ov, False, source_fit=rs.model_score)
            out += _as_quoted(base, sentences, at, qterms)
    return out
