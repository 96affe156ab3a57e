"""Layer `inputs`: files -> Dataset (manifest, readers, dialects, 5W, references, FTS,
narratives, the snapshot). Imports `core` only."""
