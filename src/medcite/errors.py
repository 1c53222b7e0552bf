"""The medcite exception tree.

Every error that medcite raises on purpose derives from :class:`MedciteError`, so callers
(the CLI, the API) can catch one type and show its message without a traceback.

::

    MedciteError
    ├── ConfigError            bad or missing setting
    ├── InputError             bad user input (query, claim, file name, option)
    │   └── IngestError        a whole input file cannot be read (empty, binary, wrong format,
    │       │                  truncated gzip); nothing already stored is touched
    │       └── HostileXMLError  XML with DTD entities, external entities or entity bombs
    ├── StoreError             the database cannot be opened, migrated or written
    ├── SearchIndexError       a search index (tantivy, usearch) or its folder cannot be opened, locked
    │   │                      or written (read-only folder, full disk); the store is not touched
    │   └── IndexBusyError     another process kept the index's write lock longer than we would wait
    ├── ModelError             a shipped model cannot be found or loaded
    ├── NetworkError           PubMed / an LLM endpoint cannot be reached or keeps failing
    ├── NotFoundError          an article, thread or source id that does not exist
    ├── ConflictError          a save based on a version that is no longer the newest, or a workflow
    │                          move the article's status does not allow (the caller's text is kept)
    ├── ForbiddenError         a workflow move the user's role does not allow (or their own edit)
    └── EmptyEvidenceError     the store has nothing to answer from

A malformed record inside a good file is not an exception: parsers yield a ``ParseProblem`` and go on.
"""

from __future__ import annotations


class MedciteError(Exception):
    """Base of every error medcite raises on purpose. ``str(err)`` is a user-facing message."""


class ConfigError(MedciteError):
    pass


class InputError(MedciteError):
    pass


class IngestError(InputError):
    pass


class HostileXMLError(IngestError):
    pass


class StoreError(MedciteError):
    pass


class SearchIndexError(MedciteError):
    pass


class IndexBusyError(SearchIndexError):
    pass


class ModelError(MedciteError):
    pass


class NetworkError(MedciteError):
    pass


class NotFoundError(MedciteError):
    pass


class EmptyEvidenceError(MedciteError):
    pass


class ConflictError(MedciteError):
    """``yours`` is what the caller tried to save (kept for them to merge); ``current_version`` and
    ``theirs`` describe what is stored now."""

    def __init__(
        self, message: str, *, yours: str = "", theirs: str = "", current_version: int | None = None
    ) -> None:
        super().__init__(message)
        self.yours, self.theirs, self.current_version = yours, theirs, current_version


class ForbiddenError(MedciteError):
    pass
