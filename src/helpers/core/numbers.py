"""What counts as a number in published data."""

from __future__ import annotations

import math


def finite_number(value) -> float | None:
    """A finite number, or None (missing, NaN, infinity, a hidden token such as `<5`, text)."""
    if value is None or isinstance(value, (str, bool)):
        return None
    try:
        v = float(value)
    except (TypeError, ValueError):
        return None
    return v if math.isfinite(v) else None
