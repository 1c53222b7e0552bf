"""Politeness and patience for HTTP clients: a rate limit shared by processes, a deadline per request.

* :class:`SharedRateLimiter` spaces requests ``1 / rate`` seconds apart across every process that uses the
  same file (NCBI's limit is per user, not per process): the time of the last request is kept in the file,
  read and written under an exclusive ``flock``; a process that has to wait sleeps holding the lock, so
  the others queue behind it. Where the file cannot be opened it falls back to :class:`RateLimiter`, the
  same spacing within the process.
* :func:`deadline_client` builds an :class:`httpx.Client` whose every socket operation (connect, TLS,
  each read and write) is given at most what is left of the request's deadline. httpx's timeouts are per
  operation, so a server that sends one byte every few seconds would otherwise never time out. The
  deadline is set around each request with :meth:`Deadline.running`.
"""

from __future__ import annotations

import fcntl
import os
import ssl
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpcore
import httpx


class RateLimiter:
    """A token bucket: ``rate`` requests per second, bursts of at most one second's worth."""

    def __init__(self, rate: float, clock: Callable[[], float], sleep: Callable[[float], None]) -> None:
        self.rate = rate
        self.capacity = 1.0
        self._clock = clock
        self._sleep = sleep
        self._tokens = self.capacity
        self._last = clock()

    def acquire(self) -> None:
        now = self._clock()
        self._tokens = min(self.capacity, self._tokens + (now - self._last) * self.rate)
        self._last = now
        if self._tokens < 1.0:
            wait = (1.0 - self._tokens) / self.rate
            self._sleep(wait)
            self._last = self._clock()
            self._tokens = 1.0
        self._tokens -= 1.0


class SharedRateLimiter:
    """``rate`` requests per second in all the processes sharing ``path``. ``clock`` must be one clock
    for all of them (``time.monotonic`` is, on one machine)."""

    def __init__(
        self, path: Path, rate: float, clock: Callable[[], float], sleep: Callable[[float], None]
    ) -> None:
        self.path = path
        self.rate = rate
        self._clock = clock
        self._sleep = sleep
        self._local = RateLimiter(rate, clock, sleep)

    def acquire(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError:
            self._local.acquire()  # no shared file (read-only home): at least this process keeps the rate
            return
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            interval = 1.0 / self.rate
            last = _read_time(fd)
            now = self._clock()
            if last is not None:
                wait = min(interval, last + interval - now)  # at most one interval (a clock reset)
                if wait > 0:
                    self._sleep(wait)
                    now = self._clock()
            os.ftruncate(fd, 0)
            os.pwrite(fd, repr(now).encode(), 0)
        finally:
            os.close(fd)  # releases the lock


def _read_time(fd: int) -> float | None:
    try:
        return float(os.pread(fd, 64, 0).decode("ascii"))
    except (OSError, UnicodeDecodeError, ValueError):
        return None  # a new (empty) or damaged file: no request to wait for


class Deadline:
    """When the request under way must be done (per thread); ``cap`` bounds one socket operation."""

    def __init__(self) -> None:
        self._local = threading.local()

    @contextmanager
    def running(self, seconds: float) -> Iterator[None]:
        self._local.at = time.monotonic() + seconds
        try:
            yield
        finally:
            self._local.at = None

    def cap(self, timeout: float | None, error: type[Exception]) -> float | None:
        at: float | None = getattr(self._local, "at", None)
        if at is None:
            return timeout
        left = at - time.monotonic()
        if left <= 0:
            raise error("the request's overall deadline passed")
        return left if timeout is None else min(timeout, left)


class _Stream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream, deadline: Deadline) -> None:
        self._inner = inner
        self._deadline = deadline

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, self._deadline.cap(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, self._deadline.cap(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        cap = self._deadline.cap(timeout, httpcore.ConnectTimeout)
        return _Stream(self._inner.start_tls(ssl_context, server_hostname, cap), self._deadline)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _Backend(httpcore.NetworkBackend):
    def __init__(self, inner: httpcore.NetworkBackend, deadline: Deadline) -> None:
        self._inner = inner
        self._deadline = deadline

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        cap = self._deadline.cap(timeout, httpcore.ConnectTimeout)
        return _Stream(
            self._inner.connect_tcp(host, port, cap, local_address, socket_options), self._deadline
        )

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.NetworkStream:
        cap = self._deadline.cap(timeout, httpcore.ConnectTimeout)
        return _Stream(self._inner.connect_unix_socket(path, cap, socket_options), self._deadline)

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


def deadline_client(timeout_s: float, deadline: Deadline) -> httpx.Client:
    """An httpx client whose socket operations respect ``deadline`` (set it with ``deadline.running``).

    httpx has no hook for a network backend: the transport's connection pool gets one by attribute. Should
    a later httpx rename it, the client still works with per-operation timeouts only (the E-utilities test
    with a dripping server would then fail)."""
    transport = httpx.HTTPTransport()
    pool = getattr(transport, "_pool", None)
    inner = getattr(pool, "_network_backend", None)
    if isinstance(inner, httpcore.NetworkBackend):
        pool._network_backend = _Backend(inner, deadline)  # type: ignore[union-attr]
    return httpx.Client(transport=transport, timeout=timeout_s, follow_redirects=True)
