"""Gate: story clustering on the hand-labelled ANT week (threshold chosen on its dev days)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from marsad.eval.stories import evaluate
from marsad.eval.stories_data import ANT_ARCHIVE


def test_gate_stories_bcubed(shared_data: Path, check_floor: Callable[[str, float], None]) -> None:
    result = evaluate(shared_data / ANT_ARCHIVE)
    held = result["heldout"]
    assert held.bcubed.f1 > result["heldout_singletons_bcubed_f1"]
    check_floor("stories_heldout_bcubed_f1", held.bcubed.f1)
