"""The E-utilities client against a local HTTP server that serves real E-utilities responses.

Only status codes (503/429) are made up; every body is a real response file from the shared data.
"""

from __future__ import annotations

import itertools
import multiprocessing as mp
import socket
import threading
import time
from collections.abc import Iterator
from email.utils import formatdate
from pathlib import Path

import httpx
import pytest

from medcite.adapters.eutils import EutilsClient
from medcite.config import load_settings
from medcite.domain import SourceRecord
from medcite.errors import InputError, NetworkError
from tests.eutils_server import FakePubmed, serve


@pytest.fixture(autouse=True)
def _home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test has its own MEDCITE_HOME (where the shared rate-limit file lives)."""
    monkeypatch.setenv("MEDCITE_HOME", str(tmp_path / "home"))


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


def test_honours_retry_after_as_an_http_date(pubmed: FakePubmed) -> None:
    pubmed.failures = [(503, {"Retry-After": formatdate(time.time() + 8, usegmt=True)})]
    fake = FakeTime()
    with _client(pubmed.url, fake) as client:
        client.esearch("asthma", 5)
    assert any(6.0 <= s <= 8.5 for s in fake.sleeps), fake.sleeps  # not the 0.5 s backoff


def test_a_dripping_server_hits_the_overall_deadline(pubmed: FakePubmed) -> None:
    """One byte every 0.2 s never trips a 1.5 s read timeout; the whole request must still end."""
    pubmed.drip_s = 0.2
    outcome: list[BaseException | None] = []

    def call() -> None:
        try:
            config = load_settings(pubmed_base_url=pubmed.url, pubmed_timeout_s=1.5, pubmed_max_retries=1)
            with EutilsClient(config) as client:  # its own HTTP client, which keeps the deadline
                client.esearch("asthma", 5)
            outcome.append(None)
        except BaseException as exc:
            outcome.append(exc)

    t0 = time.monotonic()
    worker = threading.Thread(target=call, daemon=True)
    worker.start()
    worker.join(timeout=20)
    assert not worker.is_alive(), "the client hung on a server that drips one byte at a time"
    assert isinstance(outcome[0], NetworkError) and "timed out" in str(outcome[0])
    assert time.monotonic() - t0 < 6  # two attempts of 1.5 s each, plus the backoff


def _search_repeatedly(url: str, home: str, n: int) -> None:
    config = load_settings(pubmed_base_url=url, home=home)
    with EutilsClient(config) as client:  # real clock and sleep
        for _ in range(n):
            client.esearch("asthma", 1)


@pytest.mark.slow
def test_the_rate_limit_is_shared_by_processes(pubmed: FakePubmed, tmp_path: Path) -> None:
    """NCBI's limit (3/s without a key) is per user: two processes together keep to it."""
    spawn = mp.get_context("spawn")
    procs = [
        spawn.Process(target=_search_repeatedly, args=(pubmed.url, str(tmp_path / "home"), 4))
        for _ in range(2)
    ]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=60)
    assert [p.exitcode for p in procs] == [0, 0]
    times = sorted(pubmed.times)
    assert len(times) == 8
    gaps = [b - a for a, b in itertools.pairwise(times)]
    # 1/3 s apart at the senders, whichever process sent them; the fake server sees them with the senders'
    # scheduling jitter (a gap of 0.215 s on a loaded 2-core machine), and without a shared limit the two
    # processes send within milliseconds of each other
    assert min(gaps) > 0.15, gaps
    assert (len(times) - 1) / (times[-1] - times[0]) <= 3.2
