"""Readers that turn the shared datasets into (premise, hypothesis, label) pairs for the verifier.

Labels: 0 = entailment, 1 = neutral, 2 = contradiction. The premise is evidence text, the hypothesis
is the claim. Every pair carries its ``source`` and ``licence`` so the model card can list them.

Held-out splits that are NEVER used for training (see :func:`scifact_heldout` and :func:`ei_heldout_pmcids`):
- SciFact RTE pairs whose claim hashes to bucket 0 of 5 (md5 of the claim text);
- Evidence Inference articles listed in ``splits/validation_article_ids.txt`` and
  ``splits/test_article_ids.txt``.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ENTAIL, NEUTRAL, CONTRADICT = 0, 1, 2

#: NLI sources in nli/pairs.jsonl.gz whose licence allows a shipped derived model.
NLI_OK = {
    "mnli": "MNLI: OANC + CC BY-SA 3.0",
    "snli": "CC BY-SA 4.0",
    "scitail": "Apache-2.0",
    "fever_nli": "FEVER: CC BY-SA 3.0 (Wikipedia)",
}
_CIT = re.compile(r"\s*\[[^\]]*<\|[a-z_]+\|>[^\]]*\]|<\|[a-z_]+\|>")


@dataclass(frozen=True)
class Pair:
    premise: str
    hypothesis: str
    label: int
    source: str
    licence: str

    def to_json(self) -> str:
        return json.dumps(self.__dict__, ensure_ascii=False)


def clean_citing(text: str) -> str:
    """Drop Citation-Integrity citation markers like ``[<|multi_cit|>,7]``."""
    return re.sub(r"\s+", " ", _CIT.sub("", text)).strip()


def nli_pairs(data: Path, rng: random.Random, per_source: dict[str, int]) -> list[Pair]:
    rows: dict[str, list[Pair]] = {k: [] for k in per_source}
    lab = {"entailment": ENTAIL, "neutral": NEUTRAL, "contradiction": CONTRADICT, "not_entailment": NEUTRAL}
    with gzip.open(data / "nli" / "pairs.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            src = r["source"]
            if src not in per_source or src not in NLI_OK:
                continue
            rows[src].append(Pair(r["premise"], r["hypothesis"], lab[r["label"]], f"nli:{src}", NLI_OK[src]))
    out: list[Pair] = []
    for src, n in per_source.items():
        rng.shuffle(rows[src])
        out.extend(rows[src][:n])
    return out


def _bucket(text: str) -> int:
    return int(hashlib.md5(text.strip().encode("utf-8")).hexdigest(), 16) % 5


def scifact_all(data: Path) -> list[Pair]:
    refuted: set[str] = set()
    with open(data / "scifact" / "claims_train.jsonl", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            for evs in r["evidence"].values():
                if any(e["label"] == "REFUTE" for e in evs):
                    refuted.add(r["claim"].strip())
    out: list[Pair] = []
    with open(data / "scifact" / "rte_scifact_train.tsv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            if row["entailment"] == "entailment":
                label = ENTAIL
            else:
                label = CONTRADICT if row["sentence2"].strip() in refuted else NEUTRAL
            out.append(Pair(row["sentence1"], row["sentence2"], label, "scifact", "CC BY 4.0"))
    return out


def scifact_train(data: Path) -> list[Pair]:
    return [p for p in scifact_all(data) if _bucket(p.hypothesis) != 0]


def scifact_heldout(data: Path) -> list[Pair]:
    return [p for p in scifact_all(data) if _bucket(p.hypothesis) == 0]


def _ci_corpus(data: Path) -> dict[int, list[str]]:
    corpus: dict[int, list[str]] = {}
    with open(data / "citation_integrity" / "corpus.jsonl", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            corpus[int(r["doc_id"])] = list(r["abstract"])
    return corpus


def _overlap_pick(claim: str, sentences: list[str], k: int) -> list[int]:
    words = set(re.findall(r"[a-z0-9]{3,}", claim.lower()))
    scored = [(len(words & set(re.findall(r"[a-z0-9]{3,}", s.lower()))), i) for i, s in enumerate(sentences)]
    scored.sort(key=lambda t: (-t[0], t[1]))
    return sorted(i for _, i in scored[:k])


def citation_integrity(data: Path, split: str, fine: bool = False) -> Iterator[tuple[str, str, str]]:
    """(claim, evidence text, label) with label SUPPORT/REFUTE/NEI (or the fine-grained upstream label)."""
    corpus = _ci_corpus(data)
    name = f"upstream_claims-{split}.jsonl" if fine else f"claims_{split}.jsonl"
    with open(data / "citation_integrity" / name, encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            claim = clean_citing(r["claim"])
            if r["evidence"]:
                for doc, evs in r["evidence"].items():
                    sents = corpus.get(int(doc), [])
                    idx = sorted({i for e in evs for i in e["sentences"]})
                    text = " ".join(sents[i] for i in idx if i < len(sents))
                    label = evs[0]["label"]
                    if text:
                        yield claim, text, label
            else:
                for doc in r["cited_doc_ids"][:1]:
                    sents = corpus.get(int(doc), [])
                    if sents:
                        yield claim, " ".join(sents[i] for i in _overlap_pick(claim, sents, 2)), "NEI"


def citation_integrity_train(data: Path) -> list[Pair]:
    lab = {"SUPPORT": ENTAIL, "REFUTE": CONTRADICT, "NEI": NEUTRAL}
    return [
        Pair(e, c, lab[lbl], "citation_integrity", "MIT") for c, e, lbl in citation_integrity(data, "train")
    ]


def check_covid(data: Path, split: str) -> Iterator[tuple[str, str, str]]:
    corpus: dict[str, list[str]] = {}
    with open(data / "check_covid" / "corpus.json", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            corpus[r["cord_id"]] = list(r["abstract"])
    with open(data / "check_covid" / f"covidCheck_{split}_composed+extracted.json", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            sents = corpus.get(r["cord_id"], [])
            idx = sorted({e["sent_index"] for e in r["evidence_set"]})
            text = " ".join(sents[i] for i in idx if i < len(sents))
            if text:
                yield r["claim"].strip(), text, r["label"]


def check_covid_train(data: Path) -> list[Pair]:
    lab = {"SUPPORT": ENTAIL, "REFUTE": CONTRADICT, "NOTENOUGHINFO": NEUTRAL}
    return [Pair(e, c, lab[lbl], "check_covid", "MIT") for c, e, lbl in check_covid(data, "train")]


def ei_heldout_pmcids(data: Path) -> set[str]:
    ids: set[str] = set()
    for name in ("validation_article_ids.txt", "test_article_ids.txt"):
        ids |= set((data / "evidence_inference" / "splits" / name).read_text().split())
    return ids


_DIRECTION_TEXT = {
    "significantly increased": "significantly increased {o} compared with {c}",
    "significantly decreased": "significantly decreased {o} compared with {c}",
    "no significant difference": "made no significant difference to {o} compared with {c}",
}


def ei_claim(intervention: str, outcome: str, comparator: str, label: str) -> str:
    return f"{intervention.strip()} " + _DIRECTION_TEXT[label].format(o=outcome.strip(), c=comparator.strip())


def evidence_inference(data: Path, heldout: bool) -> Iterator[tuple[str, str, str, str, str, str]]:
    """(pmcid, evidence span, intervention, outcome, comparator, direction label) per valid annotation."""
    base = data / "evidence_inference"
    with open(base / "prompts_merged.csv", encoding="utf-8") as fh:
        prompts = {r["PromptID"]: r for r in csv.DictReader(fh)}
    held = ei_heldout_pmcids(data)
    seen: set[tuple[str, str]] = set()
    with open(base / "v2_annotations.csv", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            if r["Valid Label"] != "True" or r["PromptID"] not in prompts:
                continue
            if (r["PMCID"] in held) != heldout:
                continue
            label = r["Label"].strip()
            if label == "significantly increase":
                label = "significantly increased"
            span = re.sub(r"\s+", " ", r["Annotations"]).strip()
            if label not in _DIRECTION_TEXT or len(span) < 20 or (r["PromptID"], span) in seen:
                continue
            seen.add((r["PromptID"], span))
            p = prompts[r["PromptID"]]
            yield r["PMCID"], span, p["Intervention"], p["Outcome"], p["Comparator"], label


def ei_pairs(data: Path, heldout: bool, rng: random.Random) -> list[Pair]:
    """Direction pairs: the true direction entails, a flipped one contradicts, another prompt is neutral."""
    rows = list(evidence_inference(data, heldout))
    by_article: dict[str, list[tuple[str, str, str, str, str, str]]] = {}
    for row in rows:
        by_article.setdefault(row[0], []).append(row)
    out: list[Pair] = []
    for pmcid, span, iv, oc, cp, label in rows:
        out.append(Pair(span, ei_claim(iv, oc, cp, label), ENTAIL, "evidence_inference", "MIT"))
        wrong = rng.choice([x for x in _DIRECTION_TEXT if x != label])
        out.append(Pair(span, ei_claim(iv, oc, cp, wrong), CONTRADICT, "evidence_inference", "MIT"))
        others = [r for r in by_article[pmcid] if r[3].strip().lower() != oc.strip().lower() and r[1] != span]
        if others and rng.random() < 0.5:
            o = rng.choice(others)
            out.append(Pair(span, ei_claim(o[2], o[3], o[4], o[5]), NEUTRAL, "evidence_inference", "MIT"))
    return out


def ei_copy_pairs(data: Path, rng: random.Random, n: int) -> list[Pair]:
    """Selection pairs from Evidence Inference abstracts of *training* articles (MIT): a sentence is
    entailed by a window of the abstract that contains it, and neutral to a window of the same abstract that
    does not.
    Teaches "the evidence states the claim" and counters the hypothesis-negation -> contradiction bias."""
    held = {f"PMC{x}" for x in ei_heldout_pmcids(data)}
    split = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
    docs: list[list[str]] = []
    with gzip.open(data / "evidence_inference" / "ei_abstracts.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            if r["pmcid"] in held:
                continue
            sents = [
                x for sec in r["abstract_sections"] for x in split.split(sec["text"]) if 40 < len(x) < 300
            ]
            if len(sents) >= 6:
                docs.append(sents)
    rng.shuffle(docs)
    out: list[Pair] = []
    for sents in docs[:n]:
        i = rng.randrange(1, len(sents) - 1)
        window = " ".join(sents[max(0, i - rng.randint(0, 1)) : i + 1 + rng.randint(0, 1)])
        out.append(Pair(window, sents[i], ENTAIL, "evidence_inference_copy", "MIT"))
        far = [j for j in range(len(sents)) if abs(j - i) > 2]
        if far and rng.random() < 0.6:
            out.append(Pair(window, sents[rng.choice(far)], NEUTRAL, "evidence_inference_copy", "MIT"))
    return out
