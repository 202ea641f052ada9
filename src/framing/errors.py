"""Error types raised by framing.

Every error message says what was found, what was expected and the likely fix, so that a user
running a batch job unattended can act on the log line alone.
"""
from __future__ import annotations


class FramingError(Exception):
    """Base class for all errors framing raises on purpose."""


class ConfigError(FramingError, ValueError):
    """A configuration value or key is invalid."""


class DataError(FramingError, ValueError):
    """Input or training data is malformed (bad row, missing column, unknown label, ...)."""


class ModelLoadError(FramingError, OSError):
    """A model directory is missing a file, is corrupt, unsafe, or from an unknown format version."""
