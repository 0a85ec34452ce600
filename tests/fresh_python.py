"""A fresh Python process running the package from this checkout, its bytecode (and the
files ``compile_cache`` keeps beside it) under a folder of the test's own."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

PLUGINS = Path(__file__).resolve().parent.parent / "plugins"


def run_report(code: str, prefix: Path, *, dont_write: bool = False) -> dict[str, Any]:
    """Run ``code`` with ``PYTHONPYCACHEPREFIX`` at ``prefix``; the JSON of its last line.

    ``PYTHONDONTWRITEBYTECODE`` is set only with ``dont_write`` (else removed, as a user's
    Python has it).
    """
    env = {**os.environ, "PYTHONPYCACHEPREFIX": str(prefix), "PYTHONPATH": str(PLUGINS)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if dont_write:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    report: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return report
