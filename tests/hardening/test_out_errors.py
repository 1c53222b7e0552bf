"""Environment failures are messages, not tracebacks (issue 11, item 8).

A MEDCITE_HOME that cannot be created or written, an index folder that cannot be, a full disk while the
index is written, and ``stats`` on a full disk: each ends with a clear ``error:`` line and a non-zero exit,
and the store keeps what it had. Tests run as root here, where chmod does not stop writes: a folder that is
a FILE stands in for a read-only one, and the adapter's writer is patched to raise what tantivy and SQLite
raise on a read-only folder or a full disk (honest for a test of the mapping).
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from medcite.adapters.tantivy_index import TantivyIndex
from medcite.adapters.usearch_index import UsearchIndex
from medcite.cli import app

runner = CliRunner()
FULL = "An IO error occurred: 'No space left on device (os error 28)'"


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {"MEDCITE_HOME": str(tmp_path / "home"), "MEDCITE_DENSE": "false", "MEDCITE_DATABASE_URL": ""}


@pytest.fixture
def record(shared: Path) -> str:
    return str(shared / "medline_sample" / "pubmed-29768149.xml")


def _clear_failure(r: Result, *words: str) -> None:
    assert r.exit_code not in (0, None), r.output
    assert r.exception is None or isinstance(r.exception, SystemExit), repr(r.exception)
    assert "Traceback" not in r.output
    assert "error:" in r.output
    for w in words:
        assert w.lower() in r.output.lower(), r.output


def _stats(env: dict[str, str]) -> dict[str, Any]:
    r = runner.invoke(app, ["stats", "--format", "json"], env=env)
    assert r.exit_code == 0, r.output
    data: dict[str, Any] = json.loads(r.stdout)
    return data


def test_a_home_that_cannot_be_created(tmp_path: Path, env: dict[str, str], record: str) -> None:
    home = tmp_path / "not-a-folder"
    home.write_text("a file where MEDCITE_HOME should be a folder\n")
    env = {**env, "MEDCITE_HOME": str(home)}
    for args in (["stats"], ["search", "asthma"], ["ingest", "-q", record]):
        _clear_failure(runner.invoke(app, args, env=env), str(home))


def test_an_index_folder_that_cannot_be_created(tmp_path: Path, env: dict[str, str], record: str) -> None:
    (tmp_path / "home").mkdir()
    (tmp_path / "home" / "indexes").write_text("a file where the index folder should be\n")
    r = runner.invoke(app, ["ingest", "-q", record], env=env)
    _clear_failure(r, "index")
    _clear_failure(runner.invoke(app, ["search", "asthma"], env=env), "index")


def test_a_read_only_index_folder(env: dict[str, str], record: str, monkeypatch: pytest.MonkeyPatch) -> None:
    def read_only(self: TantivyIndex) -> Any:
        raise RuntimeError("Failed to open file for write: 'Permission denied (os error 13)'")

    monkeypatch.setattr(TantivyIndex, "_w", read_only)
    _clear_failure(runner.invoke(app, ["ingest", "-q", record], env=env), "permission denied")
    monkeypatch.undo()
    assert _stats(env)["sources"] == 1  # stored before the index failed; `index` catches up
    assert runner.invoke(app, ["index", "-q"], env=env).exit_code == 0
    assert _stats(env)["lexical_docs"] == 1


class _FullDiskWriter:
    """The real tantivy writer, except that its commit fails as on a full disk."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    def commit(self) -> int:
        raise ValueError(FULL)


def test_a_full_disk_while_indexing_then_stats(
    env: dict[str, str], record: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_w = TantivyIndex._w

    def full_disk_writer(self: TantivyIndex) -> Any:
        writer = real_w(self)
        if not isinstance(writer, _FullDiskWriter):
            writer = self._writer = _FullDiskWriter(writer)  # the index commits what _w handed out
        return writer

    monkeypatch.setattr(TantivyIndex, "_w", full_disk_writer)
    _clear_failure(runner.invoke(app, ["ingest", "-q", record], env=env), "no space left on device")
    monkeypatch.undo()
    stats = _stats(env)
    assert stats["sources"] == 1 and stats["lexical_docs"] == 0 and stats["index_lag"] > 0
    assert runner.invoke(app, ["index", "-q"], env=env).exit_code == 0
    assert _stats(env)["index_lag"] == 0


def test_stats_on_a_full_disk(
    tmp_path: Path, env: dict[str, str], record: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    env = {**env, "MEDCITE_DENSE": "true", "MEDCITE_DENSE_GRANULARITY": "sources"}
    assert runner.invoke(app, ["ingest", "-q", record], env=env).exit_code == 0

    def full(self: UsearchIndex) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(UsearchIndex, "_drop_stray_graphs", full)
    _clear_failure(runner.invoke(app, ["stats"], env=env), "disk is full")
    monkeypatch.undo()
    assert _stats(env)["sources"] == 1
