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

No BioASQ data (evaluation and research terms) is used.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from pathlib import Path

from sentence_fit_data import read_jsonl, squash
from train_direction import split_ids

from medcite.corpus.roles import heading_role
from medcite.text import split_sentences

LABELS = ("yes", "uncertain", "no")  # the order of the verifier's (entailment, neutral, contradiction)
LICENCES = {"pubmedqa": "MIT", "evidence_inference": "MIT"}
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


def ei_pairs(data: Path, rng: random.Random, off_share: float = 0.35) -> dict[str, list[Pair]]:
    """Evidence Inference spans as templated yes/no questions, per split (train, validation); about
    ``off_share`` of the prompts also give a background/methods sentence pair (uncertain)."""
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
    return out


def build(data: Path, seed: int, pqa_repeat: int) -> tuple[list[Pair], dict[str, list[Pair]]]:
    """(training pairs, shuffled; dev sets by name: PubMedQA odd half conclusions, EI validation)."""
    rng = random.Random(seed)
    ei = ei_pairs(data, rng)
    train = ei["train"] + pubmedqa_pairs(data, 0, rng) * pqa_repeat
    rng.shuffle(train)
    dev = {
        "pubmedqa_odd": [p for p in pubmedqa_pairs(data, 1, random.Random(seed)) if p.source == "pubmedqa"],
        "ei_validation": ei["validation"],
    }
    return train, dev
