"""Finding messages fit to publish: a small count of people in an annex message is a
small count like any other."""

from __future__ import annotations

import re

from ..core.findings import Finding
from .suppression import is_small, mask

_NUMBER = re.compile(r"(?<![\w.])[+-]?\d+(?:[.,]\d+)?(?![\w.])")
_QUOTED = re.compile(r"('[^']*')")


def redact_small_numbers(message: str, k: int) -> str:
    """Numbers whose size is a small count (0 < |n| < k) become `<k`, outside quoted values."""

    def sub(m: re.Match) -> str:
        try:
            v = abs(float(m.group(0).replace(",", ".")))
        except ValueError:
            return m.group(0)
        return f"<{k}" if 0 < v < k else m.group(0)

    parts = _QUOTED.split(message)
    return "".join(p if i % 2 else _NUMBER.sub(sub, p) for i, p in enumerate(parts))


def publish_finding(f: Finding, k: int) -> dict:
    """A finding as the annex prints it: a small people count shows as `<k`, in the count
    and in the message of findings about people."""
    people: float | str | None = f.people
    if is_small(people, k):
        people = mask(people, k)
    message = redact_small_numbers(f.message, k) if f.people is not None else f.message
    return {
        "check": f.check,
        "severity": f.severity,
        "file": f.file,
        "row": f.row,
        "column": f.column,
        "country": f.country,
        "people": people,
        "message": message,
    }
