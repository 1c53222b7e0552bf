"""Format detection from content, and whole-file errors."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import pytest

from medcite.corpus.detect import parse_path
from medcite.domain import ParseProblem, SourceRecord
from medcite.errors import IngestError


def test_detects_by_content_not_extension(data_dir: Path, tmp_path: Path) -> None:
    xml = tmp_path / "a.jsonl"
    shutil.copy(data_dir / "medline_sample" / "pubmed-29768149.xml", xml)
    text = tmp_path / "b.xml.gz"
    source = data_dir / "formats" / "eutils_samples_biopython" / "Medline" / "pubmed_result1.txt"
    text.write_bytes(gzip.compress(source.read_bytes()))
    assert [r.key for r in parse_path(xml) if isinstance(r, SourceRecord)] == ["29768149"]
    assert [r.key for r in parse_path(text) if isinstance(r, SourceRecord)] == ["12230038"]


def test_directory(data_dir: Path) -> None:
    items = list(parse_path(data_dir / "formats" / "eutils_samples_biopython"))
    keys = {i.key for i in items if isinstance(i, SourceRecord)}
    assert {"12230038", "27797938", "11748933"} <= keys
    problems = [i for i in items if isinstance(i, ParseProblem)]
    assert any("esearch1.xml" in p.reason for p in problems)  # other E-utilities responses: reported


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "empty file"), (b"\x00\x01\x02binary", "binary"), (b"hello world\n", "unknown format")],
)
def test_whole_file_errors(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "input.dat"
    path.write_bytes(content)
    with pytest.raises(IngestError, match=message):
        list(parse_path(path))


def test_json_array_and_missing(tmp_path: Path) -> None:
    path = tmp_path / "array.json"
    path.write_text("[]")
    with pytest.raises(IngestError, match="JSON array"):
        list(parse_path(path))
    with pytest.raises(IngestError, match="no such file"):
        list(parse_path(tmp_path / "missing.xml"))
