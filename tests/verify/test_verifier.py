"""The shipped verifier end to end: loading, verdicts, input limits, citation sets, batch contract."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

from medcite.adapters.onnx_nli import NLIModel
from medcite.domain import Evidence, Label
from medcite.errors import InputError, ModelError
from medcite.services.verify_batch import run_batch
from medcite.verify import MAX_CLAIM_CHARS, MAX_EVIDENCE_CHARS, ClaimVerifier

_NO_NETWORK = """
import socket
def _blocked(*a, **k):
    raise OSError("network disabled in this test")
socket.socket.connect = _blocked
socket.create_connection = _blocked
from medcite.config import Settings, load_settings
from medcite.domain import Evidence
from medcite.bootstrap import load_verifier
v = load_verifier(load_settings())
print(v.model_id, v.verify("Aspirin was given.", [Evidence(text="Aspirin was given to all patients.")]).label)
"""


def test_shipped_model_in_package_and_small() -> None:
    folder = resources.files("medcite").joinpath("models", "verifier")
    for name in ("model.onnx", "tokenizer.json", "config.json", "MODEL_CARD.md", "mesh_cfm.json.gz"):
        assert folder.joinpath(name).is_file(), name
    assert Path(str(folder.joinpath("model.onnx"))).stat().st_size <= 40 * 1024 * 1024


def test_loads_without_network() -> None:
    out = subprocess.run([sys.executable, "-c", _NO_NETWORK], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("medcite-verifier")


def test_missing_model_is_a_clear_model_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="cannot load the verifier model"):
        NLIModel(tmp_path)


def test_copied_sentence_is_supported_with_offsets(verifier: ClaimVerifier, abstracts: list[str]) -> None:
    text = next(a for a in abstracts if 600 < len(a) < 2000 and "significantly" in a)
    from medcite.text import split_sentences

    s, e = next((s, e) for s, e in split_sentences(text) if "significantly" in text[s:e])
    ev = Evidence(text=text, source_key="src-1", offset=100)
    v = verifier.verify(text[s:e], [ev])
    assert v.label in (Label.SUPPORTED, Label.PARTIAL)
    assert 0.0 <= v.probability <= 1.0
    top = v.evidence[0]
    assert top.source_key == "src-1" and text[top.start - 100 : top.end - 100] == top.text == text[s:e]
    assert any(r.startswith("entailment model") for r in v.reasons)
    names = [c.name for c in v.checks]
    assert names == ["entailment", "input", "numbers", "population", "direction", "design", "edits"]


def test_refuted_check_covid_claim_is_not_supported(verifier: ClaimVerifier, shared: Path) -> None:
    """Check-COVID (MIT): 'in a few seconds' vs an abstract reporting 30 min."""
    corpus = {}
    for line in (shared / "check_covid" / "corpus.json").read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        corpus[r["cord_id"]] = r["abstract"]
    lines = (shared / "check_covid" / "covidCheck_train_composed+extracted.json").read_text().splitlines()
    claim = next(json.loads(x) for x in lines if "in a few seconds" in x)
    v = verifier.verify(claim["claim"], [Evidence(text=" ".join(corpus[claim["cord_id"]]))])
    assert v.label is not Label.SUPPORTED


def test_empty_and_huge_inputs(verifier: ClaimVerifier) -> None:
    with pytest.raises(InputError, match="claim is empty"):
        verifier.verify("  ", [Evidence(text="x")])
    with pytest.raises(InputError, match="evidence is empty"):
        verifier.verify("a claim", [])
    with pytest.raises(InputError, match="evidence is empty"):
        verifier.verify("a claim", [Evidence(text="   ")])
    with pytest.raises(InputError, match="limit is 2,000"):
        verifier.verify("a" * (MAX_CLAIM_CHARS + 1), [Evidence(text="x")])
    with pytest.raises(InputError, match="limit is 100,000"):
        verifier.verify("a claim", [Evidence(text="word " * (MAX_EVIDENCE_CHARS // 5 + 1))])
    with pytest.raises(InputError, match="item 2: the claim is empty"):
        verifier.verify_batch([("a claim", [Evidence(text="x")]), ("", [Evidence(text="x")])])


def test_batch_keeps_order_and_reports_bad_lines(verifier: ClaimVerifier, find_sentence) -> None:  # type: ignore[no-untyped-def]
    s1, s2, s3 = find_sentence(r"\bplacebo\b")[:3]
    lines = [
        json.dumps({"claim": s1, "evidence": s1}),
        "{not json",
        json.dumps({"claim": s2, "evidence": [s3, s2]}),
        json.dumps({"claim": "", "evidence": s1}),
        json.dumps({"claim": s3}),
        "",
        json.dumps(["a list"]),
        json.dumps({"claim": s1, "evidence": "x" * (MAX_EVIDENCE_CHARS + 1)}),
        json.dumps({"claim": s3, "evidence": s3}),
    ]
    out = list(run_batch(lines, verifier))
    assert [o["line"] for o in out] == [1, 2, 3, 4, 5, 7, 8, 9]
    assert "error" not in out[0] and "error" not in out[2] and "error" not in out[-1]
    assert out[1]["error"].startswith("line 2: not valid JSON")
    assert out[3]["error"] == "line 4: the claim is empty"
    assert out[4]["error"].startswith('line 5: "evidence" must be')
    assert out[5]["error"].startswith("line 7: expected a JSON object")
    assert "limit is 100,000" in out[6]["error"]
    for o in (out[0], out[2], out[-1]):
        assert {"label", "probability", "reasons", "evidence_sentence"} <= o.keys()
    assert out[0]["evidence_sentence"] == s1
    assert out[2]["evidence"][0]["source_key"] in ("#1", "#2")


def test_citation_set_alce_semantics(verifier: ClaimVerifier, find_sentence) -> None:  # type: ignore[no-untyped-def]
    claim = next(s for s in find_sentence(r"significantly (reduced|lower)") if 80 < len(s) < 250)
    other = next(s for s in find_sentence(r"\bquestionnaire\b") if "significant" not in s.lower())
    res = verifier.verify_citations(claim, [[Evidence(text=claim)], [Evidence(text=other)]])
    assert res.recall
    assert [c.relevant for c in res.precision] == [True, False]
    assert res.precision_rate == 0.5 and len(res.reasons) == 3
    with pytest.raises(InputError):
        verifier.verify_citations(claim, [])
