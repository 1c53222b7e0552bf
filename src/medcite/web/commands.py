"""The web app's commands, added to the ``medcite`` CLI: ``serve``, ``worker``, ``db upgrade`` and
``users add``. FastAPI and uvicorn load only for ``serve`` (``pip install -e ".[web]"``)."""

from __future__ import annotations

import getpass
from typing import Annotated

import typer

from medcite.bootstrap import open_engine
from medcite.config import Settings, load_settings
from medcite.errors import ConfigError, InputError, MedciteError
from medcite.services.accounts import AccountService

db_app = typer.Typer(no_args_is_help=True, help="The database: migrations.")
users_app = typer.Typer(no_args_is_help=True, help="User accounts of the web app.")


def _fail(exc: MedciteError) -> None:
    typer.echo(f"error: {exc}", err=True)
    raise typer.Exit(1)


def _settings() -> Settings:
    try:
        return load_settings()
    except MedciteError as exc:
        _fail(exc)
        raise


def serve(
    host: Annotated[str | None, typer.Option(help="Address to listen on (MEDCITE_HOST).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (MEDCITE_PORT).")] = None,
) -> None:
    """Run the web app and REST API (migrates the database first)."""
    try:
        import uvicorn

        from medcite.web.app import create_app
    except ImportError as exc:
        _fail(ConfigError(f"the web app needs its extras: pip install -e '.[web]' ({exc.name} is missing)"))
        return
    settings = _settings()
    try:
        app = create_app(settings)
    except MedciteError as exc:
        _fail(exc)
        return
    typer.echo(f"medcite on http://{host or settings.web.host}:{port or settings.web.port}")
    uvicorn.run(app, host=host or settings.web.host, port=port or settings.web.port, log_level="info")


def worker() -> None:
    """Run an RQ worker for answer jobs (with MEDCITE_REDIS_URL set; the web app then queues there)."""
    settings = _settings()
    if not settings.web.redis_url:
        _fail(ConfigError("set MEDCITE_REDIS_URL: without it the web app runs jobs itself"))
    from redis import Redis
    from rq import Queue, Worker

    redis = Redis.from_url(str(settings.web.redis_url))
    Worker([Queue(settings.web.redis_queue, connection=redis)], connection=redis).work()


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Bring the database schema to the newest revision (the web app also does this on start)."""
    settings = _settings()
    try:
        open_engine(settings).close()
    except MedciteError as exc:
        _fail(exc)
    typer.echo("database schema is up to date")


@users_app.command("add")
def users_add(
    username: str,
    role: Annotated[str, typer.Option(help="reader | clinician | reviewer | editor | admin")] = "reader",
    name: Annotated[str, typer.Option(help="Display name.")] = "",
    password_stdin: Annotated[bool, typer.Option(help="Read the password from standard input.")] = False,
) -> None:
    """Create an account (the password is asked for, or read from stdin with --password-stdin)."""
    if password_stdin:
        password = typer.get_text_stream("stdin").readline().rstrip("\n")
    else:
        password = getpass.getpass("Password: ")
        if getpass.getpass("Again: ") != password:
            _fail(InputError("the passwords differ"))
    try:
        with open_engine(_settings()) as engine:
            user = AccountService(engine.users).add_user(username, password, role, name)
    except MedciteError as exc:
        _fail(exc)
        return
    typer.echo(f"added {user.username} ({user.role.value})")


def register(app: typer.Typer) -> None:
    app.command()(serve)
    app.command()(worker)
    app.add_typer(db_app, name="db")
    app.add_typer(users_app, name="users")
