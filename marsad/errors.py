"""One exception hierarchy for marsad, and the typed rejection a bad document becomes."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "ConfigError",
    "IngestError",
    "MarsadError",
    "PipelineError",
    "Rejection",
    "StageError",
    "StoreError",
]


class MarsadError(Exception):
    """Base class of every error marsad raises on purpose."""


class ConfigError(MarsadError):
    """A configuration or argument that cannot be used (says which value and why)."""


class PipelineError(ConfigError):
    """A pipeline that cannot be built: an unknown stage or an unmet requirement."""


class IngestError(MarsadError):
    """An input that cannot be read as a document.

    ``source`` names the file or URL, ``reason`` says what was wrong with it.
    """

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class StageError(MarsadError):
    """A stage could not process one document; the batch goes on without it."""

    def __init__(self, stage: str, reason: str) -> None:
        super().__init__(f"stage {stage}: {reason}")
        self.stage = stage
        self.reason = reason


class StoreError(MarsadError):
    """The store cannot be opened or written (wrong schema version, corrupt file, ...)."""


@dataclass(frozen=True, slots=True)
class Rejection:
    """An input or document that was left out of a run, with the stage and the reason."""

    source: str
    stage: str
    reason: str
    document: str | None = None

    def __str__(self) -> str:
        return f"{self.source}: rejected at {self.stage}: {self.reason}"
