"""Data files shipped with marsad: lexicons, the knowledge base, models.

JSON lexicons are read through :func:`load_json`, once per file, so two components that use one
file (the event roles and their dual subjects both read ``events/roles.json``) share one parse.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any

from marsad.errors import ConfigError

__all__ = ["load_json"]


@cache
def load_json(folder: str, name: str) -> Mapping[str, Any]:
    """The JSON object in ``marsad/resources/<folder>/<name>``, parsed once.

    Raises:
        ConfigError: the file is not JSON or holds no object (the message names the file).

    Example:
        >>> "triggers" in load_json("events", "triggers.json")
        True
    """
    path = resources.files("marsad.resources").joinpath(f"{folder}/{name}")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise ConfigError(f"{path}: not JSON ({exc})") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected an object")
    return data
