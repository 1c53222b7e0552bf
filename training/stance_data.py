"""Training pairs for the stance reader: (evidence sentence, yes/no question) -> yes / uncertain / no.

The stance reader (``train_stance_reader.py``) reads one verified sentence against the question and says
whether it answers *yes*, *no*, or neither (*uncertain*: a hedged finding, or a sentence that does not
answer). Labels by construction, from two MIT-licensed sets only:

* **PubMedQA** (``pubmedqa/questions_dev.jsonl`` with ``abstracts.jsonl``), the even-indexed questions
  only (the odd half is the held-out half of ``bench/bench_answers.py``): the question against its
  abstract's conclusion (yes / no; "maybe" -> uncertain), and against one background or objective sentence
  of the same abstract (uncertain: it does not answer).
* **Evidence Inference 2.0** (``evidence_inference/v2_annotations.csv`` + ``prompts_merged.csv``): each
  annotated evidence span with its intervention, comparator and outcome, turned into a yes/no question by
  one of three templates chosen by a seeded draw: "Does I increase O compared with C?", "Does I reduce O
  compared with C?", "Is there a difference in O between I and C?"; the label follows from the annotated
  direction (significantly increased / decreased / no significant difference). Plus the same question
  against a background or methods sentence of the trial's abstract (uncertain). EI's own article splits:
  ``ev2_train`` is trained on, ``ev2_validation`` is the dev set, ``ev2_test`` is never read.

* **Attribute questions** (``--attributes``; not in the shipped model): sentences of the licence-OK
  abstracts of ``corpora/abstracts_extra`` (SYNERGY CC0, ASReview CC BY 4.0, BC5CDR public domain,
  Evidence Inference MIT) that state an attribute or an action ("X is an atypical antipsychotic", "X
  inhibits Y") against their own question (yes) or the question with one word turned to its opposite
  ("Is X a typical antipsychotic?": no). One record in ten is dev. Trained in (2026-11-30): held-out
  attribute questions 0.726 -> 0.968, but PubMedQA odd-half conclusions (yes/no) 0.817 -> 0.785 and the
  BioASQ 7B-9B yes/no even (tuning) half end to end 58.0% -> 58.5% (15 more "no" answers right, 14 more
  "yes" answers wrong), so the shipped reader stays without them.

* **Contrasts** (``--contrasts``): each significant Evidence Inference finding of the training articles with
  one negation added (``pair_kinds.negation``, kept only when it adds one) against its question (no: a
  negated effect is no effect); the one-sentence "yes" conclusions of the even PubMedQA questions with a
  negation added (no); and each even PubMedQA question against another abstract's conclusion (uncertain:
  it answers another question). The dev set ``pubmedqa_odd_contrasts`` is the same for the odd questions.

No BioASQ data (evaluation and research terms) is used.
"""

from __future__ import annotations

import csv
import random
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pair_kinds as pk
from relevance_data import EXTRA_OK
from sentence_fit_data import read_jsonl, squash
from train_direction import split_ids

from medcite.corpus.roles import heading_role
from medcite.text import split_sentences

LABELS = ("yes", "uncertain", "no")  # the order of the verifier's (entailment, neutral, contradiction)
LICENCES = {
    "pubmedqa": "MIT",
    "evidence_inference": "MIT",
    "synergy": "CC0",
    "asreview": "CC BY 4.0",
    "bc5cdr": "NCBI public domain",
}
_PQA_LABEL = {"yes": "yes", "no": "no", "maybe": "uncertain"}
_DIRECTION = {
    "significantly increased": "increased",
    "significantly increase": "increased",
    "significantly decreased": "decreased",
    "no significant difference": "no_difference",
}
# template -> the answer for each annotated direction
_UP = {"increased": "yes", "decreased": "no", "no_difference": "no"}
_DOWN = {"increased": "no", "decreased": "yes", "no_difference": "no"}
TEMPLATES: tuple[tuple[str, dict[str, str]], ...] = (
    ("Does {i} increase {o} compared with {c}?", _UP),
    ("Does {i} reduce {o} compared with {c}?", _DOWN),
    (
        "Is there a difference in {o} between {i} and {c}?",
        {"increased": "yes", "decreased": "yes", "no_difference": "no"},
    ),
)
_NOT_FINDINGS = ("background", "objective", "methods")


@dataclass(frozen=True, slots=True)
class Pair:
    sentence: str  # the premise: one evidence sentence
    question: str  # the hypothesis: the yes/no question
    label: str  # yes / uncertain / no
    source: str  # pubmedqa, pubmedqa-off, ei, ei-off


def _short(text: str, limit: int = 120) -> str:
    """A prompt field cut at a word boundary, first letter lower-cased unless it is an acronym."""
    t = squash(text).rstrip(".")
    if len(t) > limit:
        t = t[:limit].rsplit(" ", 1)[0]
    if len(t) > 1 and t[0].isupper() and not t[1].isupper():
        t = t[0].lower() + t[1:]
    return t


def _non_findings(sections: list[dict[str, str]]) -> list[str]:
    """The background, objective and methods sentences of labelled abstract sections."""
    out = []
    for sec in sections:
        if heading_role(str(sec.get("label") or "")) in _NOT_FINDINGS:
            text = str(sec.get("text") or "")
            out += [squash(text[s:e]) for s, e in split_sentences(text)]
    return [s for s in out if len(s) >= 30]


def pubmedqa_pairs(data: Path, parity: int, rng: random.Random) -> list[Pair]:
    """PubMedQA dev questions of one parity (0: even indices, trained on; 1: odd, held out)."""
    abstracts = {str(r["pmid"]): r for r in read_jsonl(data / "pubmedqa" / "abstracts.jsonl")}
    out: list[Pair] = []
    for i, r in enumerate(read_jsonl(data / "pubmedqa" / "questions_dev.jsonl")):
        ab = abstracts.get(str(r["pmid"]))
        if i % 2 != parity or ab is None or not ab.get("conclusion"):
            continue
        q = str(r["question"])
        out.append(Pair(squash(str(ab["conclusion"])), q, _PQA_LABEL[str(r["answer"])], "pubmedqa"))
        other = _non_findings(ab["sections"])  # type: ignore[arg-type]
        if other:
            out.append(Pair(rng.choice(other), q, "uncertain", "pubmedqa-off"))
    return out


_NEGATED = re.compile(r"\b(?:not|no|without|never|neither|nor)\b", re.I)


def negated(sentence: str, rng: random.Random) -> str | None:
    """The sentence with one negation *added* (pair_kinds.negation, kept only when it adds one): a
    significant finding negated says there was no such effect."""
    new = pk.negation(sentence, rng)
    if new is None or len(_NEGATED.findall(new)) <= len(_NEGATED.findall(sentence)):
        return None
    return new


def contrast_pairs(data: Path, parity: int, seed: int) -> list[Pair]:
    """For the PubMedQA questions of one parity: a one-sentence "yes" conclusion with a negation added
    (no), and the question against another abstract's conclusion (uncertain: it answers another question).
    Its own seeded generator: the other pairs stay as they were."""
    rng = random.Random(seed)
    abstracts = {str(r["pmid"]): r for r in read_jsonl(data / "pubmedqa" / "abstracts.jsonl")}
    rows = [r for i, r in enumerate(read_jsonl(data / "pubmedqa" / "questions_dev.jsonl")) if i % 2 == parity]
    kept = [abstracts[str(r["pmid"])] for r in rows if str(r["pmid"]) in abstracts]
    conclusions = [squash(str(ab["conclusion"])) for ab in kept]
    out: list[Pair] = []
    for r in rows:
        ab = abstracts.get(str(r["pmid"]))
        if ab is None or not ab.get("conclusion"):
            continue
        own, q = squash(str(ab["conclusion"])), str(r["question"])
        if r["answer"] == "yes" and len(split_sentences(own)) == 1:
            flipped = negated(own, rng)
            if flipped is not None:
                out.append(Pair(flipped, q, "no", "pubmedqa-neg"))
        other = rng.choice(conclusions)
        if other != own:
            out.append(Pair(other, q, "uncertain", "pubmedqa-other"))
    return out


def ei_pairs(
    data: Path, rng: random.Random, off_share: float = 0.35, negate_share: float = 0.0
) -> dict[str, list[Pair]]:
    """Evidence Inference spans as templated yes/no questions, per split (train, validation); about
    ``off_share`` of the prompts also give a background/methods sentence pair (uncertain), and about
    ``negate_share`` of the significant findings the same span with a negation added (no, whatever the
    template: a negated significant effect is no effect). The negated pairs draw from their own seeded
    generator, so the other pairs stay as they were."""
    neg_rng = random.Random(zlib.crc32(b"ei-neg")) if negate_share else None
    ei = data / "evidence_inference"
    splits = split_ids(data)
    with (ei / "prompts_merged.csv").open(encoding="utf-8") as fh:
        prompts = {row["PromptID"]: row for row in csv.DictReader(fh)}
    abstracts = {
        str(r["pmcid"]).removeprefix("PMC"): _non_findings(r["abstract_sections"])  # type: ignore[arg-type]
        for r in read_jsonl(ei / "ei_abstracts.jsonl.gz")
    }
    out: dict[str, list[Pair]] = {"train": [], "validation": []}
    seen: set[tuple[str, str]] = set()
    with (ei / "v2_annotations.csv").open(encoding="utf-8") as fh:
        rows = sorted(csv.DictReader(fh), key=lambda r: (int(r["PromptID"]), r["UserID"]))
    for row in rows:
        direction = _DIRECTION.get(row["Label"].strip())
        split = splits.get(row["PMCID"])
        prompt = prompts.get(row["PromptID"])
        span = squash(row["Annotations"])
        if direction is None or split not in out or prompt is None or len(span) < 20:
            continue
        if (row["PromptID"], span) in seen:
            continue
        seen.add((row["PromptID"], span))
        template, answers = rng.choice(TEMPLATES)
        q = template.format(
            i=_short(prompt["Intervention"]), c=_short(prompt["Comparator"]), o=_short(prompt["Outcome"])
        )
        out[split].append(Pair(span, q, answers[direction], "ei"))
        other = abstracts.get(row["PMCID"]) or []
        if other and rng.random() < off_share:
            out[split].append(Pair(rng.choice(other), q, "uncertain", "ei-off"))
        significant = direction != "no_difference" and split == "train"
        if neg_rng is not None and significant and neg_rng.random() < negate_share:
            flipped = negated(span, neg_rng)
            if flipped is not None:
                out[split].append(Pair(flipped, q, "no", "ei-neg"))
    return out


# --- attribute questions: "Is X a Y?" and "Does X inhibit Y?" against the sentence that says so -----------
# A word of the stated attribute or verb swapped for its opposite makes a question the same sentence answers
# "no": what a factual yes/no question turns on ("Is pimavanserin a typical antipsychotic?" against "...
# pimavanserin, an atypical antipsychotic"). Opposites only, no looser relations (a sibling category need not
# exclude: a drug can be an antineoplastic and an enzyme inhibitor).
_OPPOSITES = (
    ("monoclonal", "polyclonal"),
    ("typical", "atypical"),
    ("viral", "bacterial"),
    ("benign", "malignant"),
    ("acute", "chronic"),
    ("agonist", "antagonist"),
    ("agonists", "antagonists"),
    ("dominant", "recessive"),
    ("selective", "non-selective"),
    ("reversible", "irreversible"),
    ("inherited", "acquired"),
    ("hydrophilic", "lipophilic"),
    ("upregulated", "downregulated"),
    ("pro-inflammatory", "anti-inflammatory"),
    ("excitatory", "inhibitory"),
    ("central", "peripheral"),
    ("innate", "adaptive"),
    ("local", "systemic"),
    ("short-acting", "long-acting"),
    ("competitive", "non-competitive"),
    ("inhibitor", "activator"),
    ("inhibitors", "activators"),
    ("common", "rare"),
    ("safe", "unsafe"),
    ("effective", "ineffective"),
    ("superior", "inferior"),
    ("higher", "lower"),
    ("increased", "decreased"),
    ("gram-positive", "gram-negative"),
    ("hypertension", "hypotension"),
    ("hyperglycemia", "hypoglycemia"),
    ("hyperthyroidism", "hypothyroidism"),
    ("DNA", "RNA"),
    ("men", "women"),
    ("children", "adults"),
    ("first", "last"),
)
_VERBS = {  # third person -> (base form, the opposite's base form)
    "inhibits": ("inhibit", "activate"),
    "activates": ("activate", "inhibit"),
    "induces": ("induce", "inhibit"),
    "increases": ("increase", "decrease"),
    "decreases": ("decrease", "increase"),
    "reduces": ("reduce", "increase"),
    "promotes": ("promote", "suppress"),
    "suppresses": ("suppress", "promote"),
    "improves": ("improve", "worsen"),
    "enhances": ("enhance", "reduce"),
    "prevents": ("prevent", "cause"),
    "stimulates": ("stimulate", "inhibit"),
    "upregulates": ("upregulate", "downregulate"),
    "downregulates": ("downregulate", "upregulate"),
}
_OPPOSITE = {a: b for x, y in _OPPOSITES for a, b in ((x, y), (y, x))}
_SWAPPABLE = re.compile(r"\b(" + "|".join(sorted(map(re.escape, _OPPOSITE), key=len, reverse=True)) + r")\b")
_SUBJECT = r"([A-Z][\w()+/-]*(?: [\w()+/-]+){0,4})"
_IS_A = re.compile(
    rf"^{_SUBJECT},? (is|are|was|were) ((?:an?|the) )?([\w /+-]{{3,60}}?)"
    r"(?= that| which| with| in| for| of|[,.;]|$)"
)
_APPOSITION = re.compile(
    rf"^{_SUBJECT}, ((?:an?|the) )([a-z][\w /+-]{{3,60}}?), (?:is|was|are|has|have|had|can|which|were)\b"
)
_DOES = re.compile(
    rf"^{_SUBJECT} ({'|'.join(_VERBS)}) ([\w /+()-]{{3,60}}?)(?= in| by| through| via| and|[,.;]|$)"
)
_HEDGED = re.compile(r"\b(?:may|might|could|whether|suggest\w*|possibl\w*|unclear|not|no)\b", re.I)
_NOT_SUBJECT = frozenset(
    "this these the it we our in a an there such that those its they all both one however thus here "
    "although because when while since after before during significant similar statistically also only "
    "showed shown was were is are has have had be".split()
)
# where a stated attribute stops being one: "a safe procedure compared with ...", "a rare disorder caused by"
_ATTRIBUTE_END = re.compile(
    r"\s+(?:compared|caused|associated|due|seen|observed|found|used|given|and|or)\b.*$"
)


def _subject(phrase: str) -> str | None:
    """The subject as a question states it (first letter lower-cased unless an acronym or a name with
    capitals inside), or None for a phrase that is not a noun phrase ("Significant increases", "Immigrants
    showed")."""
    words = phrase.split()
    if any(w.lower() in _NOT_SUBJECT or (w.endswith("ed") and i) for i, w in enumerate(words)):
        return None
    if words[0].lower() in _NOT_SUBJECT or len(phrase) < 3:
        return None
    first = words[0]
    if len(first) > 1 and first[1:].islower():
        words[0] = first.lower()
    return " ".join(words)


def _attribute_questions(sentence: str) -> tuple[str, str] | None:
    """(the question the sentence answers yes, the same with its attribute or verb turned to the opposite)."""
    if _HEDGED.search(sentence) or len(sentence) > 300:
        return None
    m = _DOES.match(sentence) or _APPOSITION.match(sentence) or _IS_A.match(sentence)
    subject = _subject(m.group(1)) if m else None
    if m is None or subject is None:
        return None
    if m.re is _DOES:
        verb, obj = m.group(2), m.group(3)
        base, opposite = _VERBS[verb]
        aux = "Do" if subject.split()[-1].lower().endswith("s") and not subject.isupper() else "Does"
        yes, no = f"{aux} {subject} {base} {obj}?", f"{aux} {subject} {opposite} {obj}?"
    else:
        if m.re is _APPOSITION:
            cop, art, attr = "is", m.group(2), m.group(3)
        else:
            cop, art, attr = m.group(2), m.group(3) or "", m.group(4)
        attr = _ATTRIBUTE_END.sub("", attr)
        swap = _SWAPPABLE.search(attr)
        if swap is None or (art and swap.end() == len(attr)):
            return None  # "a systemic" (the noun cut off): not a question
        turned = attr[: swap.start()] + _OPPOSITE[swap.group(1)] + attr[swap.end() :]
        # the article follows the new first word: "a typical" / "an atypical"
        art_no = ("an " if turned[:1].lower() in "aeiou" else "a ") if art.strip() in ("a", "an") else art
        verb = cop.replace("was", "is").replace("were", "are").capitalize()
        yes, no = f"{verb} {subject} {art}{attr}?", f"{verb} {subject} {art_no}{turned}?"
    return yes, no


def _licensed_sentences(data: Path) -> Iterator[tuple[str, str]]:
    """(split, sentence) of the licence-OK abstracts of ``abstracts_extra`` (SYNERGY CC0, ASReview CC BY 4.0,
    BC5CDR public domain, Evidence Inference MIT); one record in ten is dev ("validation")."""
    for r in read_jsonl(data / "corpora" / "abstracts_extra.jsonl.gz"):
        source, text = str(r.get("source") or ""), str(r.get("abstract") or "")
        if not source.startswith(EXTRA_OK) or not text:
            continue
        split = "validation" if zlib.crc32(f"{source}:{r.get('pmid')}".encode()) % 10 == 0 else "train"
        for s, e in split_sentences(text):
            yield split, squash(text[s:e])


def attribute_pairs(data: Path, rng: random.Random, share_yes: float = 0.5) -> dict[str, list[Pair]]:
    """Attribute and action questions from licence-OK abstracts (``abstracts_extra``: SYNERGY CC0, ASReview
    CC BY 4.0, BC5CDR public domain, Evidence Inference MIT): per sentence, either its own question (yes) or
    the turned one (no), by a seeded draw. Split by record: one in ten is dev."""
    out: dict[str, list[Pair]] = {"train": [], "validation": []}
    for split, sentence in _licensed_sentences(data):
        qs = _attribute_questions(sentence)
        if qs is None:
            continue
        yes = rng.random() < share_yes
        out[split].append(Pair(sentence, qs[0] if yes else qs[1], "yes" if yes else "no", "attribute"))
    return out


# --- sibling attributes: "Is X a Y'?" where the sentence says X is a Y of the same kind ---------------------
# BioASQ's factual "no" questions mostly name a sibling of what the sources say ("Is L-4F an apoE mimetic
# peptide?" against "L-4F, an apoA-I mimetic peptide"; "Is Bcl-2-like protein 1 a pro-apoptotic protein?"),
# not an opposite word. A stated attribute's last word is its kind ("peptide", "antibody", "inhibitor");
# another
# attribute of the same kind whose other words the sentence never uses is, by construction, what the subject
# is not (noisy: a drug can be two kinds of inhibitor).
_MODIFIER = re.compile(r"[a-z0-9][\w+/-]*", re.I)
# kinds whose sorts exclude each other ("an antiepileptic drug" is no "antipsychotic drug"), and words that
# grade rather than sort ("a powerful agent", "an important component")
_KINDS = frozenset(
    "drug drugs agent agents antibody antibodies peptide peptides inhibitor inhibitors agonist agonists "
    "antagonist antagonists receptor receptors protein proteins enzyme enzymes disorder disease syndrome "
    "virus infection gene genes hormone vaccine compound antidepressant antipsychotic anticonvulsant "
    "antibiotic derivative analogue analog blocker blockers kinase molecule channel neurotransmitter "
    "medication tumor tumour cancer carcinoma cell cells".split()
)
_GRADES = frozenset(
    "new novel important major minor primary main common rare uncommon unusual potent powerful effective "
    "useful leading well-known known severe serious mild frequent infrequent promising potential possible "
    "rapidly slowly highly very relatively widely commonly recently first second third only other same "
    "different specific particular certain various several many most more less best better good poor "
    "complex simple heterogeneous progressive chronic acute".split()
)


def _sorts(attr: str) -> set[str]:
    """The words of an attribute that say which sort of its kind it is (not its grade, not its kind)."""
    return {
        w.lower() for w in _MODIFIER.findall(attr)[:-1] if w.lower() not in _GRADES and not w.endswith("ly")
    }


def _stated(sentence: str) -> tuple[str, str, str, str] | None:
    """(subject, copula, article, attribute) of an "X is a Y" or "X, a Y, ..." sentence; None otherwise."""
    if _HEDGED.search(sentence) or len(sentence) > 300:
        return None
    m = _APPOSITION.match(sentence) or _IS_A.match(sentence)
    subject = _subject(m.group(1)) if m else None
    if m is None or subject is None:
        return None
    if m.re is _APPOSITION:
        cop, art, attr = "is", m.group(2), m.group(3)
    else:
        cop, art, attr = m.group(2), m.group(3) or "", m.group(4)
    attr = _ATTRIBUTE_END.sub("", attr).strip()
    words = attr.split()
    if not art.strip() or not 2 <= len(words) <= 6 or not words[-1].isalpha() or len(words[-1]) < 4:
        return None
    return subject, cop, art.strip(), attr


def _question(cop: str, subject: str, art: str, attr: str) -> str:
    verb = cop.replace("was", "is").replace("were", "are").capitalize()
    if art in ("a", "an"):
        art = "an" if attr[:1].lower() in "aeiou" else "a"
    return f"{verb} {subject} {art} {attr}?"


def sibling_pairs(data: Path, rng: random.Random, share_yes: float = 0.5) -> dict[str, list[Pair]]:
    """Attribute questions whose "no" names a sibling attribute (same last word, no modifier the sentence
    uses), from the licence-OK abstracts of ``abstracts_extra``; one record in ten is dev (as
    :func:`attribute_pairs`)."""
    found: list[tuple[str, str, tuple[str, str, str, str]]] = []
    for split, sentence in _licensed_sentences(data):
        st = _stated(sentence)
        if st is not None:
            found.append((split, sentence, st))
    kinds: dict[str, list[str]] = {}
    for _split, _sentence, (_subj, _cop, _art, attr) in found:
        if attr.split()[-1].lower() in _KINDS and _sorts(attr):
            kinds.setdefault(attr.split()[-1].lower(), []).append(attr)
    out: dict[str, list[Pair]] = {"train": [], "validation": []}
    for split, sentence, (subj, cop, art, attr) in found:
        low = sentence.lower()
        others = [
            o
            for o in dict.fromkeys(kinds.get(attr.split()[-1].lower(), []))
            if _sorts(attr) and not any(w in low for w in _sorts(o)) and o.lower() != attr.lower()
        ]
        draw = rng.random()
        if not others:  # a few of the sentences without a sibling keep their own question (yes)
            if draw < 0.1:
                out[split].append(Pair(sentence, _question(cop, subj, art, attr), "yes", "sibling"))
        elif draw < share_yes:
            out[split].append(Pair(sentence, _question(cop, subj, art, attr), "yes", "sibling"))
        else:
            q = _question(cop, subj, art, rng.choice(others))
            out[split].append(Pair(sentence, q, "no", "sibling"))
    return out


def build(
    data: Path,
    seed: int,
    pqa_repeat: int,
    attributes: bool = False,
    contrasts: bool = False,
    siblings: int = 0,
) -> tuple[list[Pair], dict[str, list[Pair]]]:
    """(training pairs, shuffled; dev sets by name: PubMedQA odd half conclusions, EI validation, the
    attribute questions' dev records). ``attributes``: train on the attribute questions too (the shipped
    model does not: see its model card); ``siblings``: the sibling-attribute questions, that many copies;
    their own seeded draws leave the other pairs as they were."""
    rng = random.Random(seed)
    ei = ei_pairs(data, rng, negate_share=1.0 if contrasts else 0.0)
    attr = attribute_pairs(data, random.Random(seed + 1))
    sib = sibling_pairs(data, random.Random(seed + 3)) if siblings else {"train": [], "validation": []}
    train = ei["train"] + pubmedqa_pairs(data, 0, rng) * pqa_repeat + (attr["train"] if attributes else [])
    train += sib["train"] * siblings
    if contrasts:
        train += contrast_pairs(data, 0, seed + 2) * pqa_repeat
    rng.shuffle(train)
    dev = {
        "pubmedqa_odd": [p for p in pubmedqa_pairs(data, 1, random.Random(seed)) if p.source == "pubmedqa"],
        "ei_validation": ei["validation"],
        "attribute_validation": attr["validation"],
        **({"sibling_validation": sib["validation"]} if siblings else {}),
        "pubmedqa_odd_contrasts": contrast_pairs(data, 1, seed + 2),
    }
    return train, dev
