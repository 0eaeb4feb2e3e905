"""Gate: extractive summaries on EASC (102 articles x 5 references), ROUGE-2 against baselines.

All methods get the same budget (the mean length of the article's references) and the same
ROUGE (match_key folding + Light10 light stemming).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from marsad.eval.summaries import evaluate, read_easc


def test_gate_summaries_easc(shared_data: Path, check_floor: Callable[[str, float], None]) -> None:
    results = {r.method: r for r in evaluate(read_easc(shared_data / "summarization/easc"))}
    ours, lead, textrank = results["marsad"], results["lead"], results["textrank"]
    check_floor("summaries_easc_rouge1_f", ours.rouge1_f)
    check_floor("summaries_easc_rouge2_f", ours.rouge2_f)
    check_floor("summaries_easc_rougeL_f", ours.rougeL_f)
    check_floor("summaries_easc_rouge2_margin_over_lead", ours.rouge2_f - lead.rouge2_f)
    check_floor("summaries_easc_rouge2_margin_over_textrank", ours.rouge2_f - textrank.rouge2_f)
