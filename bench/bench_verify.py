"""Throughput and latency of the claim verifier on real claim-passage pairs (HealthVer dev).

    python bench/bench_verify.py [--n 512] [--batch 64]

Prints machine, n, median and p95 latency of single ``verify`` calls, and batched pairs/s (``verify_batch``).
Target: >= 100 claim-passage pairs/s on 2 CPU cores.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import data_dir, machine, pct, print_table

from medcite.bootstrap import load_verifier
from medcite.config import load_settings
from medcite.domain import Evidence


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=512)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--single", type=int, default=100, help="single verify() calls for the latency figures")
    args = ap.parse_args()
    settings = load_settings()
    verifier = load_verifier(settings)
    with open(data_dir() / "healthver" / "healthver_dev.csv", encoding="utf-8") as fh:
        rows = [(r["claim"], r["evidence"]) for r in csv.DictReader(fh)][: args.n]
    items = [(c, [Evidence(text=e)]) for c, e in rows]
    verifier.verify_batch(items[:8])  # warm-up

    lat = []
    for c, ev in items[: args.single]:
        t0 = time.perf_counter()
        verifier.verify(c, ev)
        lat.append((time.perf_counter() - t0) * 1000)

    t0 = time.perf_counter()
    for s in range(0, len(items), args.batch):
        verifier.verify_batch(items[s : s + args.batch])
    secs = time.perf_counter() - t0
    mean_chars = sum(len(e) for _, e in rows) / len(rows)
    print_table(
        f"Claim verifier speed ({verifier.model_id}, threads={settings.models.threads})",
        [
            "machine",
            "n pairs",
            "evidence chars (mean)",
            "single median ms",
            "single p95 ms",
            "batch",
            "pairs/s",
        ],
        [
            [
                machine(),
                len(items),
                round(mean_chars),
                pct(lat, 50),
                pct(lat, 95),
                args.batch,
                len(items) / secs,
            ]
        ],
    )


if __name__ == "__main__":
    main()
