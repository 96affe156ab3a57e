"""Layer `batch`: running chapters (papermill, the kernel pool, fingerprints, staging and
swap, Dask). Imports `present` and every layer below it."""

from .startup import defer_iri_grammars

# before anything here imports papermill (so nbformat, so jsonschema): see startup.py
defer_iri_grammars()
