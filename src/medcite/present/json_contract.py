"""The article's JSON contract, generated from the dataclasses of ``medcite.domain.article``.

Stable fields (schema_version 1): ``question``, ``bottom_line``, ``stance`` (yes|no|uncertain|null),
``certainty`` (high|moderate|low|very low|null), ``sections: [{key, title, statements: [{text,
citations: [n], verdict}]}]`` (``verdict`` is a verifier label, or null for a gap note that makes no
claim about the evidence), ``references: [{n, pmid, doi, title, journal, year, design}]``, ``status``,
``created_at``. Other fields are additive. :func:`json_schema` gives the JSON Schema.

The dataclasses are the only article types: pydantic reads and writes them here, at the edge. A few
fields are derived on the way out and ignored on the way in: ``schema_version``, ``created_at``
(= ``provenance.created_at``), and per reference ``ama`` (AMA text) and ``urls`` (PubMed, DOI).
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from functools import cache
from typing import Any

from pydantic import TypeAdapter, ValidationError

from medcite.domain.article import Article, Reference
from medcite.errors import InputError
from medcite.present.citations import ama, links

SCHEMA_VERSION = 1

# The README's stable contract: required in the schema even where the dataclass has a default.
CONTRACT: dict[str, tuple[str, ...]] = {
    "Article": (
        "schema_version",
        "question",
        "bottom_line",
        "stance",
        "certainty",
        "sections",
        "references",
        "status",
        "created_at",
    ),
    "Section": ("title", "statements"),
    "Statement": ("text", "citations", "verdict"),
    "Reference": ("n", "pmid", "doi", "title", "journal", "year", "design"),
}
# Floors that plain dataclass types cannot carry: (class, field) -> minimum, checked on reading.
MINIMUMS: dict[tuple[str, str], int] = {("Reference", "n"): 1, ("Pin", "ref"): 0, ("NumberPin", "ref"): 0}
# Fields computed on the way out (see _article_extras, _reference_extras), with their schemas.
DERIVED: dict[str, dict[str, dict[str, Any]]] = {
    "Article": {
        "schema_version": {"const": SCHEMA_VERSION, "type": "integer", "title": "Schema Version"},
        "created_at": {"type": "string", "title": "Created At", "description": "= provenance.created_at"},
    },
    "Reference": {
        "ama": {"type": "string", "title": "Ama", "description": "AMA-style citation text"},
        "urls": {
            "type": "array",
            "items": {"type": "string"},
            "title": "Urls",
            "description": "PubMed and DOI links",
        },
    },
}
MAX_ERRORS = 5


@cache
def _adapter() -> TypeAdapter[Article]:
    return TypeAdapter(Article)


def _article_extras(a: Article) -> tuple[dict[str, Any], dict[str, Any]]:
    """The derived fields that go before and after the dataclass fields."""
    return {"schema_version": SCHEMA_VERSION}, {"created_at": a.created_at}


def _reference_extras(r: Reference) -> dict[str, Any]:
    return {"ama": ama(r), "urls": links(r)}


def to_json(a: Article) -> dict[str, Any]:
    """The article as a JSON-ready dict (the contract above)."""
    body: dict[str, Any] = _adapter().dump_python(a, mode="json")
    for ref, out in zip(a.references, body["references"], strict=True):
        out.update(_reference_extras(ref))
    head, tail = _article_extras(a)
    return {**head, **body, **tail}


def from_json(data: object) -> Article:
    """Read an article back from its JSON body; a bad body raises :class:`InputError` naming the problem."""
    try:
        article = _adapter().validate_python(data)
    except ValidationError as exc:
        raise InputError(_explain([_problem(e) for e in exc.errors(include_url=False)])) from None
    problems: list[str] = []
    _check_minimums(article, "", problems)
    if problems:
        raise InputError(_explain(problems))
    return article


def validate(data: object) -> None:
    """Raise :class:`InputError` unless ``data`` is a valid article body."""
    from_json(data)


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the body that :func:`to_json` writes."""
    schema = _adapter().json_schema(mode="serialization")

    def obj(name: str) -> dict[str, Any]:
        found: dict[str, Any] = schema if name == "Article" else schema["$defs"][name]
        return found

    for name, extra in DERIVED.items():
        obj(name)["properties"].update(extra)
    for (name, field), floor in MINIMUMS.items():
        obj(name)["properties"][field]["minimum"] = floor
    for name, keys in CONTRACT.items():
        required: list[str] = obj(name).setdefault("required", [])
        required += [k for k in keys if k not in required]
    return schema


def _problem(err: Any) -> str:
    where = _where(err["loc"]) or "article"
    text = f"{where}: {err['msg']}"
    value = err.get("input")
    if err["type"] != "missing" and isinstance(value, str | int | float | bool | None):
        shown = repr(value)
        text += f" (got {shown[:60] + '…' if len(shown) > 60 else shown})"
    return text


def _where(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _explain(problems: list[str]) -> str:
    shown = "; ".join(problems[:MAX_ERRORS])
    more = f" (and {len(problems) - MAX_ERRORS} more)" if len(problems) > MAX_ERRORS else ""
    return f"invalid article JSON: {shown}{more}"


def _check_minimums(obj: object, path: str, problems: list[str]) -> None:
    """Walk the article and report every field below its floor in :data:`MINIMUMS`."""
    if isinstance(obj, tuple):
        for i, item in enumerate(obj):
            _check_minimums(item, f"{path}[{i}]", problems)
        return
    if not is_dataclass(obj) or isinstance(obj, type):
        return
    for f in fields(obj):
        value = getattr(obj, f.name)
        where = f"{path}.{f.name}" if path else f.name
        floor = MINIMUMS.get((type(obj).__name__, f.name))
        if floor is not None and value < floor:
            problems.append(f"{where}: Input should be greater than or equal to {floor} (got {value})")
        _check_minimums(value, where, problems)
