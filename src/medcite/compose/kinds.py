"""Questions about what a thing is: "Is ustekinumab a polyclonal antibody?", "Is pimavanserin a typical
antipsychotic?", "Is impetigo a viral infection?".

Such a question names a subject, a kind ("antibody") and the qualifiers asked about ("polyclonal"). The
sources say what the subject is, in an apposition ("Ustekinumab, a human monoclonal IgG1 antibody, ...";
"a fully human monoclonal antibody, lucatumumab, ...") or a definition ("Impetigo is a contagious bacterial
skin infection"). Where they name the same kind with a qualifier that excludes the one asked about
(:func:`medcite.text.kinds.excludes`) more often than with the qualifiers asked about, the answer is no,
and the sentence that says so is the evidence for it. The findings of studies *of* the subject (what
ustekinumab did in psoriasis) do not answer such a question; the stance reader, trained on findings, reads
them as yes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol, TypeVar

from medcite.compose.naming import concepts
from medcite.compose.question import QuestionAnalysis
from medcite.domain import StoredSource
from medcite.text.kinds import (
    NAMED_TARGET_KINDS,
    agrees,
    excludes,
    is_name,
    qualifier_words,
)
from medcite.text.sentences import record_sentences
from medcite.text.words import PREPOSITIONS, plain_dashes, singular

KIND_CHECK = True  # a switch for measuring it (bench: --no-kind-check)
_QUESTION = re.compile(r"^\s*(?:is|are|was|were)\s+(?P<subject>.+?)\s+an?\s+(?P<kind>.+?)\s*\?*\s*$", re.I)
# the kind ends where a clause or a prepositional phrase begins ("a viral infection that affects the skin")
_KIND_END = re.compile(
    r"\s*(?:,\s*(?:that|which)\b|\b(?:that|which|who|whose|with|in|of|for|to|by|from|and|or|between|"
    r"against|on|used|involved|associated|found|expressed|produced)\b).*$",
    re.I,
)
_PRONOUNS = frozenset({"there", "it", "this", "that", "they"})
# a "subject" ending in one of these is a predicate read wrongly: "Is DBE efficacious and safe in a community
# setting?", "Is progeria caused by an autosomal recessive gene?", "... safe and acceptable as a day case ..."
_SUBJECT_CANNOT_END = PREPOSITIONS | frozenset({"as", "be", "under", "within"})
_NOT_QUALIFIERS = frozenset({"rare", "new", "novel", "common", "the"})
_PARENTHESES = re.compile(r"\s*\([^()]{0,60}\)")
# between the subject and its kind: "X, a ..." (an apposition has its article: "X, Y, a chimeric antibody" is
# a list), "X is a ...", "X (ABC) is an ...", "X represents a ..."
_LINK = re.compile(
    r"^\s*(?:,\s*(?:an?|the)\s+|(?:is|are|was|were|as|represents)\s+"
    r"(?:(?:also|now|currently|both|itself)\s+)?(?:(?:an?|the)\s+)?)",
    re.I,
)
_PHRASE_END = re.compile(r"[.;:]|\b(?:that|which|and|with|in|of|for|to)\b", re.I)
# "a fully human monoclonal antibody, lucatumumab": the kind's phrase after the article nearest the subject
_BEFORE = re.compile(r"\b(?:an?|the)\s+((?:(?!(?:an?|the)\s)[^\s.;:,]+\s+){0,6}?)(\S+?)\s*,?\s*$", re.I)
_NEGATION = frozenset({"not", "no", "never", "non"})
MAX_PHRASE_WORDS = 8


@dataclass(frozen=True, slots=True)
class KindQuestion:
    subject: str  # "ustekinumab"
    kind: str  # "antibody"
    qualifiers: tuple[str, ...]  # ("polyclonal",)


@dataclass(frozen=True, slots=True)
class KindMention:
    """A sentence that names the subject as a thing of the asked kind, with the qualifiers it uses."""

    source: StoredSource
    start: int  # offsets of the sentence in source.record.text
    end: int
    said: tuple[str, ...]

    @property
    def text(self) -> str:
        return self.source.record.text[self.start : self.end]


@dataclass(frozen=True, slots=True)
class KindAnswer:
    question: KindQuestion
    against: tuple[KindMention, ...]  # qualifiers that exclude the asked ones
    agreeing: int  # mentions with every asked qualifier

    @property
    def answers_no(self) -> bool:
        """More sentences exclude the asked qualifiers than name them all."""
        return len(self.against) > self.agreeing

    def reason(self, quoted: KindMention) -> str:
        """Why the answer is no, naming what the ``quoted`` sentence calls the subject."""
        q = self.question
        return (
            f"what {q.subject} is: {len(self.against)} sentence(s) call it otherwise (the quoted one: a "
            f"{' '.join(quoted.said)} {q.kind}), {self.agreeing} a {' '.join(q.qualifiers)} {q.kind} -> no"
        )


def _kind_form(word: str) -> str:
    """A kind's noun as both sides of a comparison read it: singular, and "-xes", "-ches", "-shes", "-sses"
    plurals without their "es" ("complexes" -> "complex", which :func:`singular` leaves as "complexe" to
    keep the MeSH keys as they are)."""
    w = word.lower()
    return w[:-2] if len(w) > 4 and w.endswith(("xes", "ches", "shes", "sses")) else singular(w)


@lru_cache(maxsize=256)  # read once per question, though every section's pick asks (draft._pick)
def kind_question(question: str) -> KindQuestion | None:
    """The subject, kind and asked qualifiers of an "Is X a <qualifiers> <kind>?" question; None for any
    other shape, or a kind asked without a qualifier ("Is chlorotoxin a peptide?")."""
    parts = _parts(question)
    if parts is None or len(parts[1]) < 2:
        return None
    subject, words, _tail = parts
    qualifiers = tuple(w for w in words[:-1] if w.lower() not in _NOT_QUALIFIERS)
    if not qualifiers:
        return None
    # "Nivolumab (Opdivo)": the subject without its other name, as the sentences are read without theirs
    return KindQuestion(_PARENTHESES.sub("", subject).strip(), words[-1], qualifiers)


def _parts(question: str) -> tuple[str, list[str], str] | None:
    """The subject, the kind's words and what follows the kind ("that affects the skin") of an "Is X a
    ...?" question; None for another shape or a subject that is no thing ("Is there ...?", "Is BE ...":
    an abbreviation read as a verb stays unread)."""
    m = _QUESTION.match(plain_dashes(question))
    if (
        not m
        or m.group("subject").lower() in _PRONOUNS
        or m.group("subject").split()[-1] in _SUBJECT_CANNOT_END
    ):
        return None
    kind = _KIND_END.sub("", m.group("kind"))
    return m.group("subject"), qualifier_words(kind.strip(" ,")), m.group("kind")[len(kind) :].strip()


def kind_answer(question: str, sources: Sequence[StoredSource]) -> KindAnswer | None:
    """What the sources say the subject is (None: not such a question, or no source names the subject as
    a thing of the asked kind)."""
    q = kind_question(question) if KIND_CHECK else None
    if q is None:
        return None
    against: list[KindMention] = []
    agreeing = 0
    for mention in (m for s in sources for m in mentions(q, s)):
        missing = [a for a in q.qualifiers if not any(agrees(a, w) for w in mention.said)]
        if not missing:
            agreeing += 1
        elif any(_rival(q, mention, a) for a in missing):
            against.append(mention)
    if not against and not agreeing:
        return None
    return KindAnswer(q, tuple(against), agreeing)


def _rival(q: KindQuestion, m: KindMention, asked: str) -> bool:
    """Whether a qualifier the mention uses excludes ``asked``. Two names exclude each other only for a kind
    that names a target, for the name nearest the kind ("an IL-6 receptor inhibitor", "an apolipoprotein A-I
    mimetic peptide"), and where the sentence nowhere names the asked one ("BNT162b2, a COVID-19 vaccine"
    says nothing against "an mRNA vaccine")."""
    named = [i for i, w in enumerate(m.said) if is_name(w)]
    slot = named[-1] if named else -1
    absent = asked.lower() not in m.text.lower()
    target = _kind_form(q.kind) in NAMED_TARGET_KINDS
    return any(excludes(asked, w, names=i == slot and absent and target) for i, w in enumerate(m.said))


# a kind asked about that judges or names a clinical role ("Is DBE an accurate method ...?", "Is low birth
# weight a risk indicator ...?", "Is HbA1c an ideal biomarker ...?"): the findings answer it, not what the
# subject is called (on the PubMedQA even half, keeping to such kinds cost 3 answers)
_JUDGED = frozenset(
    "accurate safe acceptable ideal good reliable useful effective valid appropriate adequate better best "
    "suitable sufficient important independent significant feasible risk prognostic predictive necessary "
    "viable optimal preferred standard alternative cost-effective first-line new novel major".split()
)
_ROLES = frozenset(
    "method procedure indicator factor marker biomarker tool option treatment therapy test approach "
    "predictor alternative strategy technique modality measure criterion indication cause".split()
)


# kinds that name a relation or a clinical standing, not a class of things ("Is X a contraindication to Y?",
# "Is there a link between ...?", "Is X a target for ...?")
_RELATIONS = frozenset(
    "need difference consequence contraindication complication candidate role link relationship association "
    "risk increase decrease influence effect discrepancy limit target fusion".split()
)
# after the kind, a standing among people or things, or a choice: not what class the thing is ("a variant of
# autophagy", "an inverse agonist of the ghrelin receptor", "an infection that affects the skin" are)
_CLINICAL_TAIL = re.compile(r"(?:in|for|to|among|with|on|against|between|from|by|during|after|or)\b", re.I)


@lru_cache(maxsize=256)
def asks_class(question: str) -> bool:
    """Whether a yes/no question asks which class a named thing belongs to ("Is colistin an antibiotic?",
    "Is myc a tumour suppressor gene?", "Is bortezomib a proteasome inhibitor?"), qualified or not, and not
    whether it is good for a clinical role or stands in a relation (:data:`_ROLES`, :data:`_JUDGED`,
    :data:`_RELATIONS`). What anyone found the thing to be answers it: a laboratory study as well as a
    trial (tune32: "Is colistin an antibiotic?" had set aside the mouse study that names it among the
    antibiotics given)."""
    parts = _parts(question)
    if parts is None or not parts[1]:
        return False
    subject, words, tail = parts
    if _kind_form(words[-1]) in _RELATIONS or words[-1].lower() in _JUDGED:
        return False
    if any(w.lower() in PREPOSITIONS for w in subject.split()):
        return False  # a clause, not a named thing ("... dysfunction in children with ... a forerunner to")
    if _CLINICAL_TAIL.match(tail):
        return False  # "a problem in the elderly", "a barrier to wound healing", "a drug or a pro-drug"
    return asks_what_it_is(KindQuestion(subject, words[-1], tuple(words[:-1])))


def asks_class_of(a: QuestionAnalysis) -> bool:
    """:func:`asks_class` of a yes/no question's analysis (what directness and drafting read)."""
    return a.yes_no and asks_class(a.question)


def asks_what_it_is(q: KindQuestion) -> bool:
    """Whether the question asks what the subject is called (a class: "a typical antipsychotic", "a
    polyclonal antibody"), not whether it is good for a clinical role."""
    return _kind_form(q.kind) not in _ROLES and not any(w.lower() in _JUDGED for w in q.qualifiers)


def names_kind(q: KindQuestion, text: str) -> bool:
    """Whether ``text`` names the asked kind, singular or plural ("antipsychotic" for "Is pimavanserin a
    typical antipsychotic?"): a sentence on what the subject is."""
    kind = _kind_form(q.kind)
    return any(_kind_form(w) == kind for w in re.findall(r"[A-Za-z][\w-]*", plain_dashes(text)))


def names_subject(q: KindQuestion, text: str) -> bool:
    """Whether ``text`` names the question's subject as written ("c-Myc" names "myc"): "... the intestinal
    tumour suppressor gene Apc ..." names the kind asked about in "Is myc a tumour suppressor gene?" but says
    nothing of what myc is."""
    return _subject(q).search(plain_dashes(text)) is not None


@lru_cache(maxsize=64)  # one pattern per question, read against every sentence (on_kind)
def _subject(q: KindQuestion) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(plain_dashes(q.subject))}(?!\w)", re.I)


def mentions(q: KindQuestion, source: StoredSource) -> list[KindMention]:
    """The sentences of ``source`` that name the subject as a thing of kind ``q.kind`` (singular or
    plural), each with the qualifiers before the kind."""
    subject = _subject(q)
    kind = _kind_form(q.kind)
    out: list[KindMention] = []
    for _label, start, end, text in record_sentences(source):
        plain = _PARENTHESES.sub("", plain_dashes(text))
        for m in subject.finditer(plain):
            said = _said_before(plain[max(0, m.start() - 120) : m.start()], kind)
            if said is None:
                said = _said_after(plain[m.end() :], kind)
            if said is not None:
                out.append(KindMention(source, start, end, tuple(said)))
                break
    return out


def _said_before(text: str, kind: str) -> list[str] | None:
    m = _BEFORE.search(text)
    if m and _kind_form(m.group(2).rstrip(",")) == kind:
        return _affirmed(qualifier_words(m.group(1)))
    return None


def _said_after(text: str, kind: str) -> list[str] | None:
    link = _LINK.match(text)
    if not link:
        return None
    words = qualifier_words(_PHRASE_END.split(text[link.end() :], maxsplit=1)[0])[:MAX_PHRASE_WORDS]
    for i, w in enumerate(words):
        if _kind_form(w) == kind:
            return _affirmed(words[:i])
    return None


def _affirmed(said: list[str]) -> list[str] | None:
    """The qualifiers, or None where the phrase denies ("is not a polyclonal antibody")."""
    return None if any(w.lower() in _NEGATION for w in said) else said


# "Is pimavanserin a typical antipsychotic?" asks what it is: the answer's sentences are those that name the
# kind asked about, where any does (a tuning-half reading, 2026-12-05, found "A pivotal phase III clinical
# trial demonstrated significant improvement in PDP symptoms ..." and its safety and mechanism among them)
KIND_ONLY = True
# ... and that name the subject too: "Is myc a tumour suppressor gene?" had answered yes from "... the
# intestinal tumour suppressor gene Apc ..." (BioASQ even half, 2026-12-06); off: any sentence naming the
# kind. KIND_NONE: with no sentence naming the subject, none (off: all)
KIND_SUBJECT = True
KIND_NONE = True
# ... and such a sentence goes to the answer's main section: "PF-05190457 is a well-tolerated first-in-class
# ghrelin receptor inverse agonist with acceptable pharmacokinetics for oral daily dosing" was filed under
# Dosing for "Is PF-05190457 an inverse agonist of the ghrelin receptor?" (its harm cue "well-tolerated" kept
# it from Key Findings; a tuning-half reading, 2026-12-06); off: the section cues decide
KIND_FIRST = True


class _Sentence(Protocol):
    @property
    def text(self) -> str: ...


S = TypeVar("S", bound=_Sentence)


def what_it_is(a: QuestionAnalysis) -> KindQuestion | None:
    """The kind question of a yes/no question that asks what a thing is called (:data:`KIND_ONLY`), else
    None."""
    kind = kind_question(a.question) if KIND_ONLY and a.yes_no else None
    return kind if kind is not None and asks_what_it_is(kind) else None


def on_kind(a: QuestionAnalysis, kind: KindQuestion, fit: list[S]) -> list[S]:
    """The sentences that say what the subject of a kind question is: those naming the kind, and where the
    subject is one name ("myc", "L-4F"; :data:`KIND_SUBJECT`) those naming it too (as written, or as the
    question's concept of that name is found), else those naming it, else none (:data:`KIND_NONE`; all when
    off). A subject of several words ("the zelda transcription factor", "progeria caused by") is no name to
    look for."""
    kinded = [c for c in fit if names_kind(kind, c.text)]
    if not KIND_SUBJECT or len(kind.subject.split()) > 1:
        return kinded or fit
    concept = next((x for x in concepts(a) if kind.subject.lower() in x.name.lower()), None)
    subject = [
        c for c in fit if names_subject(kind, c.text) or (concept is not None and concept.found_in(c.text))
    ]
    both = [c for c in subject if names_kind(kind, c.text)]
    return both or subject or ([] if KIND_NONE else fit)
