"""The web app and REST API (FastAPI + Jinja2): ``medcite serve``.

It sits beside the CLI and reaches the services through :func:`medcite.bootstrap.open_engine`, never the
adapters. Build it with :func:`medcite.web.app.create_app` (imported lazily: the CLI loads FastAPI only
for ``medcite serve``).
"""
