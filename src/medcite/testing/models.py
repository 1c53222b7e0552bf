"""Model and source doubles: an embedder, an entailment model, a verifier, an LLM client and a literature
source that are small, deterministic and honest about what they do (no model inside). They pass the same
contract suites as the real adapters."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from medcite.domain import Evidence, EvidenceSentence, Label, ParseItem, SourceRecord, Verdict
from medcite.errors import InputError
from medcite.text.sentences import split_sentences
from medcite.text.words import content_words, term_overlap, terms, words


class HashingEmbedder:
    """Feature-hashed bag of words, L2-normalised: a real (if weak) embedding, deterministic and fast."""

    def __init__(self, dim: int = 64) -> None:
        self._dim = dim

    @property
    def dim(self) -> int:
        return self._dim

    @property
    def model_id(self) -> str:
        return f"hashing-{self._dim}"

    def embed(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        out = np.zeros((len(texts), self._dim), dtype=np.float32)
        for i, t in enumerate(texts):
            for w in words(t):
                h = int(hashlib.md5(w.encode()).hexdigest()[:8], 16)
                out[i, h % self._dim] += 1.0
            n = np.linalg.norm(out[i])
            if n > 0:
                out[i] /= n
        return out


def _content(text: str) -> set[str]:
    return set(content_words(text))


@dataclass
class TermOverlapReranker:
    """Scores a document by the share of the query's terms it contains, squashed into (0, 1). It reads no
    meaning: a double, not a relevance model. It records the batch sizes it was asked to score."""

    calls: list[int] = field(default_factory=list)

    @property
    def model_id(self) -> str:
        return "test-double:term-overlap"

    def score(self, query: str, documents: Sequence[str]) -> npt.NDArray[np.float32]:
        self.calls.append(len(documents))
        q = terms(query)
        raw = np.array([term_overlap(q, d) for d in documents], dtype=np.float32)
        return (0.05 + 0.9 * raw).astype(np.float32)


@dataclass
class WordOverlapVerifier:
    """Supported when every content word of the claim occurs in the evidence,
    partial when most do, otherwise unsupported. It reads no meaning: a double, not a checker."""

    calls: list[int] = field(default_factory=list)  # batch sizes, for tests that count model calls

    @property
    def model_id(self) -> str:
        return "test-double:word-overlap"

    def verify(self, claim: str, evidence: Sequence[Evidence]) -> Verdict:
        return self.verify_batch([(claim, evidence)])[0]

    def verify_batch(self, items: Sequence[tuple[str, Sequence[Evidence]]]) -> list[Verdict]:
        self.calls.append(len(items))
        return [self._one(claim, evidence) for claim, evidence in items]

    def _one(self, claim: str, evidence: Sequence[Evidence]) -> Verdict:
        if not claim.strip():
            raise InputError("the claim is empty")
        if not any(e.text.strip() for e in evidence):
            raise InputError("the evidence is empty: give at least one passage or source text")
        claim_words = _content(claim)
        best: tuple[float, EvidenceSentence] | None = None
        for e in evidence:
            for s, t in split_sentences(e.text):
                share = len(claim_words & _content(e.text[s:t])) / max(1, len(claim_words))
                if best is None or share > best[0]:
                    sent = EvidenceSentence(e.text[s:t], e.source_key, e.offset + s, e.offset + t, share)
                    best = (share, sent)
        pool = set().union(*(_content(e.text) for e in evidence))
        share = len(claim_words & pool) / max(1, len(claim_words))
        label = Label.SUPPORTED if share == 1.0 else Label.PARTIAL if share >= 0.6 else Label.UNSUPPORTED
        missing = sorted(claim_words - pool)[:5]
        reason = "every content word is in the evidence" if not missing else f"not in the evidence: {missing}"
        return Verdict(label, round(share, 4), (best[1],) if best else (), (reason,))


@dataclass
class ScriptedLLM:
    """An LLM client that answers from a script: the reply for the first key found in the prompt, else
    ``default``. It records what it was asked."""

    replies: dict[str, str] = field(default_factory=dict)
    default: str = ""
    prompts: list[tuple[str, str]] = field(default_factory=list)

    @property
    def model_id(self) -> str:
        return "test-double:scripted-llm"

    def complete(self, system: str, user: str, max_tokens: int = 800, temperature: float = 0.0) -> str:
        self.prompts.append((system, user))
        return next((r for k, r in self.replies.items() if k in user), self.default)


@dataclass
class StaticLiterature:
    """A literature source over a fixed list of records: a query matches a record when every word of the
    query (over two letters) occurs in its title or abstract, in list order."""

    records: list[SourceRecord]
    closed: bool = False

    def fetch(self, query: str, max_n: int, is_stored: Callable[[str], bool]) -> Iterator[ParseItem]:
        if not query.strip():
            raise InputError("empty PubMed query")
        wanted = set(words(query))
        hits = [r for r in self.records if wanted <= set(words(f"{r.title} {r.text}"))]
        for r in hits[: max(0, max_n)]:
            if not is_stored(r.pmid or r.key):
                yield r

    def close(self) -> None:
        self.closed = True


class FixedEntailment:
    """An entailment model double: entailment when the hypothesis's content words all occur in the
    premise, neutral otherwise (never contradiction). Rows are probabilities."""

    @property
    def model_id(self) -> str:
        return "test-double:fixed-entailment"

    def predict(self, pairs: Sequence[tuple[str, str]]) -> npt.NDArray[np.float32]:
        out = np.zeros((len(pairs), 3), dtype=np.float32)
        for i, (premise, hypothesis) in enumerate(pairs):
            inside = _content(hypothesis) <= _content(premise)
            out[i] = (0.9, 0.09, 0.01) if inside else (0.05, 0.9, 0.05)
        return out
