"""The evidence store: sources and their passages in SQLite (default) or PostgreSQL.

Writes happen in batches, one transaction each, so a killed ingest leaves whole records only,
and re-running it resumes without duplicates (the upsert key is :attr:`SourceRecord.key`).

Sequence numbers, and why an index sync never skips a commit: every write transaction that changes
something takes the next sequence number as its FIRST statement, ``UPDATE store_seq SET value = value + 1
RETURNING value``, stamps its rows and tombstones with it, and commits (a transaction that turns out to
change nothing rolls back, and the number is handed out again). The update locks the counter row (on
SQLite, the whole database) until the transaction ends, so a second writer waits at that statement until
the first has committed or rolled back. Hence numbers are handed out in commit order, without gaps or
duplicates, and the committed counter (:meth:`Store.current_seq`) is a committed watermark: every change
numbered at or below it is visible, and no transaction can still commit one. :meth:`Store.iter_changes`
reads the window between a checkpoint and that watermark in (seq, id) order and reports, with each batch,
the checkpoint an index may safely commit at after applying it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    and_,
    create_engine,
    delete,
    event,
    func,
    or_,
    select,
)
from sqlalchemy.exc import SQLAlchemyError

from medcite.adapters.sql.codec import row_to_source
from medcite.adapters.sql.migrate import migrate
from medcite.adapters.sql.schema import passages, sources, store_seq, tombstones
from medcite.adapters.sql.writes import (
    Item,
    about_records,
    checked,
    keys_of,
    one_line,
    take_seq,
    tombstone,
    write_batch,
)
from medcite.domain import (
    Changes,
    Design,
    Passage,
    PassageRow,
    PreparedRecord,
    RejectedRecord,
    SourceMeta,
    SourceRecord,
    StoredSource,
    StoreStats,
    UpsertResult,
)
from medcite.errors import StoreError

_SQLITE_BUSY_S = 120.0
_IN_CHUNK = 1000  # keys per ``IN (...)`` clause: well under SQLite's and PostgreSQL's parameter limits


def _chunks(keys: Sequence[str]) -> Iterator[list[str]]:
    unique = list(dict.fromkeys(keys))
    for i in range(0, len(unique), _IN_CHUNK):
        yield unique[i : i + _IN_CHUNK]


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


class Store:
    """SQLAlchemy-backed store. Use :meth:`open` to connect and migrate."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @classmethod
    def open(cls, url: str) -> Store:
        if url.startswith("sqlite:///"):
            Path(url.removeprefix("sqlite:///")).expanduser().parent.mkdir(parents=True, exist_ok=True)
        try:
            sqlite = url.startswith("sqlite")
            # a writer waits for the write lock (held for one batch) instead of failing after pysqlite's 5 s
            engine = create_engine(url, connect_args={"timeout": _SQLITE_BUSY_S} if sqlite else {})
            if engine.dialect.name == "sqlite":
                event.listen(engine, "connect", _sqlite_pragmas)
            store = cls(engine)
            store.migrate()
        except SQLAlchemyError as exc:
            raise StoreError(
                f"cannot open the database {engine_url_safe(url)}: {exc.__class__.__name__}: "
                f"{str(exc).splitlines()[0]}"
            ) from exc
        return store

    def migrate(self) -> None:
        """Bring the schema to the head revision; safe from several processes at once (``migrate``)."""
        migrate(self.engine)

    def close(self) -> None:
        self.engine.dispose()

    # --- writes -------------------------------------------------------------------------
    def upsert(self, records: Sequence[SourceRecord | PreparedRecord]) -> UpsertResult:
        """Insert or update a batch of records in one transaction (records may come prepared).

        Records are normalised first (:func:`codec.normalised`); one the store cannot hold is left out and
        reported in ``rejected``. When the database refuses the batch for a reason that may be a record's,
        the records are written one by one and the refused ones reported, the rest kept. A failure of the
        store itself raises :class:`StoreError`, one line naming the records and the reason (no SQL)."""
        latest: dict[str, Item] = {r.key: r for r in records}  # last one wins
        items, rejected = checked(latest.values())
        if not items:
            return UpsertResult(0, 0, 0, 0, tuple(rejected))
        try:
            result = self._write(items)
        except SQLAlchemyError as exc:
            if not about_records(exc) or len(items) == 1:
                raise StoreError(f"could not write {keys_of(items)}: {one_line(exc)}") from exc
            result = self._write_each(items)
        return replace(result, rejected=(*rejected, *result.rejected))

    def _write(self, items: Sequence[Item]) -> UpsertResult:
        with self.engine.connect() as conn:
            seq = take_seq(conn)
            result = write_batch(conn, items, seq)
            if result.stored or result.updated:
                conn.commit()
            else:
                conn.rollback()  # nothing changed: the number is handed out again
        return result

    def _write_each(self, items: Sequence[Item]) -> UpsertResult:
        """Write records one by one: those the database refuses are reported, the others kept."""
        total = UpsertResult(0, 0, 0, 0)
        refused: list[tuple[RejectedRecord, SQLAlchemyError]] = []
        for item in items:
            try:
                res = self._write([item])
            except SQLAlchemyError as exc:
                if not about_records(exc):
                    raise StoreError(f"could not write {keys_of([item])}: {one_line(exc)}") from exc
                refused.append((RejectedRecord(item.key, f"the database refused it: {one_line(exc)}"), exc))
                continue
            total = UpsertResult(
                total.stored + res.stored,
                total.updated + res.updated,
                total.unchanged + res.unchanged,
                total.passages + res.passages,
            )
        if len(refused) == len(items):  # every record, for one reason: the store's fault, not theirs
            raise StoreError(f"could not write {keys_of(items)}: {one_line(refused[0][1])}") from refused[0][
                1
            ]
        return replace(total, rejected=tuple(r for r, _exc in refused))

    def delete_keys(self, keys: Iterable[str]) -> int:
        """Remove records (MEDLINE DeleteCitation). Returns how many existed."""
        keys = list(keys)
        if not keys:
            return 0
        try:
            with self.engine.connect() as conn:
                seq = take_seq(conn)
                ids = [int(r[0]) for r in conn.execute(select(sources.c.id).where(sources.c.key.in_(keys)))]
                if not ids:
                    conn.rollback()
                    return 0
                tombstone(conn, ids, seq)
                conn.execute(delete(passages).where(passages.c.source_id.in_(ids)))
                conn.execute(delete(sources).where(sources.c.id.in_(ids)))
                conn.commit()
        except SQLAlchemyError as exc:
            raise StoreError(f"could not delete {', '.join(keys[:3])}: {one_line(exc)}") from exc
        return len(ids)

    # --- reads --------------------------------------------------------------------------
    def has_key(self, key: str) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(select(sources.c.id).where(sources.c.key == key)).first() is not None

    def get_sources(self, keys: Sequence[str]) -> dict[str, StoredSource]:
        """The stored sources of ``keys`` (unknown keys are left out), by key."""
        out: dict[str, StoredSource] = {}
        with self.engine.connect() as conn:
            for chunk in _chunks(keys):
                for r in conn.execute(select(sources).where(sources.c.key.in_(chunk))).mappings():
                    out[str(r["key"])] = row_to_source(r)
        return out

    def meta(self, keys: Sequence[str]) -> dict[str, SourceMeta]:
        """The filter and prior columns of ``keys`` (unknown keys are left out), by key."""
        cols = (sources.c.key, sources.c.year, sources.c.design, sources.c.human, sources.c.retracted)
        out: dict[str, SourceMeta] = {}
        with self.engine.connect() as conn:
            for chunk in _chunks(keys):
                for r in conn.execute(select(*cols).where(sources.c.key.in_(chunk))):
                    out[str(r[0])] = SourceMeta(r[1], Design(r[2]), r[3], bool(r[4]))
        return out

    def get_by_key(self, key: str) -> StoredSource | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(sources).where(sources.c.key == key)).mappings().first()
            return row_to_source(row) if row else None

    def get_by_doi(self, doi: str) -> StoredSource | None:
        """The source with this DOI (compared without case), or None; the lowest id when several share it."""
        with self.engine.connect() as conn:
            row = (
                conn.execute(
                    select(sources)
                    .where(func.lower(sources.c.doi) == doi.strip().lower())
                    .order_by(sources.c.id)
                )
                .mappings()
                .first()
            )
            return row_to_source(row) if row else None

    def passages_of(self, keys: Sequence[str]) -> dict[str, list[PassageRow]]:
        """The passages of each key in position order; a key that is not stored maps to ``[]``."""
        out: dict[str, list[PassageRow]] = {key: [] for key in keys}
        with self.engine.connect() as conn:
            for chunk in _chunks(keys):
                rows = conn.execute(
                    select(sources.c.key, passages)
                    .join(sources, passages.c.source_id == sources.c.id)
                    .where(sources.c.key.in_(chunk))
                    .order_by(passages.c.source_id, passages.c.idx)
                ).mappings()
                for r in rows:
                    out[str(r["key"])].append(
                        PassageRow(
                            int(r["id"]),
                            str(r["key"]),
                            Passage(r["idx"], r["section"], r["start"], r["end"], r["text"]),
                        )
                    )
        return out

    def iter_changes(self, after_seq: int, batch: int = 2000) -> Iterator[Changes]:
        """Yield what changed after ``after_seq`` up to the committed watermark read at the start
        (``max_seq``), in batches, for the index sync: first one batch of the keys removed or replaced in
        that window (a replaced source comes again, with its new content, in a later batch), then the
        sources written in it, in (seq, id) order. Apply the removals first.

        Each batch's ``checkpoint`` is where an index that has applied it (and those before) may commit:
        the removals batch says ``after_seq``; a batch of sources that ends with number ``s`` says ``s``,
        one that ends inside it (more rows of ``s`` follow) ``s - 1``; the last batch says ``max_seq``. A
        source rewritten after the watermark was read leaves the window; it comes, with its tombstone, in
        the next sync."""
        with self.engine.connect() as conn:
            top = self._committed_seq(conn)
            removed = list(
                dict.fromkeys(
                    str(r[0])
                    for r in conn.execute(
                        select(tombstones.c.key)
                        .where(tombstones.c.seq > after_seq, tombstones.c.seq <= top)
                        .order_by(tombstones.c.seq, tombstones.c.id)
                    )
                )
            )
            yield Changes([], removed, top, after_seq)
            last_seq, last_id = after_seq, 0
            while True:
                after_last = or_(
                    sources.c.seq > last_seq, and_(sources.c.seq == last_seq, sources.c.id > last_id)
                )
                query = (
                    select(sources)
                    .where(
                        sources.c.seq >= last_seq, sources.c.seq > after_seq, sources.c.seq <= top, after_last
                    )
                    .order_by(sources.c.seq, sources.c.id)
                    .limit(batch + 1)  # one more, to see whether the page ends at a sequence number's end
                )
                rows = conn.execute(query).mappings().all()
                if not rows:
                    break
                page, ahead = rows[:batch], rows[batch:]
                last_seq, last_id = int(page[-1]["seq"]), int(page[-1]["id"])
                done = top if not ahead else last_seq if int(ahead[0]["seq"]) > last_seq else last_seq - 1
                yield Changes([row_to_source(r) for r in page], [], top, done)
                if not ahead:
                    break

    @staticmethod
    def _committed_seq(conn: Connection) -> int:
        return int(conn.execute(select(store_seq.c.value).where(store_seq.c.id == 1)).scalar_one())

    def current_seq(self) -> int:
        """The committed watermark: the last sequence number of a committed write (module docstring)."""
        with self.engine.connect() as conn:
            return self._committed_seq(conn)

    def count(self) -> int:
        """How many sources are stored (cheap: one count, unlike :meth:`stats`)."""
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(sources)).scalar_one())

    def stats(self) -> StoreStats:
        with self.engine.connect() as conn:
            n_src = conn.execute(select(func.count()).select_from(sources)).scalar_one()
            n_pas = conn.execute(select(func.count()).select_from(passages)).scalar_one()
            by_origin: dict[str, int] = {
                str(o): int(n)
                for o, n in conn.execute(select(sources.c.origin, func.count()).group_by(sources.c.origin))
            }
            by_design: dict[str, int] = {
                str(o): int(n)
                for o, n in conn.execute(select(sources.c.design, func.count()).group_by(sources.c.design))
            }
            by_year: dict[int | None, int] = {
                y: int(n)
                for y, n in conn.execute(select(sources.c.year, func.count()).group_by(sources.c.year))
            }
            retracted = conn.execute(
                select(func.count()).select_from(sources).where(sources.c.retracted.is_(True))
            ).scalar_one()
        return StoreStats(int(n_src), int(n_pas), by_origin, by_design, by_year, int(retracted))


def engine_url_safe(url: str) -> str:
    """The URL without a password, for messages."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        return f"{scheme}://***@{rest.split('@', 1)[1]}"
    return url
