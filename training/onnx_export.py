"""Shared ONNX export steps of the training scripts: a scratch folder and the BERT-style graph export."""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Iterator
from pathlib import Path

import torch

INPUTS = ["input_ids", "attention_mask", "token_type_ids"]


@contextlib.contextmanager
def scratch_dir() -> Iterator[Path]:
    """A temporary folder that is also the current folder: the ONNX tools write side files
    (external data, ``sym_shape_infer_temp.onnx``) to the current folder, never into the repository."""
    with tempfile.TemporaryDirectory() as tmp, contextlib.chdir(tmp):
        yield Path(tmp)


def export_bert(model: torch.nn.Module, path: Path, output: str, output_axes: dict[int, str]) -> None:
    """Export ``model(input_ids, attention_mask, token_type_ids)`` with dynamic batch and length."""
    ids = torch.ones((2, 16), dtype=torch.long)
    axes = {0: "batch", 1: "sequence"}
    torch.onnx.export(
        model,
        (ids, torch.ones_like(ids), torch.zeros_like(ids)),
        str(path),
        dynamo=False,
        opset_version=17,
        input_names=INPUTS,
        output_names=[output],
        dynamic_axes={**dict.fromkeys(INPUTS, axes), output: output_axes},
    )
