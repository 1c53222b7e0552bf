"""Test doubles over real shared data (honest stand-ins, not the real store, retriever or verifier).

* ``OverlapSearcher``: an in-memory token-overlap searcher over real abstracts (a test double of the
  retrieval stack; it scores by idf-weighted term overlap).
* ``LexicalVerifier``: calls a statement supported when every content word of it occurs in the cited
  evidence (a lexical test double of the NLI verifier).
* ``OracleSearcher``: returns the gold abstract of a question (oracle retrieval, for the stance eval).
* Sources are classified (design, sample size, human subjects) by the real
  :func:`medcite.corpus.classify.classify`.
"""

from __future__ import annotations

import gzip
import json
import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from medcite.corpus.classify import classify
from medcite.corpus.jsonl import parse_jsonl
from medcite.domain import (
    AbstractSection,
    Evidence,
    Label,
    MeshHeading,
    PassageHit,
    SearchFilters,
    SearchHit,
    SourceRecord,
    StoredSource,
    Verdict,
)
from medcite.text import record_sentences, terms

# the shared data beside the checkout (``../shared/data``), as everywhere else
_BESIDE = Path(__file__).resolve().parents[2].parent / "shared" / "data"
DATA_DIR = Path(os.environ.get("MEDCITE_DATA_DIR", _BESIDE))


def _source(i: int, rec: SourceRecord) -> StoredSource:
    return StoredSource(id=i, record=rec, evidence=classify(rec))


def bioasq_source(i: int, pmid: str) -> StoredSource:
    """A record of the BioASQ snippet corpus as medcite stores it (its snippets as one unlabelled section)."""
    with (DATA_DIR / "bioasq" / "snippet_corpus.jsonl").open(encoding="utf-8") as fh:
        d = next(d for line in fh if (d := json.loads(line))["pmid"] == pmid)
    text = " ".join(dict.fromkeys(d["abstract_snippets"]))
    rec = SourceRecord(key=pmid, title=d.get("title") or "", sections=(AbstractSection("", text),), pmid=pmid)
    return StoredSource(id=i, record=rec, evidence=classify(rec))


def bioasq_records(pmids: set[str]) -> list[StoredSource]:
    """BioASQ snippet records as the ingest reads them (markup cleaned), in ``pmids`` order of the file."""
    recs = [r for r in parse_jsonl(DATA_DIR / "bioasq" / "snippet_corpus.jsonl") if r.key in pmids]
    return [StoredSource(id=i + 1, record=r, evidence=classify(r)) for i, r in enumerate(recs)]


def load_pubmedqa(with_conclusion: bool = True) -> dict[str, StoredSource]:
    out: dict[str, StoredSource] = {}
    with (DATA_DIR / "pubmedqa" / "abstracts.jsonl").open(encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            d = json.loads(line)
            secs = [AbstractSection(s["label"], s["text"]) for s in d["sections"] if s["text"].strip()]
            if with_conclusion and d.get("conclusion"):
                secs.append(AbstractSection("CONCLUSIONS", d["conclusion"]))
            rec = SourceRecord(
                key=d["pmid"],
                title="",
                sections=tuple(secs),
                pmid=d["pmid"],
                year=int(d["year"]) if str(d.get("year", "")).isdigit() else None,
                mesh=tuple(MeshHeading(m) for m in d.get("mesh", [])),
                origin="pubmedqa",
            )
            out[d["pmid"]] = _source(i, rec)
    return out


def _authors(raw: object) -> tuple[str, ...]:
    if isinstance(raw, list):
        return tuple(str(a) for a in raw)
    if isinstance(raw, str) and raw.strip():
        return tuple(a.strip() for a in raw.split(";") if a.strip())
    return ()


def load_extra(keywords: Iterable[str], limit: int = 400) -> dict[str, StoredSource]:
    """Records of ``abstracts_extra`` whose title or abstract mentions one of ``keywords``."""
    kws = [k.lower() for k in keywords]
    out: dict[str, StoredSource] = {}
    with gzip.open(DATA_DIR / "corpora" / "abstracts_extra.jsonl.gz", "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            d = json.loads(line)
            abstract = (d.get("abstract") or "").strip()
            title = (d.get("title") or "").strip()
            low = f"{title} {abstract}".lower()
            if not abstract or not any(k in low for k in kws):
                continue
            key = d.get("pmid") or f"{d['source']}:{i}"
            if key in out:
                continue
            parts = [p.strip() for p in re.split(r"(?<=\.);\s+", abstract) if p.strip()]
            year = str(d.get("year") or "")
            rec = SourceRecord(
                key=key,
                title=title,
                sections=tuple(AbstractSection("", p) for p in parts),
                pmid=d.get("pmid") or None,
                doi=d.get("doi") or None,
                journal=d.get("journal") or None,
                year=int(year[:4]) if year[:4].isdigit() else None,
                authors=_authors(d.get("authors")),
                mesh=tuple(MeshHeading(m) for m in d.get("mesh_terms") or d.get("mesh") or []),
                origin=d["source"],
            )
            out[key] = _source(100000 + i, rec)
            if len(out) >= limit:
                break
    return out


@dataclass
class OracleSearcher:
    """Oracle retrieval: always returns the given gold source(s), every sentence as a passage."""

    sources: Sequence[StoredSource]

    def search(self, query: str, k: int = 10, filters: SearchFilters | None = None) -> list[SearchHit]:
        out = []
        for src in self.sources[:k]:
            passages = tuple(
                PassageHit(src.id * 1000 + j, t, lab, a, b, 1.0)
                for j, (lab, a, b, t) in enumerate(record_sentences(src))
            )
            out.append(SearchHit(src, 1.0, passages))
        return out


_ALLOWED = set(
    terms(
        "in a randomised randomized controlled trial systematic review or meta-analysis observational study "
        "case-control case series report narrative animal laboratory clinical practice guideline "
        "of n contrast"
    )
)


@dataclass
class LexicalVerifier:
    """Verifier test double: supported when every content word of the claim occurs in the evidence
    (words of medcite's design prefix excepted); otherwise unsupported. No entailment model."""

    calls: list[list[tuple[str, Sequence[Evidence]]]] = field(default_factory=list)

    @property
    def model_id(self) -> str:
        return "test-double:lexical"

    def verify(self, claim: str, evidence: Sequence[Evidence]) -> Verdict:
        words = set(terms(claim)) - _ALLOWED
        pool = set(terms(" ".join(e.text for e in evidence)))
        missing = sorted(words - pool)
        if not missing:
            return Verdict(Label.SUPPORTED, 0.95, reasons=("every content word is in the evidence",))
        return Verdict(Label.UNSUPPORTED, 0.05, reasons=(f"not in the evidence: {', '.join(missing[:5])}",))

    def verify_batch(self, items: Sequence[tuple[str, Sequence[Evidence]]]) -> list[Verdict]:
        self.calls.append(list(items))
        return [self.verify(c, e) for c, e in items]


@dataclass
class ScriptedVerifier:
    """Wraps a verifier and overrides the label of claims that ``rule`` picks (for drop tests)."""

    base: LexicalVerifier
    rule: Callable[[str], Label | None]

    @property
    def model_id(self) -> str:
        return "test-double:scripted"

    def verify(self, claim: str, evidence: Sequence[Evidence]) -> Verdict:
        return self.verify_batch([(claim, evidence)])[0]

    def verify_batch(self, items: Sequence[tuple[str, Sequence[Evidence]]]) -> list[Verdict]:
        out = self.base.verify_batch(items)
        for i, (claim, _ev) in enumerate(items):
            label = self.rule(claim)
            if label is not None:
                out[i] = replace(
                    out[i], label=label, probability=0.01 if label is not Label.SUPPORTED else 0.9
                )
        return out
