"""The shipped sample's figures document, through disclosure control: it has small counts,
and none is published."""

from __future__ import annotations

import pytest

from helpers.disclosure import assert_no_small_counts, suppress_figures_report
from helpers.figures.analysis import Analysis


def test_sample_figures_publish_no_small_counts(sample_dataset):
    dataset = sample_dataset
    doc = Analysis(dataset).figures()
    result = suppress_figures_report(doc, dataset.manifest.min_count)
    assert_no_small_counts(result.published, dataset.manifest.min_count)
    with pytest.raises(AssertionError):
        assert_no_small_counts(doc, dataset.manifest.min_count)  # the sample has small counts
    assert result.unprotected == ()
