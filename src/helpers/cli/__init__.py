"""Layer `cli`: `r4v-report`: parses arguments, calls `batch`, `figures` or `sample`.
The top of the house: imports any layer."""
