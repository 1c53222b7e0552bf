"""Training groups for the sentence-fit cross-encoder: (question, the sentence of an abstract that answers it,
other sentences), built only from data whose licence allows a shipped model.

Positives
- Evidence Inference v2 (MIT): each intervention/comparator/outcome prompt of ``rerank/pairs.jsonl.gz`` whose
  evidence passage lies inside its trial's abstract (``evidence_inference/ei_abstracts.jsonl.gz``), with the
  abstract sentence(s) holding that passage. Validation-split articles are the dev slice; test-split
  articles are never used.
- PubMedQA (MIT): the EVEN-index questions of ``pubmedqa/questions_dev.jsonl`` (0-based, file order) with a
  sentence of their abstract's conclusion. The odd half stays held out (the stance evaluation set).
BioASQ snippets are NOT used (BioASQ terms).

Negatives (``--hard`` per group): sentences of the same abstract's background, objective and methods sections
(on the topic, but no answer), and one sentence of another abstract of the pool. Other findings of the same
abstract are not negatives: a question asked in general terms is answered by them too.
"""

from __future__ import annotations

import gzip
import json
import random
import re
import sys
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from relevance_data import Doc, Group, ei_prompts

from medcite.text.sentences import split_sentences

LICENCES = {"pubmedqa": "MIT", "evidence_inference": "MIT"}
MIN_CHARS = 30  # a shorter "sentence" is a fragment (a table cell, a label)


def read_jsonl(path: Path) -> Iterator[dict[str, object]]:
    """The rows of a JSON Lines file (gzip-compressed when it ends in .gz)."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            yield json.loads(line)


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def sentences(text: str) -> list[str]:
    return [s for a, b in split_sentences(text) if len(s := text[a:b].strip()) >= MIN_CHARS]


NOT_FINDINGS = re.compile(
    r"background|introduction|objective|aim|purpose|method|design|setting|participant", re.I
)


def not_findings(sections: object) -> list[str]:
    """The sentences of the labelled sections that report no finding (background, objective, methods)."""
    if not isinstance(sections, list):
        return []
    return [
        s
        for sec in sections
        if isinstance(sec, dict) and NOT_FINDINGS.search(str(sec.get("label") or ""))
        for s in sentences(squash(str(sec["text"])))
    ]


def ei_abstracts(data: Path) -> dict[str, tuple[str, list[str]]]:
    """Each trial's abstract text and its background/methods sentences."""
    out = {}
    for r in read_jsonl(data / "evidence_inference" / "ei_abstracts.jsonl.gz"):
        secs = r.get("abstract_sections") or []
        text = (
            " ".join(str(s["text"]) for s in secs) if isinstance(secs, list) else str(r.get("abstract") or "")
        )
        out[str(r["pmcid"])] = (squash(text), not_findings(secs))
    return out


def ei_groups(data: Path, rng: random.Random, hard: int) -> tuple[list[Group], list[Group]]:
    """(train, dev): each prompt with the abstract sentence that holds its evidence, against ``hard`` other
    sentences of the same abstract; dev = the validation split's articles."""
    abstracts = ei_abstracts(data)
    train: list[Group] = []
    dev: list[Group] = []
    seen: set[tuple[str, str]] = set()  # the first row of a prompt whose evidence lies in the abstract
    for query, pmcid, passage, is_dev in ei_prompts(data, distinct=False):
        (text, neg), evidence = abstracts.get(pmcid, ("", [])), squash(passage)
        if len(evidence) < MIN_CHARS or evidence not in text or (query, pmcid) in seen:
            continue
        seen.add((query, pmcid))
        sents = sentences(text)
        pos = [s for s in sents if evidence in s or s in evidence]
        if not pos or len(neg) < hard:
            continue
        g = Group(
            query, Doc(pmcid, pos[0]), [Doc(pmcid, s) for s in rng.sample(neg, hard)], "evidence_inference"
        )
        (dev if is_dev else train).append(g)
    return train, dev


def pubmedqa_groups(data: Path, rng: random.Random, hard: int, parity: int = 0) -> list[Group]:
    """PubMedQA dev questions of one parity with a conclusion sentence of their abstract, against other
    sentences (background, methods, results) of the same abstract."""
    abstracts = {str(r["pmid"]): r for r in read_jsonl(data / "pubmedqa" / "abstracts.jsonl")}
    out = []
    for i, q in enumerate(read_jsonl(data / "pubmedqa" / "questions_dev.jsonl")):
        r = abstracts.get(str(q["pmid"]))
        if i % 2 != parity or r is None or not r.get("conclusion"):
            continue
        pos = sentences(squash(str(r["conclusion"])))
        neg = not_findings(r.get("sections"))
        if not pos or len(neg) < hard:
            continue
        pmid = str(q["pmid"])
        out.append(
            Group(
                str(q["question"]),
                Doc(pmid, pos[0]),
                [Doc(pmid, s) for s in rng.sample(neg, hard)],
                "pubmedqa",
            )
        )
    return out


def build(data: Path, seed: int, hard: int, pqa_repeat: int) -> tuple[list[Group], list[Group]]:
    """(train, dev) groups, each with ``hard`` same-abstract negatives and one sentence of another group's
    abstract."""
    rng = random.Random(seed)
    train, dev = ei_groups(data, rng, hard)
    for _ in range(pqa_repeat):
        train += pubmedqa_groups(data, rng, hard)
    pool = [d for g in train + dev for d in g.negatives]
    for g in train + dev:
        other = rng.choice(pool)
        while other.key == g.positive.key:
            other = rng.choice(pool)
        g.negatives.append(other)
    rng.shuffle(train)
    return train, dev
