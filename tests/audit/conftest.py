"""Audit fixtures: an engine over a few real records of the shared data (abstracts_extra, MIT-licensed
screening sets), BM25 only, with the shipped verifier."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from medcite.bootstrap import load_verifier, open_engine
from medcite.config import load_settings
from medcite.services.engine import Engine
from tests.conftest import data_dir

DATA = Path(__file__).parent / "data"
#: real records cited by the constructed article (10653203 supports its claim; 9663366 and 10363731 are
#: depression trials; 12640225, the open-label trial, is left out of the store on purpose: title only)
PMIDS = ("9663366", "10363731", "10653203")


def real_records(folder: Path, pmids: tuple[str, ...] = PMIDS) -> Path:
    src = data_dir() / "corpora" / "abstracts_extra.jsonl.gz"
    if not src.is_file():
        pytest.skip(f"shared data not found at {src} (set MEDCITE_DATA_DIR)")
    found: dict[str, str] = {}
    with gzip.open(src, "rt", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            if r.get("pmid") in pmids and r.get("abstract") and r["pmid"] not in found:
                found[r["pmid"]] = line
    out = folder / "records.jsonl"
    out.write_text("".join(found[p] for p in pmids if p in found), encoding="utf-8")
    return out


@pytest.fixture(scope="session")
def audit_engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    tmp = tmp_path_factory.mktemp("audit")
    records = real_records(tmp)
    settings = load_settings(
        home=tmp / "home", database_url=f"sqlite:///{tmp / 'store.sqlite3'}", dense=False, pubmed_online=False
    )
    with open_engine(settings, dense=False, verifier=load_verifier(settings)) as engine:
        engine.ingest([records])
        yield engine
