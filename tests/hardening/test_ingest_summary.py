"""The ingest summary tells the truth (issue 11, item 10, the ingest parts).

A JSON Lines file whose records come after 70,000 blank lines is read, not called empty; the summary adds
up (read = stored + updated + unchanged + duplicates + skipped) when a file repeats PMIDs, within one batch
and across batches; the "seconds" column includes the indexing. Every record is a synthetic test fixture,
not evidence.
"""

from __future__ import annotations

import gzip
import json
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from medcite.adapters.sql import Store
from medcite.cli import app
from medcite.corpus.detect import parse_path
from medcite.corpus.jsonl import parse_jsonl
from medcite.domain import SourceRecord
from medcite.services import engine as engine_module
from medcite.services import ingest as ingest_module
from medcite.services.ingest import IngestReport, ingest_paths

runner = CliRunner()


def _row(pmid: int, note: str = "") -> dict[str, object]:
    return {"pmid": str(pmid), "title": f"Synthetic test fixture {pmid}{note}", "abstract": "Not evidence."}


def _lines(rows: list[dict[str, object]]) -> str:
    return "".join(json.dumps(r) + "\n" for r in rows)


@pytest.mark.parametrize("blank", ["\n", "  \r\n", "\t\n"])
def test_records_after_70000_blank_lines_are_read(tmp_path: Path, blank: str) -> None:
    text = blank * 70_000 + _lines([_row(1), _row(2), _row(3)])
    plain = tmp_path / "late.jsonl"
    plain.write_text(text)
    packed = tmp_path / "late.jsonl.gz"
    packed.write_bytes(gzip.compress(text.encode()))
    for path in (plain, packed):
        for items in (list(parse_path(path)), list(parse_jsonl(path))):
            assert [i.key for i in items if isinstance(i, SourceRecord)] == ["1", "2", "3"], path
            assert len(items) == 3


def _adds_up(report: IngestReport) -> bool:
    parts = report.stored + report.updated + report.unchanged + report.duplicates + report.skipped
    return report.read == parts


def test_the_summary_adds_up_with_duplicates_in_one_batch_and_across_batches(
    tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ingest_module, "BATCH", 4)
    rows = [_row(1), _row(2), _row(2), _row(3, " (first)")]  # batch 1: 2 repeats itself
    rows += [_row(4), _row(3, " (second)"), _row(1), {"pmid": "5"}]  # batch 2: 3 and 1 again, 5 is bad
    path = tmp_path / "dups.jsonl"
    path.write_text(_lines(rows))
    store = Store.open(db_url)
    try:
        report = ingest_paths(store, [path], parse_path)
        assert (report.read, report.stored, report.duplicates, report.skipped) == (8, 4, 3, 1)
        assert _adds_up(report)
        got = store.get_by_key("3")
        assert got is not None and got.record.title.endswith("(second)")  # the last one wins
        again = ingest_paths(store, [path], parse_path)  # the same file again: the same duplicates
        # 3 differs between its two lines: "(first)" replaces the stored "(second)", then is replaced again
        assert (again.read, again.unchanged, again.updated, again.duplicates, again.skipped) == (
            8,
            3,
            1,
            3,
            1,
        )
        assert _adds_up(again)
    finally:
        store.close()


def _summary_row(output: str) -> dict[str, str]:
    """The summary table's rows (name, value) by name."""
    rows = [[c.strip() for c in line.split("│") if c.strip()] for line in output.splitlines() if "│" in line]
    return {r[0]: r[1] for r in rows if len(r) == 2}


def test_the_cli_summary_counts_duplicates_and_times_the_indexing(
    tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "dups.jsonl"
    path.write_text(_lines([_row(1), _row(2), _row(1), _row(3)]))
    original = engine_module.Engine.sync_indexes
    pause_s = 1.5

    def slow_sync(self: engine_module.Engine, **kwargs: object) -> object:
        time.sleep(pause_s)  # indexing that takes a while
        return original(self, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(engine_module.Engine, "sync_indexes", slow_sync)
    env = {"MEDCITE_HOME": str(tmp_path / "home"), "MEDCITE_DATABASE_URL": db_url, "MEDCITE_DENSE": "false"}
    r = runner.invoke(app, ["ingest", "-q", str(path)], env=env)
    assert r.exit_code == 0, r.output
    row = _summary_row(r.output)
    assert (row["read"], row["stored"], row["duplicates"]) == ("4", "3", "1")
    assert float(row["seconds"]) >= pause_s
