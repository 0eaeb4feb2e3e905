"""marsad.extract.by_sentence against the per-sentence filters it replaces."""

from __future__ import annotations

import random

from marsad.extract.by_sentence import in_sentences, last_ending_before
from marsad.model import EntityMention, Sentence


def test_grouping_and_last_person_equal_the_linear_filters() -> None:
    rng = random.Random(7)
    for _ in range(200):
        cuts = sorted(rng.sample(range(1, 200), 12))
        # sentences with gaps between some of them, as after a dropped line
        sentences = [
            Sentence(a + rng.randint(0, 2), b) for a, b in zip([0, *cuts[:-1]], cuts, strict=True)
        ]
        spans = [sorted(rng.sample(range(0, 205), 2)) for _ in range(rng.randint(0, 30))]
        items = [EntityMention(a, b, "x", "PERSON") for a, b in spans]  # in no particular order
        grouped = in_sentences(items, sentences)
        for s, got in zip(sentences, grouped, strict=True):
            assert got == [m for m in items if s.start <= m.start < s.end]
        offsets = [s.start for s in sentences]
        for off, got_m in zip(offsets, last_ending_before(items, offsets), strict=True):
            before = [m for m in items if m.end <= off]
            assert got_m == (before[-1] if before else None)
