"""Opening a fresh store from several processes at once (issue 11, item 3), and the 0003 migration.

Real processes (multiprocessing, spawn) released together by a barrier each open the same fresh database,
on SQLite and on PostgreSQL: all must succeed, and the database must hold one set of tables at the head
revision. Before the fix, one process failed with "table sources already exists" (SQLite) or a unique
violation in the catalog (PostgreSQL).
"""

from __future__ import annotations

import multiprocessing as mp
import traceback
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Barrier
from pathlib import Path

import alembic.command
import alembic.config
import sqlalchemy as sa

from medcite.adapters.sql import Store
from medcite.adapters.sql.migrate import MIGRATIONS
from medcite.domain import AbstractSection, SourceRecord

SPAWN = mp.get_context("spawn")
PROCESSES = 4
TIMEOUT_S = 120


def _open(url: str, barrier: Barrier, results: Queue[str]) -> None:
    try:
        barrier.wait(timeout=TIMEOUT_S)
        Store.open(url).close()
        results.put("ok")
    except Exception:
        results.put(traceback.format_exc())


def test_processes_opening_a_fresh_store_at_once_all_succeed(db_url: str) -> None:
    barrier = SPAWN.Barrier(PROCESSES)
    results: Queue[str] = SPAWN.Queue()
    procs = [SPAWN.Process(target=_open, args=(db_url, barrier, results)) for _ in range(PROCESSES)]
    for proc in procs:
        proc.start()
    got = [results.get(timeout=TIMEOUT_S) for _ in procs]
    for proc in procs:
        proc.join(timeout=TIMEOUT_S)
    assert got == ["ok"] * PROCESSES, "\n".join(r for r in got if r != "ok")
    engine = sa.create_engine(db_url)
    try:
        names = sorted(sa.inspect(engine).get_table_names())
        with engine.connect() as conn:
            versions = [r[0] for r in conn.execute(sa.text("SELECT version_num FROM alembic_version"))]
            counter = conn.execute(sa.text("SELECT id, value FROM store_seq")).all()
    finally:
        engine.dispose()
    assert names == sorted(
        {"alembic_version", "sources", "passages", "tombstones", "articles", "article_versions"}
        | {"threads", "store_seq", "article_refs", "users", "sessions", "api_tokens", "jobs"}
        | {"approvals", "audit_log", "claim_reviews", "reviewer_profiles", "policy_versions", "comments"}
        | {"feedback", "subscriptions", "notifications"}
    )
    assert versions == ["0005"] and [tuple(r) for r in counter] == [(1, 0)]


def _synthetic(key: str) -> SourceRecord:
    text = f"Synthetic test fixture {key}, not evidence."
    return SourceRecord(key=key, title=f"Synthetic record {key}", sections=(AbstractSection("", text),))


def test_migration_0003_seeds_the_counter_from_the_stored_numbers(db_url: str, tmp_path: Path) -> None:
    engine = sa.create_engine(db_url)
    cfg = alembic.config.Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        alembic.command.upgrade(cfg, "0002")
        conn.execute(
            sa.text(
                "INSERT INTO sources (key, title, authors, publication_types, mesh, links, sections, origin,"
                " design, design_inferred, retracted, content_hash, seq, updated_at) VALUES ('syn:1', 't',"
                " '[]', '[]', '[]', '[]', '[]', 'synthetic', 'other', false, false, 'h', 7, :now)"
            ),
            {"now": "2024-01-01 00:00:00"},
        )
        conn.execute(
            sa.text("INSERT INTO tombstones (source_id, key, passage_ids, seq) VALUES (9, 'syn:0', '[]', 9)")
        )
    engine.dispose()
    store = Store.open(db_url)
    try:
        assert store.current_seq() == 9
        store.upsert([_synthetic("syn:2")])
        assert store.current_seq() == 10
    finally:
        store.close()
