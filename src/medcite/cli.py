"""The ``medcite`` command (Typer + Rich). Thin: every action goes through the services."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, TextIO, TypeVar

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from rich.text import Text

from medcite.bootstrap import open_engine
from medcite.cli_audit import register as register_audit_command
from medcite.config import Settings, load_settings
from medcite.domain import Article, Design, SearchFilters, SearchHit
from medcite.errors import InputError, MedciteError
from medcite.present.sanitize import json_text, printable, safe_json
from medcite.retrieve import Mode
from medcite.services.engine import Engine, parse_designs
from medcite.services.ingest import COUNTS as INGEST_COUNTS
from medcite.services.ingest import IngestReport
from medcite.web.commands import register as register_web_commands

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="medcite: cited, machine-verified answers from the biomedical literature, offline.",
)
register_web_commands(app)  # serve, worker, db upgrade, users add
register_audit_command(app)  # audit
out = Console()
err = Console(stderr=True)
T = TypeVar("T")


def _settings() -> Settings:
    try:
        return load_settings()
    except Exception as exc:  # pydantic validation of MEDCITE_* variables
        raise MedciteError(f"bad MEDCITE_* setting: {exc}") from exc


def _plain(text: object, style: str = "") -> Text:
    """Stored or typed text for Rich: never parsed as markup, no control characters or escape sequences."""
    return Text(printable(str(text)), style=style)


def _write(text: str) -> None:
    """Write a rendered document (Markdown, HTML, RIS, BibTeX) to stdout, without control characters."""
    sys.stdout.write(printable(text) + "\n")


def _write_json(data: object) -> None:
    sys.stdout.write(json_text(data) + "\n")


def _run(fn: Callable[[], T]) -> T:
    """Run a command body: a MedciteError becomes a clear message and exit code 2, no traceback."""
    try:
        return fn()
    except MedciteError as exc:
        err.print(Text.assemble(("error:", "bold red"), " ", _plain(exc)), highlight=False)
        raise typer.Exit(2) from None
    except KeyboardInterrupt:
        err.print("[yellow]interrupted[/]: what was stored so far is kept; run the same command to resume")
        raise typer.Exit(130) from None


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            sys.stdout.write(f"medcite {version('medcite')}\n")
        except PackageNotFoundError:
            sys.stdout.write("medcite (not installed: no version)\n")
        raise typer.Exit()


@app.callback()
def _options(
    show_version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="show medcite's version and exit"),
    ] = False,
) -> None:
    pass


def _check_format(fmt: str, choices: tuple[str, ...]) -> None:
    if fmt not in choices:
        raise InputError(f"--format must be one of {', '.join(choices)} (got {fmt!r})")


@contextmanager
def _bar(
    label: str, total: int | None, enabled: bool, unit: str = "records"
) -> Iterator[Callable[[int], None]]:
    """A progress bar; without a known total, a spinner and a count ("1,234 records"), never "0/?"."""
    if not enabled:
        yield lambda n: None
        return
    columns: tuple[ProgressColumn, ...] = (
        (BarColumn(), MofNCompleteColumn())
        if total is not None
        else (SpinnerColumn(), TextColumn(f"{{task.completed:,.0f}} {unit}"))
    )
    with Progress(
        TextColumn("[bold]{task.description}"),
        *columns,
        TimeElapsedColumn(),
        console=err,
        transient=False,
    ) as progress:
        task = progress.add_task(label, total=total)
        yield lambda n: progress.advance(task, n)


def _report(report: IngestReport) -> None:
    """The summary: read = stored + updated + unchanged + duplicates + skipped; seconds include indexing."""
    t = Table(title="ingest summary", show_header=False)  # one row per count: fits any terminal
    t.add_column("what")
    t.add_column("count", justify="right")
    for name in INGEST_COUNTS:
        t.add_row(name, str(getattr(report, name)))
    t.add_row("seconds", f"{report.seconds:.1f}")
    err.print(t)
    for p in report.problems[:20]:  # file names, PMIDs and reasons come from the input: never markup
        where = _plain(f"{p.file} record {p.record} (PMID {p.pmid or '?'}): {p.reason}")
        err.print(Text.assemble(("skipped", "yellow"), " ", where), highlight=False)
    if len(report.problems) > 20:
        err.print(f"... and {len(report.problems) - 20} more skipped records")
    for e in report.file_errors:
        err.print(Text.assemble(("error:", "bold red"), " ", _plain(e)), highlight=False)


@app.command()
def ingest(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="MEDLINE XML(.gz), MEDLINE text, JSONL files")
    ] = None,
    pubmed: Annotated[str | None, typer.Option("--pubmed", help="fetch a PubMed query (online)")] = None,
    max_n: Annotated[int, typer.Option("--max", help="most records to fetch from PubMed")] = 100,
    no_index: Annotated[bool, typer.Option("--no-index", help="store only; index later")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q")] = False,
) -> None:
    """Store sources from files or PubMed, then bring the search indexes up to date."""

    def body() -> None:
        if not paths and not pubmed:
            raise InputError('give one or more files to ingest, or --pubmed "QUERY"')
        with open_engine(_settings()) as engine:
            with _bar("storing", None, not quiet) as tick:
                if pubmed:
                    report = engine.ingest_pubmed(pubmed, max_n, progress=tick, index=False)
                else:
                    report = engine.ingest(paths or [], progress=tick, index=False)
            if not no_index:
                started = time.perf_counter()
                _sync(engine, quiet, INDEX_WAIT_S)
                report.seconds += time.perf_counter() - started  # the summary's time includes indexing
        _report(report)
        if not report.ok:
            raise typer.Exit(1)

    _run(body)


INDEX_WAIT_S = 600.0


def _waiting() -> None:
    err.print("[yellow]waiting[/] for another medcite process to finish updating the search index ...")


def _sync(engine: Engine, quiet: bool, wait_s: float) -> None:
    """Bring the indexes up to the store, as the only writer (waits for another process's sync)."""
    if engine.index_lag():
        with _bar("indexing (BM25 + embeddings)", None, not quiet, "sources") as tick:
            engine.sync_indexes(progress=tick, wait_s=wait_s, on_wait=_waiting)


def _note_lag(engine: Engine) -> None:
    """Searches answer from what is indexed: say so when the store has changes the indexes lack."""
    lag = engine.index_lag()
    if lag:
        err.print(
            f"[yellow]note:[/] the search index is {lag} store change(s) behind; these results leave "
            "them out (`medcite index` adds them, or wait for the ingest in progress)",
            highlight=False,
        )


@app.command()
def index(
    wait: Annotated[
        float, typer.Option("--wait", help="seconds to wait for another process's indexing")
    ] = INDEX_WAIT_S,
    quiet: Annotated[bool, typer.Option("--quiet", "-q")] = False,
) -> None:
    """Bring the search indexes up to date with the store (what `ingest` does after storing)."""

    def body() -> None:
        if wait < 0:
            raise InputError(f"--wait must be 0 or more seconds (got {wait:g})")
        with open_engine(_settings()) as engine:
            _sync(engine, quiet, wait)
            lag = engine.index_lag()
        if not quiet:
            err.print(f"search index {lag} store change(s) behind" if lag else "search index up to date")

    _run(body)


def _hit_json(h: SearchHit) -> dict[str, Any]:
    r = h.source.record
    return {
        "pmid": r.pmid,
        "key": r.key,
        "title": r.title,
        "year": r.year,
        "design": h.source.evidence.design.value,
        "score": round(h.score, 6),
        "passages": [
            {"text": p.text, "section": p.section, "start": p.start, "end": p.end, "score": round(p.score, 6)}
            for p in h.passages
        ],
    }


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="keywords or a question")],
    k: Annotated[int, typer.Option("--k", help="number of sources")] = 10,
    since: Annotated[int | None, typer.Option("--since", help="first publication year")] = None,
    until: Annotated[int | None, typer.Option("--until", help="last publication year")] = None,
    design: Annotated[str | None, typer.Option("--design", help="e.g. rct,meta-analysis")] = None,
    human: Annotated[bool, typer.Option("--human-only", help="drop animal / in-vitro studies")] = False,
    mode: Annotated[str, typer.Option("--mode", help="hybrid | lexical | dense")] = "hybrid",
    fmt: Annotated[str, typer.Option("--format", help="table | json")] = "table",
) -> None:
    """Search the store: hybrid BM25 + dense retrieval with filters."""

    def body() -> None:
        designs = parse_designs(design)
        valid = {d.value for d in Design}
        if designs and not designs <= valid:
            raise InputError(f"unknown design(s) {sorted(designs - valid)}; choose from {sorted(valid)}")
        if mode not in ("hybrid", "lexical", "dense"):
            raise InputError(f"--mode must be hybrid, lexical or dense (got {mode!r})")
        _check_format(fmt, ("table", "json"))
        filters = SearchFilters(
            since=since,
            until=until,
            designs=frozenset(Design(d) for d in designs) if designs else None,
            human_only=human,
        )
        m = Mode(lexical=mode != "dense", dense=mode != "lexical")
        with open_engine(_settings(), dense=m.dense) as engine:
            hits = engine.search(query, k, filters, m)
            _note_lag(engine)
        if fmt == "json":
            _write_json({"results": [_hit_json(h) for h in hits]})
            return
        if not hits:
            out.print("no results")
            return
        t = Table(show_lines=True)
        for c in ("#", "PMID", "year", "design", "title / best passage", "score"):
            t.add_column(c)
        for i, h in enumerate(hits, 1):
            r = h.source.record
            best = h.passages[0].text if h.passages else ""
            t.add_row(
                str(i),
                _plain(r.pmid or r.key),
                str(r.year or ""),
                h.source.evidence.design.value,
                Text.assemble(_plain(r.title, "bold"), "\n", _plain(best)),
                f"{h.score:.4f}",
            )
        out.print(t)

    _run(body)


@app.command()
def stats(fmt: Annotated[str, typer.Option("--format", help="table | json")] = "table") -> None:
    """Counts by source, design and year, and the index sizes."""

    def body() -> None:
        _check_format(fmt, ("table", "json"))
        with open_engine(_settings()) as engine:
            s = engine.stats()
        data = {
            "sources": s.store.sources,
            "passages": s.store.passages,
            "retracted": s.store.retracted,
            "by_origin": s.store.by_origin,
            "by_design": s.store.by_design,
            "by_year": {
                str(k): v
                for k, v in sorted(s.store.by_year.items(), key=lambda kv: (kv[0] is None, kv[0] or 0))
            },
            "lexical_docs": s.lexical_docs,
            "dense_vectors": s.dense_vectors,
            "dense_index_mb": round(s.dense_bytes / 1e6, 1),
            "index_lag": s.index_lag,
        }
        if fmt == "json":
            _write_json(data)
            return
        t = Table(title="medcite store")
        t.add_column("what")
        t.add_column("count", justify="right")
        for key in [k for k in data if not k.startswith("by_")]:  # the counts, in the order above
            t.add_row(key, str(data[key]))
        out.print(t)
        for title, mapping in (
            ("by source", data["by_origin"]),
            ("by design", data["by_design"]),
            ("by year", data["by_year"]),
        ):
            tt = Table(title=title)
            tt.add_column(title.split()[1])
            tt.add_column("count", justify="right")
            assert isinstance(mapping, dict)
            for key, v in mapping.items():
                tt.add_row(_plain(key), str(v))
            out.print(tt)

    _run(body)


ARTICLE_FORMATS = ("terminal", "md", "html", "json")


def _print_article(article: Article, fmt: str, article_id: str, thread_id: str | None) -> None:
    from medcite.present.html import to_html
    from medcite.present.json_contract import to_json
    from medcite.present.markdown import to_markdown
    from medcite.present.terminal import to_rich

    if fmt == "json":
        body = to_json(article)
        body.update(article_id=article_id, thread_id=thread_id)
        _write_json(body)
    elif fmt == "md":
        _write(to_markdown(article))
    elif fmt == "html":
        _write(to_html(article))
    else:
        out.print(to_rich(article))
        err.print(_plain(f"article {article_id} · thread {thread_id} (follow up with --thread {thread_id})"))


@app.command()
def ask(
    question: Annotated[str, typer.Argument(help="a clinical question")],
    audience: Annotated[str, typer.Option("--audience", help="clinician | patient")] = "clinician",
    fmt: Annotated[str, typer.Option("--format", help="terminal | md | html | json")] = "terminal",
    thread: Annotated[str | None, typer.Option("--thread", help="continue a thread (follow-up)")] = None,
    since: Annotated[int | None, typer.Option("--since", help="first publication year")] = None,
    use_llm: Annotated[
        bool, typer.Option("--llm", help="compose with the LLM at MEDCITE_LLM_BASE_URL")
    ] = False,
) -> None:
    """Answer a question with a structured article whose every statement is verified against its citation."""

    def body() -> None:
        _check_format(fmt, ARTICLE_FORMATS)
        settings = _settings()
        llm = None
        if use_llm:
            from medcite.bootstrap import llm_client

            llm = llm_client(settings)
        with open_engine(settings) as engine:
            res = engine.ask(
                question,
                audience=audience,
                thread_id=thread,
                llm=llm,
                filters=SearchFilters(since=since) if since else None,
            )
            _note_lag(engine)
        _print_article(res.article, fmt, res.article_id, res.thread_id)

    _run(body)


@app.command()
def article(
    article_id: Annotated[str, typer.Argument(help="an article id printed by `medcite ask`")],
    fmt: Annotated[
        str, typer.Option("--format", help="terminal | md | html | json | ris | bibtex | csl-json")
    ] = "md",
) -> None:
    """Show a stored article, or export its references (RIS, BibTeX, CSL-JSON)."""

    def body() -> None:
        from medcite.present.citations import to_bibtex, to_csl_json, to_ris

        exports = {"ris": to_ris, "bibtex": to_bibtex, "csl-json": to_csl_json}
        if fmt not in (*ARTICLE_FORMATS, *exports):
            raise InputError(f"unknown --format {fmt!r}")
        with open_engine(_settings(), dense=False) as engine:
            a = engine.article(article_id).article
        if fmt == "csl-json":
            sys.stdout.write(safe_json(to_csl_json(a.references)) + "\n")
        elif fmt in exports:
            _write(exports[fmt](a.references))
        else:
            _print_article(a, fmt, article_id, None)

    _run(body)


@app.command()
def verify(
    claim: Annotated[str | None, typer.Argument(help="the statement to check")] = None,
    pmid: Annotated[str | None, typer.Option("--pmid", help="check against this stored source")] = None,
    text: Annotated[list[str] | None, typer.Option("--text", help="evidence text (repeatable)")] = None,
    batch: Annotated[
        Path | None, typer.Option("--batch", help='JSONL of {"claim", "evidence"}; - = stdin')
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="terminal | json")] = "terminal",
) -> None:
    """Check a claim against evidence: supported, partial, unsupported or contradicted, with reasons."""

    def body() -> None:
        from medcite.services.verify_batch import run_batch, verdict_dict

        _check_format(fmt, ("terminal", "json"))
        settings = _settings()
        if batch is not None:
            if claim or pmid or text:
                raise InputError(
                    "--batch reads claims from the file; give no CLAIM, --pmid or --text with it"
                )
            from medcite.bootstrap import load_verifier

            verifier = load_verifier(settings)
            stream = sys.stdin if str(batch) == "-" else _open_text(batch)
            for result in run_batch(stream, verifier):
                _write_json(result)
            return
        if not claim:
            raise InputError("give a CLAIM and --pmid N or --text EVIDENCE (or --batch FILE)")
        if (pmid is None) == (not text):
            raise InputError("give exactly one of --pmid N or --text EVIDENCE")
        with open_engine(settings, dense=False) as engine:
            v = engine.verify(claim, text, pmid=pmid)
        d = verdict_dict(v)
        if fmt == "json":
            _write_json(d)
            return
        colour = {"supported": "green", "partial": "yellow", "unsupported": "magenta", "contradicted": "red"}
        out.print(f"[bold {colour[d['label']]}]{d['label']}[/] (p = {d['probability']:.2f})")
        if d["evidence_sentence"]:
            out.print(_plain(f"deciding evidence: {d['evidence_sentence']}"), highlight=False)
        for r in d["reasons"]:
            out.print(_plain(f" - {r}"), highlight=False)

    _run(body)


def _open_text(path: Path) -> TextIO:
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    return path.open(encoding="utf-8", errors="replace")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
