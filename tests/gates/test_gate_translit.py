"""Gate: the Arabic -> Latin name transliterator on held-out name pairs.

Held out: wikidata-translit wd_arabic_20 + ANETAC EN-AR Translit test (the model is trained on
wd_arabic_80 + ANETAC train).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from marsad.resolve.translit import evaluate, load_pairs


def test_gate_translit(shared_data: Path, check_floor: Callable[[str, float], None]) -> None:
    scores = evaluate(load_pairs(shared_data / "names", "test"))
    check_floor("translit_exact", scores["exact"])
    check_floor("translit_one_minus_cer", 1.0 - scores["cer"])
