"""Training groups for the relevance cross-encoder: (question, one relevant document, hard and random
negatives), built only from data whose licence allows a shipped model.

Positives
- PubMedQA (MIT): the EVEN-index questions of ``pubmedqa/questions_dev.jsonl`` (0-based, file order) with
  their own abstract. The odd half stays held out (it is the stance evaluation set).
- Evidence Inference v2 (MIT): each intervention/comparator/outcome prompt of ``rerank/pairs.jsonl.gz`` with
  the full title + abstract of its trial (``evidence_inference/ei_abstracts.jsonl.gz``). Articles of the
  validation and test splits are never trained on; the validation articles are the dev slice.
- MedQuAD (CC BY 4.0): consumer questions with their answer passage (``rerank/pairs.jsonl.gz``).
- Titles as queries (``--titles``): the title of a licence-OK record of ``corpora/abstracts_extra`` (SYNERGY
  CC0, ASReview CC BY 4.0, BC5CDR NCBI public domain, Evidence Inference MIT train-split articles) with its
  own abstract, the title left out of every document of the group. Its hard negatives are the abstracts
  nearest to the title by BM25, mostly of the same systematic-review set: studies on the same topic that are
  not this one, the distinction the composer needs. A BioASQ 7B-9B gold document or a held-out Evidence
  Inference article is never a positive, by identifier or by title (evaluation data).
BioASQ 12B pairs in the same file are NOT used (BioASQ terms).

Negatives: BM25 (bm25s) over the licence-OK abstracts (PubMedQA, Evidence Inference, SYNERGY CC0,
ASReview CC BY 4.0, BC5CDR NCBI public domain) or over the MedQuAD answers, never the positive's own
document; plus one random document.
"""

from __future__ import annotations

import gzip
import json
import random
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from data_sources import ei_heldout_pmcids

#: sources of ``corpora/abstracts_extra.jsonl.gz`` whose licence allows a shipped model (negatives only)
EXTRA_OK = ("synergy_", "asreview_", "bc5cdr_", "evidence_inference")
LICENCES = {
    "pubmedqa": "MIT",
    "evidence_inference": "MIT",
    "medquad": "CC BY 4.0",
    "synergy": "CC0",
    "asreview": "CC BY 4.0",
    "bc5cdr": "NCBI public domain",
}
DOC_CHARS = 2400  # characters of a document kept (more than max_len tokens ever reads)


@dataclass(frozen=True)
class Doc:
    key: str
    text: str


@dataclass
class Group:
    query: str
    positive: Doc
    negatives: list[Doc] = field(default_factory=list)
    source: str = ""

    def texts(self) -> list[str]:
        return [self.positive.text] + [d.text for d in self.negatives]


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()[:DOC_CHARS]


def doc_text(title: str, abstract: str) -> str:
    """The document a question is paired with: the same shape the run-time reranker builds."""
    return squash(f"{title} {abstract}" if title else abstract)


def _jsonl(path: Path) -> Iterator[dict[str, object]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            yield json.loads(line)


def pubmedqa_docs(data: Path) -> dict[str, Doc]:
    out = {}
    for r in _jsonl(data / "pubmedqa" / "abstracts.jsonl"):
        parts = [str(s["text"]) for s in r["sections"]] + [str(r.get("conclusion") or "")]  # type: ignore[attr-defined]
        out[str(r["pmid"])] = Doc(f"pmid:{r['pmid']}", doc_text("", " ".join(parts)))
    return out


def pubmedqa_groups(data: Path, parity: int) -> list[Group]:
    """PubMedQA dev questions of one parity (0: even indices, trained on; 1: odd, held out)."""
    docs = pubmedqa_docs(data)
    out = []
    for i, r in enumerate(_jsonl(data / "pubmedqa" / "questions_dev.jsonl")):
        if i % 2 == parity and str(r["pmid"]) in docs:
            out.append(Group(str(r["question"]), docs[str(r["pmid"])], source="pubmedqa"))
    return out


def ei_docs(data: Path) -> dict[str, Doc]:
    out = {}
    for r in _jsonl(data / "evidence_inference" / "ei_abstracts.jsonl.gz"):
        key = str(r["pmcid"])
        out[key] = Doc(f"pmc:{key}", doc_text(str(r.get("title") or ""), str(r.get("abstract") or "")))
    return out


def ei_prompts(data: Path, distinct: bool = True) -> Iterator[tuple[str, str, str, bool]]:
    """(prompt, PMCID, evidence passage, validation split?) for each Evidence Inference v2 prompt of
    ``rerank/pairs.jsonl.gz`` whose article is in the train or validation split (the test split's articles
    are left out); ``distinct``: only the first row of each (prompt, article)."""
    held = ei_heldout_pmcids(data)
    val = set((data / "evidence_inference" / "splits" / "validation_article_ids.txt").read_text().split())
    seen: set[tuple[str, str]] = set()
    for r in _jsonl(data / "rerank" / "pairs.jsonl.gz"):
        pmcid, query = str(r["doc"]), str(r["query"])
        if r["source"] != "evidence_inference_v2" or (distinct and (query, pmcid) in seen):
            continue
        seen.add((query, pmcid))
        bare = pmcid.removeprefix("PMC")
        if bare in val or bare not in held:
            yield query, pmcid, str(r["passage"]), bare in val


def ei_groups(data: Path, docs: dict[str, Doc]) -> tuple[list[Group], list[Group]]:
    """(train, dev) Evidence Inference prompt groups; dev = the validation split's articles."""
    train: list[Group] = []
    dev: list[Group] = []
    for query, pmcid, _evidence, is_dev in ei_prompts(data):
        if (doc := docs.get(pmcid)) is not None:
            (dev if is_dev else train).append(Group(query, doc, source="evidence_inference"))
    return train, dev


def medquad_groups(data: Path) -> list[Group]:
    out = []
    seen: set[str] = set()
    for r in _jsonl(data / "rerank" / "pairs.jsonl.gz"):
        if r["source"] != "medquad" or str(r["query"]) in seen:
            continue
        seen.add(str(r["query"]))
        out.append(Group(str(r["query"]), Doc(f"mq:{r['qid']}", squash(str(r["passage"]))), source="medquad"))
    return out


def bioasq_pmids(data: Path) -> set[str]:
    """Every gold PMID of the BioASQ 7B-9B questions (never a training positive)."""
    out: set[str] = set()
    for r in _jsonl(data / "bioasq" / "questions_7b-9b.jsonl"):
        out.update(str(p) for p in r.get("pmids") or [])  # type: ignore[attr-defined]
    return out


def _norm_title(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", title.lower()).strip()


def excluded_titles(data: Path, gold: set[str] | None = None) -> set[str]:
    """Normalised titles that are never a title positive, whatever record carries them: the held-out
    Evidence Inference articles (validation and test splits) and the BioASQ 7B-9B gold documents whose
    snippet record has a title (the same article can sit in another set under another key); ``gold``: those
    PMIDs, when the caller has read them."""
    held = ei_heldout_pmcids(data)
    out = {
        _norm_title(str(r.get("title") or ""))
        for r in _jsonl(data / "evidence_inference" / "ei_abstracts.jsonl.gz")
        if str(r["pmcid"]).removeprefix("PMC") in held
    }
    gold = bioasq_pmids(data) if gold is None else gold
    out |= {
        _norm_title(str(r.get("title") or ""))
        for r in _jsonl(data / "bioasq" / "snippet_corpus.jsonl")
        if str(r.get("pmid")) in gold
    }
    out.discard("")
    return out


def title_groups(data: Path, rng: random.Random, n: int) -> tuple[list[Group], list[Doc]]:
    """(``n`` title-query groups drawn at random, the abstract-only documents of every eligible record:
    their negative pool). Evidence Inference articles of the validation and test splits are left out of
    both; a record whose PMID is a BioASQ gold document, or whose title is one of :func:`excluded_titles`,
    is no positive (filtered after the seeded shuffle, so the draw of the shipped v2 run is unchanged).
    Known, as trained: 7 of the 14,550 eligible abstracts open with their title's words (one with the
    title itself), and about 100 hold HTML headings that the store's ingest would remove."""
    held = ei_heldout_pmcids(data)
    gold = bioasq_pmids(data)
    groups: list[Group] = []
    docs: list[Doc] = []
    for r in _jsonl(data / "corpora" / "abstracts_extra.jsonl.gz"):
        src, title, abstract = str(r["source"]), str(r.get("title") or ""), str(r.get("abstract") or "")
        if not src.startswith(EXTRA_OK) or len(abstract) < 200 or len(title.split()) < 4:
            continue
        pmid = str(r.get("pmid") or "")
        pmcid = str(r.get("pmcid") or pmid).removeprefix("PMC")
        if src == "evidence_inference" and pmcid in held:
            continue
        ident = pmid or (f"PMC{pmcid}" if pmcid else title)
        doc = Doc(f"t:{src}:{ident}", squash(re.sub(r"^(?:abstract\b[:.]?\s*)", "", abstract, flags=re.I)))
        docs.append(doc)
        if pmid not in gold:
            groups.append(Group(squash(re.sub(r"^\d+\s+", "", title)), doc, source="titles"))
    rng.shuffle(groups)
    banned = excluded_titles(data, gold)
    return [g for g in groups if _norm_title(g.query) not in banned][:n], docs


def negative_pool(data: Path, ei: dict[str, Doc]) -> list[Doc]:
    """Licence-OK abstracts: PubMedQA, Evidence Inference and the OK sources of abstracts_extra."""
    pool = list(pubmedqa_docs(data).values()) + list(ei.values())
    for r in _jsonl(data / "corpora" / "abstracts_extra.jsonl.gz"):
        src = str(r["source"])
        if src.startswith(EXTRA_OK) and src != "evidence_inference" and r.get("abstract"):
            key = f"x:{src}:{r.get('pmid') or r.get('title')}"
            pool.append(Doc(key, doc_text(str(r.get("title") or ""), str(r["abstract"]))))
    return pool


class Bm25:
    def __init__(self, docs: list[Doc]) -> None:
        import bm25s
        import Stemmer

        self.docs = docs
        self.stemmer = Stemmer.Stemmer("english")
        self.bm25s = bm25s
        self.index = bm25s.BM25()
        texts = [d.text for d in docs]
        toks = bm25s.tokenize(texts, stopwords="en", stemmer=self.stemmer, show_progress=False)
        self.index.index(toks, show_progress=False)

    def top(self, queries: list[str], k: int) -> list[list[Doc]]:
        toks = self.bm25s.tokenize(queries, stopwords="en", stemmer=self.stemmer, show_progress=False)
        res, _ = self.index.retrieve(toks, k=k, show_progress=False, n_threads=1)
        return [[self.docs[int(i)] for i in row] for row in res]


def add_negatives(
    groups: list[Group], index: Bm25, rng: random.Random, hard: int, rand: int, skip: int = 2, depth: int = 30
) -> None:
    """``hard`` negatives sampled from BM25 ranks ``skip + 1`` to ``depth`` (ranks are counted without the
    positive's own document; the first ``skip`` are left out as the likeliest unlabelled relevant ones),
    and ``rand`` random ones."""
    tops = index.top([g.query for g in groups], depth + 1)
    for g, top in zip(groups, tops, strict=True):
        cands = [d for d in top if d.key != g.positive.key and d.text != g.positive.text][skip:depth]
        g.negatives = rng.sample(cands, min(hard, len(cands)))
        while len(g.negatives) < hard + rand:
            d = index.docs[rng.randrange(len(index.docs))]
            if d.key != g.positive.key:
                g.negatives.append(d)


def build(
    data: Path,
    seed: int,
    n_ei: int,
    n_medquad: int,
    pqa_repeat: int,
    hard: int,
    rand: int,
    skip: int = 2,
    depth: int = 30,
    n_titles: int = 0,
) -> tuple[list[Group], list[Group]]:
    """(train groups, dev groups), deterministic for a seed."""
    rng = random.Random(seed)
    ei = ei_docs(data)
    ei_train, ei_dev = ei_groups(data, ei)
    rng.shuffle(ei_train)
    rng.shuffle(ei_dev)
    mq = medquad_groups(data)
    rng.shuffle(mq)
    pqa = pubmedqa_groups(data, parity=0)
    abstracts = Bm25(negative_pool(data, ei))
    answers = Bm25([g.positive for g in mq])
    train_abs = ei_train[:n_ei] + pqa
    dev = ei_dev[:120]
    add_negatives(train_abs + dev, abstracts, rng, hard, rand, skip, depth)
    mq_train = mq[:n_medquad]
    add_negatives(mq_train, answers, rng, hard, rand, skip, depth)
    titles: list[Group] = []
    if n_titles:
        titles, bare = title_groups(data, rng, n_titles)
        add_negatives(titles, Bm25(bare), rng, hard, rand, skip=0, depth=20)
    train = (
        train_abs
        + titles
        + mq_train
        + [Group(g.query, g.positive, list(g.negatives), g.source) for g in pqa * (pqa_repeat - 1)]
    )
    rng.shuffle(train)
    return train, dev
