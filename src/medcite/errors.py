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
    ├── RecordError            one malformed record inside an otherwise good file (reported, skipped)
    ├── StoreError             the database cannot be opened, migrated or written
    ├── IndexError_            a search index is missing, corrupt or out of step with the store
    ├── ModelError             a shipped model cannot be found or loaded
    ├── NetworkError           PubMed / an LLM endpoint cannot be reached or keeps failing
    ├── NotFoundError          an article, thread or source id that does not exist
    └── EmptyEvidenceError     the store has nothing to answer from
"""

from __future__ import annotations


class MedciteError(Exception):
    """Base of every error medcite raises on purpose. ``str(err)`` is a user-facing message."""

    code = "medcite_error"


class ConfigError(MedciteError):
    code = "config_error"


class InputError(MedciteError):
    code = "invalid_input"


class IngestError(InputError):
    code = "ingest_error"


class HostileXMLError(IngestError):
    code = "hostile_xml"


class RecordError(MedciteError):
    code = "bad_record"


class StoreError(MedciteError):
    code = "store_error"


class IndexError_(MedciteError):
    code = "index_error"


class ModelError(MedciteError):
    code = "model_error"


class NetworkError(MedciteError):
    code = "network_error"


class NotFoundError(MedciteError):
    code = "not_found"


class EmptyEvidenceError(MedciteError):
    code = "empty_evidence"
