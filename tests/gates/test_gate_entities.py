"""Gate: entity linking and cross-document clustering on the annotated events set.

Gold: the actors, targets, locations and named/role speakers of the 41 non-sample articles of
``marsad/eval/data/events`` (see ``marsad/eval/data/entities/README.md``); texts from the shared
corpora. The default pipeline (NER model, knowledge-base linker) and the corpus resolution run
as in ``marsad analyze``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from marsad.eval.entities import run


def test_gate_entities(shared_data: Path, check_floor: Callable[[str, float], None]) -> None:
    scores, _ = run(shared_data)
    check_floor("entities_link_precision", scores.link_p)
    check_floor("entities_link_recall", scores.link_r)
    check_floor("entities_pair_f1", scores.pair_f1)
