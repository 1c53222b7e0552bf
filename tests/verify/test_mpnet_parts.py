"""training/mpnet_parts.py: all-mpnet-base-v2 is joined from the byte-range pieces its PyPI parts hold.
The pieces here are a synthetic test zip (a stand-in, not the model), split the way the parts split it."""

from __future__ import annotations

import hashlib
import sys
import zipfile
from importlib import metadata
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "training"))

import mpnet_parts  # noqa: E402

WEIGHTS = b"synthetic test bytes, not weights" * 50


def _pieces(tmp: Path, n: int) -> list[Path]:
    whole = tmp / "whole.zip"
    with zipfile.ZipFile(whole, "w") as zf:
        zf.writestr("all-mpnet-base-v2/config.json", '{"model_type": "mpnet"}')
        zf.writestr("all-mpnet-base-v2/model.safetensors", WEIGHTS)
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
    monkeypatch.setattr(mpnet_parts, "SHA256", hashlib.sha256(WEIGHTS).hexdigest())
    folder = mpnet_parts.assemble(tmp_path / "cache")
    assert folder == tmp_path / "cache" / "all-mpnet-base-v2"
    assert (folder / "config.json").read_text() == '{"model_type": "mpnet"}'
    assert (folder / "model.safetensors").read_bytes() == WEIGHTS
    assert not (tmp_path / "cache" / "all-mpnet-base-v2.zip").exists()  # the joined zip is not kept

    def no_pieces() -> list[Path]:
        raise AssertionError("joined again")

    monkeypatch.setattr(mpnet_parts, "pieces", no_pieces)
    assert mpnet_parts.assemble(tmp_path / "cache") == folder  # the second call finds the folder


def test_weights_other_than_the_pinned_ones_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(mpnet_parts, "pieces", lambda: _pieces(tmp_path, 2))
    with pytest.raises(ValueError, match="sha256"):
        mpnet_parts.assemble(tmp_path / "cache")
    assert not (tmp_path / "cache" / "all-mpnet-base-v2" / "model.safetensors").exists()


def test_a_missing_part_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mpnet_parts, "PARTS", ("medcite-no-such-distribution-part-001",))
    with pytest.raises(metadata.PackageNotFoundError, match="medcite-no-such-distribution-part-001"):
        mpnet_parts.pieces()
