"""Layer `batch`: running chapters (papermill, the kernel pool, fingerprints, staging and
swap, Dask). Imports `present` and every layer below it."""
