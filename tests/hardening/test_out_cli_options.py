"""Command-line options are checked, progress is honest, and there is a --version (issue 11, item 10).

Year filters outside 1800..next year or in the wrong order, and unknown --format values, are usage errors
(exit 2 with a message) on every command; a progress bar without a known total shows a count, not "0/?".
"""

from __future__ import annotations

import datetime as dt
from importlib.metadata import version
from pathlib import Path

import pytest
from typer.testing import CliRunner

from medcite.cli import app

runner = CliRunner()
NEXT_YEAR = dt.date.today().year + 1


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {
        "MEDCITE_HOME": str(tmp_path / "home"),
        "MEDCITE_DENSE": "false",
        "MEDCITE_DATABASE_URL": "",
        "MEDCITE_PUBMED_ONLINE": "false",
    }


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["search", "asthma", "--since", "3000"], ["--since", "3000"]),
        (["search", "asthma", "--until", "1700"], ["--until", "1700"]),
        (["search", "asthma", "--since", "2015", "--until", "2010"], ["2015", "2010"]),
        (["search", "asthma", "--since", str(NEXT_YEAR + 1)], [str(NEXT_YEAR + 1)]),
        (["ask", "Does aspirin prevent stroke?", "--since", "3000"], ["--since", "3000"]),
        (["stats", "--format", "nonsense"], ["--format", "nonsense"]),
        (["verify", "Aspirin helps.", "--text", "Aspirin helped.", "--format", "nonsense"], ["nonsense"]),
    ],
)
def test_bad_options_are_usage_errors(env: dict[str, str], args: list[str], words: list[str]) -> None:
    r = runner.invoke(app, args, env=env)
    assert r.exit_code == 2, r.output
    assert "Traceback" not in r.output and "error:" in r.output
    for w in words:
        assert w in r.output


def test_year_bounds_that_are_fine(env: dict[str, str]) -> None:
    for args in (["--since", "1800"], ["--until", str(NEXT_YEAR)], ["--since", "2010", "--until", "2010"]):
        r = runner.invoke(app, ["search", "asthma", *args], env=env)
        assert r.exit_code == 0, r.output


def test_progress_shows_a_count_without_a_total(env: dict[str, str], shared: Path) -> None:
    record = str(shared / "medline_sample" / "pubmed-29768149.xml")
    r = runner.invoke(app, ["ingest", record], env=env)
    assert r.exit_code == 0, r.output
    assert "storing" in r.stderr and "/?" not in r.stderr
    assert "1 records" in r.stderr


def test_version() -> None:
    r = runner.invoke(app, ["--version"])
    assert r.exit_code == 0
    assert r.stdout.strip() == f"medcite {version('medcite')}"
