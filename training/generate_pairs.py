"""Generate labelled (evidence, claim) pairs for the verifier from licence-compatible abstracts.

    python training/generate_pairs.py --data ../shared/data --out training/out/generated.jsonl.gz

Seeded and rerunnable (same seed + same data -> same file). Labels are by construction (0 entailment,
1 neutral = unsupported, 2 contradiction); every pair is tagged with its ``kind`` (see KINDS), the abstract it
came from, that abstract's licence and a ``split``: abstracts whose key hashes to bucket 0 of 10 are ``dev``
(thresholds, calibration and the sanity suite), the rest ``train``. Evidence Inference validation/test
articles and PMID 26304701 (a CLI acceptance case) are never in ``train``.

Abstract sources (only licences that allow a shipped derived model, per ../shared/data/README.md):
PubMedQA abstracts (MIT), Evidence Inference abstracts (MIT), corpora/abstracts_extra rows from SYNERGY
(CC0), ASReview (CC BY 4.0), BC5CDR (NCBI public domain) and the MEDLINE/PubMed samples (NLM terms).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import random
import re
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import pair_kinds as pk
from data_sources import ei_claim, ei_heldout_pmcids, evidence_inference
from mesh_siblings import MeshSiblings

ENTAIL, NEUTRAL, CONTRADICT = 0, 1, 2
KINDS = {
    "supported:conclusion": ENTAIL,
    "supported:window": ENTAIL,
    "supported:paraphrase": ENTAIL,
    "direction_flip": CONTRADICT,
    "negation": CONTRADICT,
    "number_change": NEUTRAL,
    "arm_swap": CONTRADICT,
    "population_swap": NEUTRAL,
    "indication_swap": NEUTRAL,
    "hedge_escalation": NEUTRAL,
    "design_overstated": NEUTRAL,
    "sentence_removed": NEUTRAL,
    "other_abstract": NEUTRAL,
    "nonsense": NEUTRAL,
}
EXTRA_LICENCE = [
    ("synergy_", "CC0 (SYNERGY)"),
    ("asreview_", "CC BY 4.0 (ASReview)"),
    ("bc5cdr_", "NCBI public domain (BC5CDR)"),
    ("medline_txt:", "NLM terms (MEDLINE)"),
    ("pubmed_xml:", "NLM terms (PubMed XML)"),
]
EXCLUDED_KEYS = {"pmid:26304701"}  # the refuted-claim CLI case of issue 10
_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z(])|(?<=[a-z]\.)(?=[A-Z]{3,}:)")
_WORD = re.compile(r"[a-z0-9]{3,}")


@dataclass(frozen=True)
class Abstract:
    key: str
    source: str
    licence: str
    sentences: tuple[str, ...]
    conclusion: tuple[str, ...]
    topics: frozenset[str]

    @property
    def split(self) -> str:
        if self.key in EXCLUDED_KEYS:
            return "dev"
        return "dev" if int(hashlib.md5(self.key.encode()).hexdigest(), 16) % 10 == 0 else "train"

    @property
    def text(self) -> str:
        return " ".join(self.sentences + self.conclusion)


def sentences_of(text: str) -> list[str]:
    out = []
    for s in _SPLIT.split(re.sub(r"\s+", " ", text).strip()):
        s = re.sub(r"^[A-Z ]{3,}:\s*", "", s).strip()
        if 30 <= len(s) <= 320:
            out.append(s)
    return out


def load_abstracts(data: Path) -> list[Abstract]:
    out: list[Abstract] = []
    with open(data / "pubmedqa" / "abstracts.jsonl", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            body = [x for sec in r["sections"] for x in sentences_of(sec["text"])]
            concl = tuple(sentences_of(r.get("conclusion") or ""))
            topics = frozenset(m for m in r.get("mesh", []) if m not in _CHECK_TAGS)
            out.append(Abstract(f"pmid:{r['pmid']}", "pubmedqa", "MIT", tuple(body), concl, topics))
    held = {f"PMC{x}" for x in ei_heldout_pmcids(data)}
    with gzip.open(data / "evidence_inference" / "ei_abstracts.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            if r["pmcid"] in held:
                continue
            secs = r["abstract_sections"]
            body = [x for s in secs if "CONCLU" not in s["label"].upper() for x in sentences_of(s["text"])]
            concl = [x for s in secs if "CONCLU" in s["label"].upper() for x in sentences_of(s["text"])]
            out.append(Abstract(f"pmcid:{r['pmcid']}", "evidence_inference", "MIT", tuple(body), tuple(concl),
                                frozenset()))  # fmt: skip
    out += list(_extra_abstracts(data))
    return [a for a in out if len(a.sentences) >= 3]


_CHECK_TAGS = {"Humans", "Female", "Male", "Adult", "Aged", "Middle Aged", "Young Adult", "Adolescent",
               "Child", "Animals", "Aged, 80 and over", "Retrospective Studies", "Prospective Studies",
               "Infant", "Child, Preschool", "Treatment Outcome", "Follow-Up Studies"}  # fmt: skip


def _extra_abstracts(data: Path) -> Iterator[Abstract]:
    with gzip.open(data / "corpora" / "abstracts_extra.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            lic = next((li for pre, li in EXTRA_LICENCE if r["source"].startswith(pre)), None)
            if lic is None or not r.get("abstract"):
                continue
            sents = sentences_of(r["abstract"])
            concl: list[str] = []
            if len(sents) >= 4 and re.match(r"(In conclusion|Conclusions?|These (results|findings|data))",
                                            sents[-1]):  # fmt: skip
                concl = [sents.pop()]
            key = (
                f"pmid:{r['pmid']}"
                if r.get("pmid")
                else f"{r['source']}:{hashlib.md5(r['abstract'].encode()).hexdigest()[:10]}"
            )
            topic = r["source"] if r["source"].startswith(("synergy_", "asreview_")) else ""
            yield Abstract(
                key, r["source"], lic, tuple(sents), tuple(concl), frozenset([topic] if topic else [])
            )


def overlap_top(claim: str, sents: list[str] | tuple[str, ...], k: int) -> list[str]:
    """The k sentences with the most shared words, in abstract order (what the verifier reads)."""
    words = set(_WORD.findall(claim.lower()))
    scored = sorted(range(len(sents)), key=lambda i: (-len(words & set(_WORD.findall(sents[i].lower()))), i))
    return [sents[i] for i in sorted(scored[:k])]


def window(sents: tuple[str, ...], i: int, rng: random.Random) -> str:
    lo = max(0, i - rng.randint(0, 1))
    hi = min(len(sents), i + 1 + rng.randint(0, 1))
    return " ".join(sents[lo:hi])


@dataclass
class Generator:
    rng: random.Random
    mesh: MeshSiblings
    by_topic: dict[str, list[Abstract]]

    def pairs(self, a: Abstract) -> Iterator[tuple[str, str, str, str]]:
        """(premise, claim, kind, detail) for one abstract: a few kinds, chosen at random per sentence."""
        rng = self.rng
        sents = a.sentences
        abbrs = pk.abbreviations(a.text)
        for c in a.conclusion[:1]:
            yield " ".join(overlap_top(c, sents, 3)), c, "supported:conclusion", ""
        picks = rng.sample(range(len(sents)), min(len(sents), 4))
        for i in picks:
            s, w = sents[i], window(sents, i, rng)
            yield w, s, "supported:window", ""
            para = pk.paraphrase(s, rng, abbrs)
            if para:
                yield w, para[0], "supported:paraphrase", para[1]
            yield from self._negatives(a, i, w, rng)
        yield from self._cross(a, rng)

    def _negatives(
        self, a: Abstract, i: int, w: str, rng: random.Random
    ) -> Iterator[tuple[str, str, str, str]]:
        s = a.sentences[i]
        cands: list[tuple[str, str, str]] = []
        simple = (
            ("direction_flip", pk.direction_flip),
            ("negation", pk.negation),
            ("population_swap", pk.population_swap),
            ("hedge_escalation", pk.hedge_escalation),
        )
        for kind, fn in simple:
            new = fn(s, rng)
            if new and new != s:
                cands.append((new, kind, ""))
        num = pk.number_change(s, rng)
        if num:
            cands.append((num[0], "number_change", num[1]))
        arm = pk.arm_swap(s)
        if arm and arm != s:
            cands.append((arm, "arm_swap", ""))
        ind = self.mesh.swap(s, rng)
        if ind:
            cands.append((ind[0], "indication_swap", f"{ind[1]} -> {ind[2]}"))
        des = pk.design_overstated(s, rng, a.text)
        if des and des != s:
            cands.append((des, "design_overstated", ""))
        rng.shuffle(cands)
        for claim, kind, detail in cands[:2]:
            yield w, claim, kind, detail
        if re.search(r"\d", s) and len(a.sentences) >= 4 and rng.random() < 0.3:
            rest = a.sentences[max(0, i - 2) : i] + a.sentences[i + 1 : i + 3]
            yield " ".join(rest), s, "sentence_removed", ""

    def _cross(self, a: Abstract, rng: random.Random) -> Iterator[tuple[str, str, str, str]]:
        claim = a.conclusion[0] if a.conclusion else rng.choice(a.sentences)
        peers = [
            b
            for t in sorted(a.topics)
            for b in self.by_topic.get(t, [])
            if b.key != a.key and b.split == a.split
        ]
        if peers and rng.random() < 0.6:
            b = rng.choice(peers)
            yield " ".join(overlap_top(claim, b.sentences, 3)), claim, "other_abstract", b.key
        if rng.random() < 0.25:
            s = rng.choice(a.sentences)
            yield s, pk.nonsense(rng, s), "nonsense", "claim"
        if rng.random() < 0.05:
            yield rng.choice(pk.NONSENSE_WORDS), rng.choice(a.sentences), "nonsense", "evidence"


def ei_arm_swaps(data: Path, rng: random.Random) -> Iterator[tuple[str, str, str, str, str]]:
    """Evidence Inference (MIT, training articles): the annotated evidence span against the prompt's claim
    with intervention and comparator swapped (only increased/decreased results: swapping flips them).
    Yields (doc key, premise, claim, kind, detail)."""
    for pmcid, span, iv, oc, cp, label in evidence_inference(data, heldout=False):
        if label != "no significant difference" and rng.random() < 0.5:
            yield (
                f"pmcid:PMC{pmcid}",
                span,
                ei_claim(cp, oc, iv, label),
                "arm_swap",
                "evidence inference prompt",
            )


def _row(
    premise: str, claim: str, kind: str, detail: str, key: str, source: str, licence: str, split: str
) -> str:
    return json.dumps(
        {"premise": premise, "hypothesis": claim, "label": KINDS[kind], "kind": kind, "detail": detail,
         "doc": key, "source": f"generated:{source}", "licence": licence, "split": split},
        ensure_ascii=False,
    )  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--out", type=Path, default=Path("training/out/generated.jsonl.gz"))
    ap.add_argument("--seed", type=int, default=13)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    abstracts = load_abstracts(args.data)
    by_topic: dict[str, list[Abstract]] = {}
    for a in abstracts:
        for t in a.topics:
            by_topic.setdefault(t, []).append(a)
    gen = Generator(rng, MeshSiblings.load(args.data / "mesh"), by_topic)
    counts: Counter[tuple[str, str]] = Counter()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(args.out, "wt", encoding="utf-8") as fh:
        for a in abstracts:
            for premise, claim, kind, detail in gen.pairs(a):
                fh.write(_row(premise, claim, kind, detail, a.key, a.source, a.licence, a.split) + "\n")
                counts[(kind, a.split)] += 1
        for key, premise, claim, kind, detail in ei_arm_swaps(args.data, rng):
            split = "dev" if int(hashlib.md5(key.encode()).hexdigest(), 16) % 10 == 0 else "train"
            fh.write(_row(premise, claim, kind, detail, key, "evidence_inference", "MIT", split) + "\n")
            counts[(kind, split)] += 1
    table = {k: {"train": counts[(k, "train")], "dev": counts[(k, "dev")]} for k in KINDS}
    args.out.with_suffix("").with_suffix(".counts.json").write_text(json.dumps(table, indent=2) + "\n")
    print(f"{len(abstracts)} abstracts -> {sum(counts.values())} pairs")
    for k, v in table.items():
        print(f"  {k:24s} train {v['train']:6d}  dev {v['dev']:5d}")


if __name__ == "__main__":
    main()
