"""Dense index: :class:`medcite.ports.VectorIndex` on usearch (HNSW, cosine, int8 storage), persisted.

The index folder (``dense-v2``; the older ``dense.usearch``, whose keys packed store row ids, is never read)
holds two things:

* ``map.sqlite3``, a sidecar kept with the stdlib :mod:`sqlite3`: which usearch label is which
  :class:`PassageRef` (source key, passage), the filter columns of every source (:class:`SourceMeta`), and
  the index's own state (sync checkpoint, dimension, generation of the graph file, next label);
* ``graph.<generation>.usearch``, the HNSW graph with the vectors.

Why SQLite and not a JSON map saved next to the graph: the map has one row per vector (tens of millions
for the whole of MEDLINE at passage granularity); SQLite answers the few hundred look-ups of a query from
disk instead of holding (and rewriting at every commit) the whole map in memory, and its transactions give
the atomic save. Writes between two commits stay in one open SQLite transaction; :meth:`commit` writes the
graph under the next generation's file name, then commits the transaction that records that generation
and the checkpoint, the single atomic step, and only then deletes the previous graph file. A crash at any
point leaves the previous generation with its own map and checkpoint; a graph file of an uncommitted
generation is deleted when the index is next opened.

Across processes: one writer at a time (SQLite's write lock, held from the first change to the commit; the
engine also serialises whole syncs with the index folder's write lock); a second writer that cannot get it
gets :class:`IndexBusyError`, never a half-written graph. A writer starts from the latest committed graph,
so no commit is lost to a later one. Readers load the committed generation; when a writer commits a newer
one and deletes the file the reader was about to load, the reader loads the newer one.

Failures of the folder (read-only, full disk) raise :class:`SearchIndexError`; a failed write drops the
uncommitted changes (the SQLite transaction and the graph in memory), so the committed index stays as it was.

Labels are handed out from a counter and never reused, so a stale label can never name another passage.
Vectors are inserted on one thread: multi-threaded insertion builds a different graph at every run (two
builds of the PubMedQA store gave different dense candidate tails for 6 of 20 questions), single-threaded
the same corpus gives the same graph and so the same search results; embedding dominates indexing time.
Filters are applied here, in :meth:`search`: it asks the graph for ``k`` neighbours, keeps those whose
source passes (checked in SQLite against the sidecar's filter columns), and when fewer than ``k`` pass asks
again for more (at least four times as many, or what the pass rate seen so far needs) until ``k`` pass or
the whole index has been seen. Callers do not over-fetch for filters.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from medcite.adapters.index_lock import index_errors
from medcite.domain import PassageRef, SearchFilters, SourceMeta
from medcite.errors import IndexBusyError, SearchIndexError

DENSE_DIR = "dense-v2"
_SOURCE = -1  # the ``passage`` column of a whole-source vector (PassageRef.passage None)
_CHUNK = 900  # values per ``IN (...)``: under SQLite's parameter limit
_GROWTH = 4

_SCHEMA = """
CREATE TABLE IF NOT EXISTS state (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS sources (
    key TEXT PRIMARY KEY, year INTEGER, design TEXT NOT NULL, human INTEGER, retracted INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS vectors (
    label INTEGER PRIMARY KEY, source_key TEXT NOT NULL, passage INTEGER NOT NULL,
    UNIQUE (source_key, passage)
);
"""

Vectors = npt.NDArray[np.float32]


def _new_graph(dim: int, dtype: str) -> Any:
    # onnxruntime must be loaded before usearch: the other order segfaults on import
    # (onnxruntime 1.32 with usearch 2.26, seen here); importing it first is harmless.
    import onnxruntime  # noqa: F401
    from usearch.index import Index

    return Index(ndim=dim, metric="cos", dtype=dtype, connectivity=16, expansion_add=64, expansion_search=64)


def _chunks(items: Sequence[Any]) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), _CHUNK):
        yield items[i : i + _CHUNK]


def _ref(source_key: str, passage: int) -> PassageRef:
    return PassageRef(source_key, None if passage == _SOURCE else passage)


def _filter_sql(f: SearchFilters) -> tuple[str, list[object]]:
    """The filters as SQL conditions on ``sources s``, with the semantics of :meth:`SearchFilters.admits`
    (evaluated in SQLite, so only the hits that pass become Python objects)."""
    parts: list[str] = []
    args: list[object] = []
    if f.since is not None:
        parts.append("s.year IS NOT NULL AND s.year >= ?")
        args.append(f.since)
    if f.until is not None:
        parts.append("s.year IS NOT NULL AND s.year <= ?")
        args.append(f.until)
    if f.designs:
        parts.append(f"s.design IN ({','.join('?' * len(f.designs))})")
        args.extend(sorted(d.value for d in f.designs))
    if f.human_only:
        parts.append("(s.human IS NULL OR s.human != 0)")
    if f.exclude_retracted:
        parts.append("s.retracted = 0")
    return "".join(f" AND {p}" for p in parts), args


class UsearchIndex:
    """Vectors of sources and passages by :class:`PassageRef`, with their sources' filter columns."""

    def __init__(self, folder: Path, dim: int, *, dtype: str = "i8") -> None:
        self._folder = folder
        self._dim = dim
        self._dtype = dtype
        with index_errors(folder, "open"):
            self._open()

    def _open(self) -> None:
        folder, dim, dtype = self._folder, self._dim, self._dtype
        folder.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(folder / "map.sqlite3", isolation_level=None, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.executescript(_SCHEMA)
        self._graph = _new_graph(dim, dtype)
        self._loaded = 0  # the generation of the graph in memory
        self._dirty = False
        self._drop_stray_graphs()
        if self._state("dim", dim) != dim:  # another model: start over (committed at the next commit)
            self._db.execute("BEGIN IMMEDIATE")
            self._loaded = self._state("generation", 0)  # its graph (of the other dimension) is not loaded
            self._db.execute("DELETE FROM sources")
            self._db.execute("DELETE FROM vectors")
            self._set_state("checkpoint", 0)
            self._dirty = True
        self._refresh()

    # --- state --------------------------------------------------------------------------
    def _state(self, name: str, default: int) -> int:
        row = self._db.execute("SELECT value FROM state WHERE name = ?", (name,)).fetchone()
        return default if row is None else int(row[0])

    def _set_state(self, name: str, value: int) -> None:
        self._db.execute("INSERT OR REPLACE INTO state (name, value) VALUES (?, ?)", (name, value))

    def _graph_path(self, generation: int) -> Path:
        return self._folder / f"graph.{generation}.usearch"

    def _drop_stray_graphs(self) -> None:
        """Delete graph files of generations that were never committed, unless another process is writing
        (it holds the write lock from its first change to its commit: its new file is not a stray)."""
        try:
            self._db.execute("PRAGMA busy_timeout = 0")
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError:
            return  # another writer is active
        finally:
            self._db.execute("PRAGMA busy_timeout = 5000")
        try:
            keep = self._graph_path(self._state("generation", 0)).name
            for path in self._folder.glob("graph.*.usearch*"):
                if path.name != keep:
                    path.unlink(missing_ok=True)
        finally:
            self._db.execute("ROLLBACK")

    def _refresh(self, *, writing: bool = False) -> None:
        """Load the committed graph when it is not the one in memory (another process committed since)."""
        if self._db.in_transaction and not writing:
            return  # our own uncommitted changes are in memory
        generation = self._state("generation", 0)
        while generation != self._loaded:
            graph = _new_graph(self._dim, self._dtype)
            path = self._graph_path(generation)
            try:
                if generation > 0:
                    graph.load(str(path))
            except (OSError, RuntimeError) as exc:
                newer = self._state("generation", 0)
                if newer != generation:  # a writer committed a newer graph and deleted this one: load that
                    generation = newer
                    continue
                raise SearchIndexError(
                    f"the vector index file {path} is missing or damaged ({exc}); delete {self._folder} "
                    "and run `medcite index` to rebuild it"
                ) from exc
            self._graph, self._loaded = graph, generation

    def _begin(self) -> None:
        """Start the write transaction that lasts until :meth:`commit` (it holds SQLite's write lock)."""
        if not self._db.in_transaction:
            try:
                self._db.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc):
                    raise
                raise IndexBusyError(
                    f"another process is writing the vector index in {self._folder}"
                ) from exc
            self._refresh(writing=True)  # write on top of the latest committed graph

    @property
    def checkpoint(self) -> int:
        return self._state("checkpoint", 0)

    @property
    def memory_bytes(self) -> int:
        return int(self._graph.memory_usage)

    def __len__(self) -> int:
        self._refresh()
        return len(self._graph)

    # --- writes -------------------------------------------------------------------------
    @contextmanager
    def _writing(self) -> Iterator[None]:
        """A write step; when it fails, every uncommitted change is dropped (the committed index stays)."""
        try:
            with index_errors(self._folder, "write"):
                yield
        except BaseException:
            with suppress(sqlite3.Error):
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
            self._loaded = -1  # the graph in memory has the dropped changes: reload the committed one
            self._dirty = False
            raise

    def upsert(self, entries: Sequence[tuple[PassageRef, SourceMeta]], vectors: Vectors) -> None:
        """Add or replace the vectors of ``entries`` (and the filter columns of their sources)."""
        if len(entries) != len(vectors):
            raise ValueError(f"{len(entries)} entries but {len(vectors)} vectors")
        if not entries:
            return
        with self._writing():
            self._upsert(entries, vectors)

    def _upsert(self, entries: Sequence[tuple[PassageRef, SourceMeta]], vectors: Vectors) -> None:
        self._begin()
        metas = {ref.source_key: meta for ref, meta in entries}
        self._db.executemany(
            "INSERT OR REPLACE INTO sources (key, year, design, human, retracted) VALUES (?, ?, ?, ?, ?)",
            [(k, m.year, m.design.value, m.human, m.retracted) for k, m in metas.items()],
        )
        refs = [ref for ref, _meta in entries]
        old = self._labels(refs)
        if old:
            self._graph.remove(np.asarray(list(old.values()), dtype=np.uint64))
        first = self._state("next_label", 1)
        labels = np.arange(first, first + len(refs), dtype=np.uint64)
        self._set_state("next_label", first + len(refs))
        self._db.executemany(
            "INSERT OR REPLACE INTO vectors (label, source_key, passage) VALUES (?, ?, ?)",
            [
                (int(lb), r.source_key, _SOURCE if r.passage is None else r.passage)
                for lb, r in zip(labels, refs, strict=True)
            ],
        )
        self._graph.add(labels, np.asarray(vectors, dtype=np.float32), threads=1)  # deterministic graph
        self._dirty = True

    def remove(self, source_keys: Iterable[str]) -> None:
        keys = list(dict.fromkeys(source_keys))
        if not keys:
            return
        with self._writing():
            self._remove(keys)

    def _remove(self, keys: list[str]) -> None:
        self._begin()
        for chunk in _chunks(keys):
            marks = ",".join("?" * len(chunk))
            labels = [
                r[0]
                for r in self._db.execute(f"SELECT label FROM vectors WHERE source_key IN ({marks})", chunk)
            ]
            if labels:
                self._graph.remove(np.asarray(labels, dtype=np.uint64))
            self._db.execute(f"DELETE FROM vectors WHERE source_key IN ({marks})", chunk)
            self._db.execute(f"DELETE FROM sources WHERE key IN ({marks})", chunk)
        self._dirty = True

    def commit(self, checkpoint: int) -> None:
        """Persist the graph and the map atomically, recording ``checkpoint``."""
        with self._writing():
            self._commit(checkpoint)

    def _commit(self, checkpoint: int) -> None:
        self._begin()
        previous = self._state("generation", 0)
        if self._dirty:
            generation = previous + 1
            path = self._graph_path(generation)
            tmp = path.with_name(path.name + ".tmp")
            try:
                self._graph.save(str(tmp))
                tmp.replace(path)
            except BaseException:
                tmp.unlink(missing_ok=True)
                raise
            self._set_state("generation", generation)
        self._set_state("checkpoint", checkpoint)
        self._set_state("dim", self._dim)
        self._db.execute("COMMIT")  # the commit point
        if self._dirty:
            with suppress(OSError):  # else deleted as a stray when the index is next opened
                self._graph_path(previous).unlink(missing_ok=True)
            self._loaded = previous + 1
            self._dirty = False

    # --- reads --------------------------------------------------------------------------
    def _labels(self, refs: Sequence[PassageRef]) -> dict[PassageRef, int]:
        """The labels of ``refs`` that are in the index (read by source: a source has a few dozen)."""
        wanted = set(refs)
        out: dict[PassageRef, int] = {}
        for chunk in _chunks(list(dict.fromkeys(r.source_key for r in refs))):
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT label, source_key, passage FROM vectors WHERE source_key IN ({marks})"
            for label, key, passage in self._db.execute(sql, chunk):
                ref = _ref(key, passage)
                if ref in wanted:
                    out[ref] = int(label)
        return out

    def vectors(self, refs: Sequence[PassageRef]) -> Vectors:
        self._refresh()
        out = np.full((len(refs), self._dim), np.nan, dtype=np.float32)
        labels = self._labels(refs)
        rows = [i for i, r in enumerate(refs) if r in labels]
        if not rows:
            return out
        got = self._graph.get(np.asarray([labels[refs[i]] for i in rows], dtype=np.uint64), dtype="f32")
        for i, v in zip(rows, list(got) if got is not None else [], strict=False):
            if v is not None:
                out[i] = np.asarray(v, dtype=np.float32).reshape(-1)[: self._dim]
        return out

    def search(
        self, vector: Vectors, k: int, filters: SearchFilters | None = None
    ) -> list[tuple[PassageRef, float]]:
        """The ``k`` nearest vectors of sources that pass ``filters`` (None: the defaults of
        :class:`SearchFilters`, which leave out retracted sources)."""
        where, args = _filter_sql(filters or SearchFilters())
        self._refresh()
        n = len(self._graph)
        if n == 0 or k < 1:
            return []
        count = min(k, n)
        passing: dict[int, PassageRef | None] = {}  # label -> its ref, None when it fails the filters
        while True:
            matches = self._graph.search(vector, count)
            labels = [int(x) for x in matches.keys]
            passing.update(self._passing([lb for lb in labels if lb not in passing], where, args))
            hits = [
                (ref, 1.0 - float(dist))
                for lb, dist in zip(labels, matches.distances, strict=True)
                if (ref := passing.get(lb)) is not None
            ]
            if len(hits) >= k or count >= n:
                return hits[:k]
            # ask for enough to reach k at the pass rate seen so far, and at least 4 times as many
            wanted = count * k / max(len(hits), 1) * 1.25
            count = min(n, max(count * _GROWTH, int(wanted)))

    def _passing(self, labels: list[int], where: str, args: list[object]) -> dict[int, PassageRef | None]:
        """Each label's ref when its source passes the filters (``where``), else None."""
        out: dict[int, PassageRef | None] = dict.fromkeys(labels)
        for chunk in _chunks(labels):
            marks = ",".join("?" * len(chunk))
            sql = (
                "SELECT v.label, v.source_key, v.passage FROM vectors v "
                f"JOIN sources s ON s.key = v.source_key WHERE v.label IN ({marks}){where}"
            )
            for label, key, passage in self._db.execute(sql, [*chunk, *args]):
                out[int(label)] = _ref(key, passage)
        return out

    def close(self) -> None:
        if self._db.in_transaction:
            self._db.execute("ROLLBACK")
        self._db.close()
