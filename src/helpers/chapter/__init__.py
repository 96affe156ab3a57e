"""Layer `chapter`: one chapter's content (the model, its parts, its exports), fit to
publish; no file reading. Imports `disclosure`, `figures`, `inputs` and `core`."""
