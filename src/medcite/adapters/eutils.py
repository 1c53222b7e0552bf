"""PubMed E-utilities client (esearch + efetch) on a synchronous :class:`httpx.Client`.

* ``esearch`` runs with ``usehistory=y`` and returns the hit count and the PMIDs; the WebEnv/QueryKey are kept
  on :attr:`EutilsClient.history`.
* ``efetch`` POSTs PMIDs in batches of ``settings.pubmed.batch_size`` (``retmode=xml``) and parses each
  response with the streaming MEDLINE XML parser.
* ``fetch`` = esearch + efetch of the PMIDs for which ``is_stored`` is false, so a resumed run does not
  fetch again what an interrupted run already stored.

Every request carries ``tool``, ``email`` (when set) and ``api_key`` (when set). Requests are spaced 3 per
second, 10 with an API key, across every process with the same ``MEDCITE_HOME`` (NCBI's limit is per user;
the time of the last request is kept in ``pubmed-rate.lock`` there, under a file lock), using the injected
``clock`` and ``sleep``. Each request (each attempt) must be done within ``settings.pubmed.timeout_s``, from
connecting to the last byte: a server that drips bytes times out too (this holds for the client this class
builds; an injected client brings its own timeouts). HTTP 429, 5xx, timeouts and connection errors are
retried with exponential backoff (``Retry-After`` honoured, in seconds or as an HTTP date) up to
``settings.pubmed.max_retries`` times, then :class:`NetworkError`. An esearch ``<ERROR>`` or an
``<ErrorList>`` (a query error, or any error with no hits) becomes :class:`InputError`.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC
from email.utils import parsedate_to_datetime

import httpx
from lxml import etree

from medcite.adapters.http_limits import Deadline, SharedRateLimiter, deadline_client
from medcite.config import Settings
from medcite.corpus.medline_xml import parse_medline_bytes
from medcite.domain import ParseItem
from medcite.errors import IngestError, InputError, NetworkError

_RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
_MAX_BACKOFF_S = 60.0
# ErrorList children that mean the query itself is wrong; others (PhraseNotFound) only count
# when nothing matched.
_QUERY_ERRORS = ("QueryError", "FieldNotFound", "PhraseIgnored")
RATE_FILE = "pubmed-rate.lock"  # in MEDCITE_HOME: the last request's time, shared by processes


@dataclass(frozen=True, slots=True)
class SearchHistory:
    web_env: str
    query_key: str


class EutilsClient:
    """Talks to PubMed's E-utilities; every dependency (HTTP client, clock, sleep) can be injected."""

    def __init__(
        self,
        settings: Settings,
        client: httpx.Client | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.settings = settings
        self._deadline = Deadline()
        self._client = client or deadline_client(settings.pubmed.timeout_s, self._deadline)
        self._owns_client = client is None
        self._sleep = sleep
        api_key = settings.pubmed.api_key.get_secret_value() if settings.pubmed.api_key else None
        self._api_key = api_key or None
        rate = 10.0 if self._api_key else 3.0
        self.limiter = SharedRateLimiter(settings.home / RATE_FILE, rate, clock, sleep)
        self.history: SearchHistory | None = None
        self.base_url = settings.pubmed.base_url.rstrip("/")

    def close(self) -> None:
        if self._owns_client:
            self._client.close()

    def __enter__(self) -> EutilsClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- verbs -----------------------------------------------------------------------------------------

    def esearch(self, query: str, max_n: int) -> tuple[int, list[str]]:
        """Search PubMed: ``(total hit count, up to max_n PMIDs)``."""
        if not query.strip():
            raise InputError("empty PubMed query")
        params = {"db": "pubmed", "term": query, "retmax": str(max(0, max_n)), "usehistory": "y"}
        body = self._request("GET", "esearch.fcgi", params)
        count, pmids, history = _parse_esearch(body)
        self.history = history
        return count, pmids[: max(0, max_n)]

    def efetch(self, pmids: Sequence[str]) -> Iterator[ParseItem]:
        """Fetch the records of ``pmids`` in batches (POST, ``retmode=xml``) and parse them as they arrive."""
        size = self.settings.pubmed.batch_size
        for start in range(0, len(pmids), size):
            batch = pmids[start : start + size]
            data = {"db": "pubmed", "id": ",".join(batch), "retmode": "xml"}
            body = self._request("POST", "efetch.fcgi", data)
            origin = f"efetch:{batch[0]}..{batch[-1]}"
            try:
                yield from parse_medline_bytes(body, origin)
            except IngestError as err:
                raise NetworkError(f"PubMed efetch returned an unusable response: {err}") from err

    def fetch(self, query: str, max_n: int, is_stored: Callable[[str], bool]) -> Iterator[ParseItem]:
        """Search and fetch up to ``max_n`` records, skipping PMIDs for which ``is_stored`` is true."""
        _count, pmids = self.esearch(query, max_n)
        todo = [p for p in pmids if not is_stored(p)]
        yield from self.efetch(todo)

    # -- transport -------------------------------------------------------------------------------------

    def _params(self, extra: Mapping[str, str]) -> dict[str, str]:
        params = dict(extra)
        params["tool"] = self.settings.pubmed.tool
        if self.settings.pubmed.email:
            params["email"] = self.settings.pubmed.email
        if self._api_key:
            params["api_key"] = self._api_key
        return params

    def _send(self, method: str, url: str, payload: dict[str, str]) -> httpx.Response:
        timeout = self.settings.pubmed.timeout_s
        with self._deadline.running(timeout):  # the whole attempt, not each read
            if method == "POST":
                return self._client.post(url, data=payload, timeout=timeout)
            return self._client.get(url, params=payload, timeout=timeout)

    def _request(self, method: str, verb: str, params: Mapping[str, str]) -> bytes:
        url = f"{self.base_url}/{verb}"
        payload = self._params(params)
        retries = self.settings.pubmed.max_retries
        problem = ""
        for attempt in range(retries + 1):
            self.limiter.acquire()
            wait: float | None = None
            try:
                response = self._send(method, url, payload)
            except httpx.TimeoutException:
                problem = f"timed out after {self.settings.pubmed.timeout_s:g}s"
            except httpx.TransportError as err:
                problem = f"connection failed ({type(err).__name__}: {err})"
            else:
                if response.status_code == 200:
                    return response.content
                if response.status_code not in _RETRY_STATUS:
                    raise NetworkError(
                        f"PubMed {verb} failed with HTTP {response.status_code}: "
                        f"{response.text[:200].strip()}"
                    )
                problem = f"HTTP {response.status_code}"
                wait = _retry_after(response.headers.get("Retry-After"))
            if attempt < retries:
                backoff = min(_MAX_BACKOFF_S, 0.5 * 2**attempt)
                self._sleep(max(backoff, wait or 0.0))
        raise NetworkError(f"PubMed {verb} kept failing: {problem} (gave up after {retries + 1} attempts)")


def _retry_after(value: str | None, now: Callable[[], float] = time.time) -> float | None:
    """Seconds to wait from a ``Retry-After`` header: a number of seconds, or an HTTP date."""
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None  # unreadable: the exponential backoff applies
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        seconds = when.timestamp() - now()
    return min(_MAX_BACKOFF_S, max(0.0, seconds))


def _parse_esearch(body: bytes) -> tuple[int, list[str], SearchHistory | None]:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(body, parser)
    except etree.XMLSyntaxError as err:
        raise NetworkError(f"PubMed esearch returned malformed XML: {err}") from err
    if root.tag != "eSearchResult":
        raise NetworkError(f"PubMed esearch returned <{root.tag}>, not an eSearchResult")
    error = root.findtext("ERROR")
    if error:
        raise InputError(f"PubMed rejected the query: {error.strip()}")
    count = int((root.findtext("Count") or "0").strip() or 0)
    error_list = root.find("ErrorList")
    if error_list is not None:
        problems = [f"{e.tag}: {(e.text or '').strip()}" for e in error_list]
        if count == 0 or any(e.tag in _QUERY_ERRORS for e in error_list):
            raise InputError(f"PubMed could not run the query: {'; '.join(problems)}")
    pmids = [(i.text or "").strip() for i in root.iterfind("IdList/Id") if (i.text or "").strip()]
    web_env = (root.findtext("WebEnv") or "").strip()
    query_key = (root.findtext("QueryKey") or "").strip()
    history = SearchHistory(web_env, query_key) if web_env and query_key else None
    return count, pmids, history
