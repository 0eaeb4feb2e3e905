"""The transliterator on toy models: training, backoff between histories, letters kept."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from marsad.resolve.translit import evaluate, train, transliterate, transliterate_word

_CONSONANTS = {"ب": "b", "م": "m", "ر": "r", "س": "s", "ت": "t", "ك": "k"}


def _toy_pairs() -> list[tuple[str, str]]:
    """Two- and three-consonant names, each consonant with its vowel; the ا writes ``a``."""
    pairs = []
    for (a1, l1), (a2, l2) in itertools.product(_CONSONANTS.items(), repeat=2):
        pairs += [(a1 + "ا" + a2, l1 + "a" + l2), (a1 + a2, l1 + "a" + l2)]
    for (a1, l1), (a2, l2), (a3, l3) in list(itertools.product(_CONSONANTS.items(), repeat=3))[::7]:
        pairs.append((a1 + a2 + a3, l1 + "a" + l2 + "a" + l3))
    return pairs * 2


def test_translit_train_learns_and_decodes() -> None:
    pairs = [("بابا", "baba"), ("ماما", "mama"), ("باما", "bama"), ("مابا", "maba")] * 3
    model = train(pairs)
    assert transliterate_word("بابا", model) == "baba"
    assert evaluate(pairs, model)["exact"] == 1.0


def test_translit_train_is_deterministic() -> None:
    assert train(_toy_pairs()) == train(_toy_pairs())


def test_translit_writes_every_consonant() -> None:
    # words the toy model never saw (four consonants): each consonant still writes its letter,
    # none is dropped for a shorter, likelier spelling
    model = train(_toy_pairs())
    for word in ["".join(w) for w in itertools.product("بمرس", "تك", "رب", "سم")]:
        out = transliterate_word(word, model)
        letters = [c for c in out if c not in "aeiou"]
        assert letters == [_CONSONANTS[c] for c in word], (word, out)


def _model(ngrams: dict[str, list[Any]]) -> dict[str, Any]:
    units = [["^", ""], ["$", ""], ["ب", "b"], ["ب", "p"]]
    return {"order": 2, "units": units, "ngrams": ngrams}


@pytest.mark.parametrize(
    ("ngrams", "expected"),
    [
        # no history known: the likelier unit alone
        ({"": [0.0, [1, -1.0, 2, -0.5, 3, -2.0]]}, "bb"),
        # after the word's start (unit 0) "p" is likelier; after "b" the model backs off
        ({"": [0.0, [1, -1.0, 2, -0.5, 3, -2.0]], "0": [-0.1, [3, -0.1]]}, "pb"),
        # after "p" the backoff weight makes the end of the word cheaper than another "b"
        (
            {
                "": [0.0, [1, -1.0, 2, -0.5, 3, -2.0]],
                "0": [-0.1, [3, -0.1]],
                "3": [-5.0, [3, -0.2, 1, -0.1]],
            },
            "pp",
        ),
    ],
)
def test_translit_backs_off_to_shorter_histories(
    ngrams: dict[str, list[Any]], expected: str
) -> None:
    assert transliterate_word("بب", _model(ngrams)) == expected


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: transliterate_word("بب", beam=0), "beam must be at least 1"),
        (lambda: train([("بب", "bb")], order=1), "order must be at least 2"),
        (lambda: train([("بب", "bb")], rounds=0), "rounds must be at least 1"),
    ],
)
def test_translit_rejects_bad_arguments(call: Any, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call()


@pytest.mark.parametrize(("name", "words"), [("", 0), ("رسلان زيلديباي", 2), ("موسكو", 1)])
def test_translit_transliterate_capitalises_words(name: str, words: int) -> None:
    out = transliterate(name)
    assert len(out.split()) == words and all(w[0].isupper() for w in out.split())
