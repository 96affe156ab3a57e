"""Analysts' text per chapter: Markdown split into sections, placeholders filled from figures."""

from __future__ import annotations

import re
import string
from pathlib import Path

from ..core.errors import InputError
from ..core.geography import REGION, resolve_scope
from .tables import display_name

SECTIONS = {
    "situation": "situation",
    "response": "response",
    "lessons learned": "lessons",
    "lessons": "lessons",
}
PLACEHOLDERS = {
    "reached": "people reached in the scope",
    "reached_excluding_in_transit": "people reached, in-transit excluded",
    "in_destination": "people reached in destination",
    "in_transit": "people reached in transit",
    "host_community": "host-community members reached",
    "pendular": "pendular people reached",
    "colombian_returnees": "Colombian returnees reached",
    "target": "people targeted",
    "percent_of_target": "people reached as % of target",
    "reporting_partners": "reporting partners",
    "implementing_partners": "implementing partners",
    "refugee_migrant_led_partners": "refugee- and migrant-led implementing partners",
    "donors": "donors",
    "funding_usd": "budget received (USD)",
    "funding_as_of": "as-of date of the funding extract",
    "scope": "the chapter's scope name",
    "period": "the reporting period",
}
_HEADING = re.compile(r"^##\s+(.+?)\s*#*\s*$")


def placeholders_in(text: str) -> list[str]:
    """Names of `{placeholders}` in a text; `{{` and `}}` are literal braces."""
    try:
        return [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]
    except ValueError as exc:
        raise ValueError(f"unbalanced braces ({exc})") from exc


def split_sections(text: str, file: str) -> dict[str, str]:
    """`## Situation`, `## Response`, `## Lessons learned` -> their text."""
    sections: dict[str, list[str]] = {}
    current = None
    for line in text.splitlines():
        m = _HEADING.match(line)
        if m:
            key = SECTIONS.get(" ".join(m.group(1).casefold().split()))
            if key is None:
                raise InputError(
                    f"unknown section heading '{m.group(1)}'",
                    file=file,
                    expected="## Situation, ## Response or ## Lessons learned",
                )
            current = key
            sections.setdefault(current, [])
            continue
        if current is not None:
            sections[current].append(line)
    return {k: "\n".join(v).strip() for k, v in sections.items()}


def load_narratives(paths: list[Path], base: Path) -> dict[str, dict[str, str]]:
    """scope -> section -> Markdown text, with every placeholder checked against the list."""
    out: dict[str, dict[str, str]] = {}
    root = Path(base).resolve()
    for folder in paths:
        files = sorted(folder.glob("*.md")) if folder.is_dir() else [folder]
        for f in files:
            name = display_name(f, base)
            real = f.resolve()
            if real != root and root not in real.parents:
                raise InputError(
                    "narrative file leads outside the dataset folder (a symlink?)",
                    file=f"{Path(folder).name}/{f.name}" if folder.is_dir() else f.name,
                    expected="a Markdown file inside the dataset folder",
                )
            if not real.is_file():
                continue
            scope = REGION if f.stem.casefold() in {"region", "regional"} else resolve_scope(f.stem)
            if scope is None:
                raise InputError(
                    f"narrative file name '{f.stem}' is not a chapter scope",
                    file=name,
                    expected="region.md, a platform id or an ISO3 code",
                )
            try:
                text = f.read_text(encoding="utf-8-sig")
            except UnicodeDecodeError as exc:
                raise InputError("narrative is not UTF-8 text", file=name) from exc
            sections = split_sections(text, name)
            for section, body in sections.items():
                for line in body.splitlines():
                    try:
                        names = placeholders_in(line)
                    except ValueError as exc:
                        raise InputError(str(exc), file=name, column=section) from exc
                    for placeholder in names:
                        if placeholder not in PLACEHOLDERS:
                            raise InputError(
                                f"unknown placeholder '{{{placeholder}}}' in section '{section}'",
                                file=name,
                                expected="one of " + ", ".join(sorted(PLACEHOLDERS)),
                            )
            out[scope] = sections
    return out
