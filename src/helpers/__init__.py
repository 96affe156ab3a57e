"""R4V sector chapter helpers."""

__version__ = "0.1.0"
