"""Citation audit on Citation-Integrity dev (Sarol et al. 2024): micro- and macro-F1, 3-way and fine-grained.

Each case becomes a small article: the real citing sentence with the cited reference as ``[1]`` (other
citation markers dropped) and a reference list whose entry 1 is the cited paper; the cited paper's text is
its sentences in the Citation-Integrity corpus (all of them, not only the annotated evidence sentences). The
article goes through the whole audit (article reading, marker parsing, reference parsing, the verifier and
the study card) and the verdict of citation [1] is mapped to the dataset's labels:

- 3-way (``claims_dev.jsonl``, labels normalised from the upstream annotation: REFUTE is any citation
  error, NEI a citation with no evidence sentence): supports -> SUPPORT, any other checked verdict ->
  REFUTE, not checkable -> NEI.
- fine-grained (``upstream_claims-dev.jsonl``, one case per claim and cited paper with an annotation):
  supported -> ACCURATE, contradicts -> CONTRADICT, a failing verdict with a population / indication /
  indirect reason -> INDIRECT, with a number reason -> MISQUOTE, partially supports -> OVERSIMPLIFY,
  otherwise -> NOT_SUBSTANTIATE (ETIQUETTE is never predicted).

Baselines in the same run: the majority class, and the verifier alone on (cleaned sentence, cited text)
without the article pipeline or the study card. With ``--tune`` a threshold on P(support) is chosen on CI
train (for each system) and applied to dev as well.

    .venv/bin/python -m bench.bench_audit [--limit N] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import data_dir, machine, print_table

from medcite.bootstrap import load_verifier
from medcite.compose.candidates import card_of
from medcite.config import load_settings
from medcite.corpus.prepare import prepare
from medcite.domain import AbstractSection, Evidence, Label, SourceRecord, StoredSource
from medcite.domain.audit import AuditVerdict, CitedReference, Resolution
from medcite.errors import InputError
from medcite.services.audit import Auditor, Resolver, parse_article
from medcite.verify import MAX_CLAIM_CHARS, ClaimVerifier

PUBLISHED = "best pipeline 0.59 micro-F1; GPT-4 in-context 0.65 (Sarol et al. 2024, test set)"
TARGET = "micro-F1 >= 0.70 (3-way)"
_TARGET_MARK = re.compile(r"\[[^\]]*<\|(?:multi_)?cit\|>[^\]]*\]|\(?<\|(?:multi_)?cit\|>\)?")
_OTHER_MARK = re.compile(r"\s*\[[^\]]*<\|[a-z_]+\|>[^\]]*\]|\s*<\|[a-z_]+\|>")
Case = tuple[str, int, str]  # citing sentence (with markers), cited doc id, gold label
Pred = tuple[AuditVerdict, tuple[str, ...], float]  # verdict of citation [1], its reasons, P(support)
_LABEL_VERDICT = {
    Label.SUPPORTED: AuditVerdict.SUPPORTS,
    Label.PARTIAL: AuditVerdict.PARTIAL,
    Label.CONTRADICTED: AuditVerdict.CONTRADICTS,
    Label.UNSUPPORTED: AuditVerdict.DOES_NOT_SUPPORT,
}


def load_cases(d: Path, split: str) -> tuple[list[Case], list[Case], dict[int, list[str]]]:
    ci = d / "citation_integrity"
    with open(ci / "corpus.jsonl", encoding="utf-8") as fh:
        corpus = {int(r["doc_id"]): list(r["abstract"]) for r in map(json.loads, fh)}
    three: list[Case] = []
    with open(ci / f"claims_{split}.jsonl", encoding="utf-8") as fh:
        for r in map(json.loads, fh):
            if r["evidence"]:
                doc, evs = next(iter(r["evidence"].items()))
                three.append((r["claim"], int(doc), evs[0]["label"]))
            elif int(r["cited_doc_ids"][0]) in corpus:
                three.append((r["claim"], int(r["cited_doc_ids"][0]), "NEI"))
    fine: list[Case] = []
    with open(ci / f"upstream_claims-{split}.jsonl", encoding="utf-8") as fh:
        for r in map(json.loads, fh):
            for doc, evs in r["evidence"].items():
                if int(doc) in corpus:
                    fine.append((r["claim"], int(doc), evs[0]["label"]))
    return three, [c for c in fine if c[1] in corpus], corpus


def article(claim: str, doc: int) -> str:
    body = _TARGET_MARK.sub(" [1]", claim, count=1)
    if "[1]" not in body:
        body = body.rstrip(" .") + " [1]."
    body = _OTHER_MARK.sub("", body)
    return f"{body}\n\nReferences\n1. Cited paper {doc} of the Citation-Integrity corpus (its sentences).\n"


def clean(claim: str) -> str:
    return " ".join(_OTHER_MARK.sub("", claim).split())


def source(doc: int, sentences: list[str]) -> StoredSource:
    rec = SourceRecord(key=f"ci:{doc}", title="", sections=(AbstractSection("", " ".join(sentences)),))
    return StoredSource(doc, rec, prepare(rec).evidence)


class CorpusResolver(Resolver):
    """Reference 1 of each case's article is the cited paper of the Citation-Integrity corpus."""

    def __init__(self) -> None:
        self.current: StoredSource | None = None

    def resolve(self, ref: CitedReference) -> tuple[Resolution, StoredSource | None]:
        src = self.current if ref.n == 1 else None
        return Resolution(ref.n, src.key if src else None, "corpus" if src else ""), src


def three_label(p: Pred, threshold: float | None) -> str:
    """The normalised dataset's labels: SUPPORT (accurate citation), REFUTE (any citation error of the
    upstream annotation: not substantiated, oversimplified, contradicted, misquoted, indirect), NEI (no
    evidence sentence). Supported when the verdict supports (or, with a threshold, P(support) reaches it)."""
    verdict, _, prob = p
    if verdict is AuditVerdict.NOT_CHECKABLE:
        return "NEI"
    ok = verdict is AuditVerdict.SUPPORTS if threshold is None else prob >= threshold
    return "SUPPORT" if ok else "REFUTE"


def fine_label(p: Pred, threshold: float | None) -> str:
    verdict, reasons, _prob = p
    if three_label(p, threshold) == "SUPPORT":
        return "ACCURATE"
    text = " ".join(reasons).lower()
    if verdict is AuditVerdict.CONTRADICTS:
        return "CONTRADICT"
    if re.search(r"indication|population|indirect|not studied", text):
        return "INDIRECT"
    if "number mismatch" in text:
        return "MISQUOTE"
    return "OVERSIMPLIFY" if verdict is AuditVerdict.PARTIAL else "NOT_SUBSTANTIATE"


def f1s(gold: Sequence[str], pred: Sequence[str]) -> tuple[float, float]:
    """(micro-F1, macro-F1 over the gold labels); micro-F1 equals accuracy for single-label cases."""
    micro = sum(g == p for g, p in zip(gold, pred, strict=True)) / max(1, len(gold))
    macro = []
    for lb in sorted(set(gold)):
        tp = sum(g == lb and p == lb for g, p in zip(gold, pred, strict=True))
        fp = sum(g != lb and p == lb for g, p in zip(gold, pred, strict=True))
        fn = sum(g == lb and p != lb for g, p in zip(gold, pred, strict=True))
        macro.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return micro, sum(macro) / max(1, len(macro))


def run_audit(
    cases: list[Case], corpus: dict[int, list[str]], verifier: ClaimVerifier
) -> tuple[list[Pred], int]:
    resolver = CorpusResolver()
    auditor = Auditor(resolver, lambda: verifier, card_of, None)
    out: list[Pred] = []
    failed = 0
    for claim, doc, _ in cases:
        resolver.current = source(doc, corpus[doc])
        try:
            report = auditor.audit_parsed(parse_article(article(claim, doc)))
            check = next(c for s in report.statements for c in s.citations if c.n == 1)
            out.append((check.verdict, check.reasons, check.probability or 0.0))
        except (InputError, StopIteration):
            failed += 1  # the article could not be read: counted as not checkable
            out.append((AuditVerdict.NOT_CHECKABLE, (), 0.0))
    return out, failed


def verifier_only(cases: list[Case], corpus: dict[int, list[str]], verifier: ClaimVerifier) -> list[Pred]:
    items = [(clean(c), [Evidence(" ".join(corpus[d]))]) for c, d, _ in cases]
    ok = [i for i, (c, e) in enumerate(items) if len(c) <= MAX_CLAIM_CHARS]  # the verifier's input limit
    verdicts = dict(zip(ok, verifier.verify_batch([items[i] for i in ok]), strict=True))
    out: list[Pred] = []
    for i in range(len(items)):
        v = verdicts.get(i)
        if v is None:
            out.append((AuditVerdict.NOT_CHECKABLE, ("claim too long",), 0.0))
            continue
        reasons = v.reasons + tuple(x.detail for x in v.checks if not x.passed)
        out.append((_LABEL_VERDICT[v.label], reasons, v.probability))
    return out


def cached(path: Path | None, name: str, compute: Callable[[], list[Pred]]) -> list[Pred]:
    """Predictions from ``path/name.json`` when there (same code, same data), else computed and saved."""
    file = path / f"{name}.json" if path else None
    if file is not None and file.is_file():
        return [(AuditVerdict(v), tuple(r), p) for v, r, p in json.loads(file.read_text())]
    preds = compute()
    if file is not None:
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(json.dumps([(v.value, list(r), p) for v, r, p in preds]))
    return preds


def tune(gold: Sequence[str], preds: Sequence[Pred]) -> float:
    """The P(support) threshold with the best micro-F1 on these (training) cases."""
    grid = [i / 100 for i in range(1, 100)]
    return max(grid, key=lambda t: (f1s(gold, [three_label(p, t) for p in preds])[0], -abs(t - 0.5)))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=0, help="first N cases of each set (0: all)")
    ap.add_argument("--tune", action="store_true", help="tune the P(support) threshold on CI train first")
    ap.add_argument("--json", type=Path, default=None)
    ap.add_argument("--cache", type=Path, default=None, help="folder keeping each run's predictions")
    args = ap.parse_args()
    d = data_dir()
    verifier = load_verifier(load_settings())
    thresholds: dict[str, float | None] = {"audit": None, "verifier": None}
    if args.tune:
        train, _, corpus_t = load_cases(d, "train")
        train = train[: args.limit] if args.limit else train
        gold_t = [g for *_, g in train]
        c = args.cache
        thresholds["verifier"] = tune(
            gold_t, cached(c, "train-verifier", lambda: verifier_only(train, corpus_t, verifier))
        )
        thresholds["audit"] = tune(
            gold_t, cached(c, "train-audit", lambda: run_audit(train, corpus_t, verifier)[0])
        )
        print(f"thresholds tuned on CI train ({len(train)} cases): {thresholds}")
    three, fine, corpus = load_cases(d, "dev")
    if args.limit:
        three, fine = three[: args.limit], fine[: args.limit]
    t0 = time.perf_counter()
    audit3, failed3 = run_audit(three, corpus, verifier)
    auditf, failedf = run_audit(fine, corpus, verifier)
    seconds = time.perf_counter() - t0
    base3, basef = verifier_only(three, corpus, verifier), verifier_only(fine, corpus, verifier)
    results: dict[str, object] = {
        "machine": machine(),
        "verifier": verifier.model_id,
        "seconds_audit": seconds,
    }
    rows = []
    for name, cases, to_label, audit, base in (
        ("3-way", three, three_label, audit3, base3),
        ("fine-grained", fine, fine_label, auditf, basef),
    ):
        gold = [g for *_, g in cases]
        preds = {"majority class": [Counter(gold).most_common(1)[0][0]] * len(gold)}
        preds["verifier alone (no article, no card)"] = [to_label(p, None) for p in base]
        preds["medcite audit (verifier + study card)"] = [to_label(p, None) for p in audit]
        if args.tune:
            preds["verifier alone, threshold from train"] = [
                to_label(p, thresholds["verifier"]) for p in base
            ]
            preds["medcite audit, threshold from train"] = [to_label(p, thresholds["audit"]) for p in audit]
        for system, pred in preds.items():
            micro, macro = f1s(gold, pred)
            rows.append([name, system, len(gold), micro, macro])
            results[f"{name} | {system}"] = {"n": len(gold), "micro_f1": micro, "macro_f1": macro}
    print(f"machine: {machine()}; verifier {verifier.model_id}; dev audit time {seconds:.1f} s")
    print(f"dev cases: 3-way {len(three)} {dict(Counter(g for *_, g in three))}; fine-grained {len(fine)} "
          f"{dict(Counter(g for *_, g in fine))}; articles not readable: {failed3} + {failedf}")  # fmt: skip
    print_table(
        "Citation-Integrity dev: citation audit", ["labels", "system", "n", "micro-F1", "macro-F1"], rows
    )
    print(f"published: {PUBLISHED}. target: {TARGET}.")
    if args.json:
        args.json.write_text(json.dumps(results | {"thresholds": thresholds}, indent=2))


if __name__ == "__main__":
    main()
