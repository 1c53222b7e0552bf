from __future__ import annotations

import socket

import httpx
import pytest

from medcite.adapters.llm_openai import OpenAICompatClient
from medcite.compose import compose_article
from medcite.config import Settings, load_settings
from medcite.domain import Provenance
from medcite.errors import ConfigError, NetworkError
from medcite.testing import OverlapSearcher
from tests.compose.doubles import LexicalVerifier
from tests.compose.llm_server import FakeLLMServer


def _settings(base: str | None, **kw: object) -> Settings:
    return load_settings(llm_base_url=base, llm_model="test-model", llm_timeout_s=5.0, **kw)


def test_llm_mode_without_base_url_is_a_config_error() -> None:
    with pytest.raises(ConfigError):
        OpenAICompatClient(_settings(None))


def test_client_talks_openai_protocol(llm_server: FakeLLMServer) -> None:
    with OpenAICompatClient(_settings(llm_server.base_url, llm_api_key="sekret")) as client:
        out = client.complete("system text", "Evidence sentences:\n[1] (rct) Something was found.")
    assert out.splitlines()[1] == "- Something was found. [1]"
    req = llm_server.requests[0]
    assert req["model"] == "test-model" and req["temperature"] == 0.0
    assert [m["role"] for m in req["messages"]] == ["system", "user"]
    assert llm_server.auth == ["Bearer sekret"]
    assert client.model_id == "openai-compat:test-model"


def test_base_url_without_v1_gets_it(llm_server: FakeLLMServer) -> None:
    base = llm_server.base_url.removesuffix("/v1")
    client = OpenAICompatClient(_settings(base), client=httpx.Client(timeout=5))
    assert client.url.endswith("/v1/chat/completions")
    assert client.complete("s", "u") == "## Efficacy"


def test_http_errors_are_network_errors(llm_server: FakeLLMServer) -> None:
    llm_server.status = 400
    with pytest.raises(NetworkError):
        OpenAICompatClient(_settings(llm_server.base_url)).complete("s", "u")
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens here now
    with pytest.raises(NetworkError):
        OpenAICompatClient(_settings(f"http://127.0.0.1:{port}/v1")).complete("s", "u")


def test_llm_composer_output_is_verified(
    llm_server: FakeLLMServer, searcher: OverlapSearcher, provenance: Provenance
) -> None:
    llm_server.inject = [
        "- Bupropion cures every smoker within one day. [1]",  # not in the evidence: the verifier drops it
        "- Bupropion doubled quit rates to 97%. [2]",  # a number not in the cited evidence: dropped early
        "- A sentence with no citation at all.",
        "- Bupropion raised IL-97 levels. [2]",  # the digits of a name are checked too: dropped early
    ]
    client = OpenAICompatClient(_settings(llm_server.base_url))
    v = LexicalVerifier()
    a = compose_article(
        "Does bupropion help smoking cessation?", searcher, v, llm=client, provenance=provenance
    )
    assert a.composer == "llm:openai-compat:test-model"
    texts = [st.text for s in a.sections for st in s.statements if st.kind != "gap"]
    assert texts, "the copied evidence sentences should survive verification"
    assert not any("every smoker" in t or "97%" in t or "no citation" in t or "IL-97" in t for t in texts)
    assert a.dropped >= 4
    assert len(v.calls) == 1  # the LLM's sentences went through the same single verify_batch
    assert any("every smoker" in claim for claim, _ev in v.calls[0])
    assert not any("IL-97" in claim or "97%" in claim for claim, _ev in v.calls[0])  # dropped before
    assert "Evidence sentences:" in llm_server.requests[0]["messages"][1]["content"]
    for s in a.sections:
        for st in s.statements:
            assert st.verdict in ("supported", "partial", None)
