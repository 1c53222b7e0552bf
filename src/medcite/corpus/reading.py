"""Byte-level reading shared by the corpus parsers: gzip detection, chunked reads, whole-file checks.

Every whole-file problem (missing, empty, binary, truncated gzip) becomes an :class:`IngestError` whose
message names the file. A truncated gzip stream is only noticed when the reader reaches the damaged part,
so parsers yield the records read before it and then raise: the caller must treat the error as a failure
of the rest of the file (the records already yielded are complete and valid).
"""

from __future__ import annotations

import gzip
import io
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, cast

from medcite.errors import IngestError

GZIP_MAGIC = b"\x1f\x8b"
CHUNK_SIZE = 1 << 16  # small, so a truncated gzip loses at most this much before the error
_UTF8_BOM = b"\xef\xbb\xbf"
# Control bytes that never occur in the text formats medcite reads (tab, LF, CR are fine).
_BINARY_BYTES = frozenset(range(0, 9)) | frozenset({11, 12}) | frozenset(range(14, 32))


def open_stream(path: Path) -> BinaryIO:
    """Open ``path`` for reading, transparently decompressing gzip (detected by magic bytes)."""
    if not path.exists():
        raise IngestError(f"{path}: no such file")
    if path.is_dir():
        raise IngestError(f"{path}: is a directory, not a file")
    try:
        raw = path.open("rb")
    except OSError as err:
        raise IngestError(f"{path}: cannot be opened ({err.strerror or err})") from err
    magic = raw.read(2)
    raw.seek(0)
    if magic == GZIP_MAGIC:
        raw.close()  # GzipFile(fileobj=...) would not close it: let gzip own the file
        return cast(BinaryIO, gzip.open(path, "rb"))
    return raw


def read_chunks(stream: BinaryIO, name: str, size: int = CHUNK_SIZE) -> Iterator[bytes]:
    """Yield chunks of ``stream``; a damaged or truncated gzip stream raises :class:`IngestError`."""
    try:
        while True:
            try:
                chunk = stream.read(size)
            except EOFError as err:
                raise IngestError(
                    f"{name}: truncated gzip file (the stream ends early); "
                    "records after this point are missing"
                ) from err
            except (zlib.error, gzip.BadGzipFile, OSError) as err:
                raise IngestError(f"{name}: damaged gzip data ({err})") from err
            if not chunk:
                return
            yield chunk
    finally:
        stream.close()


def strip_bom(data: bytes) -> bytes:
    return data[len(_UTF8_BOM) :] if data.startswith(_UTF8_BOM) else data


def check_text_head(head: bytes, name: str) -> bytes:
    """Reject an empty or binary file from its first bytes; return the head without BOM and leading space."""
    text = strip_bom(head).lstrip()
    if not text:
        raise IngestError(f"{name}: empty file")
    sample = head[:4096]
    if any(b in _BINARY_BYTES for b in sample):
        raise IngestError(f"{name}: binary (non-text) file; expected PubMed XML, MEDLINE text or JSON Lines")
    return text


def describe_head(text: bytes) -> str:
    """A short guess of what a file is, for wrong-format messages."""
    if text.startswith((b"{", b"[")):
        return "looks like JSON"
    if text.startswith(b"PMID-"):
        return "looks like MEDLINE text"
    if text.startswith(b"<"):
        return "looks like XML"
    return "unrecognised content"


def iter_lines(path: Path) -> Iterator[tuple[int, str]]:
    """Yield ``(line_number, line)`` of a text file (gzip or plain), decoded as UTF-8 with replacement."""
    stream = open_stream(path)
    buffered = io.BufferedReader(_ChunkReader(read_chunks(stream, path.name)))
    wrapper = io.TextIOWrapper(buffered, encoding="utf-8-sig", errors="replace", newline=None)
    yield from enumerate(wrapper, start=1)


class _ChunkReader(io.RawIOBase):
    """A raw stream over an iterator of byte chunks (so gzip errors surface as IngestError)."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks
        self._pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        while not self._pending:
            try:
                self._pending = next(self._chunks)
            except StopIteration:
                return 0
        n = min(len(buffer), len(self._pending))
        buffer[:n] = self._pending[:n]
        self._pending = self._pending[n:]
        return n


def peek_head(path: Path, size: int = 65536) -> bytes:
    """Up to ``size`` bytes of ``path`` after gzip decompression, from its first non-blank byte: a UTF-8 BOM
    and leading blank space are skipped however long they are (a file with 70,000 blank lines before its
    first record is not empty); ``b""`` for a blank file."""
    stream = open_stream(path)
    try:
        head = b""
        first = True
        while len(head) < size:
            chunk = stream.read(size)
            if not chunk:
                break
            if first:
                chunk, first = strip_bom(chunk), False
            head += chunk if head else chunk.lstrip()
        return head[:size]
    except (EOFError, zlib.error, OSError):
        # A gzip file truncated inside its first block: report whatever decompressed cleanly.
        stream.close()
        return _salvage_head(path, size)
    finally:
        stream.close()


def _salvage_head(path: Path, size: int) -> bytes:
    decomp = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        return decomp.decompress(path.read_bytes()[: size * 4], size)
    except zlib.error as err:
        raise IngestError(f"{path.name}: damaged gzip data ({err})") from err
