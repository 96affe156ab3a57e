"""What a reader gets does not change by accident: the text of every built page of the
sample, each chapter and its annex, is compared with the recorded text in
tests/data/golden/pages/.

The text is what the page says (tags dropped, `data-figure`/`data-value` kept, images and
chart SVGs by their alt text, build times blanked). A deliberate change records the new
text with `R4V_RECORD_GOLDEN=1 pytest tests/e2e/test_unchanged_pages.py`, and the diff is reviewed
in the commit like any other change.
"""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from helpers.core.geography import chapter_scopes

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("publication")]

RECORD = os.environ.get("R4V_RECORD_GOLDEN") == "1"


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "script", "svg"):
            self.skip += 1
        a = dict(attrs)
        if tag == "img":
            self.parts.append(f"[img alt={a.get('alt')}]")
        if tag == "svg" and self.skip == 1:  # a chart: by its name, as an image
            self.parts.append(f"[img alt={a.get('aria-label')}]")
        if "data-value" in a and a.get("data-figure"):
            self.parts.append(f"[{a.get('data-figure')}={a['data-value']}]")

    def handle_endtag(self, tag):
        if tag in ("style", "script", "svg"):
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def page_text(path: Path) -> str:
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    text = " ".join(" ".join(parser.parts).split())
    # when it was built: `29 November 2026, 23:08 UTC` (`formatting.fmt_timestamp`)
    text = re.sub(r"\d{1,2} [A-Z][a-z]+ \d{4}, \d{2}:\d{2} UTC", "<TIME>", text)
    return text.replace(". ", ".\n") + "\n"


@pytest.mark.parametrize("page", ["", "-annex"], ids=["chapter", "annex"])
@pytest.mark.parametrize("scope", chapter_scopes())
def test_page_text_is_the_recorded_text(sample_publication, project_root, scope, page):
    golden = project_root / "tests" / "data" / "golden" / "pages" / f"{scope}{page}.txt"
    text = page_text(sample_publication / f"{scope}{page}.html")
    if RECORD:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert golden.is_file(), f"no recorded text for {scope}: run with R4V_RECORD_GOLDEN=1"
    assert text == golden.read_text(encoding="utf-8")
