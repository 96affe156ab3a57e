"""Marking text for translation where it is written, below the layer that translates it.

Lower layers write English messages as templates with named placeholders and mark them
with `N_`, so that Babel's extractor finds them; `present` looks each one up in the
edition's catalogue and fills it with values formatted for that language.
"""

from __future__ import annotations


def N_(message: str) -> str:  # noqa: N802 - the gettext convention Babel looks for
    """A message to translate later: returned as it is."""
    return message
