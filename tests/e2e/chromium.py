"""The headless Chromium the browser test opens the pages in (`make browser` installs it
from Debian): the pages are read as a reader's browser reads them, and checked with
axe-core. The PDFs do not need it (Typst typesets them)."""

from __future__ import annotations

import os
from pathlib import Path

# Debian's headless shell first (Chromium's old headless mode, the one Playwright's own
# headless runs), the full browser where only it is installed.
BROWSERS = (Path("/usr/bin/chromium-headless-shell"), Path("/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def find_chromium(environ=os.environ) -> Path:
    """`$R4V_CHROMIUM`, else the first of `BROWSERS` installed (the first when none is, so
    that the failure names what `make browser` installs)."""
    if environ.get("R4V_CHROMIUM"):
        return Path(environ["R4V_CHROMIUM"])
    return next((b for b in BROWSERS if b.is_file()), BROWSERS[0])


CHROMIUM = find_chromium()
