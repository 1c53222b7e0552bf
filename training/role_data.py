"""Labelled sentences for the sentence-role model, from the structured abstracts of the shared corpora
whose licence allows a shipped model (see ``src/medcite/models/roles/MODEL_CARD.md``).

Each abstract gives its sentences in order (as ``medcite.text.record_sentences`` reads them, headings
left out) with the role its heading names, or None (an unknown heading, "TRIAL REGISTRATION", "METHODS AND
RESULTS"): those stay as context but are not training targets. The held-out split is by record: CRC-32 of
the PMID (or PMCID) modulo 10 equal to 0.
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from medcite.corpus.jsonl import parse_jsonl
from medcite.corpus.medline_xml import parse_medline_xml
from medcite.corpus.roles import heading_role
from medcite.domain import AbstractSection, Design, EvidenceInfo, SourceRecord, StoredSource
from medcite.domain.cards import Role
from medcite.text import record_sentences

#: abstracts_extra sources that may train a shipped model (the Cohen 2006 sets are research only; the
#: Evidence Inference abstracts are read from their own file, with their section labels)
EXTRA_OK = ("synergy_", "asreview_", "bc5cdr_", "medline_txt:", "pubmed_xml:")
LICENCES = {
    "pubmedqa": "PubMedQA abstracts (MIT)",
    "evidence_inference": "Evidence Inference 2.0 abstracts (MIT)",
    "medline": "MEDLINE baseline slice (NLM terms)",
    "abstracts_extra": (
        "SYNERGY (CC0), ASReview (CC BY 4.0), BC5CDR (NCBI public domain), PubMed samples (NLM)"
    ),
}


@dataclass(frozen=True)
class Abstract:
    key: str
    corpus: str
    sentences: tuple[str, ...]
    roles: tuple[Role | None, ...]

    @property
    def heldout(self) -> bool:
        return zlib.crc32(self.key.encode()) % 10 == 0


def _labelled(record: SourceRecord, corpus: str) -> Abstract | None:
    source = StoredSource(0, record, EvidenceInfo(Design.OTHER, True))
    categories = {s.label: s.category for s in record.sections}
    sents = record_sentences(source)
    roles = tuple(heading_role(lab, categories.get(lab)) if lab else None for lab, _s, _e, _t in sents)
    known = [r for r in roles if r]
    if len(sents) < 3 or len(set(known)) < 2 or len(known) < 0.7 * len(sents):
        return None
    return Abstract(record.pmid or record.pmcid or record.key, corpus, tuple(t for *_, t in sents), roles)


def _records(data: Path) -> Iterator[tuple[str, SourceRecord]]:
    for item in parse_jsonl(data / "pubmedqa" / "abstracts.jsonl"):
        if isinstance(item, SourceRecord):
            yield "pubmedqa", item
    with gzip.open(data / "evidence_inference" / "ei_abstracts.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            secs = tuple(
                AbstractSection(s["label"], " ".join(s["text"].split()))
                for s in d["abstract_sections"]
                if s["text"].strip()
            )
            yield (
                "evidence_inference",
                SourceRecord(key=d["pmcid"], title=d["title"], sections=secs, pmcid=d["pmcid"]),
            )
    for item in parse_medline_xml(data / "medline_sample" / "medline16n0902.xml.gz"):
        if isinstance(item, SourceRecord):
            yield "medline", item
    for item in parse_jsonl(data / "corpora" / "abstracts_extra.jsonl.gz"):
        if isinstance(item, SourceRecord) and item.origin.startswith(EXTRA_OK):
            yield "abstracts_extra", item


def abstracts(data: Path) -> list[Abstract]:
    """Every labelled abstract, each record once (first corpus wins)."""
    seen: set[str] = set()
    out: list[Abstract] = []
    for corpus, record in _records(data):
        ids = {i for i in (record.pmid, record.pmcid, record.key) if i}
        if ids & seen:
            continue
        seen |= ids
        if (a := _labelled(record, corpus)) is not None:
            out.append(a)
    return out
