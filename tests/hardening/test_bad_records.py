"""Bad records are isolated and reported; the good ones of the batch are kept (issue 11, item 4).

The same tests run on SQLite and PostgreSQL (``db_url``): PostgreSQL refuses NUL characters, lone
surrogates and strings longer than their column, which SQLite accepts, so the store must normalise and bound
fields itself, the same way on both. Every record here is a synthetic test fixture, not evidence.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from medcite.adapters.sql import Store
from medcite.cli import app
from medcite.corpus.detect import parse_path
from medcite.domain import AbstractSection, SourceRecord
from medcite.errors import StoreError
from medcite.services.ingest import ingest_paths

runner = CliRunner()


def synthetic(key: str, **fields: object) -> SourceRecord:
    text = f"Synthetic test fixture {key}, not evidence. Participants took drug X for twelve weeks."
    record = SourceRecord(key=key, title=f"Synthetic record {key}", sections=(AbstractSection("", text),))
    return SourceRecord(**{**{f: getattr(record, f) for f in record.__slots__}, **fields})  # type: ignore[arg-type]


def test_control_characters_are_stripped_and_labels_cut_the_same_on_both_databases(store: Store) -> None:
    hostile = synthetic(
        "syn:nul",
        title="Synthetic\x00 record\x1b with control\x7f characters\ud800",
        journal="J\x00ournal",
        authors=("Doe\x00, J",),
        sections=(
            AbstractSection("L" * 200, "Synthetic test fixture,\x00 not evidence.\tTab\nand line kept."),
        ),
    )
    res = store.upsert([synthetic("syn:1"), hostile, synthetic("syn:2")])
    assert (res.stored, res.rejected) == (3, ())
    got = store.get_by_key("syn:nul")
    assert got is not None
    assert got.record.title == "Synthetic record with control characters"
    assert got.record.journal == "Journal" and got.record.authors == ("Doe, J",)
    section = got.record.sections[0]
    assert section.text == "Synthetic test fixture, not evidence.\tTab\nand line kept."
    assert section.label == "L" * 64  # cut to the passages.section column
    assert all(r.passage.section == "L" * 64 for r in store.passages_of(["syn:nul"])["syn:nul"])
    assert store.upsert([hostile]).unchanged == 1  # the stored form is the normalised one: no churn


def test_an_identifier_longer_than_its_column_is_a_reported_bad_record(store: Store) -> None:
    res = store.upsert(
        [
            synthetic("syn:1"),
            synthetic("syn:longpmid", pmid="1" * 17),
            synthetic("syn:longdoi", doi="10.1/" + "x" * 300),
            synthetic("k" * 129),
            synthetic("syn:2"),
        ]
    )
    assert res.stored == 2 and store.count() == 2
    reasons = {r.key: r.reason for r in res.rejected}
    assert set(reasons) == {"syn:longpmid", "syn:longdoi", "k" * 129}
    assert "PMID" in reasons["syn:longpmid"] and "16" in reasons["syn:longpmid"]
    assert "DOI" in reasons["syn:longdoi"]
    assert all("\n" not in r and "[SQL" not in r for r in reasons.values())


def _reject_key_trigger(url: str, key: str) -> None:
    """A database rule the codec cannot know about: the database itself refuses one record."""
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        if engine.dialect.name == "sqlite":
            conn.exec_driver_sql(
                f"CREATE TRIGGER refuse BEFORE INSERT ON sources WHEN NEW.key = '{key}' "
                "BEGIN SELECT RAISE(ABORT, 'synthetic refusal'); END"
            )
        else:
            conn.exec_driver_sql(
                "CREATE FUNCTION refuse() RETURNS trigger AS $$ BEGIN "
                f"IF NEW.key = '{key}' THEN RAISE EXCEPTION 'synthetic refusal'; END IF; RETURN NEW; "
                "END $$ LANGUAGE plpgsql"
            )
            conn.exec_driver_sql(
                "CREATE TRIGGER refuse BEFORE INSERT ON sources FOR EACH ROW EXECUTE FUNCTION refuse()"
            )
    engine.dispose()


def test_a_record_the_database_refuses_is_isolated_and_the_batch_kept(store: Store, db_url: str) -> None:
    _reject_key_trigger(db_url, "syn:refused")
    res = store.upsert([synthetic(f"syn:{i}") for i in range(5)] + [synthetic("syn:refused")])
    assert res.stored == 5 and store.count() == 5
    assert [r.key for r in res.rejected] == ["syn:refused"]
    reason = res.rejected[0].reason
    assert "synthetic refusal" in reason and "\n" not in reason and "[SQL" not in reason
    assert store.current_seq() == 5  # the batch, then each record alone: one number per committed write


def test_a_store_failure_is_one_line_without_sql(store: Store) -> None:
    with store.engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE passages")
    with pytest.raises(StoreError) as err:
        store.upsert([synthetic("syn:1"), synthetic("syn:2")])
    message = str(err.value)
    assert "\n" not in message and "[SQL" not in message and "INSERT" not in message
    assert "syn:1" in message and len(message) < 400


def _jsonl(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


def _env(tmp_path: Path, db_url: str) -> dict[str, str]:
    return {"MEDCITE_HOME": str(tmp_path / "home"), "MEDCITE_DATABASE_URL": db_url, "MEDCITE_DENSE": "false"}


def test_ingest_keeps_the_good_records_of_a_file_and_reports_the_bad_one(tmp_path: Path, db_url: str) -> None:
    rows: list[dict[str, object]] = [
        {"pmid": str(100 + i), "title": f"Synthetic test fixture {i}", "abstract": "Not evidence."}
        for i in range(6)
    ]
    rows[2]["title"] = "Synthetic\u0000 fixture with a NUL"
    rows[3]["pmid"] = "9" * 40  # longer than the PMID column
    rows[4]["doi"] = "10.1000/" + "d" * 400
    path = _jsonl(tmp_path / "synthetic.jsonl", rows)
    r = runner.invoke(app, ["ingest", "-q", "--no-index", str(path)], env=_env(tmp_path, db_url))
    assert r.exit_code == 0, r.output
    assert "Traceback" not in r.output and "[SQL" not in r.output
    assert "9" * 40 in r.output and "PMID" in r.output and "DOI" in r.output
    stats = json.loads(runner.invoke(app, ["stats", "--format", "json"], env=_env(tmp_path, db_url)).stdout)
    assert stats["sources"] == 4  # the NUL is stripped (stored); the long PMID and DOI are bad records


def test_two_ingests_of_the_same_file_at_once_both_succeed(tmp_path: Path, db_url: str) -> None:
    rows: list[dict[str, object]] = [
        {"pmid": str(1000 + i), "title": f"Synthetic test fixture {i}", "abstract": "Not evidence."}
        for i in range(300)
    ]
    path = _jsonl(tmp_path / "same.jsonl", rows)
    stores = [Store.open(db_url), Store.open(db_url)]  # two connections pools, as two processes have
    results: list[tuple[int, str]] = []

    def ingest(store: Store) -> None:
        try:
            report = ingest_paths(store, [path], parse_path)
            results.append((report.stored + report.unchanged + report.updated, ""))
        except Exception as exc:
            results.append((-1, str(exc)))

    threads = [threading.Thread(target=ingest, args=(s,)) for s in stores]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    try:
        assert results == [(300, ""), (300, "")]
        assert stores[0].count() == 300
    finally:
        for s in stores:
            s.close()
