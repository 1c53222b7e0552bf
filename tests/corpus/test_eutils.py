"""The E-utilities client against a local HTTP server that serves real E-utilities responses.

Only status codes (503/429) are made up; every body is a real response file from the shared data.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from medcite.adapters.eutils import EutilsClient
from medcite.config import load_settings
from medcite.domain import SourceRecord
from medcite.errors import InputError, NetworkError
from tests.eutils_server import FakePubmed, serve


@pytest.fixture
def pubmed(entrez_dir: Path) -> Iterator[FakePubmed]:
    state = FakePubmed(
        esearch=entrez_dir / "esearch2.xml", efetch=[entrez_dir / "pubmed4.xml", entrez_dir / "pubmed5.xml"]
    )
    with serve(state):
        yield state


class FakeTime:
    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def _client(url: str, fake: FakeTime, **settings: object) -> EutilsClient:
    config = load_settings(pubmed_base_url=url, pubmed_email="dev@example.org", **settings)
    return EutilsClient(config, client=httpx.Client(), sleep=fake.sleep, clock=fake.clock)


def test_esearch_uses_history_and_sends_identity(pubmed: FakePubmed) -> None:
    fake = FakeTime()
    with _client(pubmed.url, fake, pubmed_api_key="secret-key", pubmed_tool="medcite-test") as client:
        count, pmids = client.esearch("asthma", 100)
    assert count == 42249 and len(pmids) == 100 and pmids[0] == "41297076"
    assert client.history is not None and client.history.web_env.startswith("MCID_")
    method, path, params = pubmed.requests[0]
    assert (method, path) == ("GET", "/entrez/eutils/esearch.fcgi")
    assert params["usehistory"] == ["y"] and params["term"] == ["asthma"]
    assert params["api_key"] == ["secret-key"]
    assert params["tool"] == ["medcite-test"] and params["email"] == ["dev@example.org"]


def test_fetch_batches_posts_and_skips_stored(pubmed: FakePubmed, entrez_dir: Path) -> None:
    pubmed.esearch = entrez_dir / "esearch1.xml"  # 20 real PMIDs
    fake = FakeTime()
    stored = {"41282813", "41148224", "41011574", "40959146", "40937394"}
    with _client(pubmed.url, fake, pubmed_batch_size=10) as client:
        items = list(client.fetch("biopython", 20, stored.__contains__))
    posts = [params for method, _path, params in pubmed.requests if method == "POST"]
    assert len(posts) == 2  # 15 PMIDs left in batches of 10
    requested = [pmid for params in posts for pmid in params["id"][0].split(",")]
    assert len(requested) == 15 and not stored & set(requested)
    assert all(params["retmode"] == ["xml"] and params["db"] == ["pubmed"] for params in posts)
    assert [r.key for r in items if isinstance(r, SourceRecord)] == ["27797938", "28775130"]


def test_retries_on_503_then_succeeds(pubmed: FakePubmed) -> None:
    pubmed.failures = [(503, {}), (503, {})]
    fake = FakeTime()
    with _client(pubmed.url, fake) as client:
        items = list(client.efetch(["27797938"]))
    assert [r.key for r in items if isinstance(r, SourceRecord)] == ["27797938"]
    assert len(pubmed.requests) == 3
    assert fake.sleeps[:2] == [0.5, 1.0]  # exponential backoff


def test_honours_retry_after(pubmed: FakePubmed) -> None:
    pubmed.failures = [(429, {"Retry-After": "7"})]
    fake = FakeTime()
    with _client(pubmed.url, fake) as client:
        client.esearch("asthma", 5)
    assert 7.0 in fake.sleeps


def test_gives_up_with_network_error(pubmed: FakePubmed) -> None:
    pubmed.failures = [(503, {})] * 5
    fake = FakeTime()
    with (
        _client(pubmed.url, fake, pubmed_max_retries=2) as client,
        pytest.raises(NetworkError, match="HTTP 503"),
    ):
        client.esearch("asthma", 5)
    assert len(pubmed.requests) == 3


def test_connection_errors_are_retried() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    fake = FakeTime()
    with (
        _client(f"http://127.0.0.1:{port}", fake, pubmed_max_retries=1) as client,
        pytest.raises(NetworkError, match="connection failed"),
    ):
        client.esearch("asthma", 5)
    assert len(fake.sleeps) >= 1


@pytest.mark.parametrize(("api_key", "gap"), [(None, 1 / 3), ("k", 1 / 10)])
def test_rate_limit_spacing(pubmed: FakePubmed, api_key: str | None, gap: float) -> None:
    fake = FakeTime()
    with _client(pubmed.url, fake, pubmed_api_key=api_key) as client:
        for _ in range(4):
            client.esearch("asthma", 1)
    assert fake.sleeps == [pytest.approx(gap)] * 3


def test_esearch_error_list_is_input_error(pubmed: FakePubmed, entrez_dir: Path) -> None:
    pubmed.esearch = entrez_dir / "esearch8.xml"  # real response: PhraseNotFound, no hits
    with _client(pubmed.url, FakeTime()) as client, pytest.raises(InputError, match="PhraseNotFound: abcXYZ"):
        client.esearch("abcXYZ", 5)
