"""Bounded load on the web app (``medcite serve`` on 127.0.0.1, one uvicorn process, in-process job queue
with 2 workers), on SQLite and PostgreSQL, over the 1,000 PubMedQA abstracts (BM25 only, shipped verifier):

- article page: a fixed number of GET /articles/{id} by 20 concurrent readers (httpx async): p50/p95, req/s;
  baseline beside it: the same load on /static/style.css (the server's floor without the database);
- answer jobs per minute: a fixed number of PubMedQA dev questions posted at once to POST /api/answers and
  followed to the end; baseline beside it: the same questions answered one after another by
  ``Engine.ask`` in this process (no web, no queue).

    .venv/bin/python -m bench.bench_web_load                 # both databases
    .venv/bin/python -m bench.bench_web_load --db sqlite --requests 2000 --jobs 12
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from bench.common import data_dir, machine, pct, print_table
from medcite.bootstrap import open_engine
from medcite.config import load_settings
from medcite.testing.databases import scratch_postgres

READERS = 20


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def questions(n: int) -> list[str]:
    lines = (data_dir() / "pubmedqa" / "questions_dev.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["question"] for line in lines[:n]]


@contextmanager
def database(kind: str, folder: Path) -> Iterator[str]:
    if kind == "sqlite":
        yield f"sqlite:///{folder / 'store.sqlite3'}"
    else:
        with scratch_postgres(prefix="medcite_bench") as url:
            yield url


@contextmanager
def server(env: dict[str, str]) -> Iterator[str]:
    port = _free_port()
    cmd = [sys.executable, "-m", "medcite.cli", "serve", "--host", "127.0.0.1", "--port", str(port)]
    proc = subprocess.Popen(
        cmd, env={**os.environ, **env}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                httpx.get(base + "/about", timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        proc.wait(30)


async def readers(base: str, path: str, total: int) -> tuple[list[float], float]:
    """``total`` GETs of ``path`` by READERS concurrent clients: latencies (ms) and wall seconds."""
    latencies: list[float] = []
    per = total // READERS

    async def reader(client: httpx.AsyncClient) -> None:
        for _ in range(per):
            t0 = time.perf_counter()
            r = await client.get(path, headers={"accept": "text/html"})
            latencies.append((time.perf_counter() - t0) * 1000)
            assert r.status_code == 200, r.status_code

    limits = httpx.Limits(max_connections=READERS)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as client:
        await client.get(path)  # warm up
        t0 = time.perf_counter()
        await asyncio.gather(*(reader(client) for _ in range(READERS)))
        return latencies, time.perf_counter() - t0


def answer_jobs(base: str, qs: list[str]) -> tuple[float, int, list[str]]:
    """Post every question at once, follow the jobs to the end: (wall seconds, failed, article ids).
    The wall time is rounded up to the polling second."""
    with httpx.Client(base_url=base, timeout=60) as c:
        t0 = time.perf_counter()
        ids = [c.post("/api/answers", json={"question": q}).json()["id"] for q in qs]
        pending, results, failed = set(ids), [], 0
        while pending:
            for job_id in list(pending):
                job = c.get(f"/api/jobs/{job_id}").json()
                if job["status"] in ("done", "failed"):
                    pending.discard(job_id)
                    failed += job["status"] == "failed"
                    results += [job["result"]] if job["result"] else []
            time.sleep(1.0)  # one pass a second: the polling must not eat the 2 cores the workers need
        return time.perf_counter() - t0, failed, results


def run_db(kind: str, n_requests: int, n_jobs: int) -> list[list[object]]:
    with tempfile.TemporaryDirectory(prefix="mc-web-bench-") as tmp, database(kind, Path(tmp)) as url:
        env = {
            "MEDCITE_HOME": str(Path(tmp) / "home"),
            "MEDCITE_DATABASE_URL": url,
            "MEDCITE_DENSE": "false",
            "MEDCITE_PUBMED_ONLINE": "false",
            "MEDCITE_RATE_ASK": "10000/minute",
            "MEDCITE_REDIS_URL": "",
            "MEDCITE_JOB_WORKERS": "2",
        }
        settings = load_settings(
            home=Path(env["MEDCITE_HOME"]), database_url=url, dense=False, pubmed_online=False
        )
        qs = questions(n_jobs)
        with open_engine(settings) as engine:
            engine.ingest([data_dir() / "pubmedqa" / "abstracts.jsonl"])
            sources = engine.store.count()
            engine.ask(qs[0])  # warm up (model load), not timed
            t0 = time.perf_counter()
            for q in qs:
                engine.ask(q)
            direct_s = time.perf_counter() - t0
        with server(env) as base:
            answer_jobs(base, qs[:1])  # warm up: the server loads its models on the first job, not timed
            jobs_s, failed, ids = answer_jobs(base, qs)
            page, page_s = asyncio.run(readers(base, f"/articles/{ids[0]}", n_requests))
            static, static_s = asyncio.run(readers(base, "/static/style.css", n_requests))
    per_min = len(qs) / jobs_s * 60
    return [
        [
            kind,
            sources,
            "article page, 20 readers",
            len(page),
            pct(page, 50),
            pct(page, 95),
            len(page) / page_s,
            f"static CSS: p50 {pct(static, 50):.1f} / p95 {pct(static, 95):.1f} ms, "
            f"{len(static) / static_s:.0f} req/s",
        ],
        [
            kind,
            sources,
            f"answer jobs (2 workers), {failed} failed",
            len(qs),
            float("nan"),
            float("nan"),
            per_min,
            f"Engine.ask one by one: {len(qs) / direct_s * 60:.1f} answers/min",
        ],
    ]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    ap.add_argument(
        "--requests", type=int, default=2000, help="article page requests (split over 20 readers)"
    )
    ap.add_argument("--jobs", type=int, default=12, help="answer jobs posted at once")
    args = ap.parse_args()
    rows: list[list[object]] = []
    for kind in ("sqlite", "postgres") if args.db == "both" else (args.db,):
        rows += run_db(kind, args.requests, args.jobs)
    print_table(
        f"Web load on 127.0.0.1 — {machine()}",
        ["db", "sources", "what", "n", "p50 ms", "p95 ms", "per s (pages) / per min (jobs)", "baseline"],
        rows,
    )


if __name__ == "__main__":
    main()
