"""Layer `disclosure`: small numbers (METHOD.md "Small numbers"): suppression of every
published count, complements, and the audit. Imports `figures` and `core` only."""

from .suppression import (
    COMPLEMENT,
    DEFAULT_K,
    DisclosureWarning,
    Suppression,
    assert_no_small_counts,
    is_hidden,
    is_small,
    mask,
    suppress_figures,
    suppress_figures_report,
    suppress_frame,
    suppress_frame_report,
    suppress_values,
    suppress_values_report,
)

__all__ = [
    "COMPLEMENT",
    "DEFAULT_K",
    "DisclosureWarning",
    "Suppression",
    "assert_no_small_counts",
    "is_hidden",
    "is_small",
    "mask",
    "suppress_figures",
    "suppress_figures_report",
    "suppress_frame",
    "suppress_frame_report",
    "suppress_values",
    "suppress_values_report",
]
