"""Layer `core`: what every layer shares (errors, findings, names and keys, geography,
columns, paths, files, checksums). Imports nothing of the package."""
