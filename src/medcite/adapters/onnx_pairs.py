"""What the shipped ONNX cross-encoders (the verifier's NLI model, the stance reader, the relevance reranker)
share: finding the model folder in the installed package, opening the tokenizer and the onnxruntime session,
and running text pairs one at a time on parallel threads.

Why one at a time: the shipped models are int8 with *dynamic* quantisation, which scales each activation
tensor by its own range. In a batch that range spans every pair of the batch (and its padding), so a pair's
output depended on the pairs batched beside it (20 of 384 HealthVer dev labels changed between batches of 8
and single pairs). A pair run alone has no neighbours and no padding: the same pair always gives the same
output. On 2 cores, two 1-thread workers over single pairs were also faster than one 2-thread session over
batches of 8 (``bench/eval_verify.py`` throughput, idle 2-core Xeon: about 162 against 139 pairs/s)."""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from importlib import resources
from pathlib import Path

import numpy as np
import numpy.typing as npt
import onnxruntime as ort
from tokenizers import Encoding, Tokenizer

from medcite.adapters.onnx_weights import model_source
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


def open_model(model_dir: Path, max_len: int) -> tuple[Tokenizer, ort.InferenceSession]:
    """The folder's tokenizer (truncating pairs to ``max_len``, no padding) and its int8 ONNX session on one
    CPU thread per call, without spinning (the cores are shared; :func:`logits_each` runs calls in
    parallel). Raises what the libraries raise."""
    tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    tokenizer.enable_truncation(max_len, strategy="longest_first")
    tokenizer.no_padding()
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 1
    opts.inter_op_num_threads = 1
    opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
    opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    session = ort.InferenceSession(
        model_source(model_dir / "model.onnx"), sess_options=opts, providers=["CPUExecutionProvider"]
    )
    return tokenizer, session


def logits_each(
    session: ort.InferenceSession, encs: Sequence[Encoding], workers: int
) -> npt.NDArray[np.float32]:
    """The model's logits for each encoded pair, in input order, shape (n, outputs): each pair run alone
    (batch of one, no padding), ``workers`` pairs at a time on threads (onnxruntime releases the GIL)."""

    def one(enc: Encoding) -> npt.NDArray[np.float32]:
        feed = {
            "input_ids": np.asarray([enc.ids], dtype=np.int64),
            "attention_mask": np.ones((1, len(enc.ids)), dtype=np.int64),
            "token_type_ids": np.asarray([enc.type_ids], dtype=np.int64),
        }
        row: npt.NDArray[np.float32] = np.asarray(session.run(["logits"], feed)[0], dtype=np.float32)[0]
        return row

    if len(encs) <= 1 or workers <= 1:
        rows = [one(e) for e in encs]
    else:
        with ThreadPoolExecutor(max_workers=min(workers, len(encs))) as pool:
            rows = list(pool.map(one, encs))
    if rows:
        return np.stack(rows)
    width = session.get_outputs()[0].shape[-1]  # (0, outputs): the shape a caller's softmax expects
    return np.zeros((0, width if isinstance(width, int) else 1), dtype=np.float32)
