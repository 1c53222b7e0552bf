"""OpenAI-compatible chat-completion client (llama.cpp server, vLLM, Ollama's /v1, ...).

Only the endpoint named in the settings is used; there is no fallback to any cloud service: without
``llm_base_url`` the client cannot be built (ConfigError).
"""

from __future__ import annotations

import time
from typing import Any

import httpx

from medcite.config import Settings
from medcite.errors import ConfigError, NetworkError

RETRIES = 2


class OpenAICompatClient:
    """:class:`medcite.ports.LLMClient` over ``POST {base}/chat/completions``.

    ``llm_base_url`` is the OpenAI-style base URL, e.g. ``http://127.0.0.1:8080/v1``; a base without a
    ``/v1`` suffix gets one.
    """

    def __init__(self, settings: Settings, client: httpx.Client | None = None) -> None:
        if not settings.llm.base_url:
            raise ConfigError(
                "The LLM composer needs MEDCITE_LLM_BASE_URL (an OpenAI-compatible endpoint, e.g. "
                "http://127.0.0.1:8080/v1). medcite never falls back to a cloud service."
            )
        base = settings.llm.base_url.rstrip("/")
        if not base.endswith("/v1"):
            base += "/v1"
        self._url = base + "/chat/completions"
        self._model = settings.llm.model or "default"
        self._key = settings.llm.api_key.get_secret_value() if settings.llm.api_key else None
        self._own = client is None
        self._client = client or httpx.Client(timeout=settings.llm.timeout_s)

    @property
    def model_id(self) -> str:
        return f"openai-compat:{self._model}"

    @property
    def url(self) -> str:
        return self._url

    def close(self) -> None:
        if self._own:
            self._client.close()

    def __enter__(self) -> OpenAICompatClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def complete(self, system: str, user: str, max_tokens: int = 800, temperature: float = 0.0) -> str:
        body: dict[str, Any] = {
            "model": self._model,
            "messages": [{"role": "system", "content": system}, {"role": "user", "content": user}],
            "max_tokens": max_tokens,
            "temperature": temperature,
            "stream": False,
        }
        headers = {"Content-Type": "application/json"}
        if self._key:
            headers["Authorization"] = f"Bearer {self._key}"
        last = ""
        for attempt in range(RETRIES + 1):
            try:
                resp = self._client.post(self._url, json=body, headers=headers)
            except httpx.HTTPError as exc:
                last = f"{type(exc).__name__}: {exc}"
            else:
                if resp.status_code < 400:
                    return _content(resp)
                last = f"HTTP {resp.status_code}: {resp.text[:200]}"
                if resp.status_code < 500 and resp.status_code != 429:
                    break
            if attempt < RETRIES:
                time.sleep(0.2 * (attempt + 1))
        raise NetworkError(f"The LLM endpoint {self._url} failed: {last}")


def _content(resp: httpx.Response) -> str:
    try:
        data = resp.json()
        content = data["choices"][0]["message"]["content"]
    except (ValueError, KeyError, IndexError, TypeError) as exc:
        raise NetworkError(f"The LLM endpoint returned an unexpected response: {exc!r}") from exc
    if not isinstance(content, str):
        raise NetworkError("The LLM endpoint returned no text.")
    return content
