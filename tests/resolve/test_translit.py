"""The transliterator's decoder on hand-built models: context backoff, letter model, pruning."""

from __future__ import annotations

from typing import Any

import pytest

from marsad.resolve.translit import evaluate, prune, train, transliterate, transliterate_word


def _model(chunks: dict[str, Any], lm: dict[str, int] | None = None) -> dict[str, Any]:
    return {"chunks": chunks, "lm": lm or {}}


@pytest.mark.parametrize(
    ("chunks", "expected"),
    [
        # the widest context present wins over the letter alone
        ({"ب": [["b", 0.0]], "^بب$|5": [["x", 0.0]], "^بب$|5s": [["p", 0.0]]}, "px"),
        ({"ب": [["b", 0.0]], "^بب|4l": [["p", 0.0]], "بب$": [["q", 0.0]]}, "pq"),
        # a one-side context backs off to the letter
        ({"ب": [["b", 0.0]]}, "bb"),
        # a v1 table (best chunk only, as strings) still decodes
        ({"ب": "ba"}, "baba"),
    ],
)
def test_translit_context_backoff(chunks: dict[str, Any], expected: str) -> None:
    assert transliterate_word("بب", _model(chunks), lm_weight=0.0) == expected


def test_translit_letter_model_picks_the_vowel() -> None:
    chunks = {"ب": [["ba", -0.7], ["bo", -0.69]]}
    # without the letter model the (slightly) more likely chunk wins; with it, the vowel the
    # Latin names prefer after "b" does
    lm = {"#": 100, "a": 60, "o": 5, "b": 40, "#b": 40, "ba": 39, "bo": 1}
    assert transliterate_word("ب", _model(chunks), lm_weight=0.0) == "bo"
    assert transliterate_word("ب", _model(chunks, lm), lm_weight=1.0) == "ba"


def test_translit_prune_drops_redundant_contexts() -> None:
    chunks = {
        "ب": [["b", 0.0], ["p", -3.0], ["v", -4.0]],
        "^ب": [["b", -0.05]],
        "^ب$": [["b", -0.1]],
        "اب$": [["p", -0.1]],
    }
    m = prune(_model(chunks, {"ab": 1, "ba": 5}))
    assert "^ب$" not in m["chunks"] and "اب$" in m["chunks"]
    assert len(m["chunks"]["ب"]) == 2 and m["lm"] == {"ba": 5}


def test_translit_train_learns_and_decodes() -> None:
    pairs = [("بابا", "baba"), ("ماما", "mama"), ("باما", "bama"), ("مابا", "maba")] * 3
    model = train(pairs)
    assert transliterate_word("بابا", model) == "baba"
    assert evaluate(pairs, model)["exact"] == 1.0


@pytest.mark.parametrize(("name", "words"), [("", 0), ("رسلان زيلديباي", 2), ("موسكو", 1)])
def test_translit_transliterate_capitalises_words(name: str, words: int) -> None:
    out = transliterate(name)
    assert len(out.split()) == words and all(w[0].isupper() for w in out.split())
