"""The domain, the composer and the non-terminal renderers load without rich, textstat or NLTK."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = ("rich", "textstat", "nltk")
LIGHT = (
    "medcite.domain",
    "medcite.compose",
    "medcite.present.json_contract",
    "medcite.present.markdown",
    "medcite.present.html",
)


@pytest.mark.parametrize("module", LIGHT)
def test_light_import(module: str) -> None:
    code = (
        "import sys, importlib\n"
        f"importlib.import_module({module!r})\n"
        f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"importing {module} loaded {out.stdout.strip()}"


def test_terminal_imports_rich() -> None:
    code = "import sys\nimport medcite.present.terminal\nprint('rich' in sys.modules)\n"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"
