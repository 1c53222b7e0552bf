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
from pathlib import Path

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


def int8_is_exact(flags: frozenset[str] | None = None, machine: str | None = None) -> bool:
    """Whether onnxruntime's u8 x s8 kernels add exactly on this CPU (an x86 CPU with VNNI or AMX)."""
    arch = (machine if machine is not None else platform.machine()).lower()
    if arch not in ("x86_64", "amd64"):
        return False
    return bool((cpu_flags() if flags is None else flags) & EXACT_INT8_FLAGS)


def signed_weights(path: Path) -> bytes:
    """The model at ``path`` with its uint8 integer-product weights stored as int8 (weights and zero points
    moved by -128: the same numbers), serialised. Needs the ``onnx`` package."""
    import numpy as np
    import onnx
    from onnx import numpy_helper

    model = onnx.load(str(path))
    init = {i.name: i for i in model.graph.initializer}
    names: set[str] = set()
    for node in model.graph.node:
        at = INTEGER_PRODUCTS.get(node.op_type)
        if at is not None and len(node.input) > at and node.input[at]:
            names.update((node.input[1], node.input[at]))
    for name in sorted(names & init.keys()):
        tensor = init[name]
        if tensor.data_type != onnx.TensorProto.UINT8:
            continue
        if not tensor.raw_data:  # stored value by value: convert through numpy
            values = (numpy_helper.to_array(tensor).astype(np.int16) - 128).astype(np.int8)
            tensor.CopyFrom(numpy_helper.from_array(values, name))
            continue
        # v - 128 in two's complement is v with its top bit flipped
        tensor.raw_data = (np.frombuffer(tensor.raw_data, dtype=np.uint8) ^ np.uint8(0x80)).tobytes()
        tensor.data_type = onnx.TensorProto.INT8
    return bytes(model.SerializeToString())


def model_source(path: Path, exact_int8: bool | None = None) -> str | bytes:
    """What to hand ``onnxruntime.InferenceSession`` for the model file at ``path``: the file itself, or,
    where int8 products are exact here (:func:`int8_is_exact`, or ``exact_int8`` when given), the same model
    with int8 weights (:func:`signed_weights`), which such a CPU multiplies about 2.4 times faster."""
    if not (int8_is_exact() if exact_int8 is None else exact_int8):
        return str(path)
    return signed_weights(path)
