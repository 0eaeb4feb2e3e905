"""Gate: quote attribution (span + speaker) on the held-out part of the events gold set."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from marsad.eval.events import analyse, score, split
from marsad.eval.events_data import load_validated


def test_gate_quotes_heldout_attribution(
    shared_data: Path, check_floor: Callable[[str, float], None]
) -> None:
    gold, texts = load_validated(shared_data)
    _, held = split(gold)
    docs = analyse(gold, texts)
    scores = score(gold, texts, docs, held)
    speaker, span = scores.quotes_speaker, scores.quotes_span
    assert speaker.n_gold > 0 and speaker.tp <= span.tp
    check_floor("quotes_heldout_speaker_precision", speaker.p)
    check_floor("quotes_heldout_speaker_recall", speaker.r)
    check_floor("quotes_heldout_span_f1", span.f1)


def test_gate_quotes_fresh_attribution(
    shared_data: Path, check_floor: Callable[[str, float], None]
) -> None:
    """The batch-2 held-out articles (``split == "heldout"``), on which nothing was tuned."""
    gold, texts = load_validated(shared_data)
    fresh = {a.article_id for a in gold.articles if a.split == "heldout"}
    assert fresh
    docs = analyse(gold, texts)
    speaker = score(gold, texts, docs, fresh).quotes_speaker
    assert speaker.n_gold > 0
    check_floor("quotes_fresh_speaker_precision", speaker.p)
    check_floor("quotes_fresh_speaker_recall", speaker.r)
