"""The batch contract behind ``medcite verify``: JSON lines in, one result dict per line out, in order."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from medcite.domain import Evidence, Verdict
from medcite.errors import InputError
from medcite.ports import Verifier
from medcite.verify.verifier import validate

CHUNK = 64  # lines verified per model batch


def parse_line(line: str) -> tuple[str, list[Evidence]]:
    """``{"claim": str, "evidence": str | [str]}`` -> (claim, evidence). Raises InputError with the reason."""
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(obj, dict):
        raise InputError('expected a JSON object like {"claim": "...", "evidence": "..."}')
    claim = obj.get("claim")
    if not isinstance(claim, str):
        raise InputError('"claim" must be a string')
    ev = obj.get("evidence")
    if isinstance(ev, str):
        evidence = [Evidence(text=ev)]
    elif isinstance(ev, list) and all(isinstance(x, str) for x in ev):
        evidence = [Evidence(text=x, source_key=f"#{i + 1}") for i, x in enumerate(ev)]
    else:
        raise InputError('"evidence" must be a string or a list of strings')
    validate(claim, evidence)
    return claim, evidence


def verdict_dict(v: Verdict) -> dict[str, Any]:
    return {
        "label": v.label.value,
        "probability": v.probability,
        "reasons": list(v.reasons),
        "evidence_sentence": v.evidence[0].text if v.evidence else None,
        "evidence": [
            {"text": s.text, "source_key": s.source_key, "start": s.start, "end": s.end, "score": s.score}
            for s in v.evidence
        ],
        "checks": [{"name": c.name, "passed": c.passed, "detail": c.detail} for c in v.checks],
    }


def run_batch(lines: Iterable[str], verifier: Verifier) -> Iterator[dict[str, Any]]:
    """Verify JSON lines lazily, CHUNK at a time. Blank lines are skipped; a bad line yields
    ``{"error": "line N: reason", "line": N}`` and the rest are still processed."""
    pending: list[tuple[int, tuple[str, list[Evidence]] | str]] = []

    def flush() -> Iterator[dict[str, Any]]:
        good = [(n, item) for n, item in pending if not isinstance(item, str)]
        verdicts = verifier.verify_batch([item for _, item in good]) if good else []
        by_line = {n: v for (n, _), v in zip(good, verdicts, strict=True)}
        for n, item in pending:
            if isinstance(item, str):
                yield {"error": f"line {n}: {item}", "line": n}
            else:
                yield {"line": n, **verdict_dict(by_line[n])}
        pending.clear()

    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            pending.append((n, parse_line(line)))
        except InputError as exc:
            pending.append((n, str(exc)))
        if len(pending) >= CHUNK:
            yield from flush()
    yield from flush()
