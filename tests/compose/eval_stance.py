"""Stance accuracy on the dev sets with ORACLE retrieval (the gold abstract/snippets are the only
source; the LexicalVerifier test double stands in for the verifier). Not an end-to-end figure.

    .venv/bin/python -m tests.compose.eval_stance [--no-conclusion] [--limit N]
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter

from medcite.compose import compose_article
from medcite.domain import AbstractSection, Provenance, SourceRecord
from tests.compose.doubles import DATA_DIR, LexicalVerifier, OracleSearcher, _source, load_pubmedqa

GOLD = {"yes": "yes", "no": "no", "maybe": "uncertain"}


def pubmedqa(with_conclusion: bool, limit: int | None) -> tuple[Counter[tuple[str, str]], int]:
    abstracts = load_pubmedqa(with_conclusion=with_conclusion)
    conf: Counter[tuple[str, str]] = Counter()
    n = 0
    with (DATA_DIR / "pubmedqa" / "questions_dev.jsonl").open() as fh:
        for line in fh:
            d = json.loads(line)
            a = compose_article(
                d["question"],
                OracleSearcher([abstracts[d["pmid"]]]),
                LexicalVerifier(),
                provenance=Provenance(),
            )
            conf[(GOLD[d["answer"]], a.stance or "none")] += 1
            n += 1
            if limit and n >= limit:
                break
    return conf, n


def bioasq(limit: int | None) -> tuple[Counter[tuple[str, str]], int]:
    conf: Counter[tuple[str, str]] = Counter()
    n = 0
    with (DATA_DIR / "bioasq" / "questions_7b-9b.jsonl").open() as fh:
        for line in fh:
            d = json.loads(line)
            if d["type"] != "yesno":
                continue
            by_pmid: dict[str, list[str]] = {}
            for sn in d["snippets"]:
                by_pmid.setdefault(sn["pmid"], []).append(sn["text"].strip())
            sources = [
                _source(
                    i,
                    SourceRecord(
                        key=p,
                        title="",
                        pmid=p,
                        sections=tuple(AbstractSection("", t) for t in dict.fromkeys(ts)),
                    ),
                )
                for i, (p, ts) in enumerate(by_pmid.items())
            ]
            a = compose_article(
                d["body"], OracleSearcher(sources), LexicalVerifier(), provenance=Provenance()
            )
            conf[(str(d["exact_answer"]).lower(), a.stance or "none")] += 1
            n += 1
            if limit and n >= limit:
                break
    return conf, n


def report(name: str, conf: Counter[tuple[str, str]], n: int, secs: float) -> None:
    acc = sum(v for (g, p), v in conf.items() if g == p) / max(n, 1)
    print(f"{name}: n={n} accuracy={acc:.3f} ({secs:.1f}s)")
    for (g, p), v in sorted(conf.items()):
        print(f"   gold={g:9s} pred={p:9s} {v}")


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--only", choices=["pubmedqa", "bioasq"], default=None)
    args = ap.parse_args()
    if args.only in (None, "pubmedqa"):
        for with_c in (True, False):
            t = time.time()
            conf, n = pubmedqa(with_c, args.limit)
            label = (
                "with conclusion (reasoning-free)" if with_c else "without conclusion (reasoning-required)"
            )
            report(f"PubMedQA dev, oracle abstract {label}", conf, n, time.time() - t)
    if args.only in (None, "bioasq"):
        t = time.time()
        conf, n = bioasq(args.limit)
        report("BioASQ 7b-9b yes/no, oracle gold snippets", conf, n, time.time() - t)
