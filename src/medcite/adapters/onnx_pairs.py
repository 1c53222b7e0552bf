"""What the shipped ONNX cross-encoders (the verifier's NLI model, the relevance reranker) share: finding
the model folder in the installed package, opening the tokenizer and the onnxruntime session, and
running text pairs in batches of similar length."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from importlib import resources
from pathlib import Path

import numpy as np
import numpy.typing as npt
import onnxruntime as ort
from tokenizers import Encoding, Tokenizer

from medcite.errors import ModelError

FILES = ("model.onnx", "tokenizer.json", "config.json")


def shipped_dir(name: str, what: str, rebuild: str) -> Path:
    """``models/<name>`` inside the installed medcite package; ModelError naming ``what`` and how to
    ``rebuild`` it when a file is missing."""
    path = Path(str(resources.files("medcite").joinpath("models", name)))
    missing = [f for f in FILES if not (path / f).is_file()]
    if missing:
        raise ModelError(
            f"the {what} is missing from the installed package ({path}): {', '.join(missing)}; "
            f"reinstall medcite or {rebuild}"
        )
    return path


def open_model(model_dir: Path, threads: int, max_len: int) -> tuple[Tokenizer, ort.InferenceSession]:
    """The folder's tokenizer (truncating pairs to ``max_len``, no padding) and its int8 ONNX session on
    ``threads`` CPU threads, without spinning (the cores are shared). Raises what the libraries raise."""
    tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    tokenizer.enable_truncation(max_len, strategy="longest_first")
    tokenizer.no_padding()
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = threads
    opts.inter_op_num_threads = 1
    opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
    opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    session = ort.InferenceSession(
        str(model_dir / "model.onnx"), sess_options=opts, providers=["CPUExecutionProvider"]
    )
    return tokenizer, session


def logits_by_length(
    session: ort.InferenceSession, encs: Sequence[Encoding], batch_size: int
) -> Iterator[tuple[list[int], npt.NDArray[np.float32]]]:
    """The model's logits for the encoded pairs, in batches of similar length: (indices, logits) each."""
    order = sorted(range(len(encs)), key=lambda i: len(encs[i].ids))
    for s in range(0, len(order), batch_size):
        idx = order[s : s + batch_size]
        width = max(len(encs[i].ids) for i in idx)
        ids = np.zeros((len(idx), width), dtype=np.int64)
        typ = np.zeros_like(ids)
        mask = np.zeros_like(ids)
        for row, i in enumerate(idx):
            n = len(encs[i].ids)
            ids[row, :n] = encs[i].ids
            typ[row, :n] = encs[i].type_ids
            mask[row, :n] = 1
        logits = session.run(["logits"], {"input_ids": ids, "attention_mask": mask, "token_type_ids": typ})
        yield idx, np.asarray(logits[0], dtype=np.float32)
