"""Directness of a source to the question (GRADE's indirectness): direct, or indirect with the reason.

A source is *indirect* evidence for a question about patients when it

* does not name the question's intervention or condition (:func:`medcite.compose.plan.split_direct` finds
  that: "does not mention anxiety");
* studies animals or cells, not people (the classifier's ``EvidenceInfo.human`` is False, the design is
  ANIMAL, or the classifier reads the title alone as non-human): "animal or laboratory study";
* studies another condition: the conditions its title names (with the abstract's first sentence when the
  title names none; without a title, its MeSH headings) are neither the question's nor narrower ones (MeSH
  trees, from the shipped synonym file), and it does not name the question's condition there: "other
  condition: Infertility";
* studies the drug in anaesthesia or procedural sedation (its title says so, or its MeSH headings name
  anaesthesia or sedation; not the drug class "Anesthetics") while the question names no procedure:
  "other setting: anaesthesia or sedation" (the anxiety before an operation is not an anxiety disorder);
* studies another age group: the question names one (children, older adults) and the source's MeSH age
  headings are all others: "other population: Adult".

* is a study protocol or a rationale-and-design paper (its title says so: "Rationale and design of the
  ... trial", "... : study protocol", "protocol for a systematic review"): it reports no results, whatever
  design it plans: "protocol or design paper: reports no results".

These are rules about what a source studies, read from its indexing and title; they make no medical claim.
A question that itself names animals or cells, or that is not about patients (no population, no condition,
no clinical wording: "Is SATB1 positioned close to AT-rich sequences?"), or that asks how something works
or which gene, protein or receptor is involved (:func:`asks_mechanism`), takes animal and laboratory studies
as direct.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from medcite.compose.kinds import asks_class_of
from medcite.compose.question import QuestionAnalysis, QuestionType
from medcite.corpus.classify import classify, non_human
from medcite.domain import SourceRecord, StoredSource
from medcite.text import first_sentence
from medcite.text.design_cues import CLINICAL_WORDING
from medcite.text.synonyms import Descriptor, synonyms

ANIMAL = "animal or laboratory study"
OTHER_CONDITION = "other condition"
OTHER_SETTING = "other setting: anaesthesia or sedation"
OTHER_POPULATION = "other population"
NO_RESULTS = "protocol or design paper: reports no results"
# a title that names a protocol or a rationale-and-design paper (160 of the 45,967 titles of the shared
# corpora; none of those read was a results paper); the abstract is not read: "we describe the design" is
# as often a molecule's or a device's, and "This article presents the rationale" a review's
_PROTOCOL_TITLE = re.compile(
    r"\b(?:rationale,? (?:and )?design|design,? (?:and )?rationale|(?:study|trial|review) protocol|"
    r"protocol (?:for|of) (?:a|an|the) (?:[\w-]+ ){0,4}(?:trial|study|review)|design,? and methods of)\b",
    re.I,
)
# a source without a title is about its MeSH headings and its first sentence (off: the headings alone)
FIRST_SENTENCE = True

# anaesthesia and procedural sedation, in a source's title; and the perioperative setting ("Effect of
# preinduction low-dose ketamine bolus on intra operative and immediate postoperative analgesia requirement
# in day care surgery": the relevance model scores it 0.71 for ketamine in anxiety, over MODEL_NAMES)
_PROCEDURAL = re.compile(
    r"\b(?:an(?:a)?esthe(?:sia|tic|tized|tised)\w*|sedation|premedicat\w*|pre-?induction\b|"
    r"(?:intra|peri|post)[- ]?operative(?:ly)?\s+(?:\w+\s+)?analges\w*)",
    re.I,
)
# ... or MeSH headings (not the drug classes "Anesthetics, ...", "Hypnotics and Sedatives")
_PROCEDURAL_MESH = re.compile(r"^(?:Anesthesia\b|Conscious Sedation|Deep Sedation|Preanesthetic Medication)")
# a question that names a procedure or its setting: the rule above does not apply
QUESTION_PROCEDURE = re.compile(
    r"(?:ectomy|otomy|ostomy|plasty|(?<!micro)scopy|pexy|rrhaphy|surg\w*|operat\w*|an(?:a)?esthe\w*|sedat\w*|"
    r"analges\w*|premedicat\w*|intubat\w*|procedur\w*|transplant\w*|resection|implant\w*|biops\w*|cathet\w*|"
    r"ablation|bypass|graft\w*|emergenc\w*|\bpain)\b",
    re.I,
)


# a question about how something works or which molecule, gene or cell is involved ("Which gene is
# responsible for the Liebenberg syndrome?", "What is the target of the drug remdesivir?"): laboratory and
# genetic studies are the evidence that answers it, not indirect evidence, even where it names a condition.
# The molecular noun ends the wh-phrase ("Which enzyme is deficient ...", not "Which enzyme replacement
# therapy ..."). BioASQ 7B-9B, even half (first, broader form): factoid answer in the bottom line 125 -> 126
# of 238, summary ROUGE-2, PubMedQA and BioASQ yes/no unchanged (off: animal and laboratory studies are
# indirect)
_MOLECULAR_ASK = re.compile(
    r"\b(?:which|what)\s+(?:(?!of\b)[\w-]+\s+){0,2}?(?:genes?|proteins?|receptors?|enzymes?|kinases?|molecules?|"
    r"chromosomes?|mutations?|transcription factors?|micro-?RNAs?|miRNAs?|cell types?)"
    r"\s+(?:is|are|was|were|does|do|did|has|have|can|could|may|might|mediates?|regulates?|encodes?|binds?|"
    r"causes?|controls?|interacts?|underlies|underlie)\b"
    r"|\bchromosomal location\b|^\s*what (?:is|are) the (?:molecular |biological |cellular )?"
    r"(?:function|target)s? of\b",
    re.I,
)
MECHANISM_DIRECT = True
# ... and so do those of a yes/no question that asks which class a named thing belongs to
# (:func:`medcite.compose.kinds.asks_class`; off: as any question)
CLASS_DIRECT = True


def asks_mechanism(a: QuestionAnalysis) -> bool:
    """Whether the question asks how something works or which molecule, gene or cell is involved: then
    animal and laboratory studies are direct evidence (:data:`_MOLECULAR_ASK`)."""
    return MECHANISM_DIRECT and (
        a.focus is QuestionType.MECHANISM
        or bool(_MOLECULAR_ASK.search(a.question))
        or (CLASS_DIRECT and asks_class_of(a))
    )


@dataclass(frozen=True, slots=True)
class Directness:
    direct: bool
    reasons: tuple[str, ...]  # why the source is indirect (empty when direct)


@lru_cache(maxsize=256)
def about_patients(question: str, population: str | None, named: tuple[str, ...]) -> bool:
    """Whether the question is about people (then animal and laboratory studies are indirect): it does not
    name animals or cells, and it names a population, a condition or clinical wording."""
    human = classify(SourceRecord(key="question", title=question)).human
    if human is False:
        return False
    clinical = CLINICAL_WORDING.search(question)
    return bool(human or population or clinical or any(_conditions(n) for n in named))


@lru_cache(maxsize=4096)
def _title_not_human(title: str) -> bool:
    """A title that names animal or laboratory subjects (the classifier read on the title alone): a store
    classified by an older classifier may call such a source human or unknown."""
    return bool(title.strip()) and classify(SourceRecord(key="title", title=title)).human is False


@lru_cache(maxsize=4096)
def _conditions(text: str) -> tuple[Descriptor, ...]:
    return tuple(d for d in synonyms().find(text) if d.is_condition)


def _age_groups(headings: Sequence[str]) -> list[Descriptor]:
    vocab = synonyms()
    return [d for h in headings if (d := vocab.descriptors.get(h)) is not None and d.is_age_group]


def question_conditions(a: QuestionAnalysis) -> tuple[Descriptor, ...]:
    """The conditions the question's condition names (MeSH C, F03, F01.470), if any."""
    return _conditions(a.expanded(a.condition)) if a.condition else ()


def topic_text(rec: SourceRecord) -> str:
    """What a source is about, for the condition rule: its title, with the abstract's first sentence when
    the title names no condition ("... for pediatric orthopedic emergencies" / "Emergency management of
    pediatric fractures ..."); without a title, its MeSH headings and that sentence ("Upper tract urinary
    carcinoma (UTUC) is a relatively uncommon but aggressive disease" under "Urologic Neoplasms")."""
    if not rec.title.strip():
        heads = "; ".join(m.descriptor for m in rec.mesh)
        first = first_sentence(rec.text) if FIRST_SENTENCE and heads else ""
        return f"{heads}. {first}" if first else heads
    if _conditions(rec.title):
        return rec.title
    first = first_sentence(rec.text)
    return f"{rec.title} {first}" if first else rec.title


def names_no_condition(rec: SourceRecord) -> bool:
    """A record stored without a title (a BioASQ snippet, or an untitled abstract) whose text names no
    condition (MeSH C, F03) at all."""
    return not rec.title.strip() and not _conditions(rec.text)


def other_condition(a: QuestionAnalysis, src: StoredSource, condition_named: bool) -> str | None:
    """The source's conditions, when none of them is the question's or a narrower one (None otherwise).
    ``condition_named``: the source's :func:`topic_text` names the question's condition in words."""
    wanted = question_conditions(a)
    if not wanted or condition_named:
        return None
    found = _conditions(topic_text(src.record))
    if not found or any(f.related(w) for f in found for w in wanted):
        return None
    names = list(dict.fromkeys(f.heading for f in found))[:2]
    return f"{OTHER_CONDITION}: {', '.join(names)}"


def other_setting(a: QuestionAnalysis, src: StoredSource) -> str | None:
    """Anaesthesia or sedation in the source's title or MeSH headings, no procedure in the question."""
    if not a.condition or QUESTION_PROCEDURE.search(a.question):
        return None
    rec = src.record
    if _PROCEDURAL.search(rec.title) or any(_PROCEDURAL_MESH.match(m.descriptor) for m in rec.mesh):
        return OTHER_SETTING
    return None


def other_population(a: QuestionAnalysis, src: StoredSource) -> str | None:
    """The source's MeSH age groups, when the question names an age group and they are all others."""
    if not a.population:
        return None
    wanted = [d for d in synonyms().find(a.population) if d.is_age_group]
    found = _age_groups([m.descriptor for m in src.record.mesh])
    if not wanted or not found or any(f.related(w) for f in found for w in wanted):
        return None
    return f"{OTHER_POPULATION}: {', '.join(sorted({f.heading for f in found}))}"


def grade(
    a: QuestionAnalysis, src: StoredSource, missing: Sequence[str], condition_named: bool
) -> Directness:
    """Direct, or indirect with the reasons. ``missing``: the question's concepts the source does not
    name; ``condition_named``: its title or headings name the question's condition."""
    reasons = [f"does not mention {' or '.join(missing)}"] if missing else []
    named = tuple(x for x in (a.condition, a.intervention) if x)
    animal = non_human(src) or _title_not_human(src.record.title)
    if animal and about_patients(a.question, a.population, named) and not asks_mechanism(a):
        reasons.append(ANIMAL)
    if _PROTOCOL_TITLE.search(src.record.title):
        reasons.append(NO_RESULTS)
    for rule in (other_condition(a, src, condition_named), other_setting(a, src), other_population(a, src)):
        if rule:
            reasons.append(rule)
    return Directness(not reasons, tuple(reasons))
