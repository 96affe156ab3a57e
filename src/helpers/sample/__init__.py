"""`sample`: the seeded synthetic dataset generator. Imports `inputs` and `core` only:
it writes files the way real exports look, computing nothing."""
