"""training/mpnet_parts.py: all-mpnet-base-v2 is joined from the byte-range pieces its PyPI parts hold.
The pieces here are a synthetic test zip (a stand-in, not the model), split the way the parts split it."""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "training"))

import mpnet_parts  # noqa: E402


def _pieces(tmp: Path, n: int) -> list[Path]:
    whole = tmp / "whole.zip"
    with zipfile.ZipFile(whole, "w") as zf:
        zf.writestr("all-mpnet-base-v2/config.json", '{"model_type": "mpnet"}')
        zf.writestr("all-mpnet-base-v2/model.safetensors", b"synthetic test bytes, not weights" * 50)
    data = whole.read_bytes()
    size = -(-len(data) // n)
    out = []
    for i in range(n):
        p = tmp / f"all-mpnet-base-v2.zip.{i + 1:03d}"
        p.write_bytes(data[i * size : (i + 1) * size])
        out.append(p)
    return out


def test_the_pieces_joined_in_order_give_the_model_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(mpnet_parts, "pieces", lambda: _pieces(tmp_path, 5))
    folder = mpnet_parts.assemble(tmp_path / "cache")
    assert folder == tmp_path / "cache" / "all-mpnet-base-v2"
    assert (folder / "config.json").read_text() == '{"model_type": "mpnet"}'
    assert (folder / "model.safetensors").read_bytes().startswith(b"synthetic test bytes")
    assert not (tmp_path / "cache" / "all-mpnet-base-v2.zip").exists()  # the joined zip is not kept


def test_a_missing_part_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mpnet_parts, "PARTS", ("medcite-no-such-distribution-part-001",))
    with pytest.raises(Exception, match="medcite-no-such-distribution-part-001"):
        mpnet_parts.pieces()
