"""Layer `figures`: pure computation by METHOD.md (reach, partners, funding, targets,
lessons, quality checks, the figures document). Imports `inputs` and `core` only."""
