"""The statements of one write transaction, and how a failed write is reported.

Every function here runs on a connection inside a transaction that :class:`~.repository.Store` opens; the
first statement of every write transaction is :func:`take_seq` (see the repository module docstring for why
that makes the committed counter a safe watermark for the index sync).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Insert, Table, delete, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError, SQLAlchemyError

from medcite.adapters.sql.codec import BadRecord, columns, content_hash, normalised
from medcite.adapters.sql.schema import passages, sources, store_seq, tombstones
from medcite.corpus.prepare import prepare
from medcite.domain import PreparedRecord, RejectedRecord, SourceRecord, UpsertResult

Item = SourceRecord | PreparedRecord


def take_seq(conn: Connection) -> int:
    """The next sequence number. The first statement of a write transaction: it locks the counter row (on
    SQLite, the database) until the transaction ends, so writers take numbers in commit order."""
    bump = update(store_seq).where(store_seq.c.id == 1).values(value=store_seq.c.value + 1)
    return int(conn.execute(bump.returning(store_seq.c.value)).scalar_one())


def checked(items: Iterable[Item]) -> tuple[list[Item], list[RejectedRecord]]:
    """The items as the store keeps them (normalised: :func:`codec.normalised`), and those it cannot hold."""
    ok: list[Item] = []
    bad: list[RejectedRecord] = []
    for item in items:
        record = item.record if isinstance(item, PreparedRecord) else item
        try:
            clean = normalised(record)
        except BadRecord as exc:
            bad.append(RejectedRecord(record.key, str(exc)))
            continue
        if clean is record:
            ok.append(item)
        else:  # offsets and passages follow the normalised text
            ok.append(prepare(clean) if isinstance(item, PreparedRecord) else clean)
    return ok, bad


def _insert(conn: Connection, table: Table) -> Insert:
    """``INSERT`` in the dialect of the connection (for ``ON CONFLICT``)."""
    if conn.dialect.name == "postgresql":
        return postgresql.insert(table)
    if conn.dialect.name == "sqlite":
        return sqlite.insert(table)
    return insert(table)


def _insert_new(conn: Connection, new: list[PreparedRecord], seq: int, now: datetime) -> dict[str, int]:
    """Insert new sources; the ids by key. A key stored meanwhile is left alone (``ON CONFLICT DO
    NOTHING``): under the counter lock no other writer can store one, so this only guards the invariant."""
    stmt = _insert(conn, sources)
    if hasattr(stmt, "on_conflict_do_nothing"):
        stmt = stmt.on_conflict_do_nothing(index_elements=[sources.c.key])
    rows = conn.execute(
        stmt.returning(sources.c.id, sources.c.key),
        [{**columns(p), "seq": seq, "updated_at": now} for p in new],
    )
    return {str(key): int(sid) for sid, key in rows}


def write_batch(conn: Connection, items: Sequence[Item], seq: int) -> UpsertResult:
    """Insert new records, replace changed ones (tombstone, new passages), count unchanged ones."""
    now = datetime.now(UTC)
    keys = [i.key for i in items]
    existing = {
        row.key: (row.id, row.content_hash)
        for row in conn.execute(
            select(sources.c.key, sources.c.id, sources.c.content_hash).where(sources.c.key.in_(keys))
        )
    }
    new: list[PreparedRecord] = []
    changed: list[tuple[int, PreparedRecord]] = []
    unchanged = 0
    for item in items:
        if item.key in existing:
            record = item.record if isinstance(item, PreparedRecord) else item
            if existing[item.key][1] == content_hash(record):
                unchanged += 1
                continue
        prep = item if isinstance(item, PreparedRecord) else prepare(item)
        if item.key in existing:
            changed.append((existing[item.key][0], prep))
        else:
            new.append(prep)
    ids = _insert_new(conn, new, seq, now) if new else {}
    unchanged += len(new) - len(ids)
    for source_id, prep in changed:
        tombstone(conn, [source_id], seq)
        conn.execute(delete(passages).where(passages.c.source_id == source_id))
        conn.execute(
            update(sources).where(sources.c.id == source_id).values(**columns(prep), seq=seq, updated_at=now)
        )
    pairs = [(ids[p.key], p) for p in new if p.key in ids] + changed
    rows = [_passage_row(sid, p) for sid, prep in pairs for p in prep.passages]
    if rows:
        conn.execute(insert(passages), rows)
    return UpsertResult(len(ids), len(changed), unchanged, len(rows))


def _passage_row(source_id: int, p: Any) -> dict[str, Any]:
    return {
        "source_id": source_id,
        "idx": p.idx,
        "section": p.section,
        "start": p.start,
        "end": p.end,
        "text": p.text,
    }


def tombstone(conn: Connection, source_ids: Sequence[int], seq: int) -> None:
    """Record removed or replaced sources, for the index sync."""
    for sid in source_ids:
        key = conn.execute(select(sources.c.key).where(sources.c.id == sid)).scalar_one()
        pids = [int(r[0]) for r in conn.execute(select(passages.c.id).where(passages.c.source_id == sid))]
        conn.execute(insert(tombstones).values(source_id=sid, key=key, passage_ids=pids, seq=seq))


# --- failures -------------------------------------------------------------------------------------------
def about_records(exc: SQLAlchemyError) -> bool:
    """Whether a failed write may be the fault of a record (retry record by record), not of the store
    (connection lost, database locked, server gone: raise)."""
    return not isinstance(exc, OperationalError | InterfaceError) and not (
        isinstance(exc, DBAPIError) and exc.connection_invalidated
    )


def one_line(exc: BaseException) -> str:
    """The database's own message, first line only: never the SQL or its parameters."""
    orig = getattr(exc, "orig", None) or exc
    lines = str(orig).strip().splitlines()
    text = lines[0].strip() if lines else ""
    name = type(orig).__name__
    return f"{name}: {text[:200]}" if text else name


def keys_of(items: Sequence[Item]) -> str:
    """The keys of a batch, for a message: ``a``, or ``a .. z (n records)``."""
    if len(items) == 1:
        return f"record {items[0].key}"
    return f"records {items[0].key} .. {items[-1].key} ({len(items)} records)"
