"""The shipped int8 models' integer weights in the form this CPU multiplies fastest, and exactly.

onnxruntime multiplies uint8 activations by the weights of its integer matrix products (MatMulInteger,
QAttention). With int8 weights, x86 CPUs with VNNI or AMX add the products in 32 bits (exact), but CPUs
with AVX2 and no VNNI add pairs of them in 16 bits (vpmaddubsw), which saturate: on a 2-core AMD EPYC
(Zen 3) the verifier's P(entailment) moved by up to 0.24. With uint8 weights onnxruntime's u8u8 kernels
are exact on every x86 CPU, but slower: 2.4 times on a VNNI Xeon (82 against 199 verifier pairs/s).

So the files ship with uint8 weights (zero points moved by 128: ``training/onnx_export.py``), and on a CPU
whose int8 products are exact (x86 with VNNI or AMX) they are opened with the same numbers stored as int8
(each weight and zero point moved back by 128). Both forms compute the same integers, so every CPU gives
the same outputs (``tests/verify/test_same_on_every_cpu.py``); only the speed differs. Anywhere else, or
where the CPU cannot be read, the file is opened as it is.
"""

from __future__ import annotations

import platform
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import onnx

EXACT_INT8_FLAGS = frozenset({"avx512_vnni", "avx_vnni", "amx_int8"})  # 32-bit sums of u8 x s8 products
INTEGER_PRODUCTS = {"MatMulInteger": 3, "QAttention": 7}  # op -> input index of its weight zero point


def cpu_flags(cpuinfo: Path = Path("/proc/cpuinfo")) -> frozenset[str]:
    """The x86 feature flags of this CPU (Linux), empty where they cannot be read."""
    try:
        text = cpuinfo.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return frozenset()
    for line in text.splitlines():
        if line.startswith("flags"):
            return frozenset(line.partition(":")[2].split())
    return frozenset()


@cache
def _this_cpu() -> tuple[frozenset[str], str]:
    """This machine's CPU flags and architecture, read once per process (every model load asks)."""
    return cpu_flags(), platform.machine()


def int8_is_exact(flags: frozenset[str] | None = None, machine: str | None = None) -> bool:
    """Whether onnxruntime's u8 x s8 kernels add exactly on this CPU, or on one with these ``flags`` and
    ``machine`` architecture: an x86 CPU with VNNI or AMX."""
    here_flags, here_machine = _this_cpu()
    arch = (machine if machine is not None else here_machine).lower()
    if arch not in ("x86_64", "amd64"):
        return False
    return bool((here_flags if flags is None else flags) & EXACT_INT8_FLAGS)


def integer_weights(graph: onnx.GraphProto) -> dict[str, str]:
    """Each weight initializer of the graph's integer matrix products, with its zero point's name ("" where
    the node has none)."""
    out: dict[str, str] = {}
    for node in graph.node:
        at = INTEGER_PRODUCTS.get(node.op_type)
        if at is not None:
            out[str(node.input[1])] = str(node.input[at]) if len(node.input) > at else ""
    return out


def move_by_128(tensor: onnx.TensorProto) -> None:
    """Store an 8-bit tensor's values in the other 8-bit type, moved by 128 (uint8 v <-> int8 v - 128):
    with the weights and their zero points both moved, the integer products are the same numbers."""
    import numpy as np
    import onnx
    from onnx import numpy_helper

    if not tensor.raw_data:  # stored value by value: convert through numpy
        values = numpy_helper.to_array(tensor).astype(np.int16)
        signed = tensor.data_type == onnx.TensorProto.UINT8
        moved = (values - 128).astype(np.int8) if signed else (values + 128).astype(np.uint8)
        tensor.CopyFrom(numpy_helper.from_array(moved, tensor.name))
        return
    # in two's complement, v - 128 (or v + 128) is v with its top bit flipped
    tensor.raw_data = (np.frombuffer(tensor.raw_data, dtype=np.uint8) ^ np.uint8(0x80)).tobytes()
    unsigned = tensor.data_type == onnx.TensorProto.UINT8
    tensor.data_type = onnx.TensorProto.INT8 if unsigned else onnx.TensorProto.UINT8


def signed_weights(path: Path) -> bytes:
    """The model at ``path`` with its uint8 integer-product weights stored as int8 (weights and zero points
    moved by -128: the same numbers), serialised. Needs the ``onnx`` package."""
    import onnx

    model = onnx.load(str(path))
    init = {i.name: i for i in model.graph.initializer}
    for weight, zero in integer_weights(model.graph).items():
        for name in (weight, zero):
            if name in init and init[name].data_type == onnx.TensorProto.UINT8:
                move_by_128(init[name])
    return bytes(model.SerializeToString())


def model_source(path: Path, exact_int8: bool | None = None) -> str | bytes:
    """What to hand ``onnxruntime.InferenceSession`` for the model file at ``path``: the file itself, or,
    where int8 products are exact here (:func:`int8_is_exact`, or ``exact_int8`` when given), the same model
    with int8 weights (:func:`signed_weights`), which such a CPU multiplies about 2.4 times faster."""
    if not (int8_is_exact() if exact_int8 is None else exact_int8):
        return str(path)
    return signed_weights(path)
