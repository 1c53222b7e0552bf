"""The web app's commands: ``medcite users add``, ``medcite db upgrade`` and ``medcite serve`` (a real
uvicorn process on 127.0.0.1 that migrates a fresh store on start and answers HTTP)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from medcite.cli import app

runner = CliRunner()


def _env(tmp_path: Path) -> dict[str, str]:
    return {
        "MEDCITE_HOME": str(tmp_path / "home"),
        "MEDCITE_DATABASE_URL": f"sqlite:///{tmp_path / 'store.sqlite3'}",
        "MEDCITE_DENSE": "false",
        "MEDCITE_PUBMED_ONLINE": "false",
        "MEDCITE_REDIS_URL": "",
    }


def test_db_upgrade_and_users_add(tmp_path: Path) -> None:
    env = _env(tmp_path)
    r = runner.invoke(app, ["db", "upgrade"], env=env)
    assert r.exit_code == 0 and "up to date" in r.output
    r = runner.invoke(
        app,
        ["users", "add", "ana", "--role", "reviewer", "--password-stdin"],
        env=env,
        input="a long enough password\n",
    )
    assert r.exit_code == 0 and "added ana (reviewer)" in r.output, r.output
    r = runner.invoke(
        app, ["users", "add", "ana", "--password-stdin"], env=env, input="a long enough password\n"
    )
    assert r.exit_code == 1 and "taken" in r.output and "Traceback" not in r.output
    r = runner.invoke(
        app,
        ["users", "add", "bo", "--role", "king", "--password-stdin"],
        env=env,
        input="a long enough password\n",
    )
    assert r.exit_code == 1 and "role must be one of" in r.output
    r = runner.invoke(app, ["users", "add", "bo", "--password-stdin"], env=env, input="short\n")
    assert r.exit_code == 1 and "at least 10 characters" in r.output


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.slow
def test_serve_starts_the_web_app_on_a_fresh_store(tmp_path: Path) -> None:
    port = _free_port()
    env = {**os.environ, **_env(tmp_path)}
    cmd = [sys.executable, "-m", "medcite.cli", "serve", "--host", "127.0.0.1", "--port", str(port)]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline, r = time.monotonic() + 60, None
        while time.monotonic() < deadline:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/", headers={"accept": "text/html"}, timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.2)
        assert r is not None and r.status_code == 200 and "Which best describes you?" in r.text
        spec = httpx.get(f"http://127.0.0.1:{port}/openapi.json", timeout=5).json()
        assert "/api/answers" in spec["paths"]
        missing = httpx.post(f"http://127.0.0.1:{port}/api/answers", json={"question": "Is aspirin useful?"})
        assert missing.status_code == 202  # queued; the empty store fails the job, not the request
    finally:
        proc.terminate()
        proc.wait(20)
