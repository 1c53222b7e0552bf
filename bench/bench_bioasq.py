"""BioASQ 7B-9B factoid and summary questions, end to end (issue 9's evaluation table).

* **factoid**: is a gold exact answer (any of its synonyms) in the article's bottom line, and anywhere in
  the article (bottom line, statements, evidence table)? Beside it, the same test on the top search
  passage and on the top 10 passages (what retrieval alone puts in front of a reader).
* **summary**: ROUGE-2 recall of the ideal answer (``rouge-score``, Porter stemming; the best of the ideal
  answers) by the bottom line plus the first 5 statements, beside the top search passage as a baseline.
* both: "statements from gold %", the share of statements whose first citation is one of the question's
  gold documents (as in ``bench.bench_answers``: an automatic lower bound on statements on the question).

Articles are composed with ``compose_article`` over ``engine.searcher()`` and ``engine.verifier``, as in
``bench.bench_answers``. Needs the bench extra (``pip install -e ".[bench]"``) and a store with every
shared corpus ingested:

    export MEDCITE_HOME=/tmp/mc-bench MEDCITE_DENSE_GRANULARITY=sources
    .venv/bin/python -m bench.bench_bioasq --half odd

``--half even`` (or ``odd``) keeps the questions of even (odd) index of each type: tune on one half and
report on the other.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass

from bench.bench_answers import gold_shares
from bench.common import answer, apply_composer_options, composer_options, data_dir, machine, pct, print_table
from medcite.bootstrap import open_engine
from medcite.compose import draft, plan
from medcite.config import load_settings
from medcite.domain import Article, Provenance, SearchHit
from medcite.services.engine import Engine

FIRST_STATEMENTS = 5
TOP_PASSAGES = 10
FACTOID_COLUMNS = (
    "n",
    "bottom line %",
    "bottom line, loose %",
    "article %",
    "top passage %",
    f"top {TOP_PASSAGES} passages %",
    "statements from gold %",
    "p50 s",
    "p95 s",
)


@dataclass(frozen=True, slots=True)
class Question:
    body: str
    answers: tuple[str, ...]  # factoid: every synonym of every gold answer; summary: the ideal answers
    pmids: frozenset[str] = frozenset()  # the gold documents


def questions(kind: str, half: str | None, limit: int | None) -> list[Question]:
    out: list[Question] = []
    with (data_dir() / "bioasq" / "questions_7b-9b.jsonl").open() as fh:
        for line in fh:
            d = json.loads(line)
            if d["type"] != kind:
                continue
            if kind == "factoid":
                # 35 of the 476 exact answers are whole sentences: their full stop is not part of the
                # answer (the article cites before it: "... a major protein component [1].")
                answers = tuple(a.strip().rstrip(".").strip() for a in _flatten(d["exact_answer"]))
            else:
                ideal = d["ideal_answer"]
                answers = tuple(ideal if isinstance(ideal, list) else [ideal])
            if answers:
                out.append(Question(d["body"], answers, frozenset(str(p) for p in d.get("pmids", []))))
    if half is not None:
        out = out[half == "odd" :: 2]
    return out[:limit] if limit else out


def _flatten(x: object) -> list[str]:
    if isinstance(x, str):
        return [x] if x.strip() else []
    if isinstance(x, list):
        return [s for item in x for s in _flatten(item)]
    return []


def mentions(text: str, answers: Sequence[str]) -> bool:
    """Whether any gold answer occurs in ``text`` as whole words, ignoring case."""
    low = text.lower()
    return any(re.search(rf"(?<!\w){re.escape(a.lower().strip())}(?!\w)", low) for a in answers if a.strip())


_GREEK = str.maketrans({"\u03b1": "a", "\u03b2": "b", "\u03b3": "g", "\u03b4": "d", "\u03ba": "k"})
LOOSE_MIN = 6  # letters and digits: a shorter answer ("AD") is matched strictly only


def _squeezed(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", "", text.lower().translate(_GREEK))


def mentions_loosely(text: str, answers: Sequence[str]) -> bool:
    """:func:`mentions`, or an answer of :data:`LOOSE_MIN` letters or more found with case, spaces,
    hyphens and punctuation ignored and Greek letters as Latin ones ("non-metastatic castration-resistant"
    for "Nonmetastatic castration-resistant", "PDGFR\u03b1" for "PDGFRA"). A second, looser column beside
    the strict one; the strict one is the figure compared with earlier runs."""
    if mentions(text, answers):
        return True
    flat = _squeezed(text)
    return any(len(a2 := _squeezed(a)) >= LOOSE_MIN and a2 in flat for a in answers)


def passage_text(hit: SearchHit) -> str:
    """The hit's best passage (the whole source text when it has none)."""
    return hit.passages[0].text if hit.passages else hit.source.record.text


def lead_text(a: Article, statements: int | None = FIRST_STATEMENTS) -> str:
    """The bottom line and the first ``statements`` statements (all when None)."""
    parts = [a.bottom_line]
    parts += [st.text for sec in a.sections for st in sec.statements][:statements]
    return " ".join(parts)


def whole_text(a: Article) -> str:
    rows = [f"{r.population} {r.comparison} {r.main_result}" for r in a.evidence_table]
    return " ".join([lead_text(a, None), *rows])


def run_factoid(engine: Engine, qs: list[Question], verbose: bool = False) -> dict[str, object]:
    searcher, verifier, prov = engine.searcher(), engine.verifier, Provenance()
    hits = {"bottom line": 0, "article": 0, "top passage": 0, f"top {TOP_PASSAGES} passages": 0, "loose": 0}
    lat: list[float] = []
    stmts = on_gold = 0
    for q in qs:
        found = searcher.search(q.body, TOP_PASSAGES)
        texts = [passage_text(h) for h in found]
        hits["top passage"] += bool(texts) and mentions(texts[0], q.answers)
        hits[f"top {TOP_PASSAGES} passages"] += mentions(" ".join(texts), q.answers)
        t0 = time.perf_counter()
        a = answer(engine, q.body, searcher, verifier, prov)
        lat.append(time.perf_counter() - t0)
        in_bl, in_art = mentions(a.bottom_line, q.answers), mentions(whole_text(a), q.answers)
        hits["bottom line"] += in_bl
        hits["loose"] += mentions_loosely(a.bottom_line, q.answers)
        hits["article"] += in_art
        if verbose:  # one line per question: a paired run is compared with diff
            flags = f"bl={'yes' if in_bl else 'no ':3} article={'yes' if in_art else 'no ':3}"
            print(f"  {flags}  {q.body[:100]}")
        n_st, n_on, _bl = gold_shares(a, q.pmids)
        stmts, on_gold = stmts + n_st, on_gold + n_on
    n = max(len(qs), 1)
    gold = 100.0 * on_gold / max(stmts, 1)
    return {"n": len(qs), **{k: 100.0 * v / n for k, v in hits.items()}, "from gold": gold, "lat": lat}


def run_summary(engine: Engine, qs: list[Question]) -> dict[str, object]:
    # the bench extra's scorer, imported here: the matching helpers above run in the test suite without it
    from rouge_score import rouge_scorer  # type: ignore[import-untyped]

    searcher, verifier, prov = engine.searcher(), engine.verifier, Provenance()
    scorer = rouge_scorer.RougeScorer(["rouge2"], use_stemmer=True)

    def recall(candidate: str, ideals: Sequence[str]) -> float:
        return max(float(scorer.score(ideal, candidate)["rouge2"].recall) for ideal in ideals)

    art: list[float] = []
    top: list[float] = []
    lat: list[float] = []
    stmts = on_gold = 0
    for q in qs:
        found = searcher.search(q.body, 1)
        top.append(recall(passage_text(found[0]) if found else "", q.answers))
        t0 = time.perf_counter()
        a = answer(engine, q.body, searcher, verifier, prov)
        lat.append(time.perf_counter() - t0)
        art.append(recall(lead_text(a), q.answers))
        n_st, n_on, _bl = gold_shares(a, q.pmids)
        stmts, on_gold = stmts + n_st, on_gold + n_on
    n = max(len(qs), 1)
    gold = 100.0 * on_gold / max(stmts, 1)
    return {
        "n": len(qs),
        "article": 100.0 * sum(art) / n,
        "top passage": 100.0 * sum(top) / n,
        "from gold": gold,
        "lat": lat,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--limit", type=int, default=None, help="questions per type (default: all)")
    ap.add_argument("--half", choices=("even", "odd"), default=None)
    ap.add_argument("--only", choices=("factoid", "summary"), default=None)
    ap.add_argument("--verbose", action="store_true", help="one line per factoid question (found or not)")
    ap.add_argument(
        "--strict-floor",
        action="store_true",
        help="answers with no yes/no hold no off-question sentence in any section (default: they keep them "
        "as a last resort in their findings sections)",
    )
    composer_options(ap)
    args = ap.parse_args()
    apply_composer_options(args)
    draft.STRICT_WITHOUT_STANCE = args.strict_floor
    engine = open_engine(load_settings())
    stats = engine.stats()
    engine.searcher().search("warm up", 5)
    engine.verifier.verify_batch([])
    print(f"machine: {machine()}")
    print(f"half: {args.half or 'all'}, limit: {args.limit or 'none'}")
    print(f"concepts named by the relevance model at: {plan.MODEL_NAMES}")
    print(f"corpus: {stats.store.sources} sources, {stats.store.passages} passages ({engine.settings.home})")
    if args.only in (None, "factoid"):
        f = run_factoid(engine, questions("factoid", args.half, args.limit), args.verbose)
        lat = f["lat"]
        assert isinstance(lat, list)
        print_table(
            "BioASQ 7B-9B factoid: a gold answer (any synonym) found in ...",
            FACTOID_COLUMNS,
            [
                (
                    f["n"],
                    f["bottom line"],
                    f["loose"],
                    f["article"],
                    f["top passage"],
                    f[f"top {TOP_PASSAGES} passages"],
                    f["from gold"],
                    pct(lat, 50),
                    pct(lat, 95),
                )
            ],
        )
        print("targets: bottom line >= 60%, article >= 80%")
    if args.only in (None, "summary"):
        s = run_summary(engine, questions("summary", args.half, args.limit))
        lat = s["lat"]
        assert isinstance(lat, list)
        print_table(
            "BioASQ 7B-9B summary: ROUGE-2 recall of the ideal answer",
            (
                "n",
                "bottom line + 5 statements",
                "top search passage (baseline)",
                "statements from gold %",
                "p50 s",
                "p95 s",
            ),
            [(s["n"], s["article"], s["top passage"], s["from gold"], pct(lat, 50), pct(lat, 95))],
        )


if __name__ == "__main__":
    main()
