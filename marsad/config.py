"""Configuration: the pipeline's stages in order, and where the store lives.

The order of stages comes from here (or a user's TOML file), never from import order.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from marsad.errors import ConfigError

__all__ = ["DEFAULT_DB", "DEFAULT_STAGES", "Config", "load_config"]

#: the default pipeline, in order
DEFAULT_STAGES: tuple[str, ...] = (
    "clean",
    "segment",
    "ner",
    "pubdate",
    "times",
    "quantities",
    "link",
    "quotes",
    "events",
)
DEFAULT_DB = Path("marsad.db")


@dataclass(frozen=True, slots=True)
class Config:
    stages: tuple[str, ...] = DEFAULT_STAGES
    db: Path = DEFAULT_DB


def load_config(path: Path | None) -> Config:
    """The configuration in the TOML file ``path`` (``[pipeline] stages = [...]``, ``db = ...``).

    Raises:
        ConfigError: the file cannot be read or has a wrong type of value.
    """
    if path is None:
        return Config()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read configuration ({exc})") from exc
    pipeline = data.get("pipeline", {})
    stages = pipeline.get("stages", list(DEFAULT_STAGES))
    if not isinstance(stages, list) or not all(isinstance(s, str) for s in stages):
        raise ConfigError(
            f"{path}: [pipeline] stages must be a list of stage names, got {stages!r}"
        )
    db = data.get("db", str(DEFAULT_DB))
    if not isinstance(db, str):
        raise ConfigError(f"{path}: db must be a path string, got {db!r}")
    return Config(tuple(stages), Path(db))
