"""Count statements that read badly, over articles composed from the real shared data with the test doubles
(OverlapSearcher, LexicalVerifier): first person, truncation markers, glued fragments (".;").

    .venv/bin/python -m tests.compose.measure_statements [--limit 100] [--show]

Two sets: PubMedQA dev questions over the compose tests' corpus (PubMedQA abstracts and the
``abstracts_extra`` records of ``conftest.KEYWORDS``, read by the test double's loader), and drug questions
over ``abstracts_extra`` records read by the real JSON Lines parser (which keeps the ".; " joins and the
truncation markers as they are in the data).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import time
from collections import Counter
from collections.abc import Iterable

from medcite.compose import compose_article
from medcite.corpus.classify import classify
from medcite.corpus.jsonl import record_from_dict
from medcite.domain import Article, Provenance, SourceRecord, StoredSource
from medcite.testing import OverlapSearcher
from tests.compose.conftest import KEYWORDS
from tests.compose.doubles import DATA_DIR, LexicalVerifier, OracleSearcher, load_extra, load_pubmedqa

FIRST_PERSON_LEAD = re.compile(
    r"^(?:In [^,]{0,160}, )?(?:in contrast, )?(?:we|our|these (?:results|findings|data))\b", re.I
)
FIRST_PERSON = re.compile(r"\b(?:[Ww]e|[Oo]urs?|us)\b")  # not "US" (a country, ultrasound)
TRUNCATED = re.compile(r"\bABSTRACT TRUNCATED\b", re.I)
GLUED = ".;"
# wording of a method or an aim, not a finding (fixed here, independent of medcite.text.role_of)
METHODS = re.compile(
    r"\b(?:were (?:randomly )?(?:assigned|allocated|randomi[sz]ed) to|(?:was|were) defined as|"
    r"(?:aim|purpose|objective) of (?:this|the present|the current|our) \w+ (?:was|is)|"
    r"(?:this|the present|the current|our) (?:study|trial) (?:examined|aimed|investigated|evaluated))\b",
    re.I,
)
DRUG_QUESTIONS = (
    "Does atenolol lower blood pressure in hypertension?",
    "Is metoprolol effective in heart failure?",
    "Does captopril improve survival after myocardial infarction?",
    "Is baclofen effective for spasticity?",
    "Does bupropion help smoking cessation?",
    "Is methylphenidate effective in adults with ADHD?",
    "Does clonidine reduce pain after adenotonsillectomy?",
    "Does zolpidem improve sleep in insomnia?",
    "Does estrogen prevent osteoporosis in postmenopausal women?",
    "Does ketamine relieve depression?",
    "Are beta-blockers safe in asthma?",
    "Does enalapril reduce mortality in heart failure?",
    "Is nifedipine effective for angina?",
    "Does omeprazole heal peptic ulcers?",
    "Do statins reduce cardiovascular events?",
    "Does fluoxetine treat depression?",
    "Is amlodipine effective in hypertension?",
    "Does verapamil prevent migraine?",
    "Is sumatriptan effective for migraine?",
    "Does risperidone help schizophrenia?",
)
DRUG_WORDS = (
    "atenolol metoprolol captopril baclofen bupropion methylphenidate clonidine zolpidem estrogen ketamine "
    "beta-blocker enalapril nifedipine omeprazole statin fluoxetine amlodipine verapamil sumatriptan "
    "risperidone"
).split()


def extra_parsed(words: Iterable[str], limit: int) -> list[StoredSource]:
    """``abstracts_extra`` records that mention one of ``words``, read by the real JSON Lines parser."""
    kws = [w.lower() for w in words]
    out: dict[str, StoredSource] = {}
    with gzip.open(DATA_DIR / "corpora" / "abstracts_extra.jsonl.gz", "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            d = json.loads(line)
            low = f"{d.get('title') or ''} {d.get('abstract') or ''}".lower()
            if not (d.get("abstract") or "").strip() or not any(k in low for k in kws):
                continue
            rec = record_from_dict(d, "abstracts_extra", "abstracts_extra.jsonl.gz", i + 1, i + 1)
            if isinstance(rec, SourceRecord) and rec.key not in out:
                out[rec.key] = StoredSource(id=200000 + i, record=rec, evidence=classify(rec))
            if len(out) >= limit:
                break
    return list(out.values())


def count(articles: Iterable[Article], show: bool) -> Counter[str]:
    c: Counter[str] = Counter()
    for a in articles:
        c["articles"] += 1
        for s in a.sections:
            for st in s.statements:
                if st.kind == "gap":
                    continue
                c["statements"] += 1
                hits = {
                    "first person lead": bool(FIRST_PERSON_LEAD.match(st.text)),
                    "first person anywhere": bool(FIRST_PERSON.search(st.text)),
                    "truncation marker": bool(TRUNCATED.search(st.text)),
                    "glued '.;'": GLUED in st.text,
                    "methods wording": bool(METHODS.search(st.text)) and s.key in ("efficacy", "findings"),
                }
                for name, hit in hits.items():
                    if hit:
                        c[name] += 1
                        if show:
                            print(f"  [{name}] {st.text[:200]}")
    return c


def compose_all(questions: Iterable[str], searcher: OverlapSearcher) -> Iterable[Article]:
    for q in questions:
        yield compose_article(q, searcher, LexicalVerifier(), provenance=Provenance())


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=100)
    ap.add_argument("--show", action="store_true")
    args = ap.parse_args()
    t = time.time()
    pubmedqa = load_pubmedqa()
    corpus = list(pubmedqa.values()) + list(load_extra(KEYWORDS, limit=600).values())
    with (DATA_DIR / "pubmedqa" / "questions_dev.jsonl").open(encoding="utf-8") as fh:
        questions = [json.loads(line)["question"] for line in fh][: args.limit]
    dev = count(compose_all(questions, OverlapSearcher(corpus)), args.show)
    print(f"PubMedQA dev ({len(questions)} questions, compose-test corpus): {dict(dev)}")
    drugs = count(compose_all(DRUG_QUESTIONS, OverlapSearcher(extra_parsed(DRUG_WORDS, 3000))), args.show)
    print(f"Drug questions ({len(DRUG_QUESTIONS)}, abstracts_extra via the real parser): {dict(drugs)}")
    truncated = [s for s in extra_parsed(["abstract truncated"], args.limit) if "TRUNCATED" in s.record.text]
    cut: Counter[str] = Counter()
    for src in truncated:
        question = (src.record.title or "").rstrip(".") + "?"
        a = compose_article(question, OracleSearcher([src]), LexicalVerifier(), provenance=Provenance())
        cut += count([a], args.show)
    print(f"Truncated abstracts ({len(truncated)}, title as the question, oracle retrieval): {dict(cut)}")
    print(f"{time.time() - t:.0f} s")


if __name__ == "__main__":
    main()
