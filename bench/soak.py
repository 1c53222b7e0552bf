"""Soak test: concurrent ingests, searches and questions on one store, then a check that nothing was lost.

On a fresh store (a SQLite file, or a new PostgreSQL database on 127.0.0.1 that is dropped afterwards),
all at once: 3 ``medcite ingest`` processes of overlapping slices of the shared corpora (PubMedQA
abstracts and the MEDLINE sample: 1,604 distinct records), 10 search loops (hybrid search, a fixed number
each) and one ``ask`` loop, every process a real one with its stderr captured. Afterwards: every record is
stored exactly once, found by BM25 when searching its own title (or its first sentence, or the first 40
words of its abstract: PubMedQA records have no title and some start "Cross-sectional."), and present in
the dense index (and found by its own vector); no process printed a traceback; the index lag is 0. It
prints the latency of the searches that ran while the ingests were running (p50/p95) and the counts, one
row per database.

    .venv/bin/python -m bench.soak                 # SQLite and PostgreSQL (a few minutes on 2 cores)
    .venv/bin/python -m bench.soak --db sqlite     # one of them
    (--role search|ask is internal: one loop process)
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
import sqlalchemy as sa

from bench.common import REPO, all_sources, data_dir, machine, pct, print_table
from medcite.bootstrap import open_engine
from medcite.config import load_settings
from medcite.corpus.detect import parse_path
from medcite.domain import PassageRef, SourceRecord, StoredSource
from medcite.errors import MedciteError
from medcite.retrieve import Mode
from medcite.testing.databases import scratch_postgres

PG_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
INGESTS = 3


# --- inputs ---------------------------------------------------------------------------------------------
def slices(tmp: Path) -> list[list[Path]]:
    """What each of the 3 ingests reads: overlapping slices of PubMedQA and the MEDLINE sample twice."""
    d = data_dir()
    lines = (d / "pubmedqa" / "abstracts.jsonl").read_text().splitlines(keepends=True)
    first, second = tmp / "pubmedqa_0-600.jsonl", tmp / "pubmedqa_400-1000.jsonl"
    first.write_text("".join(lines[:600]))
    second.write_text("".join(lines[400:]))
    medline = d / "medline_sample" / "medline16n0902.xml.gz"
    return [[first, medline], [medline, second], [d / "pubmedqa" / "abstracts.jsonl"]]


def expected_keys(inputs: list[list[Path]]) -> set[str]:
    return {i.key for paths in inputs for p in paths for i in parse_path(p) if isinstance(i, SourceRecord)}


def questions() -> list[str]:
    path = data_dir() / "pubmedqa" / "questions_dev.jsonl"
    return [json.loads(line)["question"] for line in path.open()]


# --- the loop processes ---------------------------------------------------------------------------------
def search_loop(count: int, seed: int, pause: float, out: Path) -> None:
    """``count`` hybrid searches, one JSON line each (start time, seconds, hits or a clean error)."""
    qs = questions()
    with open_engine(load_settings()) as engine, out.open("w") as fh:
        for i in range(count):
            query = qs[(seed * 97 + i * 13) % len(qs)]
            started, t0 = time.time(), time.perf_counter()
            try:
                hits, error = len(engine.search(query, 10, mode=Mode(True, True))), None
            except MedciteError as exc:  # a clean, expected error; anything else is a traceback
                hits, error = 0, str(exc)
            row = {"t": started, "s": time.perf_counter() - t0, "hits": hits, "error": error}
            fh.write(json.dumps(row) + "\n")
            fh.flush()
            time.sleep(pause)


def ask_loop(count: int, out: Path) -> None:
    """``count`` questions once the store has sources, one JSON line each."""
    qs = questions()
    with open_engine(load_settings()) as engine, out.open("w") as fh:
        deadline = time.monotonic() + 300
        while engine.store.count() == 0 and time.monotonic() < deadline:
            time.sleep(1)
        for i in range(count):
            t0 = time.perf_counter()
            try:
                res, error = engine.ask(qs[i * 31 % len(qs)]), None
                refs = len(res.article.references)
            except MedciteError as exc:
                refs, error = 0, str(exc)
            fh.write(json.dumps({"s": time.perf_counter() - t0, "references": refs, "error": error}) + "\n")
            fh.flush()


# --- one run --------------------------------------------------------------------------------------------
@contextmanager
def database(kind: str, home: Path) -> Iterator[str]:
    """The database URL ("" = SQLite under ``home``), a new PostgreSQL database dropped afterwards."""
    if kind == "sqlite":
        yield ""
        return
    with scratch_postgres(PG_ADMIN, prefix="medcite_soak") as url:
        yield url


def _start(cmd: list[str], env: dict[str, str], log: Path) -> tuple[subprocess.Popen[bytes], Path]:
    err = log.with_suffix(".stderr")
    with err.open("wb") as fh:
        proc = subprocess.Popen(cmd, env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=fh)
    return proc, err


def run_processes(work: Path, env: dict[str, str], args: argparse.Namespace) -> dict[str, Any]:
    """Start everything at once; wait; the ingest window and the logs."""
    py = sys.executable
    inputs = slices(work)
    ingests = [
        _start([py, "-m", "medcite.cli", "ingest", "-q", *map(str, paths)], env, work / f"ingest{i}")
        for i, paths in enumerate(inputs)
    ]
    loops = []
    for i in range(args.loops):
        role = [
            "--role",
            "search",
            "--count",
            str(args.searches),
            "--seed",
            str(i),
            "--pause",
            str(args.pause),
        ]
        out = ["--out", str(work / f"search{i}.jsonl")]
        loops.append(_start([py, "-m", "bench.soak", *role, *out], env, work / f"search{i}"))
    asker = _start(
        [
            py,
            "-m",
            "bench.soak",
            "--role",
            "ask",
            "--count",
            str(args.asks),
            "--out",
            str(work / "ask.jsonl"),
        ],
        env,
        work / "ask",
    )
    t0 = time.time()
    deadline = time.monotonic() + args.timeout
    codes = [p.wait(timeout=max(1.0, deadline - time.monotonic())) for p, _e in ingests]
    ingest_end = time.time()
    codes += [p.wait(timeout=max(1.0, deadline - time.monotonic())) for p, _e in [*loops, asker]]
    logs = [e for _p, e in [*ingests, *loops, asker]]
    return {
        "inputs": inputs,
        "t0": t0,
        "ingest_end": ingest_end,
        "exit_codes": codes,
        "tracebacks": sum(e.read_text(errors="replace").count("Traceback") for e in logs),
        "stderr": {e.name: e.read_text(errors="replace")[-2000:] for e in logs if e.stat().st_size},
    }


def _rows(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


def check_store(env: dict[str, str], want: set[str]) -> dict[str, Any]:
    """Every record stored once, in BM25 (searching its own title or first sentence), in the dense index."""
    settings = load_settings(home=Path(env["MEDCITE_HOME"]), database_url=env["MEDCITE_DATABASE_URL"])
    with open_engine(settings) as engine:
        store = engine.store
        with store.engine.connect() as conn:  # type: ignore[attr-defined]
            twice = conn.execute(sa.text("SELECT COUNT(*) - COUNT(DISTINCT key) FROM sources")).scalar_one()
        sources = list(all_sources(store))
        keys = {s.key for s in sources}
        idx = engine.indexes
        assert idx.vector is not None
        bm25_missed = [s.key for s in sources if not _found_by_bm25(engine, s)]
        refs = [PassageRef(s.key) for s in sources]
        vecs = idx.vector.vectors(refs)
        present = [bool(not np.isnan(v).any()) for v in vecs]
        dense_missed = []
        for ref, vec, ok in zip(refs, vecs, present, strict=True):
            hits = idx.vector.search(vec, 10) if ok else []
            if not any(r.source_key == ref.source_key or score > 0.9999 for r, score in hits):
                dense_missed.append(ref.source_key)
        return {
            "stored": len(sources),
            "missing": len(want - keys),
            "unexpected": len(keys - want),
            "stored_twice": int(twice),
            "lexical_docs": idx.lexical.num_docs,
            "bm25_found": len(sources) - len(bm25_missed),
            "bm25_missed": bm25_missed,
            "dense_present": sum(present),
            "dense_self_found": len(sources) - len(dense_missed),
            "dense_missed": dense_missed,
            "index_lag": engine.index_lag(),
        }


def _found_by_bm25(engine: Any, source: StoredSource) -> bool:
    """The key is among the top 10 for its own title, or its first sentence where it has no title (or
    where the title finds other records first, e.g. a title shared by several records), or, where that
    sentence says little ("Cross-sectional."), the first 40 words of its abstract."""
    rows = engine.store.passages_of([source.key])[source.key]
    first = rows[0].passage.text if rows else ""
    head = " ".join(source.record.text.split()[:40])
    for query in dict.fromkeys(q for q in (source.record.title, first, head) if q):
        if any(key == source.key for key, _score in engine.indexes.lexical.search(query, 10)):
            return True
    return False


def soak(kind: str, args: argparse.Namespace) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="medcite-soak-") as tmp:
        work = Path(tmp)
        with database(kind, work / "home") as url:
            env = {
                **os.environ,
                "MEDCITE_HOME": str(work / "home"),
                "MEDCITE_DATABASE_URL": url,
                "MEDCITE_DATA_DIR": str(data_dir()),
                "MEDCITE_DENSE_GRANULARITY": "sources",
                "MEDCITE_PUBMED_ONLINE": "false",
                "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]),
            }
            ran = run_processes(work, env, args)
            checked = check_store(env, expected_keys(ran["inputs"]))
            searches = [r for i in range(args.loops) for r in _rows(work / f"search{i}.jsonl")]
            asks = _rows(work / "ask.jsonl")
    during = [r["s"] * 1000 for r in searches if ran["t0"] <= r["t"] <= ran["ingest_end"]]
    return {
        "db": kind,
        **ran,
        **checked,
        "ingest_s": ran["ingest_end"] - ran["t0"],
        "searches": len(searches),
        "search_errors": sum(1 for r in searches if r["error"]),
        "with_hits": sum(1 for r in searches if ran["t0"] <= r["t"] <= ran["ingest_end"] and r["hits"]),
        "during": len(during),
        "p50": pct(during, 50),
        "p95": pct(during, 95),
        "asks_ok": sum(1 for r in asks if not r["error"]),
        "asks": len(asks),
    }


# --- report ---------------------------------------------------------------------------------------------
def report(results: list[dict[str, Any]], want: int) -> bool:
    columns = [
        "db",
        "records",
        "stored (twice)",
        "BM25 found / docs",
        "dense in / self-found",
        "ingest s",
        "searches in ingest (with hits)",
        "p50 ms",
        "p95 ms",
        "searches (errors)",
        "asks ok",
        "tracebacks",
        "exit codes",
        "lag",
    ]
    rows = [
        [
            r["db"],
            want,
            f"{r['stored']} ({r['stored_twice']})",
            f"{r['bm25_found']} / {r['lexical_docs']}",
            f"{r['dense_present']} / {r['dense_self_found']}",
            f"{r['ingest_s']:.0f}",
            f"{r['during']} ({r['with_hits']})",
            f"{r['p50']:.0f}",
            f"{r['p95']:.0f}",
            f"{r['searches']} ({r['search_errors']})",
            f"{r['asks_ok']}/{r['asks']}",
            r["tracebacks"],
            "all 0" if not any(r["exit_codes"]) else ",".join(map(str, r["exit_codes"])),
            r["index_lag"],
        ]
        for r in results
    ]
    print_table(f"soak: 3 ingests + 10 search loops + 1 ask loop | {machine()}", columns, rows)
    ok = True
    for r in results:
        good = (
            r["stored"] == want
            and not r["missing"] + r["unexpected"] + r["stored_twice"] + r["tracebacks"] + r["index_lag"]
            and r["lexical_docs"] == r["bm25_found"] == want
            and r["dense_present"] == want
            and not any(r["exit_codes"])
        )
        ok &= good
        if r["bm25_missed"] or r["dense_missed"]:
            missed = f"BM25 {r['bm25_missed'][:10]}, dense {r['dense_missed'][:10]}"
            print(f"{r['db']}: not found by their own text or vector: {missed}")
        if r["stderr"] and not good:
            print(json.dumps(r["stderr"], indent=1)[:6000])
    return ok


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--db", choices=("sqlite", "postgres", "both"), default="both")
    ap.add_argument("--loops", type=int, default=10, help="search loop processes")
    ap.add_argument("--searches", type=int, default=30, help="searches per loop")
    ap.add_argument("--pause", type=float, default=1.0, help="seconds between two searches of a loop")
    ap.add_argument("--asks", type=int, default=3, help="questions the ask loop asks")
    ap.add_argument("--timeout", type=float, default=1200, help="seconds for all processes of one run")
    ap.add_argument("--role", choices=("search", "ask"), help=argparse.SUPPRESS)
    ap.add_argument("--count", type=int, default=0, help=argparse.SUPPRESS)
    ap.add_argument("--seed", type=int, default=0, help=argparse.SUPPRESS)
    ap.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.role == "search":
        search_loop(args.count, args.seed, args.pause, args.out)
        return
    if args.role == "ask":
        ask_loop(args.count, args.out)
        return
    kinds = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    want = len(expected_keys(slices(Path(tempfile.mkdtemp(prefix="medcite-soak-inputs-")))))
    results = [soak(kind, args) for kind in kinds]
    sys.exit(0 if report(results, want) else 1)


if __name__ == "__main__":
    main()
