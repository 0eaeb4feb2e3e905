"""Gate: story clustering on the hand-labelled ANT week (threshold chosen on its dev days).

The articles go through the pipeline stages stories use (linked entities, times, events). A
second figure withholds the publication date of a quarter of the held-out articles (and the
years it resolved): undated articles must still find their story.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from marsad.eval.stories import evaluate
from marsad.eval.stories_data import ANT_ARCHIVE


def test_gate_stories_bcubed(shared_data: Path, check_floor: Callable[[str, float], None]) -> None:
    result = evaluate(shared_data / ANT_ARCHIVE)
    held = result["heldout"]
    undated = result["heldout_quarter_undated"]
    assert held.bcubed.f1 > result["heldout_singletons_bcubed_f1"]
    assert undated.bcubed.f1 > result["heldout_singletons_bcubed_f1"]
    check_floor("stories_heldout_bcubed_f1", held.bcubed.f1)
    check_floor("stories_heldout_quarter_undated_bcubed_f1", undated.bcubed.f1)
