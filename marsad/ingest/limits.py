"""Bounds for ingestion (sizes, timeouts, counts) and the helpers every reader shares."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from marsad import __version__
from marsad.errors import ConfigError, Rejection

__all__ = ["DEFAULT_USER_AGENT", "STAGE", "Limits", "os_reason", "reject", "utc_now"]

#: The stage name every ingest rejection carries.
STAGE = "ingest"

DEFAULT_USER_AGENT = f"marsad/{__version__} (offline-first Arabic news analysis; Python-urllib)"


@dataclass(frozen=True, slots=True)
class Limits:
    """How far ingestion may go on one input before it gives up on it.

    Attributes:
        max_bytes: largest file, response body or JSON Lines line read (default 20 MiB); a file
            is checked with ``stat`` before it is opened, a response while it is read.
        timeout: seconds for connecting and for each read from the network.
        total_timeout: seconds one fetch may take from the request to the last byte.
        max_redirects: redirects followed per fetch.
        max_feed_items: items of one RSS/Atom feed that are fetched.
        max_files: files read from one directory argument (the rest become one rejection).
        user_agent: the ``User-Agent`` header sent with every request.

    Raises:
        ConfigError: a bound that is not positive.

    Example:
        >>> Limits(max_bytes=1024).timeout
        10.0
    """

    max_bytes: int = 20 * 1024 * 1024
    timeout: float = 10.0
    total_timeout: float = 60.0
    max_redirects: int = 5
    max_feed_items: int = 100
    max_files: int = 1_000_000
    user_agent: str = DEFAULT_USER_AGENT

    def __post_init__(self) -> None:
        for name in ("max_bytes", "max_feed_items", "max_files"):
            value = getattr(self, name)
            if not isinstance(value, int) or value <= 0:
                raise ConfigError(f"Limits.{name} must be a positive integer, not {value!r}")
        for name in ("timeout", "total_timeout"):
            value = getattr(self, name)
            if not isinstance(value, int | float) or value <= 0:
                raise ConfigError(f"Limits.{name} must be a positive number, not {value!r}")
        if not isinstance(self.max_redirects, int) or self.max_redirects < 0:
            raise ConfigError(
                f"Limits.max_redirects must be a non-negative integer, not {self.max_redirects!r}"
            )
        if not self.user_agent.strip():
            raise ConfigError("Limits.user_agent must not be empty")


def utc_now() -> str:
    """The current time as UTC ISO 8601 with seconds, e.g. ``2025-11-11T08:30:00Z``."""
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def reject(source: str, reason: str) -> Rejection:
    """A rejection at the ingest stage."""
    return Rejection(source, STAGE, reason)


def os_reason(exc: OSError) -> str:
    """The reason of an OS error in lower case, e.g. ``permission denied``."""
    return exc.strerror.lower() if exc.strerror else str(exc)
