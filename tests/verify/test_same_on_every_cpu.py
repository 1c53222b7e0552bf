"""The shipped int8 models give the same numbers on every CPU.

onnxruntime's u8s8 integer kernels saturate at 16 bits on x86 CPUs with AVX2 and no VNNI (vpmaddubsw): with
int8 weights, the verifier read the LB100 record's first sentence, prefixed, as entailed 0.56 on a 2-core
AMD EPYC (Zen 3) and 0.32 on the machines its figures were measured on. The shipped weights are uint8 with
their zero points moved by 128 (``training/onnx_export.exact_integer_weights``: the same numbers), which
every CPU multiplies exactly; a CPU with VNNI or AMX opens them with the same numbers stored as int8
(``medcite.adapters.onnx_weights``), which it multiplies exactly too, and faster. The reference values below
are the same both ways; a model exported with int8 weights fails here on an AVX2 machine (differences of
0.01 to 0.24), and on any machine where the kernels round differently. They are onnxruntime 1.30's to
1.32's (identical to the last digit); 1.26 rounds its float parts differently (up to 0.04 here), so
``pyproject.toml`` asks for 1.30 or later."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from medcite.adapters.onnx_embedder import OnnxEmbedder
from medcite.adapters.onnx_nli import NLIModel, shipped_model_dir, shipped_stance_dir
from medcite.adapters.onnx_reranker import OnnxReranker, shipped_reranker_dir
from medcite.adapters.onnx_weights import cpu_flags, int8_is_exact, model_source, signed_weights
from medcite.text import record_sentences
from tests.compose.doubles import bioasq_source

QUESTION = "Is LB100 a radiosensitizer?"
TOLERANCE = 0.005  # the float parts (layer norm, softmax) may round differently; the integer parts do not

# P(entailment), P(neutral), P(contradiction) of "In an animal or laboratory study, <sentence>" against each
# sentence of the real BioASQ snippet record 26799670 (a laboratory study of LB100)
VERIFIER = [
    [0.3202, 0.6681, 0.0117], [0.1267, 0.8641, 0.0093], [0.2022, 0.7866, 0.0111],
    [0.2755, 0.7071, 0.0174], [0.2771, 0.7155, 0.0074], [0.2326, 0.7602, 0.0072],
]  # fmt: skip
# P(yes), P(uncertain), P(no) of each sentence against QUESTION
STANCE = [
    [0.9318, 0.0283, 0.0399], [0.0097, 0.9882, 0.0022], [0.0164, 0.9803, 0.0033],
    [0.2106, 0.7358, 0.0536], [0.0009, 0.9970, 0.0020], [0.1034, 0.8520, 0.0445],
]  # fmt: skip
RELEVANCE = [0.8693, 0.0035, 0.3035, 0.1041, 0.0102, 0.0063]
EMBEDDING_HEAD = [-0.05448, 0.0084, -0.04418, -0.04422, -0.00134, 0.00032, 0.03402, 0.09154]


@pytest.fixture(scope="module")
def sentences() -> list[str]:
    return [text for *_rest, text in record_sentences(bioasq_source(1, "26799670"))]


def test_the_verifier_reads_the_same_on_every_cpu(sentences: list[str]) -> None:
    pairs = [(s, "In an animal or laboratory study, " + s[0].lower() + s[1:]) for s in sentences]
    got = NLIModel(shipped_model_dir(), threads=1).predict(pairs)
    np.testing.assert_allclose(got, VERIFIER, atol=TOLERANCE)


def test_the_stance_reader_reads_the_same_on_every_cpu(sentences: list[str]) -> None:
    got = NLIModel(shipped_stance_dir(), threads=1, what="stance reader").predict(
        [(s, QUESTION) for s in sentences]
    )
    np.testing.assert_allclose(got, STANCE, atol=TOLERANCE)


def test_the_relevance_model_scores_the_same_on_every_cpu(sentences: list[str]) -> None:
    got = OnnxReranker(shipped_reranker_dir(), threads=1).score(QUESTION, sentences)
    np.testing.assert_allclose(got, RELEVANCE, atol=TOLERANCE)


def test_the_embedder_embeds_the_same_on_every_cpu(sentences: list[str]) -> None:
    got = OnnxEmbedder(threads=1).embed(sentences[:1])[0]
    np.testing.assert_allclose(got[:8], EMBEDDING_HEAD, atol=0.002)


# --- the int8 form, where this CPU multiplies it exactly (medcite.adapters.onnx_weights) ----------------
def test_the_cpu_decides_the_weight_form(tmp_path: Path) -> None:
    info = tmp_path / "cpuinfo"
    info.write_text("processor\t: 0\nflags\t\t: fpu sse2 avx2 avx512f avx512_vnni\n", encoding="utf-8")
    assert "avx512_vnni" in cpu_flags(info)
    assert cpu_flags(tmp_path / "absent") == frozenset()
    assert int8_is_exact(frozenset({"avx2", "avx512_vnni"}), "x86_64")
    assert int8_is_exact(frozenset({"avx2", "amx_int8"}), "AMD64")
    assert not int8_is_exact(frozenset({"avx2", "fma"}), "x86_64")  # the saturating AVX2 kernels
    assert not int8_is_exact(frozenset({"avx512_vnni"}), "aarch64")  # not measured there: the file as it is
    assert model_source(shipped_model_dir() / "model.onnx", exact_int8=False) == str(
        shipped_model_dir() / "model.onnx"
    )


def test_the_int8_form_holds_the_same_numbers() -> None:
    import onnx
    from onnx import numpy_helper

    path = shipped_model_dir() / "model.onnx"
    before = {i.name: numpy_helper.to_array(i) for i in onnx.load(str(path)).graph.initializer}
    after = onnx.load_from_string(signed_weights(path))
    moved = 0
    for tensor in after.graph.initializer:
        got = numpy_helper.to_array(tensor)
        if got.dtype == np.int8 and before[tensor.name].dtype == np.uint8:
            np.testing.assert_array_equal(got.astype(np.int16) + 128, before[tensor.name])
            moved += 1
    assert moved == 50  # the weights and zero points of 19 MatMulInteger and 6 QAttention nodes


@pytest.mark.skipif(not int8_is_exact(), reason="this CPU's int8 kernels are not exact (no VNNI or AMX)")
def test_both_forms_give_identical_outputs_on_this_cpu(sentences: list[str]) -> None:
    import onnxruntime as ort
    from tokenizers import Tokenizer

    folder = shipped_model_dir()
    tok = Tokenizer.from_file(str(folder / "tokenizer.json"))
    enc = tok.encode(sentences[0], "In an animal or laboratory study, " + sentences[0])
    feed = {
        "input_ids": np.array([enc.ids], dtype=np.int64),
        "attention_mask": np.array([enc.attention_mask], dtype=np.int64),
        "token_type_ids": np.array([enc.type_ids], dtype=np.int64),
    }
    outs = [
        ort.InferenceSession(src, providers=["CPUExecutionProvider"]).run(None, feed)[0]
        for src in (str(folder / "model.onnx"), signed_weights(folder / "model.onnx"))
    ]
    np.testing.assert_array_equal(outs[0], outs[1])
