"""Quality gates: metrics on the shared labelled data, pinned to floors in floors.json.

Gates read ``../shared/data`` (or ``$MARSAD_SHARED/data``) and fail, not skip, when it is
missing: CI always has it. ``MARSAD_GATE_UPDATE=1`` raises a floor to the measured value; it never
lowers one.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

FLOORS = Path(__file__).with_name("floors.json")
REPO = Path(__file__).resolve().parents[2]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if Path(str(item.fspath)).parent == Path(__file__).parent:
            item.add_marker(pytest.mark.gate)


@pytest.fixture(scope="session")
def shared_data() -> Path:
    root = Path(os.environ.get("MARSAD_SHARED", REPO.parent / "shared")) / "data"
    if not root.is_dir():
        pytest.fail(f"quality gates need the shared data at {root} (set MARSAD_SHARED)")
    return root


@pytest.fixture(scope="session")
def check_floor() -> Callable[[str, float], None]:
    """``check_floor(name, measured)`` fails when ``measured`` is below the pinned floor."""

    def check(name: str, measured: float) -> None:
        data = json.loads(FLOORS.read_text(encoding="utf-8"))
        floors: dict[str, float] = data["floors"]
        if name not in floors:
            pytest.fail(f"no floor pinned for {name!r} in {FLOORS} (measured {measured:.4f})")
        floor = floors[name]
        print(f"gate {name}: measured {measured:.4f}, floor {floor:.4f}")
        assert measured >= floor - 1e-9, f"{name}: {measured:.4f} is below its floor {floor:.4f}"
        if os.environ.get("MARSAD_GATE_UPDATE") == "1" and measured > floor:
            floors[name] = round(measured - 0.0005, 4)
            FLOORS.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", "utf-8")

    return check
