"""Fixtures for the corpus tests: the shared data folder (real files only; skipped when absent)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def shared_data_dir() -> Path | None:
    path = Path(os.environ.get("MEDCITE_DATA_DIR", REPO / ".." / "shared" / "data"))
    return path if path.is_dir() else None


@pytest.fixture(scope="session")
def data_dir() -> Path:
    path = shared_data_dir()
    if path is None:
        pytest.skip("shared data folder not found (set MEDCITE_DATA_DIR or place it at ../shared/data)")
    return path


@pytest.fixture(scope="session")
def entrez_dir(data_dir: Path) -> Path:
    return data_dir / "formats" / "eutils_samples_biopython" / "Entrez"
