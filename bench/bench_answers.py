"""End-to-end answer quality and latency: PubMedQA and BioASQ yes/no accuracy of ``article.stance``,
share of supported / partial statements, and ask latency, through real retrieval and the real verifier.

Articles are composed with ``compose_article`` on ``engine.searcher()`` and ``engine.verifier`` (what
``Engine.ask`` does, without writing the article to the store).

    MEDCITE_HOME=/tmp/mc-bench .venv/bin/python -m bench.bench_answers --limit 200

``--half even`` (or ``odd``) keeps the questions of even (odd) index in each data set, before ``--limit``:
tune rules on the even half and report on the odd one. Beside the accuracy the table shows the
majority-class baseline: the share of the most common gold answer ("always yes" on both data sets).
"from gold %" is the share of the articles' statements (gap notes aside) whose first citation is a gold
document of the question (PubMedQA: its abstract; BioASQ: its gold PMIDs), and "bottom line gold %" the
share of bottom lines citing one first: an automatic lower bound on statements that answer the question
(other documents can answer it too, but a statement from a gold document is on the question).
The yes/no stance is decided by the shipped stance reader; ``MEDCITE_STANCE_READER=false`` measures the
wording rule instead. ``--stance wording|findings|combined`` chooses where the yes/no stance comes from (see
``medcite.compose.synthesis.combine_stance``). ``--trained-roles`` takes candidate roles from the
trained role model. ``--without synonyms`` / ``--without directness`` measure the answers without the
MeSH synonyms of the question's concepts, or without the directness rules beyond naming the concepts.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter

from bench.common import answer, apply_composer_options, composer_options, data_dir, machine, pct, print_table
from medcite.bootstrap import open_engine
from medcite.compose import compose as compose_mod
from medcite.compose import fit, naming, plan, pool, synthesis
from medcite.config import load_settings
from medcite.domain import Article, Provenance
from medcite.services.engine import Engine

GOLD = {"yes": "yes", "no": "no", "maybe": "uncertain"}
MEDRAG_GPT4 = {"PubMedQA": 70.6, "BioASQ yes/no": 92.6}


Item = tuple[str, str, frozenset[str]]  # question, gold answer, gold PMIDs


def _pick(qs: list[Item], limit: int | None, half: str | None) -> list[Item]:
    """The questions of one half (by index parity in the data set), then the first ``limit``."""
    if half is not None:
        qs = qs[half == "odd" :: 2]
    return qs[:limit] if limit else qs


def pubmedqa(limit: int | None, half: str | None = None) -> list[Item]:
    out = []
    with (data_dir() / "pubmedqa" / "questions_dev.jsonl").open() as fh:
        for line in fh:
            d = json.loads(line)
            out.append((d["question"], GOLD[d["answer"]], frozenset({str(d["pmid"])})))
    return _pick(out, limit, half)


def bioasq(limit: int | None, half: str | None = None) -> list[Item]:
    out = []
    with (data_dir() / "bioasq" / "questions_7b-9b.jsonl").open() as fh:
        for line in fh:
            d = json.loads(line)
            if d["type"] != "yesno":
                continue
            ans = d["exact_answer"]
            ans = ans[0] if isinstance(ans, list) else ans
            out.append((d["body"], str(ans).strip().lower(), frozenset(str(p) for p in d["pmids"])))
    return _pick(out, limit, half)


def gold_shares(a: Article, pmids: frozenset[str]) -> tuple[int, int, bool]:
    """Statements (gap notes aside), those whose first citation is a gold document, and whether the
    bottom line's first citation is one."""
    gold = {r.n for r in a.references if r.pmid in pmids}
    stmts = [st for s in a.sections for st in s.statements if st.citations]
    on = sum(st.citations[0] in gold for st in stmts)
    return len(stmts), on, bool(a.bottom_line_citations) and a.bottom_line_citations[0] in gold


def run(engine: Engine, qs: list[Item], verbose: bool) -> dict[str, object]:
    searcher, verifier = engine.searcher(), engine.verifier
    prov = Provenance()
    conf: Counter[tuple[str, str]] = Counter()
    labels: Counter[str] = Counter()
    lat: list[float] = []
    insufficient = 0
    stmts = on_gold = bl_gold = 0
    for q, gold, pmids in qs:
        t0 = time.perf_counter()
        a: Article = answer(engine, q, searcher, verifier, prov)
        lat.append(time.perf_counter() - t0)
        got = a.stance or "none"
        conf[(gold, got)] += 1
        insufficient += a.insufficient
        n_st, n_on, bl = gold_shares(a, pmids)
        stmts, on_gold, bl_gold = stmts + n_st, on_gold + n_on, bl_gold + bl
        for s in a.sections:
            for st in s.statements:
                if st.verdict is not None:
                    labels[st.verdict] += 1
        if verbose:
            votes = next((r for r in a.stance_reasons if r.startswith("the stance reader")), "")
            wording = next((r for r in a.stance_reasons if r.startswith("the wording of")), "")
            votes = f"{votes}; {wording.partition(': ')[2]}" if votes and wording else votes
            print(f"{gold:>9} {got:>9} {lat[-1]:.2f}s  {q[:90]}" + (f"  [{votes}]" if votes else ""))
    n = len(qs)
    majority = Counter(g for _q, g, _p in qs).most_common(1)
    verdicts = sum(labels.values()) or 1
    return {
        "n": n,
        "acc": 100.0 * sum(v for (g, p), v in conf.items() if g == p) / max(n, 1),
        "majority": f"{100.0 * majority[0][1] / n:.1f} ({majority[0][0]})" if majority else "-",
        "supported": 100.0 * labels["supported"] / verdicts,
        "partial": 100.0 * labels["partial"] / verdicts,
        "from_gold": 100.0 * on_gold / max(stmts, 1),
        "bl_gold": 100.0 * bl_gold / max(n, 1),
        "statements": sum(labels.values()),
        "insufficient": insufficient,
        "p50": pct(lat, 50),
        "p95": pct(lat, 95),
        "lat": lat,
        "conf": conf,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--limit", type=int, default=None, help="questions per data set (default: all)")
    ap.add_argument("--only", choices=("pubmedqa", "bioasq"), default=None)
    ap.add_argument("--half", choices=("even", "odd"), default=None, help="questions of even or odd index")
    ap.add_argument(
        "--without",
        choices=("synonyms", "directness"),
        action="append",
        default=[],
        help="measure without the MeSH synonyms of the question's concepts, or without the directness rules "
        "beyond the concepts (animal, other condition, setting, age group)",
    )
    ap.add_argument(
        "--stance",
        choices=("wording", "findings", "combined"),
        default=None,
        help="where the yes/no stance comes from (default: the shipped synthesis.STANCE_MODE)",
    )
    ap.add_argument(
        "--trained-roles",
        action="store_true",
        help="candidate sentence roles from the trained role model where section labels say nothing",
    )
    ap.add_argument(
        "--all-votes",
        action="store_true",
        help="every section's statements vote on the stance (default: the main section's only)",
    )
    composer_options(ap)
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    apply_composer_options(args)
    if args.stance:
        synthesis.STANCE_MODE = args.stance
    naming.USE_SYNONYMS = "synonyms" not in args.without
    plan.DIRECTNESS_RULES = "directness" not in args.without
    pool.TRAINED_ROLES = args.trained_roles
    if args.all_votes:
        compose_mod.PRIMARY_VOTES = False
    engine = open_engine(load_settings())
    stats = engine.stats()
    searcher = engine.searcher()
    searcher.search("warm up", 5)  # load models and indexes before timing
    engine.verifier.verify_batch([])
    results: dict[str, dict[str, object]] = {}
    if args.only in (None, "pubmedqa"):
        results["PubMedQA"] = run(engine, pubmedqa(args.limit, args.half), args.verbose)
    if args.only in (None, "bioasq"):
        results["BioASQ yes/no"] = run(engine, bioasq(args.limit, args.half), args.verbose)
    print(f"machine: {machine()}")
    print(f"half: {args.half or 'all'}, limit: {args.limit or 'none'}, without: {args.without or 'nothing'}")
    print(f"stance from: {synthesis.STANCE_MODE}")
    print(f"sentence fit: {'off' if fit.MAX_SCORED == 0 else 'on'}")
    print(f"concepts named by the relevance model at: {plan.MODEL_NAMES}")
    print(f"stance votes: {'main section' if compose_mod.PRIMARY_VOTES else 'every section'}")
    reader = engine.stance_reader()
    print(f"stance reader: {reader.model_id if reader else 'off (MEDCITE_STANCE_READER=false)'}")
    print(f"corpus: {stats.store.sources} sources, {stats.store.passages} passages ({engine.settings.home})")
    rows = []
    for name, r in results.items():
        rows.append(
            (
                name,
                r["n"],
                r["acc"],
                r["majority"],
                MEDRAG_GPT4[name],
                r["supported"],
                r["partial"],
                r["statements"],
                r["from_gold"],
                r["bl_gold"],
                r["insufficient"],
                r["p50"],
                r["p95"],
            )
        )
    all_lat = [x for r in results.values() for x in r["lat"]]  # type: ignore[attr-defined]
    print_table(
        "End-to-end answers (compose_article: real retrieval + verifier)",
        (
            "data set",
            "n",
            "stance acc %",
            "always-majority %",
            "MedRAG+GPT-4 %",
            "supported %",
            "partial %",
            "statements",
            "from gold %",
            "bottom line gold %",
            "insufficient",
            "p50 s",
            "p95 s",
        ),
        rows,
    )
    print(
        f"all questions: latency p50 {pct(all_lat, 50):.3f}s, p95 {pct(all_lat, 95):.3f}s (target p50 1.5s)"
    )
    for name, r in results.items():
        print(name, "confusion (gold, predicted):", dict(sorted(r["conf"].items())))  # type: ignore[attr-defined]


if __name__ == "__main__":
    main()
