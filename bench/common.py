"""Helpers shared by the benchmarks: machine description, percentiles, table printing, corpus list."""

from __future__ import annotations

import argparse
import ast
import importlib
import os
import platform
import resource
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np
from rich.console import Console
from rich.table import Table

from medcite.compose import compose_article, fit, kinds, layout, naming, plan
from medcite.domain import Article, Provenance, StoredSource
from medcite.ports import Searcher, SourceRepository, Verifier
from medcite.services.engine import Engine

REPO = Path(__file__).resolve().parents[1]


def data_dir() -> Path:
    return Path(os.environ.get("MEDCITE_DATA_DIR", REPO.parent / "shared" / "data")).resolve()


def all_corpora(d: Path) -> list[Path]:
    """Every shared corpus: about 47k records together."""
    return [
        d / "medline_sample" / "medline16n0902.xml.gz",
        d / "pubmedqa" / "abstracts.jsonl",
        d / "bioasq" / "snippet_corpus.jsonl",
        d / "corpora" / "abstracts_extra.jsonl.gz",
    ]


def all_sources(store: SourceRepository) -> Iterator[StoredSource]:
    """Every stored source, in store order (the change log from the beginning)."""
    for changes in store.iter_changes(0):
        yield from changes.upserted


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}"


def peak_rss_mb() -> float:
    """This process's peak resident memory. VmHWM belongs to the process image, so unlike ru_maxrss it
    does not carry over the parent's peak into a child started with fork + exec."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def pct(values: Sequence[float], q: float) -> float:
    return float(np.percentile(np.asarray(values), q)) if values else float("nan")


def print_table(title: str, columns: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    t = Table(title=title)
    for c in columns:
        t.add_column(c)
    for r in rows:
        t.add_row(*(f"{v:.3f}" if isinstance(v, float) else str(v) for v in r))
    Console(width=160).print(t)


def composer_options(ap: argparse.ArgumentParser) -> None:
    """The composer switches every answer benchmark takes: ``--model-names`` (the relevance score at which a
    source counts as naming the question's concepts, ``medcite.compose.plan.MODEL_NAMES``; negative: the
    words alone decide), ``--no-sentence-fit`` (candidate sentences ranked by word overlap only) and
    ``--no-outcome-concept`` (a question without a condition has one concept, as before
    ``medcite.compose.naming.OUTCOME_CONCEPT``), ``--no-entity-names`` (``plan.ENTITY_NAMES`` off) and
    ``--no-findings-layout`` (``layout.ENTITY_FINDINGS`` off) and ``--no-kind-check`` (``kinds.KIND_CHECK``
    off)."""
    ap.add_argument(
        "--model-names",
        type=float,
        default=plan.MODEL_NAMES if plan.MODEL_NAMES is not None else -1.0,
        help="relevance score at which a source counts as naming the question's concepts (negative: off)",
    )
    ap.add_argument(
        "--no-sentence-fit",
        action="store_true",
        help="rank candidate sentences by word overlap only (the relevance model does not score sentences)",
    )
    ap.add_argument(
        "--no-entity-names",
        action="store_true",
        help="a question that asks for a thing keeps sources that name none of its concepts",
    )
    ap.add_argument(
        "--no-findings-layout",
        action="store_true",
        help="a question that asks for a thing and names no treatment keeps the therapy sections",
    )
    ap.add_argument(
        "--no-kind-check",
        action="store_true",
        help="a question about what a thing is ('Is X a polyclonal antibody?') is not answered from what the "
        "sources call X",
    )
    ap.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="MODULE.NAME=VALUE",
        help="set a switch or threshold of a composer module (medcite.compose.MODULE), e.g. "
        "'draft.ENTITY_REL_FIT=0.5'; the value is a Python literal; repeatable",
    )
    ap.add_argument(
        "--no-outcome-concept",
        action="store_true",
        help="a question without a condition does not take its outcome as the second concept",
    )


def apply_composer_options(args: argparse.Namespace) -> None:
    """Set the composer switches of :func:`composer_options`."""
    plan.MODEL_NAMES = None if args.model_names < 0 else args.model_names
    if args.no_sentence_fit:
        fit.MAX_SCORED = 0
    naming.OUTCOME_CONCEPT = not args.no_outcome_concept
    plan.ENTITY_NAMES = not args.no_entity_names
    layout.ENTITY_FINDINGS = not args.no_findings_layout
    kinds.KIND_CHECK = not args.no_kind_check
    for item in args.set:
        set_switch(item)


def set_switch(item: str) -> None:
    """``MODULE.NAME=VALUE``: set an existing public upper-case attribute of ``medcite.compose.MODULE`` to
    the Python literal VALUE, of the attribute's type (None, or an int for a float, aside)."""
    target, eq, value = item.partition("=")
    module_name, _, name = target.strip().rpartition(".")
    if not eq or not module_name or not name.isupper() or name.startswith("_"):
        raise SystemExit(f"--set: expected MODULE.NAME=VALUE with a public upper-case NAME, got {item!r}")
    try:
        module = importlib.import_module(f"medcite.compose.{module_name}")
        new = ast.literal_eval(value.strip())
    except (ImportError, ValueError, SyntaxError) as e:
        raise SystemExit(f"--set {item!r}: {e}") from None
    if not hasattr(module, name):
        raise SystemExit(f"--set: medcite.compose.{module_name} has no switch {name!r}")
    old = getattr(module, name)
    same = type(new) is type(old) or (isinstance(old, float) and type(new) is int)
    if not (same or old is None or new is None):
        raise SystemExit(f"--set: {name} is {type(old).__name__}, not {type(new).__name__}")
    setattr(module, name, new)


def answer(
    engine: Engine, question: str, searcher: Searcher, verifier: Verifier, prov: Provenance
) -> Article:
    """The article for ``question`` as ``medcite ask`` composes it: with the engine's relevance gate
    (``MEDCITE_RELEVANCE_FLOOR``; 0 turns it off, for a side-by-side run)."""
    return compose_article(
        question,
        searcher,
        verifier,
        provenance=prov,
        relevance=engine.relevance(),
        relevance_floor=engine.settings.models.relevance_floor,
        stance_reader=engine.stance_reader,
        vocabulary=engine.indexes.lexical,
    )
