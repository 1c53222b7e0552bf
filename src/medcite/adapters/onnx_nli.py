"""The entailment model at run time: the shipped int8 ONNX cross-encoder (onnxruntime + tokenizers)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from medcite.adapters.onnx_pairs import logits_each, open_model, shipped_dir
from medcite.errors import ModelError

# Characters kept per model token of each side of a pair before tokenizing (a token is about 4 to 8
# characters): the model reads max_len tokens, so the rest was tokenized only to be cut (a 20 MB premise
# took 2.5 GB of peak memory).
CHARS_PER_TOKEN = 32


@dataclass(frozen=True, slots=True)
class ModelConfig:
    model_id: str
    max_len: int
    temperature: float
    supported_threshold: float = 0.5  # on calibrated P(entailment), chosen on dev (config.json "thresholds")
    contradicted_threshold: float = 0.4


def shipped_stance_dir() -> Path:
    """The stance reader folder inside the installed medcite package (same architecture and output as
    the verifier: P(yes), P(uncertain), P(no) for (sentence, question) pairs)."""
    return shipped_dir("stance", "stance reader model", "retrain with training/train_stance_reader.py")


def shipped_model_dir() -> Path:
    """The verifier folder inside the installed medcite package."""
    return shipped_dir(
        "verifier",
        "verifier model",
        "retrain with training/train_verifier.py and training/export_verifier.py",
    )


class NLIModel:
    """3-way NLI cross-encoder (entailment, neutral, contradiction) with temperature-calibrated softmax."""

    def __init__(self, model_dir: Path, threads: int = 2, what: str = "verifier") -> None:
        try:
            raw: dict[str, Any] = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
            th = raw.get("thresholds", {})
            self.config = ModelConfig(
                str(raw["model_id"]),
                int(raw["max_len"]),
                float(raw["temperature"]),
                float(th.get("supported", 0.5)),
                float(th.get("contradicted", 0.4)),
            )
            self.tokenizer, self.session = open_model(model_dir, self.config.max_len)
        except (OSError, KeyError, ValueError, TypeError) as exc:
            raise ModelError(f"cannot load the {what} model from {model_dir}: {exc}") from exc
        except Exception as exc:  # onnxruntime raises its own exception types for corrupt files
            raise ModelError(f"cannot load the {what} model from {model_dir}: {exc}") from exc
        self.workers = threads  # pairs run at once, one thread each (see medcite.adapters.onnx_pairs)

    @property
    def model_id(self) -> str:
        return self.config.model_id

    def predict(self, pairs: Sequence[tuple[str, str]]) -> npt.NDArray[np.float32]:
        """Calibrated probabilities, shape (n, 3), for (premise, hypothesis) pairs; each pair's row depends on
        that pair alone (run one at a time, :func:`medcite.adapters.onnx_pairs.logits_each`)."""
        out = np.zeros((len(pairs), 3), dtype=np.float32)
        if not pairs:
            return out
        cut = self.config.max_len * CHARS_PER_TOKEN  # bounded work per pair
        encs = self.tokenizer.encode_batch([(p[:cut], h[:cut]) for p, h in pairs])
        z = logits_each(self.session, encs, self.workers) / self.config.temperature
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        out[:] = p / p.sum(axis=1, keepdims=True)
        return out
