"""The one module that names the adapters: it builds the engine and its boundaries from settings."""

from __future__ import annotations

from medcite.adapters.onnx_nli import NLIModel, shipped_model_dir
from medcite.config import Settings
from medcite.verify import ClaimVerifier
from medcite.verify.mesh import MeshVocabulary


def load_verifier(settings: Settings) -> ClaimVerifier:
    """The shipped verifier, loaded from the installed package (no network). Raises ModelError if missing."""
    return ClaimVerifier(NLIModel(shipped_model_dir(), threads=settings.threads), MeshVocabulary.load())
