"""A rebuild with nothing changed is the command officers run most; it must not pay for
pandas, matplotlib or Typst, which only computing, drawing or typesetting needs."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("pandas", "matplotlib", "scipy", "jinja2", "typst")


def test_the_build_module_imports_nothing_heavy():
    code = (
        "import sys, helpers.batch.build, helpers.cli.main; "
        f"print(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.split() == []
