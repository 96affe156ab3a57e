"""Layer `inputs`: files -> Dataset (manifest, readers, dialects, 5W, references, FTS,
narratives, the snapshot), and fetching funding from FTS/HDX into files. Imports `core` only."""
